"""Golden tests for the business-day calendars.

Every expected date below comes from a source, never from running the code under test:
- "notes 1.2" etc. = /work/shared/domain/tender-offer-rules.md (section number);
- "cal notes" = /work/shared/domain/calendars-and-libraries.md;
- 5 U.S.C. 6103 (federal holidays), NYSE Rule 7.2, the Euronext holiday calendar (notes 2.5);
- weekdays and Easter dates are facts of the Gregorian calendar (Easter 2002 = 31 Mar, 2010 = 4 Apr,
  2019 = 21 Apr, 2025 = 20 Apr, 2026 = 5 Apr).
"""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines.calendars import aliases, calendar_ids, get_calendar, joint, resolve_id
from deadlines.errors import CoverageError, InputError, UnknownIdError

D = date


@pytest.fixture(scope="module")
def fed():
    return get_calendar("us-federal")


@pytest.fixture(scope="module")
def nyse():
    return get_calendar("XNYS")


@pytest.fixture(scope="module")
def xpar():
    return get_calendar("XPAR")


# ---------------------------------------------------------------------------------------------
# Worked examples of the domain notes, sec. 1.2 (US federal business days, day 1 = commencement)
# ---------------------------------------------------------------------------------------------


def test_genset_2002_twentieth_business_day(fed):
    # notes 1.2 and 7: commencement Tue 16 Jul 2002 -> day 20 = Mon 12 Aug 2002 (no holiday in between)
    assert fed.nth(D(2002, 7, 16), 20) == D(2002, 8, 12)


def test_may_2026_tenth_and_twentieth_business_day(fed):
    # notes 1.2: commencement Mon 4 May 2026 -> day 10 = Fri 15 May 2026 (two plain weeks)
    assert fed.nth(D(2026, 5, 4), 10) == D(2026, 5, 15)
    # notes 1.2: day 20 = Mon 1 Jun 2026, Memorial Day (last Monday of May: 25 May 2026) skipped
    assert fed.nth(D(2026, 5, 4), 20) == D(2026, 6, 1)
    assert not fed.is_business_day(D(2026, 5, 25))  # Memorial Day 2026
    assert "Memorial Day" in fed.closed_names(D(2026, 5, 25))


def test_good_friday_2026_counts_on_us_federal_but_nyse_is_closed(fed, nyse):
    # notes 1.2 / 1.12: Good Friday 3 Apr 2026 is not a federal holiday, so it is business day 5
    assert fed.nth(D(2026, 3, 30), 20) == D(2026, 4, 24)
    assert fed.is_business_day(D(2026, 4, 3))
    # ... but the NYSE closes on Good Friday (NYSE Rule 7.2)
    assert not nyse.is_business_day(D(2026, 4, 3))
    assert nyse.closed_names(D(2026, 4, 3)) == ("Good Friday",)
    # so on XNYS the same count ends one trading day later, Mon 27 Apr 2026
    assert nyse.nth(D(2026, 3, 30), 20) == D(2026, 4, 27)


def test_juneteenth_2021_first_observance(fed, nyse):
    # notes 1.2 / 1.12: Pub. L. 117-17 (17 Jun 2021) -> Fri 18 Jun 2021 observed (19 Jun was a Saturday)
    assert fed.nth(D(2021, 6, 1), 20) == D(2021, 6, 29)
    assert not fed.is_business_day(D(2021, 6, 18))
    # NYSE and Nasdaq stayed open on 18 Jun 2021; markets first closed for Juneteenth on Mon 20 Jun 2022
    assert nyse.is_business_day(D(2021, 6, 18))
    assert get_calendar("XNAS").is_business_day(D(2021, 6, 18))
    assert not nyse.is_business_day(D(2022, 6, 20))
    assert not fed.is_business_day(D(2022, 6, 20))  # 19 Jun 2022 was a Sunday -> Monday
    # before the law there was no Juneteenth: Fri 19 Jun 2020 was a business day
    assert fed.is_business_day(D(2020, 6, 19))


def test_carter_day_of_mourning_2025(fed, nyse):
    # notes 1.2: with 9 Jan 2025 treated as a federal holiday, 2 Jan 2025 + 20 days -> Fri 31 Jan 2025
    assert fed.nth(D(2025, 1, 2), 20) == D(2025, 1, 31)
    assert not fed.is_business_day(D(2025, 1, 9))
    assert not nyse.is_business_day(D(2025, 1, 9))  # NYSE/Nasdaq closed as well (notes 1.12)
    # MLK Day 2025 is the 3rd Monday of January = 20 Jan 2025
    assert not fed.is_business_day(D(2025, 1, 20))


def test_new_years_eve_2021_federal_holiday_but_nyse_open(fed, nyse):
    # notes 1.12: 1 Jan 2022 was a Saturday -> 5 U.S.C. 6103(b) moves it to Fri 31 Dec 2021 ...
    assert not fed.is_business_day(D(2021, 12, 31))
    # ... but NYSE Rule 7.2 does not move a Saturday holiday onto a Friday that ends a year
    assert nyse.is_business_day(D(2021, 12, 31))
    # same in 2010 (1 Jan 2011 was a Saturday), notes 1.12
    assert not fed.is_business_day(D(2010, 12, 31))
    assert nyse.is_business_day(D(2010, 12, 31))


