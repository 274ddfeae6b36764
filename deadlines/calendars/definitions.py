"""The calendars `deadlines` ships, stated as facts with their sources.

us-federal
    Rule 14d-1(g)(3) business days: any day other than Saturday, Sunday or a Federal holiday, from
    12:01 a.m. through 12:00 midnight Eastern time. Federal holidays are the legal public holidays of
    5 U.S.C. 6103(a), moved by 6103(b) and Executive Order 11582 when they fall on a weekend (Saturday
    -> Friday, Sunday -> Monday); Juneteenth from 2021 (Pub. L. 117-17: Fri 18 Jun 2021 was observed).
    Declared national days of mourning closed federal offices and EDGAR and are treated as holidays.
    Executive-order closures of federal offices around Christmas are *counted as business days*: offers
    that ran over them expired on the day they would if the day were counted (domain notes), and a
    warning names the day whenever one falls inside a counted window.
XNYS / XNAS
    NYSE and Nasdaq trading days: New Year's Day, Martin Luther King Jr. Day (from 1998), Washington's
    Birthday, Good Friday, Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day,
    Thanksgiving and Christmas, under NYSE Rule 7.2 (Saturday -> Friday unless that Friday ends a month
    or year, Sunday -> Monday), plus the ad hoc closures listed below. Columbus Day and Veterans Day are
    trading days. Regular session 9:30-16:00 America/New_York.
XPAR
    Euronext Paris trading days ("jours de négociation"). Since 2002 the Euronext cash-market closing
    days: 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December (a date on a weekend drops
    out, with no substitute), half days closing at 14:05 on 24 and 31 December. Before 2002 Paris also
    closed on Whit Monday and 14 July and on 31 December; those years come from the secondary record
    named in each source. Continuous trading 09:00-17:30 Europe/Paris.
"""

from __future__ import annotations

from datetime import date, time

from ..text import N_
from .base import Closure, EarlyClose, Notice, RuleCalendar
from .holiday_rules import (
    FRI,
    MON,
    THU,
    easter,
    expand,
    fixed,
    nyse_weekend,
    us_federal_weekend,
    weekday_rule,
)

FIRST = date(1995, 1, 1)
LAST = date(2035, 12, 31)

USC = "5 U.S.C. 6103(a)"
US_OBSERVED = "5 U.S.C. 6103(b); Executive Order 11582"


def _us(name: str, law: str = USC) -> str:
    return f"{law} ({name}); {US_OBSERVED}"


US_FEDERAL_RULES = [
    fixed(1, 1, N_("New Year's Day"), _us("New Year's Day"), observance=us_federal_weekend),
    weekday_rule(1, MON, 3, N_("Birthday of Martin Luther King, Jr."), USC),
    weekday_rule(2, MON, 3, N_("Washington's Birthday"), USC),
    weekday_rule(5, MON, -1, N_("Memorial Day"), USC),
    fixed(
        6,
        19,
        N_("Juneteenth National Independence Day"),
        _us("Juneteenth", "5 U.S.C. 6103(a) as amended by Pub. L. 117-17 (17 June 2021)"),
        since=2021,
        observance=us_federal_weekend,
    ),
    fixed(7, 4, N_("Independence Day"), _us("Independence Day"), observance=us_federal_weekend),
    weekday_rule(9, MON, 1, N_("Labor Day"), USC),
    weekday_rule(10, MON, 2, N_("Columbus Day"), USC),
    fixed(11, 11, N_("Veterans Day"), _us("Veterans Day"), observance=us_federal_weekend),
    weekday_rule(11, THU, 4, N_("Thanksgiving Day"), USC),
    fixed(12, 25, N_("Christmas Day"), _us("Christmas Day"), observance=us_federal_weekend),
]

