"""Calendar data files (``deadlines/calendars/data/<id>.toml``), checked as strictly as a rulebook.

A calendar file is data a reviewer edits, so a typo must never load: every key is known, every value has its
type and its range, every date rule is one of the three kinds, every fact has its source. Each problem is a
:class:`~deadlines.errors.DealFileError` with the file, the line of the key and the key's name.

The keys (dates are TOML dates, times "HH:MM" strings in the calendar's zone, "24:00" the end of the day):

- ``id`` (the file's name), ``name`` (a catalog msgid), ``aliases`` (other names accepted, any case),
  ``zone``, ``first``/``last`` (the covered span), ``source``; or ``id``, ``name``, ``aliases`` and
  ``same_as = "<id>"`` for a calendar that shares every other fact;
- ``weekend``: the days closed every week, lower-case English weekday names, from one to six of them (default
  ``["saturday", "sunday"]``; ``["sunday"]`` for German Werktage, where Saturday is a working day); also
  allowed beside ``same_as``, where it replaces the weekend of the calendar copied (and ``source`` its
  source). A holiday on a day outside the weekend closes it; the observances still move dates off Saturday
  and Sunday, as their statutes say;
- ``[[sessions]]``: ``from``, ``open``, ``close``, ``source`` -- the regular hours from that day on; the first
  starts on ``first``;
- ``[[holidays]]``: ``name``, ``source``, a date rule (``month`` + ``day``; ``month`` + ``weekday`` + ``nth``,
  -1 for the last; or ``easter``, days after Easter Sunday), optional ``offset`` (days added), ``since`` and
  ``until`` (years), ``weekdays`` (only when the date falls on one of them) and ``observance`` (see
  :mod:`~deadlines.calendars.holiday_rules`);
- ``[[adhoc]]``: ``name``, ``source``, ``dates`` -- one-off closures;
- ``[[early_closes]]``: as a holiday without ``observance``, plus ``close``; ``[[adhoc_early_closes]]``:
  ``name``, ``source``, ``dates``, ``close``;
- ``[[counted]]``: ``name``, ``source``, ``date``, ``policy`` (a key of ``[policies]``, whose values are
  msgids) -- days counted as business days that a user should hear about;
- ``[[secondary]]``: ``until``, ``source`` -- closing days before ``until`` rest on a secondary record.

>>> parse_calendar('id = "x"\\nname = "X"\\nsame_as = "x"', "x.toml")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
deadlines.errors.DealFileError: x.toml, line 3: 'same_as' must be one of "XETR", "XLON", ..., not "x"
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..errors import DeadlinesError
from ..text import N_
from ..timeutil import WallTime
from ..tomlfile import Table, TomlFile, choices, toml_value
from . import DATA as DATA  # where the data files are, and their ids: re-exported from the registry
from . import calendar_files as calendar_files
from .base import WEEKEND, Closure, EarlyClose, Notice, RuleCalendar, SecondarySpan, Session
from .holiday_rules import (
    OBSERVANCES,
    WEEKDAY_NAMES,
    DateRule,
    EarlyCloseRule,
    HolidayRule,
    expand,
    expand_early,
)

TOP_KEYS = {
    "id",
    "aliases",
    "name",
    "zone",
    "first",
    "last",
    "source",
    "same_as",
    "sessions",
    "holidays",
    "adhoc",
    "early_closes",
    "adhoc_early_closes",
    "counted",
    "policies",
    "secondary",
    "weekend",
}
SAME_AS_KEYS = {"id", "name", "aliases", "same_as", "weekend", "source"}
DATE_RULE_KEYS = {"month", "day", "weekday", "nth", "easter", "offset", "since", "until", "weekdays"}
HOLIDAY_KEYS = {"name", "source", "observance", *DATE_RULE_KEYS}
EARLY_KEYS = {"name", "source", "close", *DATE_RULE_KEYS}
ADHOC_KEYS = {"name", "source", "dates"}
ADHOC_EARLY_KEYS = {"name", "source", "dates", "close"}
COUNTED_KEYS = {"name", "source", "date", "policy"}
SESSION_KEYS = {"from", "open", "close", "source"}
SECONDARY_KEYS = {"until", "source"}


class CalendarData(NamedTuple):
    """A calendar file's facts, checked; :meth:`build` expands them into a :class:`RuleCalendar`. (Named tuples
    here and in the rules: cheaper to define at start-up than dataclasses.)"""

    id: str
    name: str
    aliases: tuple[str, ...]
    zone: str
    first: date
    last: date
    source: str
    sessions: tuple[Session, ...]
    holidays: tuple[HolidayRule, ...] = ()
    adhoc: tuple[Closure, ...] = ()
    early_closes: tuple[EarlyCloseRule, ...] = ()
    adhoc_early_closes: tuple[EarlyClose, ...] = ()
    counted: tuple[Notice, ...] = ()
    secondary: tuple[SecondarySpan, ...] = ()
    weekend: tuple[int, ...] = WEEKEND  # the days closed every week (Monday: 0)

    def build(self) -> RuleCalendar:
        years = self.first.year, self.last.year
        current = self.sessions[-1]
        return RuleCalendar(
            id=self.id,
            name=self.name,
            zone=self.zone,
            first=self.first,
            last=self.last,
            open=current.open,
            close=current.close,
            source=self.source,
            closures=[*expand(self.holidays, *years), *self.adhoc],
            notices=self.counted,
            early_closes=[*expand_early(self.early_closes, *years, self.weekend), *self.adhoc_early_closes],
            sessions=self.sessions,
            secondary=self.secondary,
            weekend=self.weekend,
        )

    def messages(self) -> Iterator[str]:
        """The strings a user reads translated: the calendar's name, every closure's and early close's name,
        the policies of counted days."""
        yield self.name
        for group in (self.holidays, self.adhoc, self.early_closes, self.adhoc_early_closes):
            for item in group:
                yield item.name
        for notice in self.counted:
            yield notice.name
            yield notice.policy


@cache
def load_calendar_data(cal_id: str) -> CalendarData:
    """The checked data of the shipped calendar ``cal_id`` (read once)."""
    path = Path(DATA, f"{cal_id}.toml")
    return parse_calendar(path.read_text(encoding="utf-8"), str(path))


def parse_calendar(text: str, origin: str) -> CalendarData:
    """The calendar in ``text`` (read from ``origin``, a file name ending in ``<id>.toml``), checked."""
    file = TomlFile(origin, text)
    top = Table(file, file.loads())
    same_as = top.string("same_as")
    top.keys(SAME_AS_KEYS if same_as is not None else TOP_KEYS)
    cal_id, name = top.text("id"), top.text("name")
    weekend = _weekend(top)
    aliases = tuple(top.strings("aliases"))
    stem = Path(origin).name.removesuffix(".toml")
    if origin.endswith(".toml") and cal_id != stem:
        template = N_("'id' must be the file's name without .toml ({stem}), not {value}")
        raise top.fail(template, "id", stem=toml_value(stem), value=toml_value(cal_id))
    if same_as is not None:
        known = tuple(i for i in calendar_files() if i != cal_id)
        top.choice("same_as", known, None)
        found = load_calendar_data(same_as)
        source = top.string("source")
        if source is not None:
            source = top.text("source")  # its own grounds (Werktage, not Arbeitstage), with words in it
        return found._replace(
            id=cal_id, name=name, aliases=aliases, weekend=weekend or found.weekend, source=source or found.source
        )
    for key in ("zone", "first", "last", "source", "sessions"):
        top.required(key)
    zone_name = top.text("zone")
    try:
        from ..zones import market_zone

        market_zone(zone_name)  # a place's clock: the policy of deadlines.zones
    except DeadlinesError as exc:
        raise top.fail(N_("'{key}': {detail}"), "zone", key="zone", detail=exc.msg) from None
    first, last = _date(top, "first"), _date(top, "last")
    if first > last:
        raise top.fail(N_("'{key}' must be on or after {day}, not {value}"), "last", key="last", day=first, value=last)
    policies = top.table("policies") or Table(file, {}, "policies")
    for key in policies.data:
        policies.text(key)
    return CalendarData(
        id=cal_id,
        name=name,
        aliases=aliases,
        zone=zone_name,
        first=first,
        last=last,
        source=top.text("source"),
        sessions=_sessions(top, first, last),
        holidays=tuple(_holiday(t) for t in top.tables("holidays")),
        adhoc=tuple(
            Closure(day, t.text("name"), t.text("source"), "adhoc")
            for t in _keyed(top, "adhoc", ADHOC_KEYS)
            for day in _dates(t, first, last)
        ),
        early_closes=tuple(_early(t) for t in top.tables("early_closes")),
        adhoc_early_closes=tuple(
            EarlyClose(day, _close(t), t.text("name"), t.text("source"))
            for t in _keyed(top, "adhoc_early_closes", ADHOC_EARLY_KEYS)
            for day in _dates(t, first, last)
        ),
        counted=tuple(_counted(t, policies, first, last) for t in _keyed(top, "counted", COUNTED_KEYS)),
        secondary=tuple(_secondary(t, first, last) for t in _keyed(top, "secondary", SECONDARY_KEYS)),
        weekend=weekend or WEEKEND,
    )


# -- the parts ---------------------------------------------------------------------------------------------
def _keyed(top: Table, key: str, allowed: set[str]) -> list[Table]:
    tables = top.tables(key)
    for table in tables:
        table.keys(allowed)
    return tables


def _date(table: Table, key: str) -> date:
    table.required(key)
    value = table.day(key, "date")
    assert value is not None
    return value


def _within(table: Table, key: str, day: date, first: date, last: date) -> date:
    if not first <= day <= last:
        template = N_("'{key}' must be a date from {first} to {last}, not {value}")
        raise table.fail(template, key, key=key, first=first, last=last, value=day)
    return day


def _dates(table: Table, first: date, last: date) -> list[date]:
    table.required("dates")
    values = table.data["dates"]
    if not isinstance(values, list) or not values or not all(type(v) is date for v in values):
        template = N_("'{key}' must be a list of dates (YYYY-MM-DD), not {value}")
        raise table.fail(template, "dates", key="dates", value=toml_value(values))
    return [_within(table, "dates", day, first, last) for day in values]


def _weekend(top: Table) -> tuple[int, ...] | None:
    """The days closed every week (None: the file does not say). Closing no day or all seven is refused: a
    week with no open day, or a typo, must not load as a calendar."""
    if "weekend" not in top.data:
        return None
    names = top.strings("weekend")
    for value in names:
        if value not in WEEKDAY_NAMES:
            template = N_("'{key}' must be one of {allowed}, not {value}")
            allowed = choices(WEEKDAY_NAMES)
            raise top.fail(template, "weekend", key="weekend", allowed=allowed, value=toml_value(value))
    days = tuple(sorted({WEEKDAY_NAMES.index(v) for v in names}))
    if not 1 <= len(days) <= 6 or len(days) != len(names):
        template = N_("'{key}' must list from one to six different days of the week, not {value}")
        raise top.fail(template, "weekend", key="weekend", value=toml_value(names))
    return days


def _time(table: Table, key: str) -> WallTime:
    table.required(key)
    value = table.parsed(key, WallTime.parse, "time")
    assert value is not None
    return value


def _close(table: Table) -> time:
    wall = _time(table, "close")
    if wall.is_end_of_day:
        raise table.fail(N_("an early close must be before 24:00"), "close")
    return time(wall.hour, wall.minute)


def _number(table: Table, key: str, low: int, high: int) -> int | None:
    value = table.data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        template = N_("'{key}' must be a whole number from {low} to {high}, not {value}")
        raise table.fail(template, key, key=key, low=low, high=high, value=toml_value(value))
    return value


def _date_rule(table: Table) -> DateRule:
    """The rule's date, with its ``offset``, ``since``/``until`` and ``weekdays``."""
    table.required("name")
    table.required("source")
    month, day = _number(table, "month", 1, 12), _number(table, "day", 1, 31)
    weekday = table.choice("weekday", WEEKDAY_NAMES, None)
    nth, easter = _number(table, "nth", -1, 5), _number(table, "easter", -100, 100)
    if easter is not None and month is None and day is None and weekday is None and nth is None:
        when = DateRule(easter=easter)
    elif month is not None and day is not None and weekday is None and nth is None and easter is None:
        try:
            date(2000, month, day)  # a leap year: 29 February is a date
        except ValueError:
            raise table.fail(N_("month {month} has no day {day}"), "day", month=month, day=day) from None
        when = DateRule(month=month, day=day)
    elif month is not None and weekday is not None and nth not in (None, 0) and day is None and easter is None:
        assert nth is not None
        when = DateRule(month=month, weekday=WEEKDAY_NAMES.index(weekday), n=nth)
    else:
        raise table.fail(N_("a date rule is 'month' and 'day', 'month', 'weekday' and 'nth', or 'easter'"))
    since, until = _number(table, "since", 1, 9999), _number(table, "until", 1, 9999)
    if since is not None and until is not None and since > until:
        raise table.fail(N_("'since' ({since}) is after 'until' ({until})"), "since", since=since, until=until)
    names = table.strings("weekdays")
    for value in names:
        if value not in WEEKDAY_NAMES[:5]:
            template = N_("'{key}' must be one of {allowed}, not {value}")
            allowed = choices(WEEKDAY_NAMES[:5])
            raise table.fail(template, "weekdays", key="weekdays", allowed=allowed, value=toml_value(value))
    return when._replace(
        offset=_number(table, "offset", -31, 31) or 0,
        since=since or 0,
        until=until or 9999,
        weekdays=tuple(WEEKDAY_NAMES.index(v) for v in names),
    )