@pytest.mark.parametrize(
    "day, name",
    [
        (D(2002, 10, 14), "Columbus Day"),  # 2nd Monday of October 2002 (notes 7: excluded from the SOP count)
        (D(2026, 10, 12), "Columbus Day"),  # 2nd Monday of October 2026
        (D(2002, 11, 11), "Veterans Day"),  # Mon 11 Nov 2002 (notes 7)
        (D(2025, 11, 11), "Veterans Day"),  # Tue 11 Nov 2025
        (D(2023, 11, 10), "Veterans Day (observed)"),  # 11 Nov 2023 was a Saturday -> Friday 10 Nov
    ],
)
def test_columbus_and_veterans_day_closed_federal_open_nyse(fed, nyse, day, name):
    # notes 1.12: federal holidays (5 U.S.C. 6103(a)) on which the NYSE trades
    assert not fed.is_business_day(day)
    assert fed.closed_names(day) == (name,)
    assert nyse.is_business_day(day)


def test_genset_counts_sec7(fed, xpar):
    # notes 7: first period 16 Jul - 12 Sep 2002 = 42 US business days (Labor Day 2 Sep excluded) ...
    assert fed.count(D(2002, 7, 16), D(2002, 9, 12)) == 42
    assert not fed.is_business_day(D(2002, 9, 2))  # Labor Day, 1st Monday of September 2002
    # ... = 43 Paris trading days (43 weekdays; 15 Aug and 2 Sep 2002 both trading days in Paris)
    assert xpar.count(D(2002, 7, 16), D(2002, 9, 12)) == 43
    # notes 7: subsequent period 23 Sep - 31 Oct 2002 = 28 US business days (Columbus Day 14 Oct excluded)
    assert fed.count(D(2002, 9, 23), D(2002, 10, 31)) == 28


def test_genset_trace_text(fed):
    # 16 Jul - 12 Sep 2002: 43 weekdays, Labor Day skipped; 59 calendar days -> 16 weekend days
    c = fed.trace(D(2002, 7, 16), D(2002, 9, 12))
    assert (c.first, c.last, c.n, c.weekend_days) == (D(2002, 7, 16), D(2002, 9, 12), 42, 16)
    assert [(s.day, s.names) for s in c.skipped] == [(D(2002, 9, 2), ("Labor Day",))]
    assert c.notices == ()
    assert c.text().startswith("us-federal: 1st business day = 2002-07-16")
    assert "2002-09-02 (Labor Day)" in c.text()
    assert c.text().endswith("42nd business day = 2002-09-12")


# ---------------------------------------------------------------------------------------------
# Executive-order closures (counted, with a notice) and days of mourning (closed)
# ---------------------------------------------------------------------------------------------


def test_executive_order_christmas_eve_2018_is_counted_with_notice(fed):
    # cal notes: EO closure of federal offices on Mon 24 Dec 2018 -> business day by default, with a warning
    assert fed.is_business_day(D(2018, 12, 24))
    c = fed.trace(D(2018, 12, 17), D(2018, 12, 31))
    assert [n.day for n in c.notices] == [D(2018, 12, 24)]
    assert "2018-12-24 counted as a business day" in c.text()
    # Christmas Tue 25 Dec 2018 is skipped; 17-31 Dec 2018 has 11 weekdays -> 10 business days
    assert [s.day for s in c.skipped] == [D(2018, 12, 25)]
    assert c.n == 10


def test_bush_day_of_mourning_2018_closed(fed, nyse):
    # cal notes / notes 1.12: Wed 5 Dec 2018, national day of mourning for President G. H. W. Bush
    assert not fed.is_business_day(D(2018, 12, 5))
    assert not nyse.is_business_day(D(2018, 12, 5))
    assert any("Bush" in n for n in fed.closed_names(D(2018, 12, 5)))
    c = fed.trace(D(2018, 12, 3), D(2018, 12, 7))
    assert c.n == 4 and [s.day for s in c.skipped] == [D(2018, 12, 5)]
    assert c.notices == ()  # a day of mourning is a closure, not a counted notice


def test_trace_with_closed_start_begins_on_next_business_day(fed):
    # Sat 14 Jul 2002 is a weekend day: day 1 is Mon 15 Jul 2002; 15-19 Jul = 5 business days
    c = fed.trace(D(2002, 7, 14), D(2002, 7, 19))
    assert c.first == D(2002, 7, 15) and c.n == 5 and c.weekend_days == 0


# ---------------------------------------------------------------------------------------------
# Euronext Paris (notes 2.5: closing days 1 Jan, Good Friday, Easter Monday, 1 May, 25 and 26 Dec)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        D(2002, 1, 1),  # New Year's Day (Tue)
        D(2002, 3, 29),  # Good Friday 2002 (Easter 31 Mar)
        D(2002, 4, 1),  # Easter Monday 2002
        D(2002, 5, 1),  # Labour Day (Wed)
        D(2002, 12, 25),  # Christmas (Wed)
        D(2002, 12, 26),  # 26 Dec (Thu) - not a French public holiday, still a Euronext closing day
        D(2019, 4, 19),  # Good Friday 2019 (Easter 21 Apr)
        D(2019, 4, 22),  # Easter Monday 2019
        D(2019, 5, 1),  # Wed
        D(2019, 12, 25),
        D(2019, 12, 26),
        D(2026, 1, 1),  # Thu
        D(2026, 4, 3),  # Good Friday 2026 (Easter 5 Apr)
        D(2026, 4, 6),  # Easter Monday 2026
        D(2026, 5, 1),  # Fri
        D(2026, 12, 25),  # Fri (26 Dec 2026 is a Saturday: no substitute)
    ],
)
def test_xpar_closing_days(xpar, day):
    assert not xpar.is_business_day(day)
    assert xpar.closed_names(day)


