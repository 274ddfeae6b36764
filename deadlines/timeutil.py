"""Instants and wall-clock times under one stated policy.

Policy (also in the README):
- Every instant is an aware ``datetime`` in UTC; the zone it belongs to travels beside it as an IANA name.
- A wall-clock time is resolved in its zone by the IANA database (``zoneinfo``). A time that does not
  exist (skipped by a spring-forward change) raises :class:`NonexistentTimeError`; a time that happens
  twice (fall-back) raises :class:`AmbiguousTimeError` unless the caller gives the UTC offset, which
  picks one of the two instants. Nothing is ever shifted silently.
- ``24:00`` on day D is the end of D, i.e. 00:00 on D + 1: deadlines that end at midnight keep the day
  they end on (D) as their date, and their instant is the first moment of D + 1.

We use the standard library here rather than pendulum: ``pendulum.parse`` shifts nonexistent times
silently (see the domain notes), and the engine's import path must stay light.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import compress, repeat
from operator import add, ne, sub
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .errors import AmbiguousTimeError, InputError, NonexistentTimeError, UnknownIdError
from .records import Memo
from .text import wall_day_and_clock


@cache
def zone(name: str) -> ZoneInfo:
    """Return the IANA zone ``name`` or raise a clear error with the closest known names."""
    # No IANA name has more than three parts ("America/Argentina/Buenos_Aires"); a longer one pasted by
    # mistake would make ZoneInfo import the tz package one folder per part, until the recursion limit.
    if not name or name.count("/") > 3 or len(name) > 64:
        raise UnknownIdError("time zone", name, _zone_names())
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError, RecursionError):  # OSError: "Europe" is a folder
        raise UnknownIdError("time zone", name, _zone_names()) from None


@cache
def _zone_names() -> list[str]:
    return sorted(available_timezones())


class WallTime(NamedTuple):
    """A wall-clock time of day that may be ``24:00`` (the end of the day)."""

    hour: int
    minute: int

    @property
    def is_end_of_day(self) -> bool:
        return self.hour == 24

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"

    @classmethod
    def parse(cls, text: str) -> WallTime:
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
        if not match:
            raise InputError("invalid time '{value}': expected HH:MM", value=text)
        hour, minute = int(match[1]), int(match[2])
        if not ((hour < 24 and minute < 60) or (hour == 24 and minute == 0)):
            raise InputError("invalid time '{value}': expected HH:MM", value=text)
        return cls(hour, minute)


END_OF_DAY = WallTime(24, 0)


def month_length(year: int, month: int) -> int:
    """The number of days in ``month`` of ``year`` (the calendar module's ``monthrange``, without importing it
    and the locale module at every start)."""
    return 31 if month == 12 else (date(year, month + 1, 1) - date(year, month, 1)).days


def parse_date(text: str) -> date:
    """Parse ``YYYY-MM-DD`` strictly (no guessing of other orders); a day the month does not have says why.

    >>> parse_date("2026-02-29")
    Traceback (most recent call last):
    ...
    deadlines.errors.InputError: invalid date '2026-02-29': month 2 of 2026 has 28 days
    """
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if not match:
        raise InputError("invalid date '{value}': expected YYYY-MM-DD", value=text)
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        raise InputError("invalid date '{value}': there is no month {month}", value=text, month=month)
    if year == 0:
        raise InputError("invalid date '{value}': there is no year 0", value=text)
    last = month_length(year, month)
    if not 1 <= day <= last:
        raise InputError(
            "invalid date '{value}': month {month} of {year} has {days} days",
            value=text,
            month=month,
            year=year,
            days=last,
        )
    return date(year, month, day)


def offset_text(offset: timedelta | None) -> str:
    """``+02:00`` / ``-05:00``: a UTC offset as users write it."""
    assert offset is not None
    total = int(offset.total_seconds()) // 60
    sign = "+" if total >= 0 else "-"
    return f"{sign}{abs(total) // 60:02d}:{abs(total) % 60:02d}"


# Days a local time may fall on: a day away from the first and last dates Python can hold, so that the
# arithmetic around an instant (the day before, another zone's local day) never runs off the edge.
FIRST_DAY, LAST_DAY = date(1, 1, 3), date(9999, 12, 29)


def resolve(day: date, wall: WallTime, zone_name: str, offset: timedelta | None = None) -> datetime:
    """Return the UTC instant of ``wall`` on ``day`` in ``zone_name`` under the stated policy.

    ``offset`` (the UTC offset the user wrote) selects one instant of an ambiguous time; it must be
    one of the offsets the zone really has at that wall time.

    >>> resolve(date(2002, 10, 31), WallTime(12, 0), "America/New_York").isoformat()
    '2002-10-31T17:00:00+00:00'
    >>> resolve(date(2002, 8, 12), END_OF_DAY, "America/New_York").isoformat()
    '2002-08-13T04:00:00+00:00'
    """
    try:
        return _resolve(day, wall, zone_name, offset)
    except OverflowError:  # the first or last day Python's dates can hold, shifted past the edge
        raise InputError("{day} is out of the range of dates this tool can handle", day=day.isoformat()) from None


def _resolve(day: date, wall: WallTime, zone_name: str, offset: timedelta | None) -> datetime:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise OverflowError(day)  # reported by resolve
    tz = zone(zone_name)
    if wall.is_end_of_day:
        day, clock = day + timedelta(days=1), time(0, 0)
    else:
        clock = time(wall.hour, wall.minute)
    local = datetime.combine(day, clock)
    early, late = local.replace(tzinfo=tz, fold=0), local.replace(tzinfo=tz, fold=1)
    if offset is None and early.utcoffset() == late.utcoffset():
        # Both folds agree only for a time that happens exactly once (in a gap or a repeat they differ):
        # the common case, kept cheap for scans that resolve thousands of days.
        return early.astimezone(UTC)
    where = f"{day.isoformat()} {clock:%H:%M}"
    # A wall time exists if it survives a round trip through UTC.
    if early.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != local:
        before, after = _gap(late.astimezone(UTC), early.astimezone(UTC), tz)
        raise NonexistentTimeError(local=where, zone=zone_name, before=before, after=after)
    offsets = {early.utcoffset(), late.utcoffset()}
    if offset is not None and offset not in offsets:
        actual = sorted(offset_text(o) for o in offsets)
        if len(actual) == 2:
            raise InputError(
                "{local} in {zone} has UTC offset {first} or {second}, not {given}",
                local=where,
                zone=zone_name,
                first=actual[0],
                second=actual[1],
                given=offset_text(offset),
            )
        raise InputError(
            "{local} in {zone} has UTC offset {actual}, not {given}",
            local=where,
            zone=zone_name,
            actual=actual[0],
            given=offset_text(offset),
        )
    if len(offsets) == 2:
        if offset is None:
            raise AmbiguousTimeError(
                local=where,
                zone=zone_name,
                first=early.astimezone(UTC).strftime("%H:%M UTC"),
                second=late.astimezone(UTC).strftime("%H:%M UTC"),
                first_offset=offset_text(early.utcoffset()),
            )
        return (early if early.utcoffset() == offset else late).astimezone(UTC)
    return early.astimezone(UTC)


def resolve_many(days: Sequence[date], wall: WallTime, zone_name: str) -> list[datetime]:
    """``[resolve(d, wall, zone_name) for d in days]`` for a scan: the same instants under the same policy
    (a time in a gap or a repeat raises the same error), at a fraction of the cost per day: each step maps
    a C function over all the days, and only the days whose two readings of the wall time disagree (a
    change of the clocks) or that lie at the edge of the calendar go through :func:`resolve`."""
    if not days:
        return []
    if not (min(days) >= FIRST_DAY and max(days) <= LAST_DAY):
        return [resolve(day, wall, zone_name) for day in days]  # an edge: the scalar path says which
    utcoffset, combine = zone(zone_name).utcoffset, datetime.combine
    clock = time(0, 0) if wall.is_end_of_day else time(wall.hour, wall.minute)
    local = list(map(add, days, repeat(timedelta(days=1)))) if wall.is_end_of_day else days
    offsets = list(map(utcoffset, map(combine, local, repeat(clock))))
    # The second of two readings of a repeated wall time (or the one after a gap): the same offset on
    # every day but those on which the clocks change.
    later = map(utcoffset, map(combine, local, repeat(clock.replace(fold=1))))
    out = list(map(sub, map(combine, local, repeat(clock), repeat(UTC)), offsets))
    for k in compress(range(len(days)), map(ne, offsets, later)):
        out[k] = resolve(days[k], wall, zone_name)
    return out


def _gap(lo: datetime, hi: datetime, tz: ZoneInfo) -> tuple[str, str]:
    """Wall times the clocks jump between, for a gap whose transition lies in [lo, hi] (UTC)."""
    old = lo.astimezone(tz).utcoffset()
    while hi - lo > timedelta(minutes=1):
        mid = lo + (hi - lo) / 2
        lo, hi = (mid, hi) if mid.astimezone(tz).utcoffset() == old else (lo, mid)
    assert old is not None
    return (hi + old).strftime("%H:%M"), hi.astimezone(tz).strftime("%H:%M")


def parse_local(text: str) -> tuple[date, WallTime, timedelta | None]:
    """Parse ``YYYY-MM-DD HH:MM`` with an optional UTC offset (``+02:00``) that disambiguates."""
    match = re.fullmatch(r"\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})\s*(?:(Z)|([+-])(\d{2}):?(\d{2}))?\s*", text)
    if not match:
        raise InputError("invalid date and time '{value}': expected 'YYYY-MM-DD HH:MM'", value=text)
    day, wall = parse_date(match[1]), WallTime.parse(match[2])
    offset: timedelta | None = None
    if match[3]:
        offset = timedelta(0)
    elif match[4]:
        offset = timedelta(hours=int(match[5]), minutes=int(match[6]))
        if match[4] == "-":
            offset = -offset
    return day, wall, offset


def day_and_clock(instant: datetime, zone_name: str) -> tuple[date, str]:
    """The local day and ``HH:MM`` of an instant, reading 00:00 exactly as 24:00 of the day before."""
    return wall_day_and_clock(instant.astimezone(zone(zone_name)))


def local_day(instant: datetime, zone_name: str) -> date:
    """The local day an instant belongs to, reading 00:00 exactly as 24:00 of the day before."""
    return day_and_clock(instant, zone_name)[0]


def iso_local(instant: datetime, zone_name: str) -> str:
    """ISO 8601 in the zone, with its offset (24:00 is written as 00:00 of the next day)."""
    return instant.astimezone(zone(zone_name)).isoformat(timespec="minutes")


def iso_utc(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat(timespec="minutes").replace("+00:00", "Z")


def iso_many(
    instants: Iterable[datetime | None], zone_name: str | None = None, dates: Memo[date, str] | None = None
) -> list[str]:
    """``iso_local(i, zone_name)`` for each instant (``iso_utc(i)`` without a zone, "" for None), for a
    scan's thousands: they share a few times of day and offsets, so each "Thh:mm+hh:mm" is written once,
    and each step maps a C function over all the instants. ``dates`` keeps the text of the dates for the
    caller's other columns (a scan writes the same dates as launch dates, last days and expiries)."""
    given = list(instants)
    present = [i for i in given if i is not None]
    if len(present) < len(given):
        texts = iter(iso_many(present, zone_name, dates))
        return [next(texts) if i is not None else "" for i in given]
    tz = UTC if zone_name is None else zone(zone_name)
    local = list(map(datetime.astimezone, present, repeat(tz)))
    tails: Memo[tuple[time, timedelta | None], str] = Memo(lambda key: _iso_tail(*key, utc=zone_name is None))
    clocks = zip(map(datetime.time, local), map(datetime.utcoffset, local), strict=True)
    days = map(date.isoformat if dates is None else dates.__getitem__, map(datetime.date, local))
    return list(map(add, days, map(tails.__getitem__, clocks)))


