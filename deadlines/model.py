"""The deal: what the user tells us (regimes, start dates, chosen times, amendments, relief).

Inputs only: no computation happens here beyond resolving a user's local time to an instant under the
policy of :mod:`deadlines.timeutil`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from .errors import InputError
from .records import Record, Value
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


class LocalTime(Value):
    """A wall-clock time on a day in an IANA zone, as the user wrote it (optionally with its offset)."""

    __slots__ = ("day", "wall", "zone", "offset")
    day: date
    wall: WallTime
    zone: str
    offset: timedelta | None

    def __init__(self, day: date | str, wall: WallTime | str, zone: str, offset: timedelta | None = None) -> None:
        day, wall, zone = _day(day, "LocalTime.day"), _wall(wall, "LocalTime.wall"), _text(zone, "LocalTime.zone")
        if offset is not None and not isinstance(offset, timedelta):
            raise InputError(N_("{what} must be a timedelta, not {value}"), what="LocalTime.offset", value=repr(offset))
        self._init(day=day, wall=wall, zone=zone, offset=offset)

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


class Leg(Value):
    """One offer of the deal under one regime, with the day it commences or opens (day 1)."""

    __slots__ = ("regime", "start")
    regime: str
    start: date

    def __init__(self, regime: str, start: date | str) -> None:
        self._init(regime=_text(regime, "Leg.regime"), start=_day(start, "Leg.start"))


class Amendment(Value):
    """A change to the offer announced on ``day`` (the day notice is first published: day 1)."""

    __slots__ = ("kind", "day", "regime", "note")
    kind: str
    day: date
    regime: str | None
    note: str

    def __init__(self, kind: str, day: date | str, regime: str | None = None, note: str = "") -> None:
        day = _day(day, "Amendment.day")
        if regime is not None:
            _text(regime, "Amendment.regime")
        _text(note, "Amendment.note")
        if kind not in AMENDMENT_KINDS:
            raise InputError(
                "unknown amendment kind '{kind}' (known: {known})", kind=kind, known=", ".join(AMENDMENT_KINDS)
            )
        self._init(kind=kind, day=day, regime=regime, note=note)


class Observed(Value):
    """What actually happened for an event (e.g. the day a regulator published a result)."""

    __slots__ = ("event", "day", "wall", "zone", "approximate", "source")
    event: str
    day: date
    wall: WallTime | None
    zone: str | None
    approximate: bool
    source: str

    def __init__(
        self,
        event: str,
        day: date | str,
        wall: WallTime | str | None = None,
        zone: str | None = None,
        approximate: bool = False,
        source: str = "",
    ) -> None:
        _text(event, "Observed.event")
        day = _day(day, "Observed.day")
        if wall is not None:
            wall = _wall(wall, "Observed.wall")
        if zone is not None:
            _text(zone, "Observed.zone")
        if not isinstance(approximate, bool):
            raise InputError(
                N_("{what} must be True or False, not {value}"),
                what="Observed.approximate",
                value=repr(approximate),
            )
        _text(source, "Observed.source")
        self._init(event=event, day=day, wall=wall, zone=zone, approximate=approximate, source=source)

    def instant(self, zone: str, wall: WallTime | None = None) -> datetime:
        """When it happened: on its day at its time (else ``wall``, else 24:00, the end of the day), in its
        zone (else ``zone``, the zone of the regime it belongs to)."""
        return resolve(self.day, self.wall or wall or WallTime(24, 0), self.zone or zone)


class Relief(Value):
    """Exemptive or no-action relief that waives named rules of a regime for this deal."""

    __slots__ = ("regime", "rules", "citation", "note")
    regime: str
    rules: tuple[str, ...]
    citation: str
    note: str

    def __init__(self, regime: str, rules: Iterable[str], citation: str, note: str = "") -> None:
        _text(regime, "Relief.regime")
        rules = tuple(_listed(rules, "Relief.rules"))
        _text(citation, "Relief.citation")
        self._init(regime=regime, rules=rules, citation=citation, note=note)


class ExpiryTime(Value):
    """The wall time and zone a joint expiry is set at, when the day is left to the engine."""

    __slots__ = ("wall", "zone")
    wall: WallTime
    zone: str

    def __init__(self, wall: WallTime | str, zone: str) -> None:
        wall = _wall(wall, "ExpiryTime.wall")
        _text(zone, "ExpiryTime.zone")
        self._init(wall=wall, zone=zone)


class Subsequent(Value):
    """A subsequent offering period (US) / reopening (France) for the deal."""

    __slots__ = ("start", "expiry", "expiry_time")
    start: date | None
    expiry: LocalTime | None
    expiry_time: ExpiryTime | None

    def __init__(
        self,
        start: date | str | None = None,
        expiry: LocalTime | datetime | None = None,
        expiry_time: ExpiryTime | None = None,
    ) -> None:
        self._init(
            start=None if start is None else _day(start, "Subsequent.start"),
            expiry=None if expiry is None else LocalTime.of(expiry, "Subsequent.expiry"),
            expiry_time=expiry_time,
        )
        _optional(expiry_time, ExpiryTime, "Subsequent.expiry_time")


class Deal(Record):
    """An offer as the user describes it. Made from a deal file, the command line, the app's form or
    Python, it passes the same checks (:func:`deadlines.checks.check_deal`): a reference that does not
    resolve or a part that would be ignored is an error, never dropped."""

    legs: list[Leg]
    name: str
    expiry: LocalTime | None
    expiry_time: ExpiryTime | None
    subsequent: Subsequent | None
    amendments: list[Amendment]
    extended: list[LocalTime]
    observed: list[Observed]
    relief: list[Relief]
    show_zones: list[str]
    options: set[str]
    notes: list[str]

    def __init__(
        self,
        legs: Iterable[Leg],
        name: str = "",
        expiry: LocalTime | datetime | None = None,
        expiry_time: ExpiryTime | None = None,
        subsequent: Subsequent | None = None,
        amendments: Iterable[Amendment] = (),
        # Expiries that were scheduled and then extended, in order: each was extended to the next, the last
        # to ``expiry``. Rule 14e-1(d) notices count from each of them.
        extended: Iterable[LocalTime | datetime] = (),
        observed: Iterable[Observed] = (),
        relief: Iterable[Relief] = (),
        show_zones: Iterable[str] = (),
        options: Iterable[str] = (),
        notes: Iterable[str] = (),
    ) -> None:
        # As given: normalize() brings each to its type (a list, a LocalTime...) or refuses it.
        vars(self).update(
            legs=legs,
            name=name,
            expiry=expiry,
            expiry_time=expiry_time,
            subsequent=subsequent,
            amendments=amendments,
            extended=extended,
            observed=observed,
            relief=relief,
            show_zones=show_zones,
            options=options,
            notes=notes,
        )
        self.normalize()

    def replace(self, **changes: Any) -> Deal:
        """A copy with ``changes``, made (and so checked) as a new deal would be (``dataclasses.replace``)."""
        return Deal(**vars(self) | changes)

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