@pytest.mark.parametrize(
    "day",
    [
        # 2002 (harmonised Euronext calendar, notes 2.5 / cal notes: TARGET = Paris from 2002)
        D(2002, 5, 8),  # Victoire 1945 (Wed)
        D(2002, 5, 9),  # Ascension (Easter 31 Mar + 39)
        D(2002, 5, 20),  # Whit Monday (Easter + 50)
        D(2002, 8, 15),  # Assumption (Thu) - notes 7 assumed a trading day
        D(2002, 11, 1),  # All Saints (Fri)
        D(2002, 11, 11),  # Armistice (Mon)
        # 2019
        D(2019, 5, 8),  # Wed
        D(2019, 5, 30),  # Ascension (Easter 21 Apr + 39)
        D(2019, 6, 10),  # Whit Monday
        D(2019, 8, 15),  # Thu
        D(2019, 11, 1),  # Fri
        D(2019, 11, 11),  # Mon
        # 2025
        D(2025, 5, 8),  # Thu
        D(2025, 5, 29),  # Ascension (Easter 20 Apr + 39)
        D(2025, 6, 9),  # Whit Monday
        D(2025, 7, 14),  # Bastille Day (Mon)
        D(2025, 8, 15),  # Fri
        D(2025, 11, 11),  # Tue
        # 2026
        D(2026, 5, 8),  # Fri
        D(2026, 5, 14),  # Ascension (Easter 5 Apr + 39)
        D(2026, 5, 25),  # Whit Monday (also US Memorial Day)
        D(2026, 7, 14),  # Tue
        D(2026, 11, 11),  # Wed
        # 2010
        D(2010, 7, 14),  # Wed
        D(2010, 11, 1),  # Mon
    ],
)
def test_xpar_trades_on_other_french_public_holidays(xpar, day):
    # notes 2.5: Paris trades on 8 May, Ascension, Whit Monday, 14 Jul, 15 Aug, 1 Nov, 11 Nov
    assert xpar.is_business_day(day)
    assert xpar.closed_names(day) == ()


@pytest.mark.parametrize(
    "day",
    [
        D(2002, 12, 24),  # Tue
        D(2002, 12, 31),  # Tue
        D(2019, 12, 24),  # Tue
        D(2019, 12, 31),  # Tue
        D(2026, 12, 24),  # Thu
        D(2026, 12, 31),  # Thu
    ],
)
def test_xpar_half_days(xpar, day):
    # notes 2.5 / 6.1: half days closing at about 14:05 on 24 and 31 Dec; they are trading days
    assert xpar.is_business_day(day)
    ec = xpar.early_close(day)
    assert ec is not None
    assert ec.close == time(14, 5)
    assert ec.day == day


def test_xpar_no_early_close_on_ordinary_days_or_weekends(xpar, nyse):
    assert xpar.early_close(D(2026, 12, 23)) is None  # ordinary Wednesday
    assert xpar.early_close(D(2022, 12, 24)) is None  # Saturday
    assert xpar.early_close(D(2022, 12, 31)) is None  # Saturday
    assert nyse.early_close(D(2026, 12, 23)) is None  # ordinary Wednesday
    assert nyse.early_close(D(2026, 12, 31)) is None  # the NYSE has no New Year's Eve early close


# NYSE early closes at 1:00 p.m. ET (NYSE holidays and early closings announcements, e.g. the one of
# 27 Dec 2021 for 2022-2024, quoted by Mondo Visione; cal notes 6.1): the day after Thanksgiving, Christmas Eve
# on a Monday to Thursday, 3 July when 4 July is a weekday after it (and until 2012 Friday 5 July after a
# Thursday 4 July).
@pytest.mark.parametrize(
    ("day", "why"),
    [
        (D(2026, 11, 27), "day after Thanksgiving (26 Nov 2026)"),
        (D(2026, 12, 24), "Christmas Eve, a Thursday"),
        (D(2023, 7, 3), "Monday 3 July 2023 (announcement of 27 Dec 2021)"),
        (D(2024, 7, 3), "Wednesday 3 July 2024 (same announcement)"),
        (D(2024, 11, 29), "day after Thanksgiving 2024"),
        (D(2024, 12, 24), "Christmas Eve 2024, a Tuesday"),
        (D(2018, 11, 23), "day after Thanksgiving 2018"),
        (D(2018, 12, 24), "Christmas Eve 2018, a Monday"),
        (D(2002, 7, 5), "Friday after Thursday 4 July 2002 (rule until 2012)"),
        (D(1999, 12, 31), "Friday 31 Dec 1999, ad hoc"),
    ],
)
def test_nyse_early_closes(nyse, day, why):
    early = nyse.early_close(day)
    assert early is not None, why
    assert early.close == time(13, 0) and nyse.is_business_day(day)
    assert get_calendar("NASDAQ").early_close(day) == early


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (D(2021, 12, 24), "Friday: the observed Christmas holiday, closed"),
        (D(2026, 7, 2), "4 July 2026 is a Saturday: Friday 3 July is the holiday, no early close on the 2nd"),
        (D(2022, 7, 1), "4 July 2022 is a Monday: no early close on Friday 1 July"),
        (D(2019, 7, 5), "since 2013 the Friday after a Thursday 4 July is a full day"),
        (D(2008, 12, 26), "no early close on Friday 26 Dec 2008 (exchange_calendars XNYS docstring)"),
    ],
)
def test_nyse_no_early_close(nyse, day, why):
    assert nyse.early_close(day) is None, why


def test_xpar_docstring_example_april_2026(xpar):
    # 1-10 Apr 2026: 8 weekdays, Good Friday 3 Apr and Easter Monday 6 Apr closed -> 6
    assert xpar.count(D(2026, 4, 1), D(2026, 4, 10)) == 6


# ---------------------------------------------------------------------------------------------
# add / count / nth / next / previous consistency
# ---------------------------------------------------------------------------------------------


