"""Calendar registry: one table maps ids and aliases to calendars, built lazily and once.

>>> from datetime import date
>>> get_calendar("NYSE").id
'XNYS'
>>> get_calendar("us-federal").is_business_day(date(2026, 4, 3))  # Good Friday
True
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from ..errors import InputError, UnknownIdError
from . import definitions
from .base import BusinessCalendar, Closure, Count, EarlyClose, JointCalendar, Notice, RuleCalendar, Skipped

_FACTORIES: dict[str, Callable[[], RuleCalendar]] = {
    "us-federal": definitions.us_federal,
    "XNYS": definitions.xnys,
    "XNAS": definitions.xnas,
    "XPAR": definitions.xpar,
}

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
    return list(_FACTORIES)


def resolve_id(name: str) -> str:
    """Canonical id for an id or alias, case-insensitively."""
    for key in _FACTORIES:
        if key.lower() == name.lower():
            return key
    alias = ALIASES.get(name.lower())
    if alias:
        return alias
    raise UnknownIdError("calendar", name, [*_FACTORIES, *ALIASES])


@cache
def _build(canonical: str) -> RuleCalendar:
    return _FACTORIES[canonical]()


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
    "Skipped",
    "calendar_ids",
    "get_calendar",
    "joint",
    "resolve_id",
]