# Declared national days of mourning: federal offices closed by executive order, EDGAR closed, and the
# SEC treated the day as a federal holiday for filing deadlines (domain notes, sec. 1.12).
US_MOURNING = [
    Closure(
        date(2004, 6, 11),
        N_("National Day of Mourning for President Ronald Reagan"),
        "Executive order closing federal executive departments, 11 June 2004",
        "adhoc",
    ),
    Closure(
        date(2007, 1, 2),
        N_("National Day of Mourning for President Gerald R. Ford"),
        "Executive order closing federal executive departments, 2 January 2007",
        "adhoc",
    ),
    Closure(
        date(2018, 12, 5),
        N_("National Day of Mourning for President George H. W. Bush"),
        "Executive order closing federal executive departments, 5 December 2018",
        "adhoc",
    ),
    Closure(
        date(2025, 1, 9),
        N_("National Day of Mourning for President Jimmy Carter"),
        "Executive order closing federal executive departments, 9 January 2025",
        "adhoc",
    ),
]

_EO_POLICY = N_(
    "counted as a business day by default: an executive-order closure of federal offices is not treated "
    "as a Federal holiday under Rule 14d-1(g)(3), as in offers that ran over one"
)


def _eo(day: date, name: str) -> Notice:
    return Notice(day, name, f"Executive order closing federal executive departments, {day:%d %B %Y}", _EO_POLICY)


US_EO_CLOSURES = [
    _eo(date(1997, 12, 26), N_("Day after Christmas (federal offices closed)")),  # EO 13068
    _eo(date(1998, 12, 24), N_("Christmas Eve (federal offices closed half a day)")),  # EO 13109, 63 FR 70631
    _eo(date(2001, 12, 24), N_("Christmas Eve (federal offices closed)")),
    _eo(date(2002, 12, 24), N_("Christmas Eve (federal offices closed half a day)")),
    _eo(date(2003, 12, 26), N_("Day after Christmas (federal offices closed)")),
    _eo(date(2007, 12, 24), N_("Christmas Eve (federal offices closed)")),
    _eo(date(2008, 12, 26), N_("Day after Christmas (federal offices closed)")),
    _eo(date(2009, 12, 24), N_("Christmas Eve (federal offices closed half a day)")),
    _eo(date(2012, 12, 24), N_("Christmas Eve (federal offices closed)")),
    _eo(date(2014, 12, 26), N_("Day after Christmas (federal offices closed)")),
    _eo(date(2015, 12, 24), N_("Christmas Eve (federal offices closed half a day)")),
    _eo(date(2018, 12, 24), N_("Christmas Eve (federal offices closed)")),
    _eo(date(2019, 12, 24), N_("Christmas Eve (federal offices closed)")),
    _eo(date(2020, 12, 24), N_("Christmas Eve (federal offices closed)")),
    _eo(date(2024, 12, 24), N_("Christmas Eve (federal offices closed)")),
    _eo(date(2025, 12, 24), N_("Christmas Eve (federal offices closed)")),
    _eo(date(2025, 12, 26), N_("Day after Christmas (federal offices closed)")),
]

NYSE = "NYSE Rule 7.2 (holidays)"
NYSE_RULES = [
    fixed(1, 1, N_("New Year's Day"), NYSE, observance=nyse_weekend),
    weekday_rule(1, MON, 3, N_("Martin Luther King, Jr. Day"), NYSE, since=1998),
    weekday_rule(2, MON, 3, N_("Washington's Birthday"), NYSE),
    easter(-2, N_("Good Friday"), NYSE),
    weekday_rule(5, MON, -1, N_("Memorial Day"), NYSE),
    fixed(6, 19, N_("Juneteenth National Independence Day"), NYSE, since=2022, observance=nyse_weekend),
    fixed(7, 4, N_("Independence Day"), NYSE, observance=nyse_weekend),
    weekday_rule(9, MON, 1, N_("Labor Day"), NYSE),
    weekday_rule(11, THU, 4, N_("Thanksgiving Day"), NYSE),
    fixed(12, 25, N_("Christmas Day"), NYSE, observance=nyse_weekend),
]


def _adhoc(day: date, name: str, source: str) -> Closure:
    return Closure(day, name, source, "adhoc")


