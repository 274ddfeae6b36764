"""Write the answers CSVs of tests/test_calendar_contract.py from independent oracles, never from our code.

    python tests/calendars/generate.py     # needs the test extra (exchange_calendars, holidays)

One CSV per calendar, ``tests/calendars/<id>.csv``: ``date,kind,name,close,source`` where kind is ``closed`` (a
day outside its weekend the calendar is closed), ``early-close`` (closes at ``close``, local time) or ``counted``
(a weekday counted as open although something closed: the US federal executive-order closures). Its header
comments say where the rows come from, the span they cover, the regular session and, when not Saturday and
Sunday, the days closed every week (``weekend: sunday``). Review the diff after regenerating:
a changed row is a change of an oracle, to check against the sources before accepting it.
"""

from __future__ import annotations

import csv
import io
import warnings
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIRST, LAST = date(1995, 1, 1), date(2035, 12, 31)
YEARS = range(FIRST.year, LAST.year + 1)

# Declared national days of mourning: federal offices and EDGAR closed; the SEC treated 5 Dec 2018 and
# 9 Jan 2025 as federal holidays for filings (calendars-and-libraries.md). holidays.US has them only among its
# "government" closures, with the executive-order closures the policy counts as business days.
MOURNING = {
    date(2004, 6, 11): "National Day of Mourning (Reagan), executive order; calendars-and-libraries.md",
    date(2007, 1, 2): "National Day of Mourning (Ford), executive order; calendars-and-libraries.md",
    date(2018, 12, 5): "National Day of Mourning (G. H. W. Bush), executive order; calendars-and-libraries.md",
    date(2025, 1, 9): "National Day of Mourning (Carter), executive order; calendars-and-libraries.md",
}
# Executive orders closing federal offices that holidays' "government" category lacks (Federal Register).
EO_ADDENDA = {
    date(1997, 12, 26): "Executive Order 13068 of 25 November 1997",
    date(1998, 12, 24): "Executive Order 13109 of 17 December 1998 (half day)",
}


# Frankfurt / Xetra: exchange_calendars XETR has no history before 2000 and trades on the public holidays the
# Frankfurt exchange closed on until its holiday trading ("Feiertagshandel") began in spring 2000.
_FEIERTAGSHANDEL = (
    "Frankfurt exchange closed on {} until 1999; holiday trading began in 2000 (Handelsblatt 2000, 'Deutsche "
    "Boerse: Kein Boersenhandel am 3. Oktober'; portfolio-performance 'de' trade calendar, PR 2837)"
)
_UNITY_2000 = (
    "German Unity Day 2000: no trading after union and church protests (Handelsblatt 2000, 'Deutsche Boerse: Kein "
    "Boersenhandel am 3. Oktober'; portfolio-performance 'de' trade calendar, commit 'Fix 2000-10-03')"
)
# Xetra's early close on the last trading day of the year before exchange_calendars' 2010.
XETR_EARLY = {
    date(2005, 12, 30): (
        "14:00",
        "dpa-AFX 29 Dec 2005: Xetra closing auction called from 14:00 on Friday 30 December, the last trading day",
    ),
}
# SWX: the virt-x/TARGET-like calendar from 25 June 2001 (SWX notice of 15 May 2001) and the archived SWX trading
# calendars 2000-2006 as read by portfolio-performance's "six" calendar (commits of 6 June 2022 citing
# swx.com tradcal2000.pdf ... 2006 grid); exchange_calendars XSWX and holidays XSWX have no history.
_SWX_NOTICE = "SWX notice 15 May 2001 (virt-x/TARGET calendar from 25 June 2001)"
_PP_SIX = "portfolio-performance 'six' trade calendar reading the archived SWX trading calendar"
XSWX_TRADED = {
    date(2001, 8, 1): f"{_SWX_NOTICE}; {_PP_SIX} (2001): traded on 1 August",
    date(2002, 1, 2): f"{_SWX_NOTICE}; {_PP_SIX} tradcal2002.pdf: traded on 2 January",
    date(2002, 5, 9): f"{_SWX_NOTICE}; {_PP_SIX} tradcal2002.pdf: traded on Ascension",
    date(2002, 5, 20): f"{_SWX_NOTICE}; {_PP_SIX} tradcal2002.pdf: traded on Whit Monday",
    date(2002, 8, 1): f"{_SWX_NOTICE}; {_PP_SIX} tradcal2002.pdf: traded on 1 August",
    date(2003, 8, 1): f"{_PP_SIX} tradcal2003.pdf: traded on 1 August",
    date(2005, 8, 1): f"{_PP_SIX} 2005 grid: traded on 1 August",
}
XSWX_CLOSED = {
    date(2000, 1, 3): f"swissinfo 3 Jan 2000: SWX closed for its year-2000 checks; {_PP_SIX} tradcal2000.pdf",
}


