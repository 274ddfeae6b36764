"""Deal files: a TOML description of an offer (regimes, dates, chosen times, amendments, relief).

See ``examples/serono-genset-2002.toml`` for a complete file. Unknown keys are errors, with the line
they are on, so a typo never silently drops a fact; so is a value of the wrong type (a string where a
list is expected is never read letter by letter).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .checks import DealProblem, build_deal
from .errors import DeadlinesError, DealFileError
from .model import Amendment, Deal, ExpiryTime, Leg, LocalTime, Observed, Relief, Subsequent
from .text import N_, Msg
from .timeutil import END_OF_DAY, WallTime, offset_text, parse_local
from .tomlfile import Table, TomlFile, read_text_file, toml_value
from .zones import display_zone, market_zone

if TYPE_CHECKING:
    from pathlib import Path

TOP = {
    "name",
    "offer",
    "expiry",
    "extended",
    "subsequent",
    "amendment",
    "observed",
    "relief",
    "show",
    "options",
    "notes",
}
OFFER = {"regime", "start", "commence", "open", "note"}
EXPIRY = {"date", "time", "zone", "at", "note"}
SUBSEQUENT = EXPIRY | {"start"}
AMENDMENT = {"kind", "date", "regime", "note"}
EXTENDED = {"date", "time", "zone", "at"}
OBSERVED = {"event", "date", "time", "zone", "approximate", "source"}
RELIEF = {"regime", "rules", "citation", "note"}


def _chosen(
    table: Table, default_zone: str, default_wall: WallTime | None = None
) -> tuple[LocalTime | None, ExpiryTime | None]:
    """A chosen instant (date + time) or, with no date, the wall time for the earliest-day search."""
    table.string("note")  # kept nowhere, but checked
    where = table.parsed("zone", market_zone) or default_zone
    at = table.parsed("at", parse_local)
    wall = table.parsed("time", WallTime.parse) or default_wall
    day = table.day("date")
    if at is not None:
        for other in ("date", "time"):
            if other in table.data:
                raise table.fail(N_("'at' gives the date and the time: leave out '{key}'"), other, key=other)
        local = LocalTime(at[0], at[1], where, at[2])
        table.check("at", lambda _: local.instant(), "")  # a wrong offset: at its line
        return local, None
    if day is not None:
        local = LocalTime(day, wall or END_OF_DAY, where)
        table.check("time" if "time" in table.data else "date", lambda _: local.instant(), "")
        return local, None
    if wall is None and "zone" in table.data:  # a zone alone sets nothing: never dropped in silence
        raise table.fail(N_("'zone' alone sets no time: add 'date', 'time' or both"), "zone")
    return None, ExpiryTime(wall, where) if wall else None


def _regime(name: str) -> str:
    """``name``, checked to be a regime we have the rulebook of (or an error suggesting the closest)."""
    from .rules import get_rulebook

    get_rulebook(name)
    return name


def parse_deal(text: str, path: str = "<deal>") -> Deal:
    """The deal the TOML ``text`` describes (``path`` names it in errors), checked as a whole."""
    if not isinstance(text, str):
        raise DealFileError(path, Msg(N_("a deal is TOML text (a str), not {value}"), value=type(text).__name__))
    file = TomlFile(path, text.removeprefix("\ufeff"))
    try:
        top = Table(file, file.loads())
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise DealFileError(path, Msg(N_("its arrays or tables are nested too deeply"))) from None
    top.keys(TOP)
    legs: list[Leg] = []
    for offer in top.tables("offer"):
        offer.keys(OFFER)
        offer.string("note")  # kept nowhere, but checked
        regime = offer.parsed("regime", _regime)
        given = [k for k in ("start", "commence", "open") if k in offer.data]
        if len(given) > 1:  # two names for day 1 are two answers: neither is taken silently
            raise offer.fail(
                N_("'{key}' and '{other}' both give the day the offer starts: keep one"),
                given[1],
                key=given[0],
                other=given[1],
            )
        key = given[0] if given else "start"
        start = offer.day(key)
        if regime is None or start is None:
            raise offer.fail(N_("each [[offer]] needs 'regime' and 'start' (or 'commence' / 'open')"))
        if any(leg.regime == regime for leg in legs):
            raise offer.fail(N_("regime '{regime}' is given twice"), "regime", regime=regime)
        legs.append(Leg(regime, start))
    if not legs:
        raise top.fail(N_("no [[offer]]: a deal needs at least one regime"))
    from .rules import default_expiry, get_rulebook

    # A time without a zone is read in the deal's usual expiry zone, whatever the order of its offers.
    first_zone = default_expiry(get_rulebook(leg.regime) for leg in legs).zone
    expiry = expiry_time = None
    if (table := top.table("expiry")) is not None:
        table.keys(EXPIRY)
        expiry, expiry_time = _chosen(table, first_zone)
    extended = []
    for item in top.tables("extended"):
        item.keys(EXTENDED)
        if "date" not in item.data and "at" not in item.data:
            raise item.fail(N_("[[extended]] needs 'date' (the expiry that was scheduled, then extended)"))
        if expiry is None:
            raise item.fail(N_("[[extended]] needs the [expiry] the offer was extended to (with its date)"))
        at, _ = _chosen(item, expiry.zone, expiry.wall)
        assert at is not None
        extended.append(at)
    subsequent = None
    if (table := top.table("subsequent")) is not None:
        table.keys(SUBSEQUENT)
        sub_expiry, sub_time = _chosen(table, first_zone)
        subsequent = Subsequent(table.day("start"), sub_expiry, sub_time)
    amendments = []
    for item in top.tables("amendment"):
        item.keys(AMENDMENT)
        kind, day = item.string("kind"), item.day("date")
        regime, note = item.string("regime"), item.string("note") or ""
        if kind is None or day is None:
            raise item.fail(N_("[[amendment]] needs 'kind' and 'date'"))
        try:
            amendments.append(Amendment(kind, day, regime, note))
        except DeadlinesError as exc:  # an unknown kind
            raise item.fail(exc.msg, "kind") from None
    observed = []
    for item in top.tables("observed"):
        item.keys(OBSERVED)
        event, day = item.string("event"), item.day("date")
        wall, where = item.parsed("time", WallTime.parse), item.parsed("zone", display_zone)
        approximate, source = bool(item.flag("approximate")), item.string("source") or ""
        if event is None or day is None:
            raise item.fail(N_("[[observed]] needs 'event' and 'date'"))
        observed.append(Observed(event, day, wall, where, approximate, source))
    relief = []
    for item in top.tables("relief"):
        item.keys(RELIEF)
        regime, rules = item.string("regime"), item.strings("rules")
        citation, note = item.string("citation"), item.string("note") or ""
        if regime is None or "rules" not in item.data or citation is None:
            raise item.fail(N_("[[relief]] needs 'regime', 'rules' and 'citation'"))
        relief.append(Relief(regime, tuple(rules), citation, note))
    name, options, notes = top.string("name") or "", top.strings("options"), top.strings("notes")
    show = [top.check("show", display_zone, zone_name) for zone_name in top.strings("show")]
    try:
        return build_deal(
            legs=legs,
            name=name,
            expiry=expiry,
            expiry_time=expiry_time,
            extended=extended,
            subsequent=subsequent,
            amendments=amendments,
            observed=observed,
            relief=relief,
            show_zones=show,
            options=set(options),
            notes=notes,
        )
    except DealProblem as exc:  # a check of the deal as a whole (checks.py), at the line it is about
        raise Table(file, {}, exc.section, exc.index).fail(exc.msg, exc.key) from None
    except DeadlinesError as exc:
        raise DealFileError(path, exc.msg) from None


def load_deal(path: str | Path) -> Deal:
    """Read a deal file; every problem becomes a :class:`DealFileError` with the file (and line)."""
    return parse_deal(read_text_file(path), str(path))


def dump_deal(deal: Deal) -> str:
    """The deal as a deal file that :func:`parse_deal` reads back to the same deal (used by ``tui`` to save).

    >>> from datetime import date
    >>> from deadlines.model import Leg
    >>> print(dump_deal(Deal([Leg("us-14d", date(2026, 5, 4))], name="Acme")), end="")
    name = "Acme"
    <BLANKLINE>
    [[offer]]
    regime = "us-14d"
    start = 2026-05-04
    """
    out = top_lines(deal)
    for header, lines in deal_tables(deal):
        out += ["", header, *lines]
    return "\n".join(out).lstrip("\n") + "\n"


def top_lines(deal: Deal) -> list[str]:
    """The keys at the top of a deal file (before its first table), as :func:`dump_deal` writes them."""
    out: list[str] = []
    if deal.name:
        out.append(f"name = {toml_value(deal.name)}")
    if deal.show_zones:
        out.append(f"show = {toml_value(deal.show_zones)}")
    if deal.options:
        out.append(f"options = {toml_value(sorted(deal.options))}")
    if deal.notes:
        out.append(f"notes = {toml_value(deal.notes)}")
    return out


def deal_tables(deal: Deal) -> list[tuple[str, list[str]]]:
    """Each table of the deal's file (its header, its lines), in the order :func:`dump_deal` writes them."""
    out = [("[[offer]]", leg_lines(leg)) for leg in deal.legs]
    if deal.expiry or deal.expiry_time:
        out.append(("[expiry]", when_lines(deal.expiry, deal.expiry_time)))
    out += [("[[extended]]", when_lines(at, None)) for at in deal.extended]
    if deal.subsequent is not None:
        out.append(("[subsequent]", subsequent_lines(deal.subsequent)))
    out += [("[[amendment]]", amendment_lines(amendment)) for amendment in deal.amendments]
    out += [("[[observed]]", observed_lines(obs)) for obs in deal.observed]
    out += [("[[relief]]", relief_lines(relief)) for relief in deal.relief]
    return out