def test_add_hand_cases(fed):
    # Fri 30 Aug 2002 + 1 -> Tue 3 Sep 2002 (Labor Day Mon 2 Sep skipped)
    assert fed.add(D(2002, 8, 30), 1) == D(2002, 9, 3)
    # Tue 3 Sep 2002 - 1 -> Fri 30 Aug 2002
    assert fed.add(D(2002, 9, 3), -1) == D(2002, 8, 30)
    # from a closed day: Labor Day + 1 -> Tue 3 Sep; Labor Day - 1 -> Fri 30 Aug
    assert fed.add(D(2002, 9, 2), 1) == D(2002, 9, 3)
    assert fed.add(D(2002, 9, 2), -1) == D(2002, 8, 30)
    # n = 0 on an open day is the day itself, on a closed day an error
    assert fed.add(D(2002, 9, 3), 0) == D(2002, 9, 3)
    with pytest.raises(InputError):
        fed.add(D(2002, 9, 2), 0)
    # Good Friday is counted on us-federal: Thu 2 Apr 2026 + 1 = Fri 3 Apr; on XNYS = Mon 6 Apr
    assert fed.add(D(2026, 4, 2), 1) == D(2026, 4, 3)
    assert get_calendar("XNYS").add(D(2026, 4, 2), 1) == D(2026, 4, 6)


def test_next_and_previous_hand_cases(fed):
    labor = D(2002, 9, 2)  # Labor Day 2002
    assert fed.next_business_day(D(2002, 8, 30)) == D(2002, 9, 3)
    assert fed.next_business_day(D(2002, 8, 30), inclusive=True) == D(2002, 8, 30)
    assert fed.next_business_day(labor, inclusive=True) == D(2002, 9, 3)
    assert fed.previous_business_day(labor) == D(2002, 8, 30)
    assert fed.previous_business_day(D(2002, 9, 3)) == D(2002, 8, 30)
    assert fed.previous_business_day(D(2002, 9, 3), inclusive=True) == D(2002, 9, 3)


def test_nth_hand_cases(fed):
    # day 1 is the start when open, the next business day when closed
    assert fed.nth(D(2002, 7, 16), 1) == D(2002, 7, 16)
    assert fed.nth(D(2002, 9, 2), 1) == D(2002, 9, 3)  # Labor Day -> Tue
    assert fed.nth(D(2002, 7, 13), 1) == D(2002, 7, 15)  # Saturday -> Monday
    with pytest.raises(InputError):
        fed.nth(D(2002, 7, 16), 0)


def test_count_hand_cases(fed):
    assert fed.count(D(2002, 9, 2), D(2002, 9, 2)) == 0  # Labor Day alone
    assert fed.count(D(2002, 9, 3), D(2002, 9, 3)) == 1
    assert fed.count(D(2002, 8, 31), D(2002, 9, 2)) == 0  # Sat, Sun, Labor Day
    # calendar year 2026: 261 weekdays (1 Jan is a Thursday, 365 days) minus the 11 federal holidays
    # of 2026, none on a weekend except Independence Day (Sat 4 Jul -> observed Fri 3 Jul) -> 250
    assert fed.count(D(2026, 1, 1), D(2026, 12, 31)) == 250


def test_reversed_count_raises(fed):
    with pytest.raises(InputError, match="reversed"):
        fed.count(D(2002, 9, 12), D(2002, 7, 16))


_dates = st.dates(min_value=D(1995, 1, 1), max_value=D(2035, 12, 31))  # the whole coverage


@settings(max_examples=300, deadline=None)
@given(
    cal_id=st.sampled_from(["us-federal", "XNYS", "XNAS", "XPAR", "XETR", "XSWX", "de-hessen", "de-hessen-werktage"]),
    d=_dates,
    n=st.integers(1, 60),
)
def test_add_count_nth_consistency(cal_id, d, n):
    cal = get_calendar(cal_id)
    if cal.count(d, cal.last) < n:  # day n would fall past the coverage: a clear error, never a guess
        with pytest.raises(CoverageError):
            cal.nth(d, n)
        return
    first = cal.next_business_day(d, inclusive=True)
    end = cal.nth(d, n)
    assert cal.is_business_day(first) and cal.is_business_day(end)
    assert cal.count(first, end) == n
    assert cal.count(d, end) == n  # closed days before day 1 are not counted
    after = cal.count(d + timedelta(days=1), cal.last) if d < cal.last else 0  # open days after d
    if after >= n:
        assert cal.add(d, n) == cal.nth(cal.next_business_day(d), n)
    else:
        with pytest.raises(CoverageError):
            cal.add(d, n)
    if n > 1:
        assert cal.add(end, -(n - 1)) == first
    if after and cal.count(cal.first, d):  # an open day on each side of d
        assert cal.previous_business_day(cal.next_business_day(d)) <= d
    tr = cal.trace(d, end)
    assert tr.n == n
    assert tr.n + len(tr.skipped) + tr.weekend_days == (end - first).days + 1


@settings(max_examples=100, deadline=None)
@given(
    cal_id=st.sampled_from(
        ["us-federal", "XNYS", "XNAS", "XPAR", "XLON", "XETR", "XSWX", "de-hessen", "de-hessen-werktage"]
    ),
    days=st.lists(st.dates(min_value=D(1995, 3, 1), max_value=D(2035, 10, 31)), max_size=30),
    n=st.integers(-40, 40).filter(bool),
    spans=st.lists(st.integers(0, 90), min_size=30, max_size=30),
)
def test_batch_methods_equal_the_scalar_ones(cal_id, days, n, spans):
    cal = get_calendar(cal_id)
    assert cal.add_many(days, n) == [cal.add(d, n) for d in days]
    assert cal.nth_many(days, abs(n)) == [cal.nth(d, abs(n)) for d in days]
    ends = [min(d + timedelta(days=k), cal.last) for d, k in zip(days, spans, strict=False)]
    assert cal.count_many(days, ends) == [cal.count(a, b) for a, b in zip(days, ends, strict=True)]