def _holiday(table: Table) -> HolidayRule:
    table.keys(HOLIDAY_KEYS)
    when = _date_rule(table)
    observance = table.choice("observance", OBSERVANCES, "none")
    assert observance is not None
    return HolidayRule(table.text("name"), table.text("source"), when, observance)


def _early(table: Table) -> EarlyCloseRule:
    table.keys(EARLY_KEYS)
    when = _date_rule(table)
    return EarlyCloseRule(table.text("name"), table.text("source"), when, _close(table))


def _counted(table: Table, policies: Table, first: date, last: date) -> Notice:
    day = _within(table, "date", _date(table, "date"), first, last)
    key = table.choice("policy", tuple(policies.data), None)
    if key is None:
        table.required("policy")
    assert key is not None
    return Notice(day, table.text("name"), table.text("source"), policies.data[key])


def _sessions(top: Table, first: date, last: date) -> tuple[Session, ...]:
    out: list[Session] = []
    for table in _keyed(top, "sessions", SESSION_KEYS):
        start = _within(table, "from", _date(table, "from"), first, last)
        if (not out and start != first) or (out and start <= out[-1].start):
            template = N_("the first session starts on 'first' ({first}) and each next one later, not on {value}")
            raise table.fail(template, "from", first=first, value=start)
        opens, closes = _time(table, "open"), _time(table, "close")
        if opens.is_end_of_day or (
            not closes.is_end_of_day and (closes.hour, closes.minute) <= (opens.hour, opens.minute)
        ):
            raise table.fail(N_("a session closes after it opens, not at {close}"), "close", close=str(closes))
        close = None if closes.is_end_of_day else time(closes.hour, closes.minute)
        out.append(Session(start, time(opens.hour, opens.minute), close, table.text("source")))
    if not out:
        raise top.fail(N_("missing key '{key}'"), None, key="sessions")
    return tuple(out)


