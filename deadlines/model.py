"""The deal: what the user tells us (regimes, start dates, chosen times, amendments, relief).

Inputs only: no computation happens here beyond resolving a user's local time to an instant under the
policy of :mod:`deadlines.timeutil`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .errors import InputError
from .timeutil import WallTime, resolve, zone

AMENDMENT_KINDS = ("price", "percentage", "fee", "material")


@dataclass(frozen=True)
class LocalTime:
    """A wall-clock time on a day in an IANA zone, as the user wrote it (optionally with its offset)."""

    day: date
    wall: WallTime
    zone: str
    offset: timedelta | None = None

    def instant(self) -> datetime:
        return resolve(self.day, self.wall, self.zone, self.offset)

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.wall} {self.zone}"


@dataclass(frozen=True)
class Leg:
    """One offer of the deal under one regime, with the day it commences or opens (day 1)."""

    regime: str
    start: date


@dataclass(frozen=True)
class Amendment:
    """A change to the offer announced on ``day`` (the day notice is first published: day 1)."""

    kind: str
    day: date
    regime: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
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


@dataclass(frozen=True)
class Relief:
    """Exemptive or no-action relief that waives named rules of a regime for this deal."""

    regime: str
    rules: tuple[str, ...]
    citation: str
    note: str = ""


@dataclass(frozen=True)
class ExpiryTime:
    """The wall time and zone a joint expiry is set at, when the day is left to the engine."""

    wall: WallTime
    zone: str


@dataclass(frozen=True)
class Subsequent:
    """A subsequent offering period (US) / reopening (France) for the deal."""

    start: date | None = None
    expiry: LocalTime | None = None
    expiry_time: ExpiryTime | None = None


@dataclass
class Deal:
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
        if not self.legs:
            raise InputError("a deal needs at least one regime")
        seen = set()
        for leg in self.legs:
            if leg.regime in seen:
                raise InputError("regime '{regime}' is given twice", regime=leg.regime)
            seen.add(leg.regime)
        for name in self.show_zones:
            zone(name)
