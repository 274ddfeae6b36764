"""Counting: the day n units after an anchor, a rule's time of day on that day, a leg's last day for an
expiry instant, and the search for the earliest common expiry. Shared by the engine and the scan (which
runs them over many launch dates), so both count the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from itertools import repeat
from operator import ge

from ..calendars import BusinessCalendar, EarlyClose, get_calendar
from ..errors import AmbiguousTimeError, InputError, NonexistentTimeError
from ..model import ExpiryTime
from ..rules import Rule, Rulebook
from ..timeutil import WallTime, month_length, resolve, zone

SEARCH_DAYS = 400


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, month_length(year, month)))


def rule_calendar(rule: Rule, cal: BusinessCalendar, settle: BusinessCalendar) -> BusinessCalendar:
    """The calendar that counts ``rule``'s business or settlement days: its own when it names one (German
    Werktage until 2023), else the leg's calendar or its settlement calendar."""
    if rule.calendar is not None:
        return get_calendar(rule.calendar)
    return settle if rule.unit == "settlement" else cal


def count_day(rule: Rule, cal: BusinessCalendar, anchor: date, n: int) -> date:
    """The day ``n`` units of ``rule`` after ``anchor`` (``cal`` counts business and settlement units)."""
    if rule.unit in ("business", "settlement"):
        if rule.back:  # counted back: one Werktag before the end of the acceptance period (§ 21(1) WpÜG)
            return cal.add(anchor, -n)
        return cal.nth(anchor, n) if rule.day1 == "anchor" else cal.add(anchor, n)
    if rule.unit == "calendar":
        if rule.back:  # counted back: Day 39 is 21 days before Day 60
            return anchor - timedelta(days=n)
        return anchor + timedelta(days=n - 1 if rule.day1 == "anchor" else n)
    if rule.unit == "weeks":  # §§ 187, 188(2) BGB: 7 days a week, the anchor's day counted or not as day1 says
        return anchor + timedelta(days=7 * n - 1 if rule.day1 == "anchor" else 7 * n)
    return _add_months(anchor, n)


def rule_wall(rule: Rule, cal: BusinessCalendar, day: date) -> tuple[WallTime, EarlyClose | None]:
    """The time of day ``rule`` falls due on ``day``: a rule timed at the session's close follows an early
    close (Euronext half days), which is returned with it."""
    wall = rule.time or WallTime(24, 0)
    close = cal.hours(day).close  # the session's close that day (its hours have effective dates)
    early = cal.early_close(day) if rule.unit == "business" and close is not None else None
    if early is not None and close is not None and (wall.hour, wall.minute) == (close.hour, close.minute):
        return WallTime(early.close.hour, early.close.minute), early
    return wall, None


def last_day(book: Rulebook, cal: BusinessCalendar, instant: datetime) -> date:
    """A leg's last day for an expiry at ``instant``: the local day, or the day before when the instant comes
    before that day's session opens (00:00 New York is 24:00 of the day before; 06:00 Paris, before the
    09:00 opening, closes an offer whose last trading day was the day before)."""
    return last_local_day(cal, instant.astimezone(zone(book.zone)))


def last_local_day(cal: BusinessCalendar, local: datetime) -> date:
    """:func:`last_day` for an instant already in the leg's zone."""
    hours = cal.hours(local.date())
    if local.time() >= hours.open:
        return local.date()
    day = local.date() - timedelta(days=1)
    if hours.close is not None and cal.first < day <= cal.last:
        # An exchange: before the opening, the last session was the previous trading day.
        return cal.previous_business_day(day, inclusive=True)
    return day


def last_local_days(cal: BusinessCalendar, locals_: Sequence[datetime]) -> list[date]:
    """:func:`last_local_day` for many instants in the leg's zone (a scan's candidate expiries), in one pass:
    with one set of session hours, an instant at or after the opening is on its local day."""
    if len(cal.session_hours) != 1:
        return [last_local_day(cal, local) for local in locals_]
    days = list(map(datetime.date, locals_))
    opened = list(map(ge, map(datetime.time, locals_), repeat(cal.session_hours[0].open)))
    if not all(opened):  # before the opening: the day before, or an exchange's last session
        days = [day if on else last_local_day(cal, local) for day, on, local in zip(days, opened, locals_, strict=True)]
    return days


def open_everywhere(legs: list[tuple[Rulebook, BusinessCalendar]]) -> Callable[[datetime], bool]:
    """Whether an expiry at an instant leaves every leg's last day a business day of its calendar."""
    return lambda instant: all(cal.is_business_day(last_day(book, cal, instant)) for book, cal in legs)


def earliest_instant(
    floor: datetime,
    at: ExpiryTime,
    fits: Callable[[datetime], bool],
    instant: Callable[[date, WallTime, str], datetime] = resolve,
) -> datetime:
    """The first ``at`` wall time at or after ``floor`` that ``fits`` (see :func:`open_everywhere`).

    A scan passes an ``instant`` resolver and a ``fits`` that remember the days they have seen."""
    day = floor.astimezone(zone(at.zone)).date() - timedelta(days=1)
    for _ in range(SEARCH_DAYS):
        try:
            candidate = instant(day, at.wall, at.zone)
        except (AmbiguousTimeError, NonexistentTimeError):
            # The wall time falls in a change of the clocks on this day: it matters only if the day could
            # be the answer. A day no candidate of which can fit (a Sunday, a holiday) is passed over.
            if any(c >= floor and fits(c) for c in _both_folds(day, at)):
                raise
            day += timedelta(days=1)
            continue
        if candidate >= floor and fits(candidate):
            return candidate
        day += timedelta(days=1)
    raise InputError("no common expiry found within {days} days", days=SEARCH_DAYS)


def _both_folds(day: date, at: ExpiryTime) -> tuple[datetime, datetime]:
    """The two instants a wall time in a gap or a repeat of the clocks could mean (fold 0 and fold 1)."""
    wall, tz = at.wall, zone(at.zone)
    if wall.is_end_of_day:
        local = datetime.combine(day + timedelta(days=1), time(0, 0))
    else:
        local = datetime.combine(day, time(wall.hour, wall.minute))
    return (local.replace(tzinfo=tz, fold=0).astimezone(UTC), local.replace(tzinfo=tz, fold=1).astimezone(UTC))