NYSE_ADHOC = [
    *(
        _adhoc(date(2001, 9, d), N_("September 11 attacks"), "NYSE closure after the 11 September 2001 attacks")
        for d in (11, 12, 13, 14)
    ),
    _adhoc(date(2004, 6, 11), N_("National Day of Mourning for President Ronald Reagan"), "NYSE closure, 11 June 2004"),
    _adhoc(
        date(2007, 1, 2), N_("National Day of Mourning for President Gerald R. Ford"), "NYSE closure, 2 January 2007"
    ),
    _adhoc(date(2012, 10, 29), N_("Hurricane Sandy"), "NYSE closure for Hurricane Sandy"),
    _adhoc(date(2012, 10, 30), N_("Hurricane Sandy"), "NYSE closure for Hurricane Sandy"),
    _adhoc(
        date(2018, 12, 5),
        N_("National Day of Mourning for President George H. W. Bush"),
        "NYSE closure, 5 December 2018",
    ),
    _adhoc(date(2025, 1, 9), N_("National Day of Mourning for President Jimmy Carter"), "NYSE closure, 9 January 2025"),
]

EURONEXT = "Euronext cash-market holiday calendar (harmonised closing days)"
PARIS_PRE_2002 = "Paris Bourse closing day before the harmonised Euronext calendar (secondary record)"
XPAR_RULES = [
    fixed(1, 1, N_("New Year's Day"), EURONEXT),
    easter(-2, N_("Good Friday"), EURONEXT),
    easter(1, N_("Easter Monday"), EURONEXT),
    fixed(5, 1, N_("Labour Day"), EURONEXT),
    fixed(12, 25, N_("Christmas Day"), EURONEXT),
    fixed(12, 26, N_("Boxing Day"), EURONEXT),
    easter(50, N_("Whit Monday"), PARIS_PRE_2002, until=2001),
    fixed(7, 14, N_("Bastille Day"), PARIS_PRE_2002, until=2000),
    fixed(12, 31, N_("New Year's Eve"), PARIS_PRE_2002, until=2001),
]


def _xpar_half_days() -> list[EarlyClose]:
    out = []
    for year in range(FIRST.year, LAST.year + 1):
        for day in (date(year, 12, 24), date(year, 12, 31)):
            if day.weekday() <= FRI and not (day.day == 31 and year <= 2001):
                name = N_("Christmas Eve half day") if day.day == 24 else N_("New Year's Eve half day")
                out.append(EarlyClose(day, time(14, 5), name, EURONEXT))
    return out


def us_federal() -> RuleCalendar:
    return RuleCalendar(
        id="us-federal",
        name=N_("US federal business days (Rule 14d-1(g)(3))"),
        zone="America/New_York",
        first=FIRST,
        last=LAST,
        open=time(0, 1),
        close=None,
        source="17 CFR 240.14d-1(g)(3); 5 U.S.C. 6103",
        closures=[*expand(US_FEDERAL_RULES, FIRST.year, LAST.year), *US_MOURNING],
        notices=US_EO_CLOSURES,
    )


def _nyse_like(code: str, name: str) -> RuleCalendar:
    return RuleCalendar(
        id=code,
        name=name,
        zone="America/New_York",
        first=FIRST,
        last=LAST,
        open=time(9, 30),
        close=time(16, 0),
        source=f"{NYSE}; exchange closure notices",
        closures=[*expand(NYSE_RULES, FIRST.year, LAST.year), *NYSE_ADHOC],
    )


def xnys() -> RuleCalendar:
    return _nyse_like("XNYS", N_("New York Stock Exchange"))


def xnas() -> RuleCalendar:
    return _nyse_like("XNAS", N_("Nasdaq Stock Market"))


def xpar() -> RuleCalendar:
    return RuleCalendar(
        id="XPAR",
        name=N_("Euronext Paris"),
        zone="Europe/Paris",
        first=FIRST,
        last=LAST,
        open=time(9, 0),
        close=time(17, 30),
        source=EURONEXT,
        closures=expand(XPAR_RULES, FIRST.year, LAST.year),
        early_closes=_xpar_half_days(),
    )