def _iso_tail(clock: time, offset: timedelta | None, *, utc: bool) -> str:
    """ "T12:00-05:00" (or "T17:00Z" in UTC): what ``isoformat(timespec="minutes")`` writes after the date."""
    text = f"T{clock.isoformat(timespec='minutes')}{offset_text(offset)}"
    return text.replace("+00:00", "Z") if utc else text


def utc_offset_hours(instant: datetime, zone_a: str, zone_b: str) -> float:
    """Hours by which ``zone_b`` is ahead of ``zone_a`` at ``instant``."""
    a = instant.astimezone(zone(zone_a)).utcoffset()
    b = instant.astimezone(zone(zone_b)).utcoffset()
    assert a is not None and b is not None
    return (b - a).total_seconds() / 3600


def unusual_gap(instant: datetime, zone_a: str, zone_b: str) -> float | None:
    """The hours between ``zone_a`` and ``zone_b`` at ``instant`` when that gap is neither their mid-January
    nor their mid-July gap: the weeks when only one of them has changed its clocks. None otherwise (a zone
    without daylight saving, such as Tokyo, is never "unusual" all summer long)."""
    now = utc_offset_hours(instant, zone_a, zone_b)
    return None if now in usual_gaps(instant.year, zone_a, zone_b) else now


@cache
def usual_gaps(year: int, zone_a: str, zone_b: str) -> frozenset[float]:
    """The mid-January and mid-July gaps between two zones in ``year`` (a scan asks for them thousands of times)."""
    return frozenset(utc_offset_hours(datetime(year, m, 15, 12, tzinfo=UTC), zone_a, zone_b) for m in (1, 7))


__all__ = [
    "END_OF_DAY",
    "WallTime",
    "day_and_clock",
    "iso_local",
    "iso_many",
    "iso_utc",
    "local_day",
    "month_length",
    "parse_date",
    "parse_local",
    "resolve",
    "resolve_many",
    "unusual_gap",
    "usual_gaps",
    "utc_offset_hours",
    "zone",
]