@pytest.mark.parametrize(
    "cal_id", ["us-federal", "XNYS", "XPAR", "XLON", "XETR", "XSWX", "de-hessen", "de-hessen-werktage"]
)
def test_batch_methods_at_the_ends_of_the_coverage(cal_id):
    cal = get_calendar(cal_id)
    edges = [cal.first, cal.first + timedelta(days=1), cal.last - timedelta(days=1), cal.last]
    assert cal.count_many(edges, [cal.last] * 4) == [cal.count(d, cal.last) for d in edges]
    assert cal.count_many([cal.first] * 4, edges) == [cal.count(cal.first, d) for d in edges]
    assert cal.nth_many(edges[:1], 1) == [cal.nth(cal.first, 1)]
    assert cal.add_many(edges[-1:], -1) == [cal.add(cal.last, -1)]
    for batch, scalar in ((cal.add_many, cal.add), (cal.nth_many, cal.nth)):
        with pytest.raises(CoverageError) as many:
            batch(edges[-1:], 5)
        with pytest.raises(CoverageError) as one:
            scalar(cal.last, 5)
        assert str(many.value) == str(one.value)


# ---------------------------------------------------------------------------------------------
# Coverage, ids, aliases
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cal_id", ["us-federal", "XNYS", "XNAS", "XPAR", "de-hessen", "de-hessen-werktage"])
def test_coverage_1995_to_2035(cal_id):
    cal = get_calendar(cal_id)
    # first covered day: Sun 1 Jan 1995. The US calendars observe New Year's Day on Mon 2 Jan 1995
    # (5 U.S.C. 6103(b) / NYSE Rule 7.2, Sunday -> Monday); Paris and Hesse have no substitute day.
    first_open = D(1995, 1, 2) if cal_id in ("XPAR", "de-hessen", "de-hessen-werktage") else D(1995, 1, 3)
    assert cal.next_business_day(D(1995, 1, 1), inclusive=True) == first_open
    # last covered day: Mon 31 Dec 2035, a trading/business day everywhere (1 Jan 2036 is a Tuesday)
    assert cal.is_business_day(D(2035, 12, 31))
    for outside in (D(1994, 12, 31), D(2036, 1, 1)):
        with pytest.raises(CoverageError):
            cal.is_business_day(outside)
        with pytest.raises(CoverageError):
            cal.nth(outside, 1)
        with pytest.raises(CoverageError):
            cal.add(outside, 1)
    with pytest.raises(CoverageError):
        cal.count(D(1994, 12, 1), D(1995, 1, 31))
    # counting past the end of coverage is refused rather than guessed
    with pytest.raises(CoverageError):
        cal.nth(D(2035, 12, 20), 30)
    with pytest.raises(CoverageError):
        cal.add(D(1995, 1, 10), -30)


def test_coverage_error_message():
    with pytest.raises(CoverageError) as err:
        get_calendar("us-federal").is_business_day(D(2036, 1, 2))
    assert "2036-01-02" in str(err.value) and "1995-01-01" in str(err.value) and "2035-12-31" in str(err.value)


@pytest.mark.parametrize(
    "alias, expected",
    [
        ("NYSE", "XNYS"),  # brief: XNYS alias NYSE
        ("nyse", "XNYS"),
        ("nasdaq", "XNAS"),  # brief: XNAS alias nasdaq
        ("NASDAQ", "XNAS"),
        ("xpar", "XPAR"),  # ids are case-insensitive
        ("lse", "XLON"),  # issue 15: XLON aliases lse, london
        ("London", "XLON"),
        ("xetra", "XETR"),  # XETR aliases xetra, frankfurt
        ("Frankfurt", "XETR"),
        ("six", "XSWX"),  # XSWX aliases six, swx, zurich
        ("SWX", "XSWX"),
        ("Zurich", "XSWX"),
        ("hessen", "de-hessen"),  # de-hessen aliases hessen, hesse, frankfurt-holidays
        ("Hesse", "de-hessen"),
        ("FRANKFURT-HOLIDAYS", "de-hessen"),
        ("DE-HESSEN", "de-hessen"),
        ("werktage", "de-hessen-werktage"),  # de-hessen-werktage aliases werktage, hessen-werktage
        ("Hessen-Werktage", "de-hessen-werktage"),
        ("US-FEDERAL", "us-federal"),
    ],
)
def test_documented_aliases(alias, expected):
    assert get_calendar(alias).id == expected
    assert resolve_id(alias) == expected


@pytest.mark.parametrize("alias", sorted(aliases()))
def test_every_alias_resolves(alias):
    target = aliases()[alias]
    assert target in calendar_ids()
    cal = get_calendar(alias)
    assert cal.id == target
    assert cal is get_calendar(target)  # built once
    assert get_calendar(alias.upper()).id == target


@pytest.mark.parametrize("typo, suggestion", [("XNYZ", "XNYS"), ("us-fedral", "us-federal"), ("XPARR", "XPAR")])
def test_unknown_id_suggests_close_id(typo, suggestion):
    with pytest.raises(UnknownIdError) as err:
        get_calendar(typo)
    assert f"did you mean '{suggestion}'" in str(err.value)


def test_unknown_id_without_close_match_lists_known():
    with pytest.raises(UnknownIdError) as err:
        get_calendar("zzzzzzzz")
    assert "known:" in str(err.value) and "XPAR" in str(err.value)


# ---------------------------------------------------------------------------------------------
# Joint calendars
# ---------------------------------------------------------------------------------------------


