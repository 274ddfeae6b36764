"""Small declarative holiday rules: a fixed date, the n-th weekday of a month, an Easter offset.

Each rule carries its English name (the catalog msgid), its source and the years it applies in, so a
calendar file reads as a list of facts a reviewer can check against the statute or the exchange notice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .base import Closure

Observance = Callable[[date], date | None]


def no_shift(day: date) -> date | None:
    """Closed only on the day itself; a weekend date simply drops out (Euronext practice)."""
    return day


def us_federal_weekend(day: date) -> date | None:
    """5 U.S.C. 6103(b): Saturday -> the Friday before; Sunday -> the Monday after (EO 11582)."""
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def nyse_weekend(day: date) -> date | None:
    """NYSE Rule 7.2: Saturday -> Friday before unless that Friday ends a month or year; Sunday -> Monday."""
    if day.weekday() == 5:
        friday = day - timedelta(days=1)
        return None if (friday + timedelta(days=1)).month != friday.month else friday
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


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


@dataclass(frozen=True)
class Rule:
    name: str
    source: str
    since: int = 0
    until: int = 9999
    month: int = 0
    day: int = 0
    weekday: int = -1
    n: int = 0
    easter: int | None = None
    observance: Observance = no_shift

    def dates(self, year: int) -> Iterator[Closure]:
        if not self.since <= year <= self.until:
            return
        if self.easter is not None:
            yield Closure(easter_sunday(year) + timedelta(days=self.easter), self.name, self.source)
            return
        if self.weekday >= 0:
            yield Closure(nth_weekday(year, self.month, self.weekday, self.n), self.name, self.source)
            return
        actual = date(year, self.month, self.day)
        observed = self.observance(actual)
        if observed is None:
            return
        yield Closure(observed, self.name, self.source, observed=observed != actual)


def fixed(month: int, day: int, name: str, source: str, **kw: object) -> Rule:
    return Rule(name, source, month=month, day=day, **kw)  # type: ignore[arg-type]


def weekday_rule(month: int, weekday: int, n: int, name: str, source: str, **kw: object) -> Rule:
    return Rule(name, source, month=month, weekday=weekday, n=n, **kw)  # type: ignore[arg-type]


def easter(offset: int, name: str, source: str, **kw: object) -> Rule:
    return Rule(name, source, easter=offset, **kw)  # type: ignore[arg-type]


def expand(rules: list[Rule], first_year: int, last_year: int) -> list[Closure]:
    """All closures the rules produce for the years, one year either side for weekend shifts."""
    return [c for year in range(first_year - 1, last_year + 2) for r in rules for c in r.dates(year)]


MON, TUE, WED, THU, FRI = range(5)
