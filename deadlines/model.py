"""The deal: what the user tells us (regimes, start dates, chosen times, amendments, relief).

Inputs only: no computation happens here beyond resolving a user's local time to an instant under the
policy of :mod:`deadlines.timeutil`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from .errors import InputError
from .text import N_
from .timeutil import WallTime, parse_date, resolve

AMENDMENT_KINDS = ("price", "percentage", "fee", "material")


def _day(value: Any, what: str) -> date:
    """A day as Python users pass it: a ``date`` or an ISO string (a ``datetime`` is an instant, not a day)."""
    if isinstance(value, str):
        return parse_date(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise InputError(N_("{what} must be a date (YYYY-MM-DD), not {value}"), what=what, value=repr(value))


def _wall(value: Any, what: str) -> WallTime:
    if isinstance(value, str):
        return WallTime.parse(value)
    if isinstance(value, WallTime):
        return value
    raise InputError(N_("{what} must be a time of day (HH:MM), not {value}"), what=what, value=repr(value))


def _text(value: Any, what: str) -> str:
    if isinstance(value, str):
        return value
    raise InputError(N_("{what} must be a string, not {value}"), what=what, value=repr(value))


def _listed(value: Any, what: str, kind: type | tuple[type, ...] = str) -> list[Any]:
    """A list (or tuple, set) of ``kind``: one string where a list belongs is refused, never read letter by
    letter (``show_zones="Europe/Paris"`` is not 12 zones)."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InputError(N_("{what} must be a list, such as [{value}]"), what=what, value=repr(value))
    items = list(value)
    for item in items:
        if not isinstance(item, kind):
            raise InputError(
                N_("{what} must be a list of {kind}, not {value}"), what=what, kind=_kind(kind), value=repr(item)
            )
    return items


