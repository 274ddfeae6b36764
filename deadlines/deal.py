"""Deal files: a TOML description of an offer (regimes, dates, chosen times, amendments, relief).

See ``examples/serono-genset-2002.toml`` for a complete file. Unknown keys are errors, with the line
they are on, so a typo never silently drops a fact; so is a value of the wrong type (a string where a
list is expected is never read letter by letter).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from .checks import DealProblem, build_deal
from .errors import DeadlinesError, DealFileError
from .model import Amendment, Deal, ExpiryTime, Leg, LocalTime, Observed, Relief, Subsequent
from .text import N_, Items, Msg, Translations, plain
from .timeutil import END_OF_DAY, WallTime, offset_text, parse_date, parse_local
from .tomllines import TomlLines
from .zones import display_zone, market_zone

T = TypeVar("T")

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

# What a value must be, by kind: the message for a key at the top level of the file, and in a table.
EXPECTED = {
    "string": (
        N_("'{key}' must be a string, not {value}"),
        N_("'{key}' in [{section}] must be a string, not {value}"),
    ),
    "strings": (
        N_("'{key}' must be a list of strings, not {value}"),
        N_("'{key}' in [{section}] must be a list of strings, not {value}"),
    ),
    # One string where a list is expected: the list it should be.
    "list": (
        N_("'{key}' must be a list, such as [{value}]"),
        N_("'{key}' in [{section}] must be a list, such as [{value}]"),
    ),
    "boolean": (
        N_("'{key}' must be true or false, not {value}"),
        N_("'{key}' in [{section}] must be true or false, not {value}"),
    ),
}

_TOML_WHERE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


@dataclass
class _Table:
    """A table of the file: its name ("" for the top level) and, in an array of tables, which entry (0: the
    first ``[[name]]``)."""

    name: str = ""
    entry: int | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def section(self) -> str:
        """What goes between the brackets of its header: ``expiry``, or ``[amendment]`` for ``[[amendment]]``."""
        return self.name if self.entry is None else f"[{self.name}]"


class _EnglishDetail(Msg):
    """A message followed, where it is shown in English, by a library's own English ``detail`` (tomllib's
    description of a syntax error): no catalog has those words, so a translated message goes without."""

    def render(self, translations: Translations, value: Callable[[Any], str]) -> str:
        text = super().render(translations, value)
        if translations.gettext(self.template) != self.template:
            return text
        return f"{text} ({value(self.params['detail'])})"


class _Reader:
    """Typed access to the tables of a deal file: a value of the wrong type, or one its parser rejects, is a
    :class:`DealFileError` at the line of its key, found inside its own table."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.where = path, TomlLines(text)

    def fail(
        self, detail: str | Msg, table: _Table | None = None, key: str | None = None, /, **params: Any
    ) -> DealFileError:
        """The error for ``detail`` (a template with ``params``, or a message), at the line of ``key`` in
        ``table`` (without a key: of the table's header)."""
        line = self.line(table, key) if table is not None else None
        return DealFileError(self.path, Msg(detail, **params) if isinstance(detail, str) else detail, line)

    def line(self, table: _Table, key: str | None = None) -> int | None:
        """The 1-based line of ``key`` between the table's header and the next one (or of the header)."""
        return self.where.find(table.name, table.entry, key)

    def keys(self, table: _Table, allowed: set[str]) -> None:
        for key in table.data:
            if key not in allowed:
                template = (
                    N_("unknown key '{key}' in [{section}] (known: {known})")
                    if table.name
                    else N_("unknown key '{key}' at the top level (known: {known})")
                )
                known = Items(sorted(allowed), "comma")
                raise self.fail(template, table, key, key=key, section=table.section, known=known)

    def wrong(self, table: _Table, key: str, kind: str, value: Any) -> DealFileError:
        """The error for a value that is not of ``kind`` (see :data:`EXPECTED`)."""
        template = EXPECTED[kind][1 if table.name else 0]
        return self.fail(template, table, key, key=key, section=table.section, value=_toml(value))

    def text(self, table: _Table, key: str) -> str | None:
        value = table.data.get(key)
        if value is None or isinstance(value, str):
            return value
        raise self.wrong(table, key, "string", value)

    def texts(self, table: _Table, key: str) -> list[str]:
        value = table.data.get(key, [])
        if isinstance(value, str):
            raise self.wrong(table, key, "list", value)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.wrong(table, key, "strings", value)
        return value

    def flag(self, table: _Table, key: str) -> bool:
        value = table.data.get(key, False)
        if isinstance(value, bool):
            return value
        raise self.wrong(table, key, "boolean", value)

    def check(self, table: _Table, key: str, parse: Callable[[str], T], text: str) -> T:
        """``parse(text)``, the value of ``key``: what it rejects is an error at the key's line."""
        try:
            return parse(text)
        except DeadlinesError as exc:
            raise self.fail(exc.msg, table, key) from None

    def parsed(self, table: _Table, key: str, parse: Callable[[str], T]) -> T | None:
        """The string at ``key`` read by ``parse``; None when there is none."""
        text = self.text(table, key)
        return None if text is None else self.check(table, key, parse, text)

    def day(self, table: _Table, key: str) -> date | None:
        value = table.data.get(key)
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        if isinstance(value, str):
            return self.check(table, key, parse_date, value)
        raise self.fail("'{key}' must be a date (YYYY-MM-DD)", table, key, key=key)

    def table(self, top: _Table, key: str) -> _Table | None:
        value = top.data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail("'{key}' must be a table ([{key}])", top, key, key=key)
        return _Table(key, None, value)

    def tables(self, top: _Table, key: str) -> list[_Table]:
        value = top.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail("'{key}' must be an array of tables ([[{key}]])", top, key, key=key)
        return [_Table(key, n, item) for n, item in enumerate(value)]

    def when(
        self, table: _Table, default_zone: str, default_wall: WallTime | None = None
    ) -> tuple[LocalTime | None, ExpiryTime | None]:
        """A chosen instant (date + time) or, with no date, the wall time for the earliest-day search."""
        self.text(table, "note")  # kept nowhere, but checked
        where = self.parsed(table, "zone", market_zone) or default_zone
        at = self.parsed(table, "at", parse_local)
        wall = self.parsed(table, "time", WallTime.parse) or default_wall
        day = self.day(table, "date")
        if at is not None:
            for other in ("date", "time"):
                if other in table.data:
                    raise self.fail("'at' gives the date and the time: leave out '{key}'", table, other, key=other)
            local = LocalTime(at[0], at[1], where, at[2])
            self.check(table, "at", lambda _: local.instant(), "")  # a wrong offset: at its line
            return local, None
        if day is not None:
            local = LocalTime(day, wall or END_OF_DAY, where)
            self.check(table, "time" if "time" in table.data else "date", lambda _: local.instant(), "")
            return local, None
        if wall is None and "zone" in table.data:  # a zone alone sets nothing: never dropped in silence
            raise self.fail("'zone' alone sets no time: add 'date', 'time' or both", table, "zone")
        return None, ExpiryTime(wall, where) if wall else None


