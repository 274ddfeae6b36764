"""Small declarative date rules: a fixed date, the n-th weekday of a month, an Easter offset, and what
happens when the date falls on a weekend (the observance).

A calendar's data file (``deadlines/calendars/data/<id>.toml``) states its holidays and early closes with
these rules; each carries its English name (the catalog msgid), its source and the years it applies in, so
the file reads as a list of facts a reviewer can check against the statute or the exchange notice.

Observances (what a date on a weekend becomes): their statutes speak of Saturday and Sunday, so they do,
whatever days a calendar closes every week (its ``weekend``; a holiday left on an open Saturday closes it).

``none``
    nothing: the date drops out (Euronext practice).
``us-federal``
    Saturday -> the Friday before, Sunday -> the Monday after (5 U.S.C. 6103(b), Executive Order 11582).
``nyse``
    as ``us-federal``, except that a Saturday holiday is not moved to a Friday that ends a month or a year
    (NYSE Rule 7.2).
``next-free-weekday``
    the next weekday on which no other holiday of the year already falls (UK substitute days, Banking and
    Financial Dealings Act 1971, Schedule 1): Christmas on a Saturday gives Monday 27 December, and Boxing Day
    on the Sunday after it gives Tuesday 28, the Monday being taken; Christmas on a Sunday gives Tuesday 27,
    Monday 26 being Boxing Day itself. Substitutes are placed after every other holiday of the year, in the
    order of their actual dates.

>>> rule = HolidayRule("Christmas Day", "s", DateRule(month=12, day=25), observance="next-free-weekday")
>>> boxing = HolidayRule("Boxing Day", "s", DateRule(month=12, day=26), observance="next-free-weekday")
>>> [(c.day.isoformat(), c.name) for c in expand([rule, boxing], 2021, 2021) if c.day.year == 2021]
[('2021-12-27', 'Christmas Day'), ('2021-12-28', 'Boxing Day')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, time, timedelta
from typing import NamedTuple

from .base import Closure, EarlyClose

WEEKEND = (5, 6)  # the Saturday and Sunday the observances' statutes speak of, whatever a calendar's weekend
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

Shift = Callable[[date], date | None]


def no_shift(day: date) -> date | None:
    """Closed only on the day itself; a weekend date simply drops out (Euronext practice)."""
    return day


def us_federal_weekend(day: date) -> date | None:
    """5 U.S.C. 6103(b): Saturday -> the Friday before; Sunday -> the Monday after (EO 11582)."""
    if day.weekday() == SAT:
        return day - timedelta(days=1)
    if day.weekday() == SUN:
        return day + timedelta(days=1)
    return day


def nyse_weekend(day: date) -> date | None:
    """NYSE Rule 7.2: Saturday -> Friday before unless that Friday ends a month or year; Sunday -> Monday."""
    if day.weekday() == SAT:
        return None if day.day == 1 else day - timedelta(days=1)
    if day.weekday() == SUN:
        return day + timedelta(days=1)
    return day


NEXT_FREE_WEEKDAY = "next-free-weekday"
# The shifts that need nothing but the date; ``next-free-weekday`` needs the year's other holidays (expand).
SHIFTS: dict[str, Shift] = {"none": no_shift, "us-federal": us_federal_weekend, "nyse": nyse_weekend}
OBSERVANCES = (*SHIFTS, NEXT_FREE_WEEKDAY)


def easter_sunday(year: int) -> date:
    """Gregorian Easter (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ``weekday`` (0 = Monday) of the month; n = -1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = date(year + month // 12, month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


class DateRule(NamedTuple):
    """Which date of a year: a fixed ``month``/``day``, the ``n``-th ``weekday`` of ``month`` (n = -1: the
    last), or ``easter`` days after Easter Sunday; then ``offset`` days later (the day after Thanksgiving).
    Only in the years ``since``..``until`` and, when ``weekdays`` is given, in years the date falls on one."""

    month: int = 0
    day: int = 0
    weekday: int = -1
    n: int = 0
    easter: int | None = None
    offset: int = 0
    since: int = 0
    until: int = 9999
    weekdays: tuple[int, ...] = ()

    def on(self, year: int) -> date | None:
        """The date in ``year`` (before any weekend shift), or None when the rule does not apply that year."""
        if not self.since <= year <= self.until:
            return None
        if self.easter is not None:
            found = easter_sunday(year) + timedelta(days=self.easter)
        elif self.weekday >= 0:
            found = nth_weekday(year, self.month, self.weekday, self.n)
        else:
            found = date(year, self.month, self.day)
        if self.offset:
            found += timedelta(days=self.offset)
        return None if self.weekdays and found.weekday() not in self.weekdays else found


class HolidayRule(NamedTuple):
    """A recurring closure on the rule's date, moved off a weekend by its ``observance``."""

    name: str
    source: str
    when: DateRule
    observance: str = "none"


class EarlyCloseRule(NamedTuple):
    """A recurring early close at ``close`` on the rule's date (a weekend date drops out)."""

    name: str
    source: str
    when: DateRule
    close: time


def expand(rules: Iterable[HolidayRule], first_year: int, last_year: int) -> list[Closure]:
    """All closures the rules produce for the years, one year either side for weekend shifts.

    A ``next-free-weekday`` holiday on a weekend is placed last, on the first weekday after it that no other
    holiday of its year holds (see the module's documentation)."""
    rules = list(rules)
    out: list[Closure] = []
    for year in range(first_year - 1, last_year + 2):
        found: list[Closure] = []
        waiting: list[tuple[date, HolidayRule]] = []
        for rule in rules:
            actual = rule.when.on(year)
            if actual is None:
                continue
            if rule.observance == NEXT_FREE_WEEKDAY:
                if actual.weekday() in WEEKEND:
                    waiting.append((actual, rule))
                    continue
                observed: date | None = actual
            else:
                observed = SHIFTS[rule.observance](actual)
            if observed is not None:
                found.append(Closure(observed, rule.name, rule.source, observed=observed != actual))
        taken = {c.day for c in found}
        for actual, rule in sorted(waiting, key=lambda item: item[0]):
            day = actual + timedelta(days=1)
            while day.weekday() in WEEKEND or day in taken:
                day += timedelta(days=1)
            taken.add(day)
            found.append(Closure(day, rule.name, rule.source, observed=True))
        out.extend(found)
    return out


def expand_early(
    rules: Iterable[EarlyCloseRule], first_year: int, last_year: int, weekend: tuple[int, ...] = WEEKEND
) -> list[EarlyClose]:
    """The early closes the rules produce for the years (a date on one of the calendar's ``weekend`` days
    drops out: no session to close early)."""
    return [
        EarlyClose(day, rule.close, rule.name, rule.source)
        for year in range(first_year, last_year + 1)
        for rule in rules
        if (day := rule.when.on(year)) is not None and day.weekday() not in weekend
    ]
