"""deadlines: tender-offer timetables under US, French, UK, German and Swiss rules, to the minute, in every zone.

The public names below are loaded on first use, so ``deadlines --help`` stays fast.

>>> from datetime import date
>>> from deadlines import Deal, Leg, compute
>>> compute(Deal([Leg("fr-amf", date(2026, 5, 4))])).event("fr-amf.closing").day  # 25th trading day
datetime.date(2026, 6, 5)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "compute": "engine",
    "build_deal": "checks",
    "local_time": "engine",
    "Deal": "model",
    "Leg": "model",
    "LocalTime": "model",
    "Amendment": "model",
    "Observed": "model",
    "Relief": "model",
    "Subsequent": "model",
    "ExpiryTime": "model",
    "Schedule": "schedule",
    "Event": "schedule",
    "ScheduleWarning": "schedule",
    "load_deal": "deal",
    "parse_deal": "deal",
    "get_calendar": "calendars",
    "joint": "calendars",
    "get_rulebook": "rules",
    "DeadlinesError": "errors",
    "InputError": "errors",
    "CoverageError": "errors",
    "NonexistentTimeError": "errors",
    "AmbiguousTimeError": "errors",
    "DealFileError": "errors",
    "UnknownIdError": "errors",
    "UnknownEventError": "errors",
}

if TYPE_CHECKING:
    from .calendars import get_calendar, joint
    from .checks import build_deal
    from .deal import load_deal, parse_deal
    from .engine import compute, local_time
    from .errors import (
        AmbiguousTimeError,
        CoverageError,
        DeadlinesError,
        DealFileError,
        InputError,
        NonexistentTimeError,
        UnknownEventError,
        UnknownIdError,
    )
    from .model import Amendment, Deal, ExpiryTime, Leg, LocalTime, Observed, Relief, Subsequent
    from .rules import get_rulebook
    from .schedule import Event, Schedule, ScheduleWarning


def __dir__() -> list[str]:
    """The public names too, though they load on first use: ``help(deadlines)`` and completion list them."""
    return sorted(__all__)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'deadlines' has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)


__all__ = [
    "AmbiguousTimeError",
    "Amendment",
    "CoverageError",
    "DeadlinesError",
    "Deal",
    "DealFileError",
    "Event",
    "ExpiryTime",
    "InputError",
    "Leg",
    "LocalTime",
    "NonexistentTimeError",
    "Observed",
    "Relief",
    "Schedule",
    "ScheduleWarning",
    "Subsequent",
    "UnknownEventError",
    "UnknownIdError",
    "__version__",
    "build_deal",
    "compute",
    "get_calendar",
    "get_rulebook",
    "joint",
    "load_deal",
    "local_time",
    "parse_deal",
]