def _secondary(table: Table, first: date, last: date) -> SecondarySpan:
    until = _within(table, "until", _date(table, "until"), first, last)
    return SecondarySpan(until, table.text("source"))


# -- the names the extractor reads ---------------------------------------------------------------------
NAMES_MODULE = Path(__file__).resolve().parent / "names.py"


def render_names() -> str:
    """The text of ``names.py``: every translatable string of every data file, in an ``N_()`` call."""
    found = sorted({m for cal_id in calendar_files() for m in load_calendar_data(cal_id).messages()})
    lines = [
        '"""The translatable strings of the calendar data files, for the message extractor. Generated by',
        "``python -m deadlines.calendars.names`` from ``deadlines/calendars/data/*.toml``: do not edit; run it",
        "after changing a file (tests/test_calendar_contract.py fails while this list is out of date).",
        '"""',
        "",
        "from ..text import N_",
        "",
        "NAMES = (",
        *(_call(m) for m in found),
        ")",
        "",
        'if __name__ == "__main__":  # python -m deadlines.calendars.names: write this file anew',
        "    from .loader import NAMES_MODULE, render_names",
        "",
        '    NAMES_MODULE.write_text(render_names(), encoding="utf-8")',
        "",
    ]
    return "\n".join(lines)


def _call(text: str) -> str:
    """``N_("...")``, as ruff formats it (a string too long for a line on a line of its own)."""
    import json

    literal = json.dumps(text, ensure_ascii=False)
    line = f"    N_({literal}),"
    return line if len(line) <= 120 else f"    N_(\n        {literal}  # noqa: E501\n    ),"
