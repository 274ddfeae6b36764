"""Writes :mod:`deadlines.shipped_data`, the compiled form of the shipped calendars and rulebooks:
``python -m deadlines.shipped_build``, after changing a calendar or rulebook file, or the code that reads
them (``tests/test_shipped.py`` fails while the module is out of date).

Every value comes from the TOML path itself (:func:`~deadlines.calendars.loader.load_calendar_data` and
:func:`~deadlines.rules.schema.load_rulebook`): a calendar's final facts (its closures, early closes and
notices as :class:`~deadlines.calendars.base.RuleCalendar` holds them, dates as ordinals, names and sources
as indexes into one list of strings), a rulebook's values as :mod:`deadlines.rules.schema` passes them, and
the bytes of every file each was read from, which :mod:`deadlines.shipped` compares before using it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path
from typing import Any

from .rules.model import Rule

PACKAGE = Path(__file__).resolve().parent
DATA_MODULE = PACKAGE / "shipped_data.py"

# The keyword arguments deadlines.rules.schema gives Rule: every field of the record but the two only a
# version sets (in_force, optional), so a field added to Rule is compiled without a second list to keep.
RULE_FIELDS = tuple(name for name in Rule._fields if name not in ("in_force", "optional"))


class _Strings:
    """The list of distinct names and sources, each written once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))


class _Flat(tuple[int, ...]):
    """Records of ``size`` numbers in one flat tuple (fewer objects to load than a tuple each), written a
    record a line."""

    size: int

    def __new__(cls, size: int, records: Iterator[tuple[int, ...]]) -> _Flat:
        out = super().__new__(cls, (value for record in records for value in record))
        out.size = size
        return out


def _hm(value: time | None) -> tuple[int, int] | None:
    return None if value is None else (value.hour, value.minute)


def _calendar_files(cal_id: str) -> tuple[str, ...]:
    """The calendar's file and those of the calendars it is the ``same_as`` of, relative to the package."""
    import tomllib

    from .calendars import DATA

    out: list[str] = []
    while cal_id and f"calendars/data/{cal_id}.toml" not in out:
        out.append(f"calendars/data/{cal_id}.toml")
        cal_id = tomllib.loads(Path(DATA, f"{cal_id}.toml").read_text(encoding="utf-8")).get("same_as", "")
    return tuple(out)


def _facts(cal_id: str, strings: _Strings) -> dict[str, Any]:
    """Everything :class:`RuleCalendar` is built from but its id and name, as it holds them after building."""
    from .calendars.loader import load_calendar_data

    cal = load_calendar_data(cal_id).build()
    return {
        "zone": cal.zone,
        "first": cal.first.toordinal(),
        "last": cal.last.toordinal(),
        "open": _hm(cal.open),
        "close": _hm(cal.close),
        "source": cal.source,
        "weekend": cal.weekend,
        "sessions": tuple((s.start.toordinal(), _hm(s.open), _hm(s.close), s.source) for s in cal.session_hours),
        "secondary": tuple((s.until.toordinal(), s.source) for s in cal.secondary),
        "closures": _Flat(
            5,
            (
                (c.day.toordinal(), strings(c.name), strings(c.source), strings(c.kind), int(c.observed))
                for day in cal.closures
                for c in cal.closures[day]
            ),
        ),
        "early_closes": _Flat(
            5,
            (
                (e.day.toordinal(), e.close.hour, e.close.minute, strings(e.name), strings(e.source))
                for e in cal.early_closes.values()
            ),
        ),
        "notices": _Flat(
            4,
            ((n.day.toordinal(), strings(n.name), strings(n.source), strings(n.policy)) for n in cal.notices.values()),
        ),
    }


def _rule(rule: Any) -> dict[str, Any]:
    """A rule's values as schema passes them: dates as ordinals, a time as (hour, minute)."""
    out = {name: getattr(rule, name) for name in RULE_FIELDS}
    out["time"] = None if rule.time is None else (rule.time.hour, rule.time.minute)
    if rule.option is not None:
        since = rule.option.since
        out["option"] = (rule.option.name, None if since is None else since.toordinal())
    out["versions"] = tuple(
        {k: v.toordinal() if k in ("since", "until") else v for k, v in version.items()} for version in rule.versions
    )
    for version in out["versions"]:
        assert all(not isinstance(v, date) for v in version.values())
    return out


def _rulebook(regime: str) -> dict[str, Any]:
    from .rules import _HERE
    from .rules.schema import load_rulebook

    book = load_rulebook(os.path.join(_HERE, f"{regime}.toml"), f"{regime}.toml")
    return {
        "files": (f"rules/{regime}.toml",),
        "book": {
            "id": book.id,
            "title": book.title,
            "calendar": book.calendar,
            "settlement_calendar": book.settlement_calendar,
            "zone": book.zone,
            "start": book.start,
            "expiry": book.expiry,
            "default_expiry_time": (book.default_expiry_time.hour, book.default_expiry_time.minute),
            "historic_before": None if book.historic_before is None else book.historic_before.toordinal(),
            "historic_note": book.historic_note,
            "offer": book.offer,
            "warn_closed_days": book.warn_closed_days,
            "edition_from": book.edition_from,
            "editions": tuple(
                (None if a is None else a.toordinal(), None if b is None else b.toordinal(), label)
                for a, b, label in book.editions
            ),
        },
        "rules": tuple(_rule(rule) for rule in book.rules.values()),
    }