def xetr_closed() -> dict[date, str]:
    from dateutil.easter import easter

    out: dict[date, str] = {}
    for year in range(FIRST.year, 2000):
        sunday = easter(year)
        for offset, what in ((39, "Ascension"), (50, "Whit Monday"), (60, "Corpus Christi")):
            out[sunday + timedelta(days=offset)] = _FEIERTAGSHANDEL.format(what)
        out[date(year, 10, 3)] = _FEIERTAGSHANDEL.format("German Unity Day")
    out[date(2000, 10, 3)] = _UNITY_2000
    return {day: source for day, source in out.items() if day.weekday() < 5}


def _write(cal_id: str, comments: list[str], rows: list[tuple[date, str, str, str, str]]) -> None:
    out = io.StringIO()
    for line in comments:
        out.write(f"# {line}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "kind", "name", "close", "source"])
    for day, kind, name, close, source in sorted(rows):
        writer.writerow([day.isoformat(), kind, name, close, source])
    (HERE / f"{cal_id}.csv").write_text(out.getvalue(), encoding="utf-8")


def _weekdays(days: object) -> list[date]:
    return sorted(d for d in days if isinstance(d, date) and d.weekday() < 5 and FIRST <= d <= LAST)  # type: ignore[attr-defined]


def us_federal() -> None:
    import holidays

    public = holidays.US(years=YEARS)
    gov = holidays.US(years=YEARS, categories=("government",))
    rows = [(d, "closed", public[d], "", "holidays.US (5 U.S.C. 6103, observed)") for d in _weekdays(public)]
    rows += [(d, "closed", gov.get(d, ""), "", source) for d, source in MOURNING.items()]
    counted = {d: f"holidays.US government: {gov[d]}" for d in _weekdays(gov) if d not in public and d not in MOURNING}
    counted.update(EO_ADDENDA)
    rows += [(d, "counted", "", "", source) for d, source in counted.items()]
    _write(
        "us-federal",
        [
            f"us-federal answers, {FIRST}..{LAST}, from holidays {holidays.__version__} (holidays.US, statutory",
            "holidays observed; categories=('government',) for executive-order closures, counted as business days",
            "by policy) plus the days of mourning and EO addenda named in tests/calendars/generate.py.",
            "Never from our code.",
            f"range: {FIRST}..{LAST}",
            "session: 00:01-24:00",
        ],
        rows,
    )


def de_hessen() -> None:
    """German statutory holidays in Hesse (§ 1(1) HFeiertagsG, 3 October federal) from holidays.Germany("HE"),
    which also has the one-off nationwide Reformation Day of 31 October 2017. No weekend substitution."""
    import holidays

    public = holidays.Germany(subdiv="HE", years=YEARS, language="en_US")
    statutory = "holidays.Germany(subdiv='HE') (HFeiertagsG § 1(1); Einigungsvertrag art. 2(2))"
    special = "holidays.Germany(subdiv='HE'): special public holiday of 2017 (Reformation, 500th anniversary)"
    rows = [(d, "closed", public[d], "", special if d == date(2017, 10, 31) else statutory) for d in _weekdays(public)]
    _write(
        "de-hessen",
        [
            f"de-hessen answers, {FIRST}..{LAST}, from holidays {holidays.__version__} (holidays.Germany,",
            "subdiv='HE': public holidays of Hesse, and its special public holiday of 31 October 2017).",
            "Never from our code.",
            f"range: {FIRST}..{LAST}",
            # A whole day, to 24:00; 00:00 is the end (24:00) of the day before (time-formats.md, rule 3), so a
            # day's first minute is 00:01, as in us-federal's "12:01 a.m. through 12:00 midnight".
            "session: 00:01-24:00",
        ],
        rows,
    )


def de_hessen_werktage() -> None:
    """German Werktage (Saturdays counted, WpÜG before 2024): the same Hessian holidays from holidays.Germany("HE"),
    those on a Saturday included; only Sundays are closed every week."""
    import holidays

    public = holidays.Germany(subdiv="HE", years=YEARS, language="en_US")
    statutory = "holidays.Germany(subdiv='HE') (HFeiertagsG § 1(1); Einigungsvertrag art. 2(2))"
    special = "holidays.Germany(subdiv='HE'): special public holiday of 2017 (Reformation, 500th anniversary)"
    days = sorted(d for d in public if d.weekday() != 6 and FIRST <= d <= LAST)
    rows = [(d, "closed", public[d], "", special if d == date(2017, 10, 31) else statutory) for d in days]
    _write(
        "de-hessen-werktage",
        [
            f"de-hessen-werktage answers, {FIRST}..{LAST}, from holidays {holidays.__version__} (holidays.Germany,",
            "subdiv='HE': public holidays of Hesse, and its special public holiday of 31 October 2017), those on a",
            "Saturday included: a Werktag is every day but Sundays and public holidays (§ 193 BGB).",
            "Never from our code.",
            f"range: {FIRST}..{LAST}",
            "session: 00:01-24:00",
            "weekend: sunday",
        ],
        rows,
    )


def exchange(
    cal_id: str,
    code: str,
    names_market: str,
    closed: dict[date, str] | None = None,
    traded: dict[date, str] | None = None,
    extra_early: dict[date, tuple[str, str]] | None = None,
) -> None:
    """The oracle's closed days and early closes, corrected by ``closed`` (days the sources say were closed and
    the oracle trades on: a row with that source), ``traded`` (days the sources say were traded and the oracle
    closes: no row) and ``extra_early`` (early closes it lacks: close "HH:MM" and source)."""
    import exchange_calendars as xc
    import holidays

    closed, traded, early_add = closed or {}, traded or {}, extra_early or {}

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        oracle = xc.get_calendar(code, start=FIRST.isoformat(), end=LAST.isoformat())
        sessions = {ts.date() for ts in oracle.sessions}
        early = oracle.closes[oracle.early_closes].dt.tz_convert(str(oracle.tz))
        opens = {(t.hour, t.minute) for t in oracle.opens.dt.tz_convert(str(oracle.tz))}
        closes = {(t.hour, t.minute) for t in oracle.closes.dt.tz_convert(str(oracle.tz))} - {
            (t.hour, t.minute) for t in early
        }
    (open_h, open_m), (close_h, close_m) = opens.pop(), closes.pop()
    assert not opens and not closes, "the oracle's hours changed over the span: write them as sessions"
    names = holidays.financial_holidays(names_market, years=YEARS) if names_market else {}
    rows = []
    day = FIRST
    while day <= LAST:
        if day in closed:
            assert day in sessions, f"{day}: exchange_calendars {code} now closes it: drop it from the corrections"
            rows.append((day, "closed", names.get(day, ""), "", closed[day]))
        elif day.weekday() < 5 and day not in sessions and day not in traded:
            rows.append((day, "closed", names.get(day, ""), "", f"exchange_calendars {code}"))
        day += timedelta(days=1)
    assert not [d for d in traded if d in sessions], f"exchange_calendars {code} now trades a corrected day"
    for ts, local in zip(oracle.early_closes, early, strict=True):
        rows.append(
            (ts.date(), "early-close", "", f"{local.hour:02d}:{local.minute:02d}", f"exchange_calendars {code}")
        )
    for day, (close, source) in early_add.items():
        assert day in sessions and day not in {ts.date() for ts in oracle.early_closes}, f"{day}: not a correction"
        rows.append((day, "early-close", "", close, source))
    fixes = len(closed) + len(traded) + len(early_add)
    corrected = [f"Corrected on {fixes} days from the sources in tests/calendars/generate.py (added rows name theirs)."]
    _write(
        cal_id,
        [
            f"{cal_id} answers, {FIRST}..{LAST}, from exchange_calendars {xc.__version__} ({code}: sessions and early",
            f"closes), names from holidays {holidays.__version__} ({names_market}) where it has them."
            if names_market
            else "closes), without names.",
            *(corrected if fixes else []),
            "Never from our code.",
            f"range: {FIRST}..{LAST}",
            f"session: {open_h:02d}:{open_m:02d}-{close_h:02d}:{close_m:02d}",
        ],
        rows,
    )


def main() -> None:
    us_federal()
    de_hessen()
    de_hessen_werktage()
    exchange("XNYS", "XNYS", "NYSE")
    # exchange_calendars' XNAS is an alias of its XNYS; holidays.XNAS is checked against ours in test_oracle.py
    exchange("XNAS", "XNAS", "XNAS")
    exchange("XPAR", "XPAR", "")
    exchange("XLON", "XLON", "XLON")  # holidays has its names from 2000 on
    # holidays has XETR names from 2016 on, XSWX names from 2000 on
    exchange("XETR", "XETR", "XETR", closed=xetr_closed(), extra_early=XETR_EARLY)
    exchange("XSWX", "XSWX", "XSWX", closed=XSWX_CLOSED, traded=XSWX_TRADED)


if __name__ == "__main__":
    main()
