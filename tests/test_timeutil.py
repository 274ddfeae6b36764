"""Wall times, DST gaps and folds, 24:00, and New York / Paris equivalences.

Expected instants come from the DST rules themselves (domain notes 6.2):
- US since 2007: 02:00 local on the 2nd Sunday of March -> 03:00 EDT (UTC-4); 02:00 EDT on the 1st Sunday
  of November -> 01:00 EST (UTC-5) (15 U.S.C. 260a as amended by the Energy Policy Act of 2005);
  1987-2006: 1st Sunday of April / last Sunday of October.
- EU: 01:00 UTC on the last Sunday of March (02:00 CET -> 03:00 CEST, UTC+2) and of October
  (03:00 CEST -> 02:00 CET, UTC+1) (Directive 2000/84/EC).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines.errors import AmbiguousTimeError, DeadlinesError, InputError, NonexistentTimeError, UnknownIdError
from deadlines.timeutil import (
    END_OF_DAY,
    WallTime,
    iso_local,
    iso_utc,
    local_day,
    parse_local,
    resolve,
    resolve_many,
    utc_offset_hours,
    zone,
)

NY, PARIS, BERLIN = "America/New_York", "Europe/Paris", "Europe/Berlin"
H = timedelta(hours=1)


def utc(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


def w(text):
    return WallTime.parse(text)


# ---------------------------------------------------------------------------------------------
# Spring forward: nonexistent wall times
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, zone_name",
    [
        (date(2026, 3, 8), NY),  # 2nd Sunday of March 2026 (1 Mar 2026 is a Sunday)
        (date(2002, 4, 7), NY),  # pre-2007 rule: 1st Sunday of April 2002
        (date(2026, 3, 29), PARIS),  # last Sunday of March 2026
        (date(2002, 3, 31), PARIS),  # last Sunday of March 2002
    ],
)
def test_spring_forward_gap_raises(day, zone_name):
    with pytest.raises(NonexistentTimeError) as err:
        resolve(day, w("02:30"), zone_name)
    msg = str(err.value)
    # both zones jump from 02:00 to 03:00 local time
    assert f"{day.isoformat()} 02:30" in msg and zone_name in msg
    assert "from 02:00 to 03:00" in msg
    # the gap is refused even with an offset: the wall time itself does not exist
    with pytest.raises(NonexistentTimeError):
        resolve(day, w("02:30"), zone_name, offset=-5 * H if zone_name == NY else 1 * H)


def test_times_around_the_new_york_gap_2026():
    d = date(2026, 3, 8)
    assert resolve(d, w("01:59"), NY) == utc(2026, 3, 8, 6, 59)  # still EST, UTC-5
    assert resolve(d, w("03:00"), NY) == utc(2026, 3, 8, 7, 0)  # now EDT, UTC-4
    with pytest.raises(NonexistentTimeError):
        resolve(d, w("02:00"), NY)  # 02:00 EST becomes 03:00 EDT: 02:00 never shows on the clock


def test_times_around_the_paris_gap_2026():
    d = date(2026, 3, 29)
    assert resolve(d, w("01:59"), PARIS) == utc(2026, 3, 29, 0, 59)  # CET, UTC+1
    assert resolve(d, w("03:00"), PARIS) == utc(2026, 3, 29, 1, 0)  # CEST, UTC+2: the switch is at 01:00 UTC


def test_2002_new_york_used_the_old_rule():
    # 2nd Sunday of March 2002 = 10 Mar: no change in 2002 (still EST), so 02:30 exists = 07:30Z
    assert resolve(date(2002, 3, 10), w("02:30"), NY) == utc(2002, 3, 10, 7, 30)
    # 1st Sunday of November 2002 = 3 Nov: already EST since 27 Oct, 01:30 happens once = 06:30Z
    assert resolve(date(2002, 11, 3), w("01:30"), NY) == utc(2002, 11, 3, 6, 30)


# ---------------------------------------------------------------------------------------------
# Fall back: ambiguous wall times
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, clock, zone_name, first_offset, first, second_offset, second",
    [
        # 1st Sunday of November 2026: 01:30 EDT (UTC-4) = 05:30Z, then 01:30 EST (UTC-5) = 06:30Z
        (date(2026, 11, 1), "01:30", NY, -4, utc(2026, 11, 1, 5, 30), -5, utc(2026, 11, 1, 6, 30)),
        # pre-2007 rule: last Sunday of October 2002
        (date(2002, 10, 27), "01:30", NY, -4, utc(2002, 10, 27, 5, 30), -5, utc(2002, 10, 27, 6, 30)),
        # last Sunday of October 2026: 02:30 CEST (UTC+2) = 00:30Z, then 02:30 CET (UTC+1) = 01:30Z
        (date(2026, 10, 25), "02:30", PARIS, 2, utc(2026, 10, 25, 0, 30), 1, utc(2026, 10, 25, 1, 30)),
        (date(2002, 10, 27), "02:30", PARIS, 2, utc(2002, 10, 27, 0, 30), 1, utc(2002, 10, 27, 1, 30)),
    ],
)
def test_fall_back_fold(day, clock, zone_name, first_offset, first, second_offset, second):
    with pytest.raises(AmbiguousTimeError) as err:
        resolve(day, w(clock), zone_name)
    msg = str(err.value)
    # the message names both instants and shows how to pick the first one
    assert f"{first:%H:%M} UTC" in msg and f"{second:%H:%M} UTC" in msg
    sign = "+" if first_offset >= 0 else "-"
    assert f"'{day.isoformat()} {clock}{sign}{abs(first_offset):02d}:00'" in msg
    # the offset chooses the instant
    a = resolve(day, w(clock), zone_name, offset=first_offset * H)
    b = resolve(day, w(clock), zone_name, offset=second_offset * H)
    assert (a, b) == (first, second)
    assert b - a == H
    assert a.utcoffset() == timedelta(0) and b.utcoffset() == timedelta(0)


def test_wrong_offset_for_an_ambiguous_time_is_refused():
    with pytest.raises(InputError) as err:
        resolve(date(2026, 11, 1), w("01:30"), NY, offset=timedelta(0))
    assert "-04:00" in str(err.value) and "-05:00" in str(err.value) and "+00:00" in str(err.value)


def test_wrong_offset_for_a_plain_time_is_refused():
    # 12:00 New York on 12 Sep 2002 is EDT (UTC-4): a written -05:00 contradicts the zone
    with pytest.raises(InputError):
        resolve(date(2002, 9, 12), w("12:00"), NY, offset=-5 * H)
    assert resolve(date(2002, 9, 12), w("12:00"), NY, offset=-4 * H) == utc(2002, 9, 12, 16)


def test_parse_local_with_offset_disambiguates():
    day, wall, offset = parse_local("2026-11-01 01:30-05:00")
    assert (day, wall, offset) == (date(2026, 11, 1), WallTime(1, 30), -5 * H)
    assert resolve(day, wall, NY, offset) == utc(2026, 11, 1, 6, 30)  # the second 01:30 (EST)
    day, wall, offset = parse_local("2026-11-01T01:30-04:00")
    assert resolve(day, wall, NY, offset) == utc(2026, 11, 1, 5, 30)  # the first 01:30 (EDT)
    day, wall, offset = parse_local("2026-10-25 02:30+0200")
    assert resolve(day, wall, PARIS, offset) == utc(2026, 10, 25, 0, 30)
    assert parse_local("2026-11-01 01:30") == (date(2026, 11, 1), WallTime(1, 30), None)
    assert parse_local("2026-11-01 01:30Z")[2] == timedelta(0)
    for bad in ("2026-11-01", "01/11/2026 01:30", "2026-11-01 1:30pm", "2026-13-01 01:30"):
        with pytest.raises(InputError):
            parse_local(bad)


def test_iso_output_of_both_folds():
    a = resolve(date(2026, 11, 1), w("01:30"), NY, offset=-4 * H)
    b = resolve(date(2026, 11, 1), w("01:30"), NY, offset=-5 * H)
    assert (iso_utc(a), iso_utc(b)) == ("2026-11-01T05:30Z", "2026-11-01T06:30Z")
    assert iso_local(a, NY) == "2026-11-01T01:30-04:00"
    assert iso_local(b, NY) == "2026-11-01T01:30-05:00"


# ---------------------------------------------------------------------------------------------
# Every transition of the rules, 1996-2035 (dates derived from the rules, not from the code)
# ---------------------------------------------------------------------------------------------


def _sunday(year, month, n):
    """n-th Sunday of the month (n = -1: the last one)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - 6) % 7)


