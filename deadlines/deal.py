"""Deal files: a TOML description of an offer (regimes, dates, chosen times, amendments, relief).

See ``examples/serono-genset-2002.toml`` for a complete file. Unknown keys are errors, with the line
they are on, so a typo never silently drops a fact.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from .errors import DeadlinesError, DealFileError
from .model import Amendment, Deal, ExpiryTime, Leg, LocalTime, Observed, Relief, Subsequent
from .text import N_, Items, Msg
from .timeutil import WallTime, offset_text, parse_date, parse_local

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


class _Reader:
    def __init__(self, path: str, text: str) -> None:
        self.path, self.text = path, text

    def fail(self, detail: str | Msg, key: str | None = None, /, **params: Any) -> DealFileError:
        """The error for ``detail`` (a template with ``params``, or a message), at the line of ``key``."""
        line = None
        if key:
            match = re.search(rf"^\s*{re.escape(key)}\s*=", self.text, re.M) or re.search(
                rf"^\s*\[+\s*{re.escape(key)}\s*\]+", self.text, re.M
            )
            if match:
                line = self.text.count(chr(10), 0, match.start()) + 1
        return DealFileError(self.path, Msg(detail, **params) if isinstance(detail, str) else detail, line)

    def keys(self, table: dict[str, Any], allowed: set[str], section: str) -> None:
        for key in table:
            if key not in allowed:
                raise self.fail(
                    "unknown key '{key}' in [{section}] (known: {known})",
                    key,
                    key=key,
                    section=section,
                    known=Items(sorted(allowed), "comma"),
                )

    def day(self, value: Any, key: str) -> date:
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return parse_date(value)
            except DeadlinesError as exc:
                raise self.fail(exc.msg, key) from None
        raise self.fail("'{key}' must be a date (YYYY-MM-DD)", key, key=key)

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail("'{key}' must be a table ([{key}])", key, key=key)
        return value

    def tables(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail("'{key}' must be an array of tables ([[{key}]])", key, key=key)
        return value

    def local(
        self, table: dict[str, Any], section: str, default_zone: str
    ) -> tuple[LocalTime | None, ExpiryTime | None]:
        """A chosen instant (date + time) or, with no date, the wall time for the earliest-day search."""
        zone = table.get("zone", default_zone)
        try:
            if "at" in table:
                day, wall, offset = parse_local(str(table["at"]))
                return LocalTime(day, wall, zone, offset), None
            at = WallTime.parse(str(table["time"])) if "time" in table else None
            if "date" in table:
                return LocalTime(self.day(table["date"], "date"), at or WallTime(24, 0), zone), None
            return None, ExpiryTime(at, zone) if at else None
        except DeadlinesError as exc:
            raise self.fail("[{section}] {detail}", section, section=section, detail=exc.msg) from None


def parse_deal(text: str, path: str = "<deal>") -> Deal:
    reader = _Reader(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DealFileError(path, Msg(N_("not valid TOML: {detail}"), detail=str(exc))) from None
    reader.keys(data, TOP, "top level")
    legs = []
    for offer in reader.tables(data, "offer"):
        reader.keys(offer, OFFER, "offer")
        start = offer.get("start", offer.get("commence", offer.get("open")))
        if "regime" not in offer or start is None:
            raise reader.fail("each [[offer]] needs 'regime' and 'start' (or 'commence' / 'open')", "offer")
        legs.append(Leg(str(offer["regime"]), reader.day(start, "start")))
    if not legs:
        raise reader.fail("no [[offer]]: a deal needs at least one regime")
    from .rules import get_rulebook

    first_zone = get_rulebook(legs[0].regime).zone
    expiry = expiry_time = None
    if (table := reader.table(data, "expiry")) is not None:
        reader.keys(table, EXPIRY, "expiry")
        expiry, expiry_time = reader.local(table, "expiry", first_zone)
    extended = []
    for item in reader.tables(data, "extended"):
        reader.keys(item, EXTENDED, "extended")
        if "date" not in item and "at" not in item:
            raise reader.fail("[[extended]] needs 'date' (the expiry that was scheduled, then extended)", "extended")
        wall = expiry.wall if expiry is not None else None
        at, _ = reader.local(
            {"time": str(wall), **item} if wall else item, "extended", expiry.zone if expiry else first_zone
        )
        assert at is not None
        extended.append(at)
    if extended and expiry is None:
        raise reader.fail("[[extended]] needs the [expiry] the offer was extended to (with its date)", "extended")
    subsequent = None
    if (table := reader.table(data, "subsequent")) is not None:
        reader.keys(table, SUBSEQUENT, "subsequent")
        sub_expiry, sub_time = reader.local(table, "subsequent", first_zone)
        start = reader.day(table["start"], "start") if "start" in table else None
        subsequent = Subsequent(start, sub_expiry, sub_time)
    amendments = []
    for item in reader.tables(data, "amendment"):
        reader.keys(item, AMENDMENT, "amendment")
        try:
            amendments.append(
                Amendment(str(item["kind"]), reader.day(item["date"], "date"), item.get("regime"), item.get("note", ""))
            )
        except KeyError as missing:
            raise reader.fail("[[amendment]] needs {key}", "amendment", key=str(missing)) from None
        except DeadlinesError as exc:
            raise reader.fail(exc.msg, "kind") from None
    observed = []
    for item in reader.tables(data, "observed"):
        reader.keys(item, OBSERVED, "observed")
        if "event" not in item or "date" not in item:
            raise reader.fail("[[observed]] needs 'event' and 'date'", "observed")
        wall = WallTime.parse(item["time"]) if "time" in item else None
        observed.append(
            Observed(
                item["event"],
                reader.day(item["date"], "date"),
                wall,
                item.get("zone"),
                bool(item.get("approximate", False)),
                item.get("source", ""),
            )
        )
    relief = []
    for item in reader.tables(data, "relief"):
        reader.keys(item, RELIEF, "relief")
        if "regime" not in item or "rules" not in item or "citation" not in item:
            raise reader.fail("[[relief]] needs 'regime', 'rules' and 'citation'", "relief")
        relief.append(Relief(item["regime"], tuple(item["rules"]), item["citation"], item.get("note", "")))
    return Deal(
        legs=legs,
        name=str(data.get("name", "")),
        expiry=expiry,
        expiry_time=expiry_time,
        extended=extended,
        subsequent=subsequent,
        amendments=amendments,
        observed=observed,
        relief=relief,
        show_zones=list(data.get("show", [])),
        options=set(data.get("options", [])),
        notes=list(data.get("notes", [])),
    )


def load_deal(path: str | Path) -> Deal:
    """Read a deal file; every problem becomes a :class:`DealFileError` with the file (and line)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DealFileError(str(p), Msg(N_("no such file"))) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DealFileError(str(p), Msg(N_("cannot read: {reason}"), reason=exc.__class__.__name__)) from None
    return parse_deal(text, str(p))


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
    out: list[str] = []
    if deal.name:
        out.append(f"name = {_toml(deal.name)}")
    if deal.show_zones:
        out.append(f"show = {_toml(deal.show_zones)}")
    if deal.options:
        out.append(f"options = {_toml(sorted(deal.options))}")
    if deal.notes:
        out.append(f"notes = {_toml(deal.notes)}")
    for leg in deal.legs:
        out += ["", "[[offer]]", f"regime = {_toml(leg.regime)}", f"start = {leg.start.isoformat()}"]
    if deal.expiry or deal.expiry_time:
        out += ["", "[expiry]", *_when(deal.expiry, deal.expiry_time)]
    for at in deal.extended:
        out += ["", "[[extended]]", *_when(at, None)]
    if deal.subsequent is not None:
        sub = deal.subsequent
        out += ["", "[subsequent]"]
        if sub.start:
            out.append(f"start = {sub.start.isoformat()}")
        out += _when(sub.expiry, sub.expiry_time)
    for amendment in deal.amendments:
        out += ["", "[[amendment]]", f"kind = {_toml(amendment.kind)}", f"date = {amendment.day.isoformat()}"]
        if amendment.regime:
            out.append(f"regime = {_toml(amendment.regime)}")
        if amendment.note:
            out.append(f"note = {_toml(amendment.note)}")
    for obs in deal.observed:
        out += ["", "[[observed]]", f"event = {_toml(obs.event)}", f"date = {obs.day.isoformat()}"]
        if obs.wall:
            out.append(f"time = {_toml(str(obs.wall))}")
        if obs.zone:
            out.append(f"zone = {_toml(obs.zone)}")
        if obs.approximate:
            out.append("approximate = true")
        if obs.source:
            out.append(f"source = {_toml(obs.source)}")
    for relief in deal.relief:
        out += ["", "[[relief]]", f"regime = {_toml(relief.regime)}", f"rules = {_toml(list(relief.rules))}"]
        out.append(f"citation = {_toml(relief.citation)}")
        if relief.note:
            out.append(f"note = {_toml(relief.note)}")
    return "\n".join(out).lstrip("\n") + "\n"


def _when(at: LocalTime | None, wall: ExpiryTime | None) -> list[str]:
    if at is not None:
        lines = [f"date = {at.day.isoformat()}", f"time = {_toml(str(at.wall))}", f"zone = {_toml(at.zone)}"]
        if at.offset is not None:
            # The offset picks one of two instants on a fall-back night: written as 'at' to keep it.
            at_text = f"{at.day.isoformat()} {at.wall}{offset_text(at.offset)}"
            return [f"at = {_toml(at_text)}", f"zone = {_toml(at.zone)}"]
        return lines
    assert wall is not None
    return [f"time = {_toml(str(wall.wall))}", f"zone = {_toml(wall.zone)}"]


def _toml(value: Any) -> str:
    """A TOML string or array of strings (JSON's string escapes are valid TOML basic strings)."""
    import json

    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)