def _kind(kind: type[Any] | tuple[type, ...]) -> str:
    """Python type names, as Python writes them (``LocalTime | datetime``): code, not words to translate."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " | ".join(k.__name__ for k in kinds)


def _optional(value: Any, kind: type, what: str) -> None:
    if value is not None and not isinstance(value, kind):
        raise InputError(
            N_("{what} must be a {kind} or None, not {value}"), what=what, kind=kind.__name__, value=repr(value)
        )


def _set(obj: object, name: str, value: Any) -> None:
    object.__setattr__(obj, name, value)  # a frozen dataclass normalising what it was given


@dataclass(frozen=True)
class LocalTime:
    """A wall-clock time on a day in an IANA zone, as the user wrote it (optionally with its offset)."""

    day: date
    wall: WallTime
    zone: str
    offset: timedelta | None = None

    def __post_init__(self) -> None:
        _set(self, "day", _day(self.day, "LocalTime.day"))
        _set(self, "wall", _wall(self.wall, "LocalTime.wall"))
        _set(self, "zone", _text(self.zone, "LocalTime.zone"))
        if self.offset is not None and not isinstance(self.offset, timedelta):
            raise InputError(
                N_("{what} must be a timedelta, not {value}"), what="LocalTime.offset", value=repr(self.offset)
            )

    @classmethod
    def of(cls, value: LocalTime | datetime, what: str) -> LocalTime:
        """``value`` itself, or an aware ``datetime`` in an IANA zone as the wall time it shows there
        (``what`` names the field in the message)."""
        if isinstance(value, LocalTime):
            return value
        if not isinstance(value, datetime):
            raise InputError(
                N_("{what} must be a LocalTime or an aware datetime, not {value}"), what=what, value=repr(value)
            )
        key = getattr(value.tzinfo, "key", None)
        if key is None:
            raise InputError(
                N_("{value} has no IANA zone: give a datetime with tzinfo=ZoneInfo('America/New_York') or the like"),
                value=value.isoformat(),
            )
        local = cls(value.date(), WallTime(value.hour, value.minute), key, value.utcoffset())
        if value.second or value.microsecond:
            raise InputError(N_("{value}: deadlines are set to the minute"), value=value.isoformat())
        return local

    def instant(self) -> datetime:
        return resolve(self.day, self.wall, self.zone, self.offset)

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.wall} {self.zone}"


@dataclass(frozen=True)
class Leg:
    """One offer of the deal under one regime, with the day it commences or opens (day 1)."""

    regime: str
    start: date

    def __post_init__(self) -> None:
        _set(self, "regime", _text(self.regime, "Leg.regime"))
        _set(self, "start", _day(self.start, "Leg.start"))


@dataclass(frozen=True)
class Amendment:
    """A change to the offer announced on ``day`` (the day notice is first published: day 1)."""

    kind: str
    day: date
    regime: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _set(self, "day", _day(self.day, "Amendment.day"))
        if self.regime is not None:
            _text(self.regime, "Amendment.regime")
        _text(self.note, "Amendment.note")
        if self.kind not in AMENDMENT_KINDS:
            raise InputError(
                "unknown amendment kind '{kind}' (known: {known})", kind=self.kind, known=", ".join(AMENDMENT_KINDS)
            )


@dataclass(frozen=True)
class Observed:
    """What actually happened for an event (e.g. the day a regulator published a result)."""

    event: str
    day: date
    wall: WallTime | None = None
    zone: str | None = None
    approximate: bool = False
    source: str = ""

    def __post_init__(self) -> None:
        _text(self.event, "Observed.event")
        _set(self, "day", _day(self.day, "Observed.day"))
        if self.wall is not None:
            _set(self, "wall", _wall(self.wall, "Observed.wall"))
        if self.zone is not None:
            _text(self.zone, "Observed.zone")
        if not isinstance(self.approximate, bool):
            raise InputError(
                N_("{what} must be True or False, not {value}"),
                what="Observed.approximate",
                value=repr(self.approximate),
            )
        _text(self.source, "Observed.source")


@dataclass(frozen=True)
class Relief:
    """Exemptive or no-action relief that waives named rules of a regime for this deal."""

    regime: str
    rules: tuple[str, ...]
    citation: str
    note: str = ""

    def __post_init__(self) -> None:
        _text(self.regime, "Relief.regime")
        _set(self, "rules", tuple(_listed(self.rules, "Relief.rules")))
        _text(self.citation, "Relief.citation")


@dataclass(frozen=True)
class ExpiryTime:
    """The wall time and zone a joint expiry is set at, when the day is left to the engine."""

    wall: WallTime
    zone: str

    def __post_init__(self) -> None:
        _set(self, "wall", _wall(self.wall, "ExpiryTime.wall"))
        _text(self.zone, "ExpiryTime.zone")


@dataclass(frozen=True)
class Subsequent:
    """A subsequent offering period (US) / reopening (France) for the deal."""

    start: date | None = None
    expiry: LocalTime | None = None
    expiry_time: ExpiryTime | None = None

    def __post_init__(self) -> None:
        if self.start is not None:
            _set(self, "start", _day(self.start, "Subsequent.start"))
        if self.expiry is not None:
            _set(self, "expiry", LocalTime.of(self.expiry, "Subsequent.expiry"))
        _optional(self.expiry_time, ExpiryTime, "Subsequent.expiry_time")


@dataclass
class Deal:
    """An offer as the user describes it. Made from a deal file, the command line, the app's form or
    Python, it passes the same checks (:func:`deadlines.checks.check_deal`): a reference that does not
    resolve or a part that would be ignored is an error, never dropped."""

    legs: list[Leg]
    name: str = ""
    expiry: LocalTime | None = None
    expiry_time: ExpiryTime | None = None
    subsequent: Subsequent | None = None
    amendments: list[Amendment] = field(default_factory=list)
    # Expiries that were scheduled and then extended, in order: each was extended to the next, the last to
    # ``expiry``. Rule 14e-1(d) notices count from each of them.
    extended: list[LocalTime] = field(default_factory=list)
    observed: list[Observed] = field(default_factory=list)
    relief: list[Relief] = field(default_factory=list)
    show_zones: list[str] = field(default_factory=list)
    options: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.normalize()

    def normalize(self) -> None:
        """Bring every field to its type (ISO strings to dates, an aware datetime to a LocalTime) or refuse
        it: run when the deal is made and again by :func:`deadlines.checks.check_deal`, since a deal is a
        mutable record a script may have changed since. What the deal *means* is checked there."""
        self.legs = _listed(self.legs, "Deal.legs", Leg)
        self.name = _text(self.name, "Deal.name")
        if self.expiry is not None:
            self.expiry = LocalTime.of(self.expiry, "Deal.expiry")
        _optional(self.expiry_time, ExpiryTime, "Deal.expiry_time")
        _optional(self.subsequent, Subsequent, "Deal.subsequent")
        extended = _listed(self.extended, "Deal.extended", (LocalTime, datetime))
        self.extended = [LocalTime.of(at, "Deal.extended") for at in extended]
        self.amendments = _listed(self.amendments, "Deal.amendments", Amendment)
        self.observed = _listed(self.observed, "Deal.observed", Observed)
        self.relief = _listed(self.relief, "Deal.relief", Relief)
        self.show_zones = _listed(self.show_zones, "Deal.show_zones")
        self.options = set(_listed(self.options, "Deal.options"))
        self.notes = _listed(self.notes, "Deal.notes")