def _literal(value: Any, indent: int) -> Iterator[str]:
    """``value`` as Python source: a dict or a tuple of tuples one item per line, anything else by repr."""
    pad = "    " * (indent + 1)
    if isinstance(value, dict) and value:
        yield "{"
        for key, item in value.items():
            lines = list(_literal(item, indent + 1))
            yield f"{pad}{key!r}: {lines[0]}"
            yield from lines[1:]
            yield ","
        yield "    " * indent + "}"
    elif isinstance(value, tuple) and value and all(isinstance(v, tuple | dict) for v in value):
        yield "("
        for item in value:
            lines = list(_literal(item, indent + 1))
            yield pad + lines[0]
            yield from lines[1:]
            yield ","
        yield "    " * indent + ")"
    elif isinstance(value, _Flat) and value:
        yield "("
        for start in range(0, len(value), value.size):
            yield pad + ", ".join(repr(v) for v in value[start : start + value.size]) + ","
        yield "    " * indent + ")"
    elif isinstance(value, bytes) and value:
        yield "("
        yield from (f"{pad}{line!r}" for line in value.splitlines(keepends=True))
        yield "    " * indent + ")"
    else:
        yield repr(value)


def _assign(name: str, annotation: str, value: Any) -> str:
    text = "\n".join(_literal(value, 0)).replace("\n,", ",")
    return f"{name}: {annotation} = {text}\n"


def render() -> str:
    """The text of ``shipped_data.py``, from the shipped files as they are now."""
    from .calendars import calendar_files
    from .calendars.loader import load_calendar_data
    from .rules import REGIMES

    strings = _Strings()
    facts: dict[str, dict[str, Any]] = {}
    calendars: dict[str, dict[str, Any]] = {}
    for cal_id in calendar_files():
        data = load_calendar_data(cal_id)
        files = _calendar_files(cal_id)
        # The facts are the last file's: a calendar the same as another (XNAS, XNYS) shares them, unless it
        # closes other days every week or cites its own source (de-hessen-werktage): then its facts are its own.
        key = Path(files[-1]).name.removesuffix(".toml")
        found = _facts(cal_id, strings)
        if facts.get(key, found) != found or _facts(key, strings) != found:
            key = cal_id
        assert facts.setdefault(key, found) == found
        calendars[cal_id] = {"files": files, "id": data.id, "name": data.name, "aliases": data.aliases, "facts": key}
    rulebooks = {regime: _rulebook(regime) for regime in REGIMES}
    names = sorted({f for entry in [*calendars.values(), *rulebooks.values()] for f in entry["files"]})
    texts = {name: (PACKAGE / name).read_bytes() for name in names}
    return "\n".join(
        [
            '"""The shipped calendars and rulebooks, compiled. Generated by ``python -m deadlines.shipped_build``',
            "from ``deadlines/calendars/data/*.toml`` and ``deadlines/rules/*.toml``: do not edit; run it after",
            "changing one of them (tests/test_shipped.py fails while this module is out of date). Read by",
            ":mod:`deadlines.shipped`, which uses an entry only while its files hold the bytes in ``TEXTS``.",
            '"""',
            "",
            "from typing import Any",
            "",
            "# Calendars by id: the files each is read from, its id, name and aliases, and the key of its facts.",
            _assign("CALENDARS", "dict[str, dict[str, Any]]", calendars),
            "# Facts: dates as ordinals, times as (hour, minute), names and sources as indexes into STRINGS,",
            "# the weekend as the weekdays closed every week (Monday: 0);",
            "# closures, early closes and notices as RuleCalendar holds them, each a flat tuple (fewer objects to",
            "# load) of one record a line: closures (day, name, source, kind, observed 0 or 1), early closes (day,",
            "# hour, minute, name, source), notices (day, name, source, policy).",
            _assign("FACTS", "dict[str, dict[str, Any]]", facts),
            _assign("STRINGS", "tuple[str, ...]", tuple(strings.index)),
            "# Rulebooks by id: the file each is read from, the book's values, its rules' values.",
            _assign("RULEBOOKS", "dict[str, dict[str, Any]]", rulebooks),
            "# The files the entries were compiled from, byte for byte, by path inside the package.",
            _assign("TEXTS", "dict[str, bytes]", texts),
        ]
    )


if __name__ == "__main__":  # python -m deadlines.shipped_build: write deadlines/shipped_data.py anew
    DATA_MODULE.write_text(render(), encoding="utf-8")
