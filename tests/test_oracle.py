"""Cross-checks of our calendars against independent libraries used as oracles, over every year they cover.

Our calendars cover 1995-01-01..2035-12-31. Spans checked (exchange_calendars 4.13, holidays 0.108):

- exchange_calendars, 1995-01-01..2035-12-31 (the whole span: XNYS and XPAR have no bound_min/bound_max and
  build from 1885 to past 2035 when given start/end; the default window is only 20 years back):
  XNYS and XNAS sessions (exchange_calendars' XNAS is an alias of its XNYS calendar, so holidays.XNAS below is
  the independent Nasdaq check), XPAR sessions, XPAR early closes and their 14:05 Paris time, XNYS and XNAS
  early closes and their 13:00 New York time, XLON sessions and early closes at 12:30 London time, XETR sessions
  and early closes at 14:00 Berlin time, XSWX sessions (neither side has an XSWX early close);
- holidays, 1995-2035: US federal holidays (holidays.US), executive-order closures of federal offices
  (holidays.US(categories=("government",)), our notices), NYSE closures, Nasdaq closures (holidays.XNAS), NYSE
  and Nasdaq early closes (categories=("half_day",));
- holidays.XLON (from 2000, its first year): London Stock Exchange closures and half days (categories=("half_day",));
- holidays.XETR (from 2016, its first year) and holidays.XSWX (from 2000, its first year): closures;
- holidays.Germany(subdiv="HE"), 1995-2035: the public holidays of Hesse (de-hessen), with its special
  nationwide holiday of 31 October 2017; and every day of it but Sundays against de-hessen-werktage's closed days
  (German Werktage: a holiday on a Saturday closes it);
- holidays.ECB (TARGET) against XPAR closures for 1999-01-01..2035-12-31: TARGET began on 4 January 1999 and
  holidays has no ECB day before (asserted); before 2002 TARGET and the Paris Bourse closed on different days,
  each one listed below (domain notes: "TARGET equals Euronext Paris closures from 2002 on").

Every difference is listed in KNOWN_DIFFERENCES, the one place, with its reason and which side is right; anything
else fails, and so does a listed day that no longer differs. A reason starting "OUR ERROR, to fix:" is a day on
which our calendar is wrong.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest

from deadlines.calendars import get_calendar

# exchange_calendars runs on pandas, which warns about its own internals; not our concern here.
pytestmark = pytest.mark.filterwarnings("ignore:Series.values returning an ndarray")

FIRST, LAST = date(1995, 1, 1), date(2035, 12, 31)  # what our calendars cover
YEARS = range(FIRST.year, LAST.year + 1)
TARGET_START = date(1999, 1, 1)  # first year holidays.ECB knows (TARGET went live on Monday 4 January 1999)

_NOT_TARGET = "TARGET is not the Paris calendar before the harmonised Euronext closing days of 2002. "
_TARGET_1999 = (
    "In 1999, its first year, TARGET closed only on New Year's Day and Christmas Day (Libération, 19 Dec 1998), "
    "plus 31 Dec 1999 for the millennium, so it was open. "
)
_TARGET_2000 = (
    "TARGET's 2000-2001 closing days were 1 Jan, Good Friday, Easter Monday, 1 May, 25-26 Dec (and 31 Dec 2001), "
    "so it was open. "
)
_MOURNING = (
    "National day of mourning for President {}: an executive order closed federal executive departments and the "
    "NYSE closed; a declared day of mourning counts as a federal holiday (domain notes: the SEC closed EDGAR and "
    "treated 5 Dec 2018 and 9 Jan 2025 as holidays for filings). holidays.US lists statutory holidays only (it "
    "has the day under categories=('government',)). Ours is right: closed."
)
_FEIERTAGSHANDEL = (
    "exchange_calendars XETR has no history before 2000: it trades on {} {}, a public holiday on which the "
    "Frankfurt exchange closed until its holiday trading began in 2000 (Handelsblatt 2000: 'In diesem Jahr war "
    "bereits an Christi Himmelfahrt, Pfingstmontag und an Fronleichnam gehandelt worden'; portfolio-performance "
    "'de' trade calendar, correct 'since at least 1995' per its PR 2837). Ours is right: closed."
)
_SWX_VIRTX = (
    "SWX traded on {} from the virt-x/TARGET calendar of 25 June 2001 (SWX notice of 15 May 2001: 2 January, "
    "Ascension, Whit Monday and 1 August become trading days) in the year {}, per the archived SWX trading calendar "
    "read by portfolio-performance's 'six' calendar ({}); {} has no history and closes it. Ours is right: open "
    "(secondary record, the span is marked [[secondary]])."
)
_SWX_DAYS = {
    date(2001, 8, 1): ("1 August (Swiss National Day)", "trading_calendar_en.html as of 19 June 2001"),
    date(2002, 1, 2): ("2 January (Berchtoldstag)", "tradcal2002.pdf"),
    date(2002, 5, 9): ("Ascension", "tradcal2002.pdf"),
    date(2002, 5, 20): ("Whit Monday", "tradcal2002.pdf"),
    date(2002, 8, 1): ("1 August (Swiss National Day)", "tradcal2002.pdf"),
    date(2003, 8, 1): ("1 August (Swiss National Day)", "tradcal2003.pdf; the other holidays closed again"),
    date(2005, 8, 1): ("1 August (Swiss National Day)", "2005 calendar grid; closed again from 2006"),
}
_SWX_Y2K = (
    "SWX stayed closed on Monday 3 January 2000 to test its systems for the millennium bug (swissinfo, 3 January "
    "2000: 'set to resume trading on Tuesday'; SWX tradcal2000.pdf, a 'customer holiday', read by "
    "portfolio-performance's 'six' calendar); {} has no such closure. Ours is right: closed."
)


def _swx(oracle: str) -> dict[date, str]:
    out = {day: _SWX_VIRTX.format(what, day.year, where, oracle) for day, (what, where) in _SWX_DAYS.items()}
    out[date(2000, 1, 3)] = _SWX_Y2K.format(oracle)
    return out


# (oracle, calendar) -> {day: reason}. A day listed here may differ in either direction.
KNOWN_DIFFERENCES: dict[tuple[str, str], dict[date, str]] = {
    ("exchange_calendars", "XNYS"): {},
    ("exchange_calendars", "XNAS"): {},
    ("exchange_calendars", "XLON"): {},
    ("exchange_calendars", "XETR"): {
        **{
            day: _FEIERTAGSHANDEL.format(what, day.year)
            for day, what in (
                (date(1995, 5, 25), "Ascension"),
                (date(1995, 6, 5), "Whit Monday"),
                (date(1995, 6, 15), "Corpus Christi"),
                (date(1995, 10, 3), "German Unity Day"),
                (date(1996, 5, 16), "Ascension"),
                (date(1996, 5, 27), "Whit Monday"),
                (date(1996, 6, 6), "Corpus Christi"),
                (date(1996, 10, 3), "German Unity Day"),
                (date(1997, 5, 8), "Ascension"),
                (date(1997, 5, 19), "Whit Monday"),
                (date(1997, 5, 29), "Corpus Christi"),
                (date(1997, 10, 3), "German Unity Day"),
                (date(1998, 5, 21), "Ascension"),
                (date(1998, 6, 1), "Whit Monday"),
                (date(1998, 6, 11), "Corpus Christi"),
                (date(1999, 5, 13), "Ascension"),
                (date(1999, 5, 24), "Whit Monday"),
                (date(1999, 6, 3), "Corpus Christi"),
            )
        },
        date(2000, 10, 3): "German Unity Day 2000: Deutsche Börse meant to trade on it with the other holidays of "
        "2000 but did not, after union and church protests (Handelsblatt 2000, 'Deutsche Börse: Kein Börsenhandel am "
        "3. Oktober'; portfolio-performance 'de' trade calendar, its fix of 2000-10-03). exchange_calendars XETR "
        "has 3 October as a holiday from 2014 only. Ours is right: closed.",
    },
    ("exchange_calendars early closes", "XETR"): {
        date(2005, 12, 30): "exchange_calendars XETR starts the year-end early close in 2010 ('decided upon "
        "separately each year'); dpa-AFX of 29 December 2005 reports Xetra's closing auction called from 14:00 on "
        "Friday 30 December 2005, the last trading day. Ours is right: early close at 14:00. Other years before "
        "2010 are unknown and have none on either side.",
    },
    ("exchange_calendars", "XSWX"): _swx("exchange_calendars XSWX"),
    ("exchange_calendars early closes", "XSWX"): {},
    ("holidays.XETR", "XETR"): {},
    ("holidays.XSWX", "XSWX"): _swx("holidays XSWX"),
    ("exchange_calendars early closes", "XLON"): {},
    ("holidays.XLON", "XLON"): {},
    ("holidays.XLON half days", "XLON"): {},
    # Before 2002 our XPAR follows the same secondary record as exchange_calendars, so agreement there is weak
    # evidence. Unconfirmed lead, not listed: an Irish Times "Market Reports - Europe" item reports a thin
    # post-holiday Paris session (CAC-40 2,871.27) while Frankfurt and Milan were shut, which fits Fri 26 Dec 1997
    # (26 December is no French public holiday); both calendars have Paris closed that day.
    ("exchange_calendars", "XPAR"): {},
    ("exchange_calendars early closes", "XPAR"): {},
    ("exchange_calendars early closes", "XNYS"): {},
    ("exchange_calendars early closes", "XNAS"): {},
    ("holidays.NYSE half days", "XNYS"): {},
    ("holidays.XNAS half days", "XNAS"): {},
    ("holidays.US", "us-federal"): {
        date(2004, 6, 11): _MOURNING.format("Ronald Reagan"),
        date(2007, 1, 2): _MOURNING.format("Gerald R. Ford"),
        date(2018, 12, 5): _MOURNING.format("George H. W. Bush"),
        date(2025, 1, 9): _MOURNING.format("Jimmy Carter"),
    },
    ("holidays.US government", "us-federal"): {},
    ("holidays.Germany HE", "de-hessen"): {},
    ("holidays.Germany HE, Saturdays", "de-hessen-werktage"): {},
    ("holidays.NYSE", "XNYS"): {},
    ("holidays.XNAS", "XNAS"): {},
    ("holidays.ECB", "XPAR"): {
        date(1999, 4, 2): _NOT_TARGET
        + _TARGET_1999
        + "The Paris Bourse closed on Good Friday, as every year. Ours is right for Paris: closed.",
        date(1999, 4, 5): _NOT_TARGET
        + _TARGET_1999
        + "Easter Monday is a French public holiday and the Paris Bourse closed. Ours is right for Paris: closed.",
        date(1999, 5, 24): _NOT_TARGET
        + _TARGET_1999
        + "Whit Monday: the Paris Bourse closed on it until 2001 (exchange_calendars XPAR, domain notes). "
        "Ours is right for Paris: closed.",
        date(1999, 7, 14): _NOT_TARGET
        + _TARGET_1999
        + "Bastille Day: Paris quotations were closed (Libération, 19 Dec 1998: securities settlement open on "
        "14 July 1999 'même si les cotations devraient être fermées'). Ours is right for Paris: closed.",
        date(2000, 6, 12): _NOT_TARGET
        + _TARGET_2000
        + "Whit Monday: the Paris Bourse closed (domain notes, exchange_calendars XPAR). Ours is right: closed.",
        date(2000, 7, 14): _NOT_TARGET
        + _TARGET_2000
        + "Bastille Day: the Paris Bourse closed (domain notes, exchange_calendars XPAR). Ours is right: closed.",
        date(2001, 6, 4): _NOT_TARGET
        + _TARGET_2000
        + "Whit Monday: the Paris Bourse closed (domain notes, exchange_calendars XPAR). Ours is right: closed.",
    },
}

# Executive orders closing federal offices (all or part of a day) that holidays.US(categories=("government",))
# lacks, checked in the Federal Register / Title 3 compilations; joined to that oracle.
EO_ADDENDA: dict[date, str] = {
    date(1997, 12, 26): "Executive Order 13068 of 25 November 1997",
    date(1998, 12, 24): "Executive Order 13109 of 17 December 1998 (half day)",
}


def _weekdays(first: date, last: date) -> list[date]:
    out, day = [], first
    while day <= last:
        if day.weekday() < 5:
            out.append(day)
        day += timedelta(days=1)
    return out


def _closed_weekdays(cal_id: str, first: date = FIRST, last: date = LAST) -> set[date]:
    cal = get_calendar(cal_id)
    return {d for d in _weekdays(first, last) if not cal.is_business_day(d)}


def _check(key: tuple[str, str], ours: set[date], theirs: set[date], what: str) -> None:
    accepted = KNOWN_DIFFERENCES[key]
    diff = ours ^ theirs
    unexpected = sorted(diff - set(accepted))
    stale = sorted(set(accepted) - diff)
    assert not unexpected, f"{key}: {what} differ on {unexpected} (only ours: {sorted(ours - theirs)})"
    assert not stale, f"{key}: KNOWN_DIFFERENCES lists {stale} but they no longer differ"


def test_known_differences_have_reasons():
    for key, days in KNOWN_DIFFERENCES.items():
        for day, reason in days.items():
            assert FIRST <= day <= LAST and day.weekday() < 5, (key, day)
            assert len(reason) > 40, (key, day)


# ---------------------------------------------------------------------------------------------
# exchange_calendars
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def xc_calendar():
    """One exchange_calendars calendar per code for the whole span, built once per module (construction is slow)."""
    xc = pytest.importorskip("exchange_calendars")
    built: dict[str, Any] = {}

    def get(code: str) -> Any:
        if code not in built:
            built[code] = xc.get_calendar(code, start=FIRST.isoformat(), end=LAST.isoformat())
        return built[code]

    return get


@pytest.mark.parametrize("code", ["XNYS", "XNAS", "XPAR", "XLON", "XETR", "XSWX"])
def test_sessions_match_exchange_calendars(xc_calendar, code):
    oracle = xc_calendar(code)
    theirs = {ts.date() for ts in oracle.sessions}
    ours = set(get_calendar(code).business_days(FIRST, LAST))
    # the oracle really covers the whole span: its first and last sessions are the first and last open weekdays
    assert min(theirs) <= FIRST + timedelta(days=7) and max(theirs) >= LAST - timedelta(days=7)
    assert min(theirs) >= FIRST and max(theirs) <= LAST
    assert len(theirs) > 10_000
    _check(("exchange_calendars", code), ours, theirs, "sessions")


def test_xpar_early_closes_match_exchange_calendars(xc_calendar):
    oracle = xc_calendar("XPAR")
    theirs = {ts.date() for ts in oracle.early_closes}
    cal = get_calendar("XPAR")
    ours = {d for d in cal.business_days(FIRST, LAST) if cal.early_close(d) is not None}
    assert len(theirs) > 50
    _check(("exchange_calendars early closes", "XPAR"), ours, theirs, "early closes")
    # and at the same local time (14:05 Paris, notes 2.5)
    local = oracle.closes[oracle.early_closes].dt.tz_convert("Europe/Paris")
    assert {(t.hour, t.minute) for t in local} == {(14, 5)}
    assert {(cal.early_close(d).close.hour, cal.early_close(d).close.minute) for d in ours} == {(14, 5)}


def test_xlon_early_closes_match_exchange_calendars(xc_calendar):
    oracle = xc_calendar("XLON")
    theirs = {ts.date() for ts in oracle.early_closes}
    cal = get_calendar("XLON")
    ours = {d for d in cal.business_days(FIRST, LAST) if cal.early_close(d) is not None}
    assert len(theirs) > 70  # Christmas Eve and New Year's Eve, or the Friday before, every year
    _check(("exchange_calendars early closes", "XLON"), ours, theirs, "early closes")
    local = oracle.closes[oracle.early_closes].dt.tz_convert("Europe/London")
    assert {(t.hour, t.minute) for t in local} == {(12, 30)}
    assert {cal.early_close(d).close for d in ours} == {time(12, 30)}


def test_xetr_early_closes_match_exchange_calendars(xc_calendar):
    oracle = xc_calendar("XETR")
    theirs = {ts.date() for ts in oracle.early_closes}
    cal = get_calendar("XETR")
    ours = {d for d in cal.business_days(FIRST, LAST) if cal.early_close(d) is not None}
    assert len(theirs) > 25  # the last trading day of every year from 2010
    _check(("exchange_calendars early closes", "XETR"), ours, theirs, "early closes")
    local = oracle.closes[oracle.early_closes].dt.tz_convert("Europe/Berlin")
    assert {(t.hour, t.minute) for t in local} == {(14, 0)}
    assert {cal.early_close(d).close for d in ours} == {time(14, 0)}


def test_xswx_has_no_early_closes_as_exchange_calendars(xc_calendar):
    theirs = {ts.date() for ts in xc_calendar("XSWX").early_closes}
    cal = get_calendar("XSWX")
    ours = {d for d in cal.business_days(FIRST, LAST) if cal.early_close(d) is not None}
    assert not theirs and not ours
    _check(("exchange_calendars early closes", "XSWX"), ours, theirs, "early closes")


@pytest.mark.parametrize("code", ["XNYS", "XNAS"])
def test_us_exchange_early_closes_match_exchange_calendars(xc_calendar, code):
    oracle = xc_calendar(code)
    theirs = {ts.date() for ts in oracle.early_closes}
    cal = get_calendar(code)
    ours = {d for d in cal.business_days(FIRST, LAST) if cal.early_close(d) is not None}
    assert len(theirs) > 80  # 41 days after Thanksgiving, and Christmas Eves and 3 Julys
    _check(("exchange_calendars early closes", code), ours, theirs, "early closes")
    local = oracle.closes[oracle.early_closes].dt.tz_convert("America/New_York")
    assert {(t.hour, t.minute) for t in local} == {(13, 0)}
    assert {cal.early_close(d).close for d in ours} == {time(13, 0)}


# ---------------------------------------------------------------------------------------------
# holidays
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hol():
    return pytest.importorskip("holidays")


def _weekday_holidays(calendar: Any, first: date = FIRST, last: date = LAST) -> set[date]:
    return {d for d in calendar if d.weekday() < 5 and first <= d <= last}


def test_us_federal_matches_holidays_us(hol):
    theirs = _weekday_holidays(hol.US(years=YEARS))
    _check(("holidays.US", "us-federal"), _closed_weekdays("us-federal"), theirs, "closed weekdays")


def test_us_federal_executive_order_closures_match_holidays_government(hol):
    # holidays.US(categories=("government",)) adds executive-order closures of federal offices (cal notes).
    # Our policy counts those as business days, each with a notice; days of mourning are closed instead.
    public = _weekday_holidays(hol.US(years=YEARS))
    gov = _weekday_holidays(hol.US(years=YEARS, categories=("government",)))
    mourning = set(KNOWN_DIFFERENCES[("holidays.US", "us-federal")])
    assert mourning <= gov  # holidays has the days of mourning as government closures
    assert not set(EO_ADDENDA) & gov, "holidays now has an EO_ADDENDA day: drop it from EO_ADDENDA"
    eo_days = (gov - public - mourning) | set(EO_ADDENDA)
    assert date(2018, 12, 24) in eo_days and date(2014, 12, 26) in eo_days  # cal notes examples
    fed = get_calendar("us-federal")
    assert all(fed.is_business_day(d) for d in eo_days)
    noticed = {n.day for n in fed.trace(date(1995, 1, 3), LAST).notices}
    _check(("holidays.US government", "us-federal"), noticed, eo_days, "executive-order closures (notices)")


def test_xnys_matches_holidays_nyse(hol):
    theirs = _weekday_holidays(hol.financial_holidays("NYSE", years=YEARS))
    _check(("holidays.NYSE", "XNYS"), _closed_weekdays("XNYS"), theirs, "closed weekdays")


def test_xnas_matches_holidays_nasdaq(hol):
    theirs = _weekday_holidays(hol.financial_holidays("XNAS", years=YEARS))
    _check(("holidays.XNAS", "XNAS"), _closed_weekdays("XNAS"), theirs, "closed weekdays")


@pytest.mark.parametrize(("code", "market"), [("XNYS", "NYSE"), ("XNAS", "XNAS")])
def test_us_exchange_early_closes_match_holidays_half_days(hol, code, market):
    half = hol.financial_holidays(market, years=YEARS, categories=("half_day",))
    theirs = _weekday_holidays(half)
    assert all("1:00pm" in half[d] for d in theirs)  # "(markets close at 1:00pm)"
    cal = get_calendar(code)
    ours = {d for d in cal.business_days(FIRST, LAST) if cal.early_close(d) is not None}
    _check((f"holidays.{market} half days", code), ours, theirs, "early closes")


def test_xpar_matches_holidays_ecb_target(hol):
    ecb = hol.financial_holidays("ECB", years=YEARS)
    assert not {d for d in ecb if d < TARGET_START}, "holidays.ECB now has days before 1999: widen the span"
    theirs = _weekday_holidays(ecb, TARGET_START)
    ours = _closed_weekdays("XPAR", TARGET_START)
    _check(("holidays.ECB", "XPAR"), ours, theirs, "closed weekdays")


XLON_HOLIDAYS_START = date(2000, 1, 1)  # holidays.XLON starts in 2000


def test_xlon_matches_holidays_xlon(hol):
    xlon = hol.financial_holidays("XLON", years=YEARS)
    assert not {d for d in xlon if d < XLON_HOLIDAYS_START}, "holidays.XLON now has days before 2000: widen the span"
    theirs = _weekday_holidays(xlon, XLON_HOLIDAYS_START)
    _check(("holidays.XLON", "XLON"), _closed_weekdays("XLON", XLON_HOLIDAYS_START), theirs, "closed weekdays")


def test_xlon_early_closes_match_holidays_half_days(hol):
    half = hol.financial_holidays("XLON", years=YEARS, categories=("half_day",))
    theirs = _weekday_holidays(half, XLON_HOLIDAYS_START)
    cal = get_calendar("XLON")
    ours = {d for d in cal.business_days(XLON_HOLIDAYS_START, LAST) if cal.early_close(d) is not None}
    _check(("holidays.XLON half days", "XLON"), ours, theirs, "early closes")


# holidays.XETR starts in 2016 and holidays.XSWX in 2000, their first years.
HOLIDAYS_START = {"XETR": date(2016, 1, 1), "XSWX": date(2000, 1, 1)}


@pytest.mark.parametrize("code", ["XETR", "XSWX"])
def test_xetr_and_xswx_match_holidays(hol, code):
    start = HOLIDAYS_START[code]
    market = hol.financial_holidays(code, years=YEARS)
    assert min(market) >= start, f"holidays.{code} now has days before {start}: widen the span"
    assert min(market) < start + timedelta(days=120)  # and it does start then
    theirs = _weekday_holidays(market, start)
    _check((f"holidays.{code}", code), _closed_weekdays(code, start), theirs, "closed weekdays")


def test_de_hessen_matches_holidays_germany_he(hol):
    hesse = hol.Germany(subdiv="HE", years=YEARS)
    assert date(2017, 10, 31) in hesse and date(2018, 10, 31) not in hesse  # Reformation Day 2017 only
    assert date(2024, 5, 30) in hesse  # Corpus Christi, a Hessian holiday
    theirs = _weekday_holidays(hesse)
    _check(("holidays.Germany HE", "de-hessen"), _closed_weekdays("de-hessen"), theirs, "closed weekdays")


def test_de_hessen_werktage_matches_holidays_germany_he(hol):
    # Werktage: every day but Sundays and public holidays, so a holiday on a Saturday closes it (Labour Day 2021)
    hesse = hol.Germany(subdiv="HE", years=YEARS)
    assert date(2021, 5, 1) in hesse and date(2021, 12, 25) in hesse  # both Saturdays
    theirs = {d for d in hesse if d.weekday() != 6 and FIRST <= d <= LAST}
    cal = get_calendar("de-hessen-werktage")
    days = [FIRST + timedelta(days=i) for i in range((LAST - FIRST).days + 1)]
    ours = {d for d in days if d.weekday() != 6 and not cal.is_business_day(d)}
    assert any(d.weekday() == 5 for d in ours)
    _check(("holidays.Germany HE, Saturdays", "de-hessen-werktage"), ours, theirs, "closed days but Sundays")
