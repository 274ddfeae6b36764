"""Properties of the engine over 1995-2035 and of local-time resolution over 1996-2034 (the years the
statutes below describe; in 1995 the EU still changed in September), checked with hypothesis.

Expected facts come from the rules, not from the code:
- Rule 14d-1(g)(3) / 14e-1(a): the commencement day is business day 1 and the earliest expiry is the end
  of business day 20; a later commencement can never give an earlier expiry.
- A cross-border offer has one expiry instant: every zone shows the same UTC instant.
- Daylight saving, as legislated: the EU changes at 01:00 UTC on the last Sunday of March and of October
  (Directive 2000/84/EC, and the same dates from 1996 under the earlier directives); the US, since 2007,
  at 02:00 local on the second Sunday of March and the first Sunday of November (15 U.S.C. 260a as amended
  by the Energy Policy Act of 2005), before 2007 on the first Sunday of April and the last Sunday of
  October. Switzerland follows the EU dates; the UK changes at the same instant (01:00 UTC).
"""

from __future__ import annotations

import calendar as _calendar
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines import Deal, Leg, compute
from deadlines.calendars import get_calendar
from deadlines.errors import AmbiguousTimeError, NonexistentTimeError
from deadlines.timeutil import WallTime, resolve, zone

REGIME_SETS = [("us-14d",), ("us-13e4",), ("fr-amf",), ("us-14d", "fr-amf")]
_starts = st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 6, 30))
# French durations are encoded from the AMF General Regulation (in force 24 November 2004); earlier offers
# ran under the CMF rules, whose dates come from the deal file.
AMF_FROM = date(2004, 11, 24)


@st.composite
def _deals(draw: st.DrawFn) -> tuple[tuple[str, ...], date]:
    regimes = draw(st.sampled_from(REGIME_SETS))
    low = AMF_FROM if "fr-amf" in regimes else date(1995, 1, 1)
    return regimes, draw(st.dates(min_value=low, max_value=date(2035, 6, 30)))


def _expiry(regimes: tuple[str, ...], start: date) -> datetime:
    schedule = compute(Deal([Leg(r, start) for r in regimes]))
    return schedule.event(f"{regimes[0]}.{'closing' if regimes[0].startswith('fr') else 'expiry'}").instant


@settings(max_examples=60, deadline=None)
@given(deal=_deals(), later=st.integers(0, 40))
def test_a_later_commencement_never_gives_an_earlier_expiry(deal: tuple[tuple[str, ...], date], later: int) -> None:
    regimes, start = deal
    assert _expiry(regimes, start) <= _expiry(regimes, start + timedelta(days=later))


@settings(max_examples=60, deadline=None)
@given(deal=_deals())
def test_every_count_ends_on_an_open_day_of_its_calendar(deal: tuple[tuple[str, ...], date]) -> None:
    regimes, start = deal
    schedule = compute(Deal([Leg(r, start) for r in regimes]))
    for event in schedule.events:
        if event.count is not None and event.count.n:
            cal = get_calendar(event.count.calendar)
            assert cal.is_business_day(event.count.last), event.id
            assert cal.is_business_day(event.count.first), event.id
            assert cal.count(event.count.first, event.count.last) == event.count.n, event.id


@settings(max_examples=60, deadline=None)
@given(start=_starts)
def test_us_earliest_expiry_is_the_end_of_business_day_20(start: date) -> None:
    fed = get_calendar("us-federal")
    expiry = compute(Deal([Leg("us-14d", start)])).event("us-14d.expiry")
    day20 = fed.nth(start, 20)  # day 1 is the commencement day, or the next business day after it
    # 24:00 New York at the end of day 20 is 00:00 the next calendar day.
    assert expiry.instant == resolve(day20, WallTime(24, 0), "America/New_York")


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=AMF_FROM, max_value=date(2035, 6, 30)),
    show=st.sampled_from(["Europe/London", "Europe/Zurich", "Asia/Tokyo", "Europe/Berlin"]),
)
def test_a_cross_border_expiry_is_one_instant_in_every_zone(start: date, show: str) -> None:
    schedule = compute(Deal([Leg("us-14d", start), Leg("fr-amf", start)], show_zones=[show]))
    us, fr = schedule.event("us-14d.expiry"), schedule.event("fr-amf.closing")
    assert us.instant == fr.instant
    for event in schedule.events:
        times = event.to_json(schedule.zones)["times"]
        assert len(times) == 3
        assert {datetime.fromisoformat(t).astimezone(UTC) for t in times.values()} == {event.instant}


# -- daylight saving, both directions, five zones --------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, _calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - 6) % 7)


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def _transitions(zone_name: str, year: int) -> tuple[datetime, datetime]:
    """The legislated spring and autumn changes of ``year`` as UTC instants."""
    if zone_name == "America/New_York":
        if year >= 2007:
            spring, autumn = _nth_sunday(year, 3, 2), _nth_sunday(year, 11, 1)
        else:
            spring, autumn = _nth_sunday(year, 4, 1), _last_sunday(year, 10)
        # 02:00 EST = 07:00 UTC in spring; 02:00 EDT = 06:00 UTC in autumn.
        return datetime(spring.year, spring.month, spring.day, 7, tzinfo=UTC), datetime(
            autumn.year, autumn.month, autumn.day, 6, tzinfo=UTC
        )
    spring, autumn = _last_sunday(year, 3), _last_sunday(year, 10)
    return datetime(spring.year, spring.month, spring.day, 1, tzinfo=UTC), datetime(
        autumn.year, autumn.month, autumn.day, 1, tzinfo=UTC
    )


ZONES = ["America/New_York", "Europe/Paris", "Europe/London", "Europe/Berlin", "Europe/Zurich"]


@settings(max_examples=120, deadline=None)
@given(zone_name=st.sampled_from(ZONES), year=st.integers(1996, 2034), minute=st.integers(0, 59))
def test_spring_gap_is_refused_and_autumn_repeat_names_both_instants(zone_name: str, year: int, minute: int) -> None:
    spring, autumn = _transitions(zone_name, year)
    tz = zone(zone_name)
    # Spring: the hour after the change's local wall time does not exist.
    before = (spring - timedelta(minutes=1)).astimezone(tz)  # the last minute of standard time, local
    gap_hour = before.hour + 1  # the wall hour skipped: 02 in New York, Paris, Berlin, Zurich; 01 in London
    with pytest.raises(NonexistentTimeError):
        resolve(before.date(), WallTime(gap_hour, minute), zone_name)
    # Just outside the gap, a wall time has exactly one instant.
    assert resolve(before.date(), WallTime(before.hour, before.minute), zone_name) == spring - timedelta(minutes=1)
    # Autumn: the hour before the change's instant happens twice, an hour apart.
    first = autumn - timedelta(hours=1) + timedelta(minutes=minute)
    wall = first.astimezone(tz)
    day, clock = wall.date(), WallTime(wall.hour, wall.minute)
    with pytest.raises(AmbiguousTimeError) as caught:
        resolve(day, clock, zone_name)
    message = caught.value.message
    assert first.strftime("%H:%M UTC") in message and (first + timedelta(hours=1)).strftime("%H:%M UTC") in message
    offsets = [first.astimezone(tz).utcoffset(), (first + timedelta(hours=1)).astimezone(tz).utcoffset()]
    assert [resolve(day, clock, zone_name, o) for o in offsets] == [first, first + timedelta(hours=1)]
