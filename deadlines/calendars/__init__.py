"""Calendar registry: the data files are the calendars (their names the ids, their ``aliases`` other names),
each built lazily and once.

A calendar is data: ``deadlines/calendars/data/<id>.toml`` states its zone, session hours with their
effective dates, holiday rules (fixed date, n-th weekday, Easter offset; years; weekend observance), ad hoc
closures, early closes, days counted despite a closure, the spans that rest on a secondary record, and the
source of every fact (the format: :mod:`deadlines.calendars.loader`). Only the calendars asked for are read,
on first use: from their compiled form (:mod:`deadlines.shipped`) while their files are unchanged.

Adding a calendar = its data file (with its aliases), and its answers CSV
``tests/calendars/<id>.csv`` written from sources (or from an independent oracle, said so in its header):
``tests/test_calendar_contract.py`` then runs every check on it. Then ``python -m deadlines.calendars.names``
(the extractor's list of its names), ``python -m deadlines.i18n.catalogs update`` (their translations) and
``python -m deadlines.shipped_build`` (the compiled form start-up reads while the files are unchanged).

>>> from datetime import date
>>> get_calendar("NYSE").id
'XNYS'
>>> get_calendar("us-federal").is_business_day(date(2026, 4, 3))  # Good Friday
True
"""

from __future__ import annotations

import os
from functools import cache

from ..errors import DeadlinesError, InputError, UnknownIdError
from ..text import N_
from .base import (
    BusinessCalendar,
    Closure,
    Count,
    EarlyClose,
    JointCalendar,
    Notice,
    RuleCalendar,
    SecondarySpan,
    Session,
    Skipped,
)

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


@cache
def calendar_files() -> list[str]:
    """The ids of the calendar data files shipped (their file names), read once."""
    return sorted(name[:-5] for name in os.listdir(DATA) if name.endswith(".toml"))


def calendar_ids() -> list[str]:
    """The calendars shipped: one per file in ``data/``, listed by id."""
    return list(calendar_files())


def _aliases_of(cal_id: str) -> tuple[str, ...]:
    """The aliases a calendar's file gives it (from its compiled form while the file is unchanged)."""
    from ..shipped import calendar_aliases

    found = calendar_aliases(cal_id)
    if found is None:
        from .loader import load_calendar_data

        found = load_calendar_data(cal_id).aliases
    return found


@cache
def aliases() -> dict[str, str]:
    """Every alias (lower case) -> its calendar's id, from the data files' ``aliases`` (read when a name is
    not an id: ids need no file read). An alias two calendars claim, or one that is another's id, is an
    error in the data, never a silent choice."""
    ids = {cal_id.lower(): cal_id for cal_id in calendar_ids()}
    out: dict[str, str] = {}
    for cal_id in calendar_ids():
        for alias in _aliases_of(cal_id):
            other = out.get(alias.lower()) or ids.get(alias.lower())
            if other is not None:
                raise DeadlinesError(
                    N_("calendar alias '{alias}' of {calendar} is also {other}'s"),
                    alias=alias,
                    calendar=cal_id,
                    other=other,
                )
            out[alias.lower()] = cal_id
    return out


def resolve_id(name: str) -> str:
    """Canonical id for an id or alias, case-insensitively."""
    ids = calendar_ids()
    for key in ids:
        if key.lower() == name.lower():
            return key
    known = aliases()
    if name.lower() in known:
        return known[name.lower()]
    raise UnknownIdError("calendar", name, [*ids, *known])


@cache
def _build(canonical: str) -> RuleCalendar:
    """The calendar from its compiled form (:mod:`deadlines.shipped`), else from its file as it is now."""
    from ..shipped import calendar

    built = calendar(canonical)
    if built is None:
        from .loader import load_calendar_data

        built = load_calendar_data(canonical).build()
    return built


def get_calendar(name: str) -> RuleCalendar:
    """The calendar for an id or alias (``us-federal``, ``XNYS``/``NYSE``, ``XNAS``, ``XPAR``)."""
    return _build(resolve_id(name))


def joint(names: list[str], mode: str = "all") -> BusinessCalendar:
    """Days open in all (``all``) or any (``any``) of the named calendars."""
    if mode not in ("all", "any"):
        raise InputError("unknown joint mode '{mode}' (all or any)", mode=mode)
    if len(names) == 1:
        return get_calendar(names[0])
    return JointCalendar([get_calendar(n) for n in names], mode)


__all__ = [
    "BusinessCalendar",
    "Closure",
    "Count",
    "EarlyClose",
    "JointCalendar",
    "Notice",
    "RuleCalendar",
    "SecondarySpan",
    "Session",
    "Skipped",
    "aliases",
    "calendar_ids",
    "get_calendar",
    "joint",
    "resolve_id",
]
