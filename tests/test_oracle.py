"""Cross-checks of our calendars against independent libraries used as oracles.

- exchange_calendars: XNYS, XNAS, XPAR sessions (and XPAR early closes) for 2002-01-01..2030-12-31;
- holidays: US federal holidays (1995-2035), NYSE financial holidays (1995-2035), ECB/TARGET closing days
  for Euronext Paris (2002-2035, cal notes: "TARGET equals Euronext Paris closures from 2002 on").

Every accepted difference is listed in KNOWN_DIFFERENCES with its reason; anything else fails.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from deadlines.calendars import get_calendar

# exchange_calendars runs on pandas, which warns about its own internals; not our concern here.
pytestmark = pytest.mark.filterwarnings("ignore:Series.values returning an ndarray")

START, END = date(2002, 1, 1), date(2030, 12, 31)

# (oracle, calendar) -> {day: reason}. A day listed here may differ in either direction.
KNOWN_DIFFERENCES: dict[tuple[str, str], dict[date, str]] = {
    ("exchange_calendars", "XNYS"): {},
    ("exchange_calendars", "XNAS"): {},
    ("exchange_calendars", "XPAR"): {},
    ("holidays.NYSE", "XNYS"): {},
    ("holidays.ECB", "XPAR"): {},
}

# Weekdays on which federal offices were closed by a declared national day of mourning: not in
# holidays.US (statutory holidays only) but closed in ours (domain notes 1.12; cal notes).
DAYS_OF_MOURNING = {
    date(2004, 6, 11): "Reagan",
    date(2007, 1, 2): "Ford",
    date(2018, 12, 5): "G. H. W. Bush",
    date(2025, 1, 9): "Carter",
}


def _weekdays(first: date, last: date) -> list[date]:
    out, day = [], first
    while day <= last:
        if day.weekday() < 5:
            out.append(day)
        day += timedelta(days=1)
    return out


def _closed_weekdays(cal_id: str, first: date, last: date) -> set[date]:
    cal = get_calendar(cal_id)
    return {d for d in _weekdays(first, last) if not cal.is_business_day(d)}


def _check(key: tuple[str, str], ours: set[date], theirs: set[date], what: str) -> None:
    accepted = KNOWN_DIFFERENCES[key]
    diff = ours ^ theirs
    unexpected = sorted(diff - set(accepted))
    stale = sorted(set(accepted) - diff)
    assert not unexpected, f"{key}: {what} differ on {unexpected} (only ours: {sorted(ours - theirs)})"
    assert not stale, f"{key}: KNOWN_DIFFERENCES lists {stale} but they no longer differ"


# ---------------------------------------------------------------------------------------------
# exchange_calendars
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def xc():
    return pytest.importorskip("exchange_calendars")


@pytest.mark.parametrize("code", ["XNYS", "XNAS", "XPAR"])
def test_sessions_match_exchange_calendars(xc, code):
    oracle = xc.get_calendar(code, start=START.isoformat(), end=END.isoformat())
    theirs = {ts.date() for ts in oracle.sessions}
    ours = set(get_calendar(code).business_days(START, END))
    assert min(theirs) >= START and max(theirs) <= END  # the oracle really covers the window
    assert len(theirs) > 7000
    _check(("exchange_calendars", code), ours, theirs, "sessions")


def test_xpar_early_closes_match_exchange_calendars(xc):
    oracle = xc.get_calendar("XPAR", start=START.isoformat(), end=END.isoformat())
    theirs = {ts.date() for ts in oracle.early_closes}
    cal = get_calendar("XPAR")
    ours = {d for d in cal.business_days(START, END) if cal.early_close(d) is not None}
    assert ours == theirs
    # and at the same local time (14:05 Paris, notes 2.5)
    local = oracle.closes[oracle.early_closes].dt.tz_convert("Europe/Paris")
    assert {(t.hour, t.minute) for t in local} == {(14, 5)}
    assert {(cal.early_close(d).close.hour, cal.early_close(d).close.minute) for d in ours} == {(14, 5)}


# ---------------------------------------------------------------------------------------------
# holidays
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hol():
    return pytest.importorskip("holidays")


def test_us_federal_matches_holidays_us(hol):
    first, last = date(1995, 1, 1), date(2035, 12, 31)
    statutory = {d for d in hol.US(years=range(1995, 2036)) if d.weekday() < 5 and first <= d <= last}
    ours = _closed_weekdays("us-federal", first, last)
    assert statutory - ours == set(), "a statutory federal holiday is open in ours"
    assert ours - statutory == set(DAYS_OF_MOURNING)


def test_us_federal_executive_order_closures_match_holidays_government(hol):
    # holidays.US(categories=("government",)) adds executive-order closures of federal offices (cal notes).
    # Our policy counts those as business days, each with a notice; days of mourning are closed instead.
    years = range(1995, 2036)
    public = {d for d in hol.US(years=years) if d.weekday() < 5}
    gov = {d for d in hol.US(years=years, categories=("government",)) if d.weekday() < 5}
    eo_days = gov - public - set(DAYS_OF_MOURNING)
    assert date(2018, 12, 24) in eo_days and date(2014, 12, 26) in eo_days  # cal notes examples
    fed = get_calendar("us-federal")
    assert all(fed.is_business_day(d) for d in eo_days)
    noticed = {n.day for n in fed.trace(date(1995, 1, 3), date(2035, 12, 31)).notices}
    assert noticed == eo_days


def test_xnys_matches_holidays_nyse(hol):
    first, last = date(1995, 1, 1), date(2035, 12, 31)
    theirs = {d for d in hol.financial_holidays("NYSE", years=range(1995, 2036)) if d.weekday() < 5}
    _check(("holidays.NYSE", "XNYS"), _closed_weekdays("XNYS", first, last), theirs, "closed weekdays")


def test_xpar_matches_holidays_ecb_target(hol):
    first, last = date(2002, 1, 1), date(2035, 12, 31)
    theirs = {d for d in hol.financial_holidays("ECB", years=range(2002, 2036)) if d.weekday() < 5}
    _check(("holidays.ECB", "XPAR"), _closed_weekdays("XPAR", first, last), theirs, "closed weekdays")