def _regime(name: str) -> str:
    """``name``, checked to be a regime we have the rulebook of (or an error suggesting the closest)."""
    from .rules import get_rulebook

    get_rulebook(name)
    return name


def _syntax_error(path: str, text: str, exc: tomllib.TOMLDecodeError) -> DealFileError:
    """tomllib's error at its line and column; its words, English only, only in an English message."""
    message = str(exc)
    match = _TOML_WHERE.search(message)
    if match and match[1]:
        line, column = int(match[1]), int(match[2])
    else:  # at the end of the document: just after its last character
        end = len(text.rstrip())
        line, column = text.count("\n", 0, end) + 1, end - text.rfind("\n", 0, end)
    detail = message[: match.start()] if match else message
    return DealFileError(path, _EnglishDetail(N_("not valid TOML"), detail=detail), line, column)


def parse_deal(text: str, path: str = "<deal>") -> Deal:
    """The deal the TOML ``text`` describes (``path`` names it in errors), checked as a whole."""
    if not isinstance(text, str):
        raise DealFileError(path, Msg(N_("a deal is TOML text (a str), not {value}"), value=type(text).__name__))
    text = text.removeprefix("\ufeff")
    reader = _Reader(path, text)
    try:
        top = _Table(data=tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, text, exc) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise DealFileError(path, Msg(N_("its arrays or tables are nested too deeply"))) from None
    reader.keys(top, TOP)
    legs: list[Leg] = []
    for offer in reader.tables(top, "offer"):
        reader.keys(offer, OFFER)
        reader.text(offer, "note")  # kept nowhere, but checked
        regime = reader.parsed(offer, "regime", _regime)
        given = [k for k in ("start", "commence", "open") if k in offer.data]
        if len(given) > 1:  # two names for day 1 are two answers: neither is taken silently
            raise reader.fail(
                "'{key}' and '{other}' both give the day the offer starts: keep one",
                offer,
                given[1],
                key=given[0],
                other=given[1],
            )
        key = given[0] if given else "start"
        start = reader.day(offer, key)
        if regime is None or start is None:
            raise reader.fail("each [[offer]] needs 'regime' and 'start' (or 'commence' / 'open')", offer)
        if any(leg.regime == regime for leg in legs):
            raise reader.fail("regime '{regime}' is given twice", offer, "regime", regime=regime)
        legs.append(Leg(regime, start))
    if not legs:
        raise reader.fail("no [[offer]]: a deal needs at least one regime")
    from .rules import get_rulebook

    first_zone = get_rulebook(legs[0].regime).zone
    expiry = expiry_time = None
    if (table := reader.table(top, "expiry")) is not None:
        reader.keys(table, EXPIRY)
        expiry, expiry_time = reader.when(table, first_zone)
    extended = []
    for item in reader.tables(top, "extended"):
        reader.keys(item, EXTENDED)
        if "date" not in item.data and "at" not in item.data:
            raise reader.fail("[[extended]] needs 'date' (the expiry that was scheduled, then extended)", item)
        if expiry is None:
            raise reader.fail("[[extended]] needs the [expiry] the offer was extended to (with its date)", item)
        at, _ = reader.when(item, expiry.zone, expiry.wall)
        assert at is not None
        extended.append(at)
    subsequent = None
    if (table := reader.table(top, "subsequent")) is not None:
        reader.keys(table, SUBSEQUENT)
        sub_expiry, sub_time = reader.when(table, first_zone)
        subsequent = Subsequent(reader.day(table, "start"), sub_expiry, sub_time)
    amendments = []
    for item in reader.tables(top, "amendment"):
        reader.keys(item, AMENDMENT)
        kind, day = reader.text(item, "kind"), reader.day(item, "date")
        regime, note = reader.text(item, "regime"), reader.text(item, "note") or ""
        if kind is None or day is None:
            raise reader.fail("[[amendment]] needs 'kind' and 'date'", item)
        try:
            amendments.append(Amendment(kind, day, regime, note))
        except DeadlinesError as exc:  # an unknown kind
            raise reader.fail(exc.msg, item, "kind") from None
    observed = []
    for item in reader.tables(top, "observed"):
        reader.keys(item, OBSERVED)
        event, day = reader.text(item, "event"), reader.day(item, "date")
        wall, where = reader.parsed(item, "time", WallTime.parse), reader.parsed(item, "zone", display_zone)
        approximate, source = reader.flag(item, "approximate"), reader.text(item, "source") or ""
        if event is None or day is None:
            raise reader.fail("[[observed]] needs 'event' and 'date'", item)
        observed.append(Observed(event, day, wall, where, approximate, source))
    relief = []
    for item in reader.tables(top, "relief"):
        reader.keys(item, RELIEF)
        regime, rules = reader.text(item, "regime"), reader.texts(item, "rules")
        citation, note = reader.text(item, "citation"), reader.text(item, "note") or ""
        if regime is None or "rules" not in item.data or citation is None:
            raise reader.fail("[[relief]] needs 'regime', 'rules' and 'citation'", item)
        relief.append(Relief(regime, tuple(rules), citation, note))
    name, options, notes = reader.text(top, "name") or "", reader.texts(top, "options"), reader.texts(top, "notes")
    show = [reader.check(top, "show", display_zone, zone_name) for zone_name in reader.texts(top, "show")]
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
        raise reader.fail(exc.msg, _Table(exc.section, exc.index), exc.key) from None
    except DeadlinesError as exc:
        raise DealFileError(path, exc.msg) from None


