"""Write the answers CSVs of tests/test_calendar_contract.py from independent oracles, never from our code.

    python tests/calendars/generate.py     # needs the test extra (exchange_calendars, holidays)

One CSV per calendar, ``tests/calendars/<id>.csv``: ``date,kind,name,close,source`` where kind is ``closed`` (a
weekday the calendar is closed), ``early-close`` (closes at ``close``, local time) or ``counted`` (a weekday
counted as open although something closed: the US federal executive-order closures). Its header comments say
where the rows come from, the span they cover and the regular session. Review the diff after regenerating:
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


def exchange(cal_id: str, code: str, names_market: str) -> None:
    import exchange_calendars as xc
    import holidays

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
        if day.weekday() < 5 and day not in sessions:
            rows.append((day, "closed", names.get(day, ""), "", f"exchange_calendars {code}"))
        day += timedelta(days=1)
    for ts, local in zip(oracle.early_closes, early, strict=True):
        rows.append(
            (ts.date(), "early-close", "", f"{local.hour:02d}:{local.minute:02d}", f"exchange_calendars {code}")
        )
    _write(
        cal_id,
        [
            f"{cal_id} answers, {FIRST}..{LAST}, from exchange_calendars {xc.__version__} ({code}: sessions and early",
            f"closes), names from holidays {holidays.__version__} ({names_market}) where it has them."
            if names_market
            else "closes), without names.",
            "Never from our code.",
            f"range: {FIRST}..{LAST}",
            f"session: {open_h:02d}:{open_m:02d}-{close_h:02d}:{close_m:02d}",
        ],
        rows,
    )


def main() -> None:
    us_federal()
    exchange("XNYS", "XNYS", "NYSE")
    # exchange_calendars' XNAS is an alias of its XNYS; holidays.XNAS is checked against ours in test_oracle.py
    exchange("XNAS", "XNAS", "XNAS")
    exchange("XPAR", "XPAR", "")
    exchange("XLON", "XLON", "XLON")  # holidays has its names from 2000 on


if __name__ == "__main__":
    main()