def test_joint_all_and_any_on_good_friday_2026():
    gf = D(2026, 4, 3)  # Good Friday 2026: federal business day, Euronext and NYSE closed
    assert not joint(["us-federal", "XPAR"], "all").is_business_day(gf)
    assert joint(["us-federal", "XPAR"], "any").is_business_day(gf)
    assert not joint(["XNYS", "XPAR"], "any").is_business_day(gf)  # both exchanges closed
    assert joint(["us-federal", "XPAR"], "all").closed_names(gf) == ("XPAR: Good Friday",)


def test_joint_on_memorial_day_and_labour_day_2026():
    memorial = D(2026, 5, 25)  # US Memorial Day = Whit Monday 2026 (Paris trades)
    may1 = D(2026, 5, 1)  # Labour Day in Paris (Friday); NYSE open
    both = joint(["XNYS", "XPAR"], "all")
    either = joint(["XNYS", "XPAR"], "any")
    assert not both.is_business_day(memorial) and either.is_business_day(memorial)
    assert not both.is_business_day(may1) and either.is_business_day(may1)
    # 20-31 Dec 2026 both open except Christmas Fri 25 Dec (both closed): weekdays 21-24, 28-31 -> 8
    assert both.count(D(2026, 12, 20), D(2026, 12, 31)) == 8
    assert both.id == "XNYS+XPAR" and either.id == "XNYS|XPAR"


def test_joint_genset_2002_all_mode():
    # 16 Jul - 12 Sep 2002: 43 weekdays; us-federal closes Labor Day, XPAR none -> 42 in both
    assert joint(["us-federal", "XPAR"], "all").count(D(2002, 7, 16), D(2002, 9, 12)) == 42
    assert joint(["us-federal", "XPAR"], "any").count(D(2002, 7, 16), D(2002, 9, 12)) == 43


def test_joint_of_calendars_that_do_not_overlap_covers_no_day():
    """Two calendars a year apart share no day: a joint calendar of them answers an empty batch with an
    empty list and refuses any day, naming its (empty) coverage."""
    from deadlines.calendars.base import JointCalendar, RuleCalendar

    def year(y: int) -> RuleCalendar:
        return RuleCalendar(
            id=str(y), name=str(y), zone="UTC", first=D(y, 1, 1), last=D(y, 12, 31), open=time(9), close=None,
            source="test", closures=[],
        )  # fmt: skip

    both = JointCalendar([year(2000), year(2002)])
    assert both.are_business_days([]) == [] and both.count_many([], []) == []
    with pytest.raises(CoverageError):
        both.is_business_day(D(2000, 6, 1))


def test_joint_single_calendar_and_bad_mode():
    assert joint(["NYSE"]) is get_calendar("XNYS")
    with pytest.raises(InputError):
        joint(["XNYS", "XPAR"], "some")


def test_joint_trace_keeps_executive_order_notice():
    # Policy (calendars/definitions.py): a warning names an EO closure whenever one falls inside a counted
    # window - also in a joint count. Mon 24 Dec 2018: federal EO closure (counted) and a Euronext half day.
    for mode in ("all", "any"):
        cal = joint(["us-federal", "XPAR"], mode)
        assert cal.is_business_day(D(2018, 12, 24))
        c = cal.trace(D(2018, 12, 17), D(2018, 12, 31))
        assert [n.day for n in c.notices] == [D(2018, 12, 24)]
    # Fri 26 Dec 2014: federal EO closure, but Euronext is closed on 26 Dec -> not counted in 'all' mode,
    # so no notice there; counted (us-federal open) in 'any' mode, so a notice
    both = joint(["us-federal", "XPAR"], "all")
    assert not both.is_business_day(D(2014, 12, 26))
    assert both.trace(D(2014, 12, 22), D(2014, 12, 31)).notices == ()
    either = joint(["us-federal", "XPAR"], "any")
    assert [n.day for n in either.trace(D(2014, 12, 22), D(2014, 12, 31)).notices] == [D(2014, 12, 26)]


def test_executive_order_notice_only_inside_window(fed):
    # 26 Dec 2014 (EO, cal notes) is outside 1-19 Dec 2014 and inside 22-31 Dec 2014
    assert fed.trace(D(2014, 12, 1), D(2014, 12, 19)).notices == ()
    assert [n.day for n in fed.trace(D(2014, 12, 22), D(2014, 12, 31)).notices] == [D(2014, 12, 26)]
    assert fed.is_business_day(D(2014, 12, 26))