MAX_FILE_BYTES = 1024 * 1024  # a deal file is a page of text; anything bigger is not one


def load_deal(path: str | Path) -> Deal:
    """Read a deal file; every problem becomes a :class:`DealFileError` with the file (and line)."""
    return parse_deal(read_text_file(path), str(path))


def read_text_file(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """The text of the UTF-8 file ``path``, refused (:class:`DealFileError`) unless it is a regular file of at
    most ``limit`` bytes: a FIFO, a device (``/dev/zero``) or a socket is never opened for reading, so it
    can neither block nor fill the memory. Used for deal files and any other file a user names as input."""
    import os
    import stat

    from .errors import file_kind

    name = str(path)
    try:
        mode = os.stat(name).st_mode  # a socket cannot even be opened: say what it is
        if not stat.S_ISREG(mode):
            raise DealFileError(name, Msg(N_("cannot read: {reason}"), reason=file_kind(mode)))
        # O_NONBLOCK: a FIFO put in the file's place after the check does not block the open.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DealFileError(name, Msg(N_("no such file"))) from None
    except OSError as exc:
        raise DealFileError(name, Msg(N_("cannot read: {reason}"), reason=_why(exc))) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DealFileError(name, Msg(N_("cannot read: {reason}"), reason=file_kind(info.st_mode)))
        if info.st_size > limit:
            raise DealFileError(name, _too_big(limit))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:  # it grew since fstat
            raise DealFileError(name, _too_big(limit))
        return data.decode("utf-8").removeprefix("\ufeff")  # the byte-order mark Windows editors write
    except (OSError, UnicodeDecodeError) as exc:
        raise DealFileError(name, Msg(N_("cannot read: {reason}"), reason=_why(exc))) from None
    finally:
        os.close(fd)


def _too_big(limit: int) -> Msg:
    return Msg(N_("it is larger than {size} MiB: too large for a deal file"), size=max(1, limit // (1024 * 1024)))


def _why(exc: OSError | UnicodeDecodeError) -> Msg | str:
    """Why a file cannot be read, in words (the system's own words for the rarer reasons)."""
    from .errors import os_reason

    if isinstance(exc, UnicodeDecodeError):
        byte = f"0x{exc.object[exc.start]:02X}"
        return Msg(N_("it is not UTF-8 text (byte {byte} at position {position})"), byte=byte, position=exc.start)
    return os_reason(exc)


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
    """``value`` as TOML writes it: a string (JSON's string escapes are valid TOML basic strings), an array,
    an inline table, or a number, boolean or date (to show a value of the wrong type as it was written)."""
    import json

    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return plain(value)