def _us_transitions(year):
    if year >= 2007:
        return _sunday(year, 3, 2), _sunday(year, 11, 1)
    return _sunday(year, 4, 1), _sunday(year, 10, -1)


@pytest.mark.parametrize("year", range(1996, 2036))
def test_transition_days_follow_the_rules(year):
    spring, autumn = _us_transitions(year)
    with pytest.raises(NonexistentTimeError):
        resolve(spring, w("02:30"), NY)
    with pytest.raises(AmbiguousTimeError):
        resolve(autumn, w("01:30"), NY)
    # a week earlier nothing special happens in New York
    resolve(spring - timedelta(days=7), w("02:30"), NY)
    resolve(autumn - timedelta(days=7), w("01:30"), NY)
    eu_spring, eu_autumn = _sunday(year, 3, -1), _sunday(year, 10, -1)
    with pytest.raises(NonexistentTimeError):
        resolve(eu_spring, w("02:30"), PARIS)
    with pytest.raises(AmbiguousTimeError):
        resolve(eu_autumn, w("02:30"), PARIS)
    # EU switch instants are 01:00 UTC
    assert resolve(eu_spring, w("03:00"), PARIS) == datetime(year, 3, eu_spring.day, 1, tzinfo=UTC)
    assert resolve(eu_autumn, w("03:00"), PARIS) == datetime(year, 10, eu_autumn.day, 2, tzinfo=UTC)