def test_an_alias_two_calendars_claim_is_an_error_in_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Aliases come from the data files: one claimed twice must never resolve silently to either."""
    import deadlines.calendars as calendars
    from deadlines import shipped
    from deadlines.calendars import loader
    from deadlines.errors import DeadlinesError

    real = loader.load_calendar_data

    def claiming(cal_id: str) -> loader.CalendarData:
        data = real(cal_id)
        return data._replace(aliases=(*data.aliases, "paris")) if cal_id == "XNYS" else data

    calendars.aliases.cache_clear()
    monkeypatch.setattr(loader, "load_calendar_data", claiming)
    monkeypatch.setattr(shipped, "calendar_aliases", lambda cal_id: None)  # as if every file had been edited
    try:
        with pytest.raises(DeadlinesError, match="'paris'"):
            calendars.aliases()
    finally:
        calendars.aliases.cache_clear()


# ---------------------------------------------------------------------------------------------
# XETR and XSWX: the years their closing days changed (europe-uk-de-ch-nl.md sec. 5.2, 5.3; sources in the
# data files). Ascension 1999 = 13 May, Whit Monday 1999 = 24 May, Corpus Christi 1999 = 3 June (Easter 4 April);
# Ascension 2002 = 9 May, Whit Monday 2002 = 20 May (Easter 31 March).
# ---------------------------------------------------------------------------------------------
def test_xetra_holiday_trading_from_2000():
    xetr = get_calendar("XETR")
    assert [xetr.is_business_day(d) for d in (D(1999, 5, 13), D(1999, 5, 24), D(1999, 6, 3))] == [False] * 3
    assert xetr.closed_names(D(1999, 6, 3)) == ("Corpus Christi",)
    assert [xetr.is_business_day(d) for d in (D(2000, 6, 1), D(2000, 6, 12), D(2000, 6, 22))] == [True] * 3
    assert not xetr.is_business_day(D(2000, 10, 3)) and xetr.is_business_day(D(2001, 10, 3))
    assert not xetr.is_business_day(D(2007, 5, 28)) and xetr.is_business_day(D(2008, 5, 12))  # Whit Monday
    assert not xetr.is_business_day(D(2017, 10, 31)) and xetr.closed_names(D(2017, 10, 31)) == ("Reformation Day",)
    assert xetr.is_business_day(D(2022, 6, 6)) and xetr.is_business_day(D(2022, 10, 3))
    assert xetr.early_close(D(2019, 12, 30)).close == time(14, 0)
    assert xetr.early_close(D(2018, 12, 28)).close == time(14, 0)  # 30 December 2018 a Sunday
    assert xetr.secondary_until == D(2001, 1, 1)


def test_swx_virtx_calendar_2001_to_2005():
    six = get_calendar("XSWX")
    assert not six.is_business_day(D(2000, 1, 3)) and six.closed_names(D(2000, 1, 3)) == ("Year 2000 changeover",)
    assert not six.is_business_day(D(2001, 5, 24)) and not six.is_business_day(D(2001, 6, 4))  # before 25 June
    assert six.is_business_day(D(2001, 8, 1))
    assert all(six.is_business_day(d) for d in (D(2002, 1, 2), D(2002, 5, 9), D(2002, 5, 20), D(2002, 8, 1)))
    assert not six.is_business_day(D(2003, 1, 2)) and six.is_business_day(D(2003, 8, 1))
    assert six.is_business_day(D(2005, 8, 1)) and not six.is_business_day(D(2006, 8, 1))
    assert six.closed_names(D(2006, 8, 1)) == ("Swiss National Day",)
    assert not six.is_business_day(D(2001, 12, 24)) and not six.is_business_day(D(2001, 12, 31))
    assert six.secondary_until == D(2006, 1, 1)
    # SIX drops a holiday on a weekend: 1 August 2021 a Sunday, Monday 2 August open
    assert six.is_business_day(D(2021, 8, 2))


# ---------------------------------------------------------------------------------------------
# de-hessen: German working days at Frankfurt (§ 2(9) WpÜG; § 1(1) HFeiertagsG; europe-uk-de-ch-nl.md sec. 2.3).
# Easter 2024 = 31 March: Ascension 9 May, Whit Monday 20 May, Corpus Christi 30 May.
# ---------------------------------------------------------------------------------------------
def test_hesse_working_days_are_not_xetra_days():
    hesse, xetr = get_calendar("de-hessen"), get_calendar("XETR")
    for day in (D(2024, 5, 9), D(2024, 5, 20), D(2024, 5, 30), D(2024, 10, 3)):  # Xetra trades, Hesse rests
        assert not hesse.is_business_day(day) and xetr.is_business_day(day)
    assert hesse.closed_names(D(2024, 5, 30)) == ("Corpus Christi",)
    for day in (D(2024, 12, 24), D(2024, 12, 31)):  # Xetra closed, working days in Hesse
        assert hesse.is_business_day(day) and not xetr.is_business_day(day)
    assert hesse.closed_names(D(2024, 12, 26)) == ("Second Day of Christmas",)
    # a day runs to 24:00, no session close; its days are business days
    assert hesse.close is None and hesse.zone == "Europe/Berlin"


def test_hesse_reformation_day_2017_only_and_no_substitutes():
    hesse = get_calendar("de-hessen")
    assert hesse.closed_names(D(2017, 10, 31)) == ("Reformation Day",)
    assert hesse.is_business_day(D(2018, 10, 31)) and hesse.is_business_day(D(2016, 10, 31))
    # New Year's Day 2017 a Sunday, Christmas 2021 on a weekend: no substitute day in Germany
    assert hesse.is_business_day(D(2017, 1, 2))
    assert hesse.is_business_day(D(2021, 12, 27)) and hesse.is_business_day(D(2021, 12, 28))
    # 10 Arbeitstage (§ 14(2) WpÜG) from Thu 23 May 2024: Corpus Christi (30 May) skipped -> Fri 7 June
    assert hesse.add(D(2024, 5, 23), 10) == D(2024, 6, 7)


# ---------------------------------------------------------------------------------------------
# de-hessen-werktage: German Werktage, every day but Sundays and public holidays (WpÜG before 2024: old § 21(1)
# "bis zu einem Werktag vor Ablauf", § 14(2) "Werktage"; § 193 BGB; europe-uk-de-ch-nl.md sec. 2.1, traps item 1).
# Weekdays: Mon 27 Jul 2020 (the QIAGEN expiry, sec. 2.3), Mon 4 Dec 2023, Sat 1 May 2021, Sat 25 Dec 2021.
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def werktage():
    return get_calendar("de-hessen-werktage")


def test_werktage_saturdays_open_sundays_and_holidays_closed(werktage):
    assert werktage.weekend == (6,)
    assert werktage.is_business_day(D(2020, 7, 25))  # a Saturday
    assert not werktage.is_business_day(D(2020, 7, 26))  # a Sunday
    assert not get_calendar("de-hessen").is_business_day(D(2020, 7, 25))  # not an Arbeitstag (§ 2(9) WpÜG)
    # a holiday on a Saturday closes it: Labour Day 2021, Christmas Day 2021 (Second Day of Christmas a Sunday)
    assert not werktage.is_business_day(D(2021, 5, 1))
    assert werktage.closed_names(D(2021, 5, 1)) == ("Labour Day",)
    assert werktage.closed_names(D(2021, 12, 25)) == ("Christmas Day",)
    assert werktage.closed_names(D(2021, 12, 26)) == ()  # a Sunday: closed every week, named by nothing
    assert werktage.is_business_day(D(2021, 12, 27))  # no substitute day
    # the Hessian weekday holidays are de-hessen's: Corpus Christi 2024
    assert werktage.closed_names(D(2024, 5, 30)) == ("Corpus Christi",)


def test_werktage_count_six_days_a_week(werktage):
    # 10 Werktage after Mon 4 Dec 2023: Tue 5 - Sat 9 are 5, Sun 10 skipped, Mon 11 - Fri 15 are 10
    assert werktage.add(D(2023, 12, 4), 10) == D(2023, 12, 15)
    # 10 Arbeitstage (de-hessen) from the same day: Tue 5 - Fri 8 are 4, Mon 11 - Fri 15 are 9, Mon 18 the 10th
    assert get_calendar("de-hessen").add(D(2023, 12, 4), 10) == D(2023, 12, 18)
    assert werktage.count(D(2023, 12, 4), D(2023, 12, 10)) == 6  # Mon to Sun: six Werktage
    assert werktage.nth(D(2023, 12, 4), 6) == D(2023, 12, 9)  # day 6 is the Saturday
    assert werktage.add(D(2023, 12, 16), -1) == D(2023, 12, 15)
    # old § 21(1) WpÜG: one Werktag before an expiry on Mon 27 Jul 2020 is Sat 25 Jul (an Arbeitstag: Fri 24)
    assert werktage.previous_business_day(D(2020, 7, 27)) == D(2020, 7, 25)
    assert get_calendar("de-hessen").previous_business_day(D(2020, 7, 27)) == D(2020, 7, 24)
    # Labour Day on Sat 1 May 2021: Fri 30 Apr is day 1, Mon 3 May day 2
    assert werktage.nth(D(2021, 4, 30), 2) == D(2021, 5, 3)


def test_werktage_are_working_days_in_traces(werktage):
    from deadlines.i18n import Localizer

    assert werktage.unit == "working" and get_calendar("de-hessen").unit == "business"
    trace = werktage.trace(D(2023, 12, 4), D(2023, 12, 15))
    assert (trace.n, trace.weekend_days, trace.unit) == (11, 1, "working")
    assert trace.text() == (
        "de-hessen-werktage: 1st working day = 2023-12-04; 1 Sunday not counted; 11th working day = 2023-12-15"
    )
    may = werktage.trace(D(2021, 4, 30), D(2021, 5, 3))
    assert "skipped 2021-05-01 (Labour Day)" in may.text() and may.n == 2
    fr = Localizer("fr", cldr=False).text(may.message())
    assert "1er jour ouvrable" in fr and "2e jour ouvrable" in fr and "1 dimanche non compté" in fr
    # a five-day week still says weekend days
    assert "2 weekend days not counted" in get_calendar("de-hessen").trace(D(2023, 12, 4), D(2023, 12, 11)).text()


def test_joint_calendar_weekend_of_werktage_and_arbeitstage():
    both = joint(["de-hessen-werktage", "de-hessen"], "all")  # a Saturday is closed in de-hessen
    either = joint(["de-hessen-werktage", "de-hessen"], "any")  # ... and open in the Werktage
    assert (both.weekend, both.unit) == ((5, 6), "business")
    assert (either.weekend, either.unit) == ((6,), "working")
    assert not both.is_business_day(D(2020, 7, 25)) and either.is_business_day(D(2020, 7, 25))
    # Sat 1 May 2021 is a closed day of the Werktage, named; in "all" it is a weekend day, not listed
    assert [s.day for s in either.closed_days(D(2021, 5, 1), D(2021, 5, 2))] == [D(2021, 5, 1)]
    assert both.closed_days(D(2021, 5, 1), D(2021, 5, 2)) == []


def test_werktage_month_view_shows_saturdays_open():
    """May 2021 (1 May a Saturday): in the Werktage a Saturday is an open day, 1 May closed by Labour Day;
    beside de-hessen, that calendar's column calls the Saturday a weekend, not open."""
    from deadlines.i18n import Localizer
    from deadlines.render.views import Period, closures_table, month_grid

    def styles(ids, column):
        grid = month_grid(Localizer("en"), [get_calendar(i) for i in ids], 2021, 5)
        return {cell.plain: str(cell.style) for cell in grid.columns[column]._cells if cell.plain}

    assert styles(["de-hessen-werktage"], 5) == {"1": "closed", "8": "", "15": "", "22": "", "29": ""}
    assert set(styles(["de-hessen-werktage"], 6).values()) == {"past"}  # Sundays dim
    assert set(styles(["de-hessen"], 5).values()) == {"past"}  # Saturdays dim in Arbeitstage
    cals = [get_calendar("de-hessen-werktage"), get_calendar("de-hessen")]
    table = closures_table(Localizer("fr"), cals, Period(D(2021, 5, 1), D(2021, 5, 2), True))
    assert [c.plain for c in table.columns[1]._cells] == ["Fête du Travail"]
    assert [c.plain for c in table.columns[2]._cells] == ["week-end"]
