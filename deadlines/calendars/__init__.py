"""Calendar registry: one table maps ids and aliases to calendars, built lazily and once.

A calendar is data: ``deadlines/calendars/data/<id>.toml`` states its zone, session hours with their
effective dates, holiday rules (fixed date, n-th weekday, Easter offset; years; weekend observance), ad hoc
closures, early closes, days counted despite a closure, the spans that rest on a secondary record, and the
source of every fact (the format: :mod:`deadlines.calendars.loader`). Only the calendars asked for are read,
on first use.

Adding a calendar = its data file, its id (and aliases) in the table below, and its answers CSV
``tests/calendars/<id>.csv`` written from sources (or from an independent oracle, said so in its header):
``tests/test_calendar_contract.py`` then runs every check on it. Then ``python -m deadlines.calendars.names``
(the extractor's list of its names) and ``python -m deadlines.i18n.catalogs update`` (their translations).

>>> from datetime import date
>>> get_calendar("NYSE").id
'XNYS'
>>> get_calendar("us-federal").is_business_day(date(2026, 4, 3))  # Good Friday
True
"""

from __future__ import annotations

from functools import cache

from ..errors import InputError, UnknownIdError
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

# The calendars shipped, in the order they are listed: each one is data/<id>.toml.
_IDS: tuple[str, ...] = ("us-federal", "XNYS", "XNAS", "XPAR")

ALIASES: dict[str, str] = {
    "us": "us-federal",
    "federal": "us-federal",
    "sec": "us-federal",
    "nyse": "XNYS",
    "nasdaq": "XNAS",
    "euronext-paris": "XPAR",
    "paris": "XPAR",
    "epa": "XPAR",
}


def calendar_ids() -> list[str]:
    return list(_IDS)


def resolve_id(name: str) -> str:
    """Canonical id for an id or alias, case-insensitively."""
    for key in _IDS:
        if key.lower() == name.lower():
            return key
    alias = ALIASES.get(name.lower())
    if alias:
        return alias
    raise UnknownIdError("calendar", name, [*_IDS, *ALIASES])


@cache
def _build(canonical: str) -> RuleCalendar:
    from .loader import load_calendar_data

    return load_calendar_data(canonical).build()


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
    "ALIASES",
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
    "calendar_ids",
    "get_calendar",
    "joint",
    "resolve_id",
]