# ---------------------------------------------------------------------------------------------
# 24:00 = end of the day
# ---------------------------------------------------------------------------------------------


def test_wall_time_parsing():
    assert WallTime.parse("24:00") == END_OF_DAY
    assert END_OF_DAY.is_end_of_day and str(END_OF_DAY) == "24:00"
    assert WallTime.parse("9:30") == WallTime(9, 30) and not WallTime(9, 30).is_end_of_day
    assert WallTime.parse(" 00:00 ") == WallTime(0, 0)
    for bad in ("24:01", "25:00", "12:60", "7:5", "noon", "", "12h00"):
        with pytest.raises(InputError):
            WallTime.parse(bad)


@pytest.mark.parametrize(
    "day, zone_name, instant",
    [
        # notes 1.2: day 20 of the Genset US offer, Mon 12 Aug 2002 (EDT): 24:00 = 13 Aug 00:00 = 04:00Z
        (date(2002, 8, 12), NY, utc(2002, 8, 13, 4)),
        # winter (EST): 24:00 on Fri 30 Jan 2026 = 31 Jan 05:00Z
        (date(2026, 1, 30), NY, utc(2026, 1, 31, 5)),
        # notes 4: QIAGEN 2020 "July 27, 2020, 24:00 hours CEST" = 22:00Z
        (date(2020, 7, 27), BERLIN, utc(2020, 7, 27, 22)),
        # Paris winter (CET): 24:00 on 31 Oct 2002 = 23:00Z
        (date(2002, 10, 31), PARIS, utc(2002, 10, 31, 23)),
        # the evening before the 2026 US spring change: midnight is still EST -> 05:00Z
        (date(2026, 3, 7), NY, utc(2026, 3, 8, 5)),
        # the evening before the 2026 US fall-back: midnight is still EDT -> 04:00Z (fold at 06:00Z)
        (date(2026, 10, 31), NY, utc(2026, 11, 1, 4)),
    ],
)
def test_end_of_day_is_next_midnight_and_maps_back(day, zone_name, instant):
    got = resolve(day, END_OF_DAY, zone_name)
    assert got == instant
    assert got == resolve(day + timedelta(days=1), WallTime(0, 0), zone_name)
    # local_day reads 00:00 as 24:00 of the day before: the deadline keeps its day
    assert local_day(got, zone_name) == day
    # one minute later is the next day, one minute earlier is the same day
    assert local_day(got + timedelta(minutes=1), zone_name) == day + timedelta(days=1)
    assert local_day(got - timedelta(minutes=1), zone_name) == day


def test_local_day_in_other_zone():
    # 24:00 New York on 12 Aug 2002 = 04:00Z = 06:00 Paris on 13 Aug
    assert local_day(utc(2002, 8, 13, 4), PARIS) == date(2002, 8, 13)
    # 00:00 Paris (CEST) on 13 Aug 2002 = 22:00Z on 12 Aug -> day 12 Aug in Paris, 18:00 NY on 12 Aug
    assert local_day(utc(2002, 8, 12, 22), PARIS) == date(2002, 8, 12)
    assert local_day(utc(2002, 8, 12, 22), NY) == date(2002, 8, 12)


# ---------------------------------------------------------------------------------------------
# "12:00 noon New York = 18:00 Paris" and the weeks where it is false
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, instant, paris_clock, hours",
    [
        # notes 7: Genset first period, 12 Sep 2002, both in summer time: 16:00Z = 18:00 CEST
        (date(2002, 9, 12), utc(2002, 9, 12, 16), "18:00", 6),
        # notes 7: Genset subsequent period, 31 Oct 2002, both back on standard time since 27 Oct: 17:00Z
        (date(2002, 10, 31), utc(2002, 10, 31, 17), "18:00", 6),
        # notes 6.3: 2026 spring mismatch (8-28 Mar): NY EDT, Paris CET -> noon NY = 17:00 Paris
        (date(2026, 3, 20), utc(2026, 3, 20, 16), "17:00", 5),
        # notes 6.3: 2026 autumn mismatch (25-31 Oct): Paris CET, NY still EDT -> 17:00 Paris
        (date(2026, 10, 28), utc(2026, 10, 28, 16), "17:00", 5),
        # pre-2007 spring week (EU 31 Mar 2002, US 7 Apr 2002): NY still EST (UTC-5), Paris CEST (UTC+2):
        # the gap is 7 hours, not 5 (notes 6.3 says "5 hours" for 1996-2006 too; the rules give 7)
        (date(2002, 4, 3), utc(2002, 4, 3, 17), "19:00", 7),
    ],
)
def test_noon_new_york_in_paris(day, instant, paris_clock, hours):
    noon_ny = resolve(day, w("12:00"), NY)
    assert noon_ny == instant
    assert resolve(day, w(paris_clock), PARIS) == instant
    assert utc_offset_hours(instant, NY, PARIS) == hours
    if hours != 6:
        assert resolve(day, w("18:00"), PARIS) != noon_ny  # "noon NY = 18:00 Paris" fails that week