def leg_lines(leg: Leg) -> list[str]:
    return _lines(regime=leg.regime, start=leg.start)


def subsequent_lines(sub: Subsequent) -> list[str]:
    out = _lines(start=sub.start)
    if sub.expiry or sub.expiry_time:
        out += when_lines(sub.expiry, sub.expiry_time)
    return out


def amendment_lines(amendment: Amendment) -> list[str]:
    return _lines(kind=amendment.kind, date=amendment.day, regime=amendment.regime, note=amendment.note)


def observed_lines(obs: Observed) -> list[str]:
    wall = str(obs.wall) if obs.wall else None
    return _lines(
        event=obs.event, date=obs.day, time=wall, zone=obs.zone, approximate=obs.approximate, source=obs.source
    )


def relief_lines(relief: Relief) -> list[str]:
    return _lines(regime=relief.regime, rules=list(relief.rules), citation=relief.citation, note=relief.note)


def _lines(**values: object) -> list[str]:
    """``key = value`` for each value given, in order; None, "" and false are left out (they are the default)."""
    return [f"{key} = {toml_value(value)}" for key, value in values.items() if value not in (None, "", False)]


def when_lines(at: LocalTime | None, wall: ExpiryTime | None) -> list[str]:
    """A chosen time's keys: ``date``, ``time``, ``zone``; ``at`` with its offset; ``time`` and ``zone`` alone."""
    if at is not None:
        lines = [f"date = {at.day.isoformat()}", f"time = {toml_value(str(at.wall))}", f"zone = {toml_value(at.zone)}"]
        if at.offset is not None:
            # The offset picks one of two instants on a fall-back night: written as 'at' to keep it.
            return [f"at = {toml_value(at_text(at))}", f"zone = {toml_value(at.zone)}"]
        return lines
    assert wall is not None
    return [f"time = {toml_value(str(wall.wall))}", f"zone = {toml_value(wall.zone)}"]


def at_text(at: LocalTime) -> str:
    """``2002-10-27 01:30-04:00``: the value of ``at`` (the offset only when the time has one)."""
    offset = "" if at.offset is None else offset_text(at.offset)
    return f"{at.day.isoformat()} {at.wall}{offset}"