def test_frankfurt_midnight_in_new_york():
    # notes 4: 24:00 Frankfurt = 18:00 New York in normal weeks (Bayer/Schering 2006 wording) ...
    assert resolve(date(2020, 7, 27), END_OF_DAY, BERLIN) == resolve(date(2020, 7, 27), w("18:00"), NY)
    # ... but 19:00 New York in the US-early-DST weeks (20 Mar 2026)
    assert resolve(date(2026, 3, 20), END_OF_DAY, BERLIN) == resolve(date(2026, 3, 20), w("19:00"), NY)


# ---------------------------------------------------------------------------------------------
# Zones and a round-trip property
# ---------------------------------------------------------------------------------------------


def test_zone_lookup():
    assert zone(NY).key == NY
    assert zone("UTC").key == "UTC"
    with pytest.raises(UnknownIdError) as err:
        zone("Europe/Pariss")
    assert "did you mean 'Europe/Paris'" in str(err.value)
    with pytest.raises(UnknownIdError):
        resolve(date(2026, 1, 5), w("12:00"), "Mars/Olympus")


@settings(max_examples=200, deadline=None)
@given(
    day=st.dates(min_value=date(1996, 1, 1), max_value=date(2035, 12, 31)),
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 1, 29, 30, 59]),
    zone_name=st.sampled_from([NY, PARIS]),
)
def test_resolve_round_trip(day, hour, minute, zone_name):
    try:
        instant = resolve(day, WallTime(hour, minute), zone_name)
    except NonexistentTimeError:
        # only on a spring-forward Sunday, between 02:00 and 03:00 local
        assert day.weekday() == 6 and day.month in (3, 4) and hour == 2
        return
    except AmbiguousTimeError:
        # only on a fall-back Sunday, 01:xx in New York / 02:xx in Paris
        assert day.weekday() == 6 and day.month in (10, 11) and hour == (1 if zone_name == NY else 2)
        return
    local = instant.astimezone(zone(zone_name))
    assert (local.date(), local.hour, local.minute) == (day, hour, minute)
    assert instant.utcoffset() == timedelta(0)


def test_a_folder_of_the_zone_database_is_an_unknown_zone() -> None:
    # "Europe" (half-typed "Europe/Paris") is a directory in the tz database: a clear error, not a traceback.
    with pytest.raises(UnknownIdError, match="unknown time zone 'Europe'"):
        zone("Europe")


# -- resolve_many: the scan's batch path gives resolve's instants and errors --------------------------------

_EVERY_DAY = [date(1995, 1, 1) + timedelta(days=i) for i in range((date(2035, 12, 31) - date(1995, 1, 1)).days + 1)]


@pytest.mark.parametrize(
    "zone_name",
    # Daylight saving at 02:00 / 01:00 UTC, half-hour changes (Lord Howe), changes at midnight (Santiago),
    # none (Tokyo).
    ["America/New_York", "Europe/Paris", "Europe/London", "Australia/Lord_Howe", "America/Santiago", "Asia/Tokyo"],
)
@pytest.mark.parametrize("wall", ["24:00", "17:30", "12:00", "02:30", "01:30", "00:30"])
def test_resolve_many_equals_resolve_every_day(zone_name: str, wall: str) -> None:
    w = WallTime.parse(wall)
    try:
        expected: object = [resolve(day, w, zone_name) for day in _EVERY_DAY]
    except DeadlinesError as error:
        expected = str(error)
    try:
        got: object = resolve_many(_EVERY_DAY, w, zone_name)
    except DeadlinesError as error:
        got = str(error)
    assert got == expected


def test_resolve_many_refuses_a_time_in_the_gap_like_resolve() -> None:
    days = [date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)]
    with pytest.raises(DeadlinesError, match="2026-03-29 02:30 does not exist in Europe/Paris"):
        resolve_many(days, WallTime(2, 30), "Europe/Paris")
    with pytest.raises(DeadlinesError, match="0001-01-01 is out of the range"):
        resolve_many([date(1, 1, 1)], WallTime(12, 0), "Europe/Paris")
