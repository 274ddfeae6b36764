"""Business-day calendars and their arithmetic.

A calendar is a set of closed days (each with its name and source) over a covered span of years. All
arithmetic runs on a sorted list of the ordinals of open days, built once per calendar, so every
lookup is a binary search: nothing walks day by day over a long span.

Counting conventions (the ones tender-offer rules use):
- ``add(d, n)``: the n-th business day *after* d (d itself is not counted).
- ``count(a, b)``: business days in the closed interval [a, b].
- ``nth(d, n)``: business day n when d is day 1 (if d is closed, day 1 is the next business day).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from functools import cached_property
from itertools import accumulate, compress, pairwise, repeat
from operator import add, gt, sub
from typing import NamedTuple

from ..errors import CoverageError, InputError
from ..text import N_, Items, Msg, Ordinal, Plural, Term

WEEKEND = (5, 6)  # the default weekly closed days, Saturday and Sunday (Monday: 0); a calendar may say others


class Closure(NamedTuple):
    """A weekday on which the calendar is closed, with the name and source a lawyer can check."""

    day: date
    name: str
    source: str
    kind: str = "holiday"  # "holiday" (recurring rule) or "adhoc" (one-off closure)
    observed: bool = False  # moved from a weekend to this day

    @property
    def label(self) -> Term | Msg:
        """The name to translate: "Independence Day (observed)" for a holiday moved off a weekend."""
        return Msg(N_("{name} (observed)"), name=Term(self.name)) if self.observed else Term(self.name)


class Notice(NamedTuple):
    """A day counted as a business day that a user should hear about (e.g. an executive-order closure)."""

    day: date
    name: str
    source: str
    policy: str


class EarlyClose(NamedTuple):
    day: date
    close: time
    name: str
    source: str


class Session(NamedTuple):
    """Regular session hours from ``start`` on (until the next session's start), with their source.
    ``close`` None: the day runs to 24:00 (the US federal business day). (A named tuple: cheaper to define at
    start-up than a dataclass.)"""

    start: date
    open: time
    close: time | None
    source: str


class SecondarySpan(NamedTuple):
    """Closing days before ``until`` rest on a secondary record (``source``), to be checked by the reader."""

    until: date
    source: str


Label = Term | Msg  # a closed day's name, translated by the presentation layer


class Skipped(NamedTuple):
    """A closed weekday inside a counted window, for counting traces."""

    day: date
    labels: tuple[Label, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(str(label) for label in self.labels)


class Count(NamedTuple):
    """The trace of a business-day count: which day was day 1, what was skipped, which day is day N."""

    calendar: str
    first: date
    last: date
    n: int
    skipped: tuple[Skipped, ...]
    weekend_days: int
    notices: tuple[Notice, ...] = ()

    unit: str = "business"  # business | trading | working: how the trace names a day ("20th trading day")
    weekend: tuple[int, ...] = WEEKEND  # the calendar's weekly closed days: what "weekend days" were

    def message(self) -> Msg | Items:
        """One line a lawyer can check: day 1, the closed days skipped, the days counted anyway, day N."""
        if self.n == 0:
            return Msg(
                N_("{calendar}: no open day from {first} to {last}"),
                calendar=self.calendar,
                first=self.first,
                last=self.last,
            )
        parts: list[Msg] = [
            Msg(
                N_("{calendar}: {ordinal} = {day}"),
                calendar=self.calendar,
                ordinal=Ordinal(1, self.unit),
                day=self.first,
            )
        ]
        if self.skipped:
            days = [Msg(N_("{day} ({names})"), day=s.day, names=Items(s.labels, "slash")) for s in self.skipped]
            parts.append(Msg(N_("skipped {days}"), days=Items(days, "comma")))
        if self.weekend_days and self.weekend == (6,):  # Werktage: a Saturday counts, "weekend" would mislead
            parts.append(Plural("{n} Sunday not counted", "{n} Sundays not counted", self.weekend_days))
        elif self.weekend_days:
            parts.append(Plural("{n} weekend day not counted", "{n} weekend days not counted", self.weekend_days))
        for notice in self.notices:
            parts.append(Msg(N_("{day} counted as a business day ({name})"), day=notice.day, name=Term(notice.name)))
        if self.n > 1:
            parts.append(Msg(N_("{ordinal} = {day}"), ordinal=Ordinal(self.n, self.unit), day=self.last))
        return Items(parts, "parts")

    def text(self) -> str:
        """The English trace, e.g. ``us-federal: 1st business day = Tue 2002-07-16; ...``."""
        return str(self.message())

    def as_dict(self) -> dict[str, object]:
        return {
            "calendar": self.calendar,
            "day1": self.first.isoformat(),
            "dayN": self.last.isoformat(),
            "n": self.n,
            "skipped": [{"date": s.day.isoformat(), "names": list(s.names)} for s in self.skipped],
            "weekend_days": self.weekend_days,
            "counted_closures": [{"date": x.day.isoformat(), "name": x.name, "source": x.source} for x in self.notices],
            "text": self.text(),
        }


class BusinessCalendar:
    """Open days over a covered span; subclasses say where the closed days come from."""

    def __init__(
        self,
        id: str,
        name: str,
        zone: str,
        first: date,
        last: date,
        open: time,
        close: time | None,
        source: str,
        weekend: tuple[int, ...] = WEEKEND,
    ) -> None:
        self.id, self.name, self.zone, self.source = id, name, zone, source
        # The weekly closed days (Monday: 0): Saturday and Sunday, or Sunday alone for German Werktage.
        self.weekend = tuple(sorted(set(weekend)))
        self.first, self.last = first, last
        self.open = open
        self.close = close  # None: the day runs to 24:00 (e.g. the US federal "12:00 midnight")
        # The regular hours from each start on: one set here; a calendar from data has them with their dates.
        self.session_hours: tuple[Session, ...] = (Session(first, open, close, source),)
        self._days: list[int] = []  # the ordinals of the open days, in order (subclasses fill it)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(id={self.id!r}, first={self.first!r}, last={self.last!r})"

    def hours(self, day: date) -> Session:
        """The regular session hours on ``day`` (one session for every day here; a calendar from data has
        them with their effective dates)."""
        return self.session_hours[0]

    @property
    def unit(self) -> str:
        """What its days are called: an exchange has trading days, the federal calendar business days, and a
        calendar open on Saturdays working days (German Werktage, French jours ouvrables)."""
        if 5 not in self.weekend:
            return "working"
        return "business" if self.close is None else "trading"

    def closed_names(self, day: date) -> tuple[str, ...]:
        """Names of the closures on ``day`` in English (empty for weekend days and open days)."""
        return tuple(str(label) for label in self.closed_labels(day))

    # -- what subclasses provide -------------------------------------------------------------
    def closed_labels(self, day: date) -> tuple[Label, ...]:
        """Names of the closures on ``day``, to translate (empty for weekends and open days)."""
        return ()

    def notices_between(self, start: date, end: date) -> tuple[Notice, ...]:
        return ()

    def early_close(self, day: date) -> EarlyClose | None:
        return None

    # -- coverage ----------------------------------------------------------------------------
    def _check(self, *days: date) -> None:
        for day in days:
            if not self.first <= day <= self.last:
                raise CoverageError(
                    day=day.isoformat(), calendar=self.id, first=self.first.isoformat(), last=self.last.isoformat()
                )

    def _check_range(self, start: date, end: date) -> None:
        self._check(start, end)
        if start > end:
            raise InputError("the range {start} to {end} is reversed", start=start.isoformat(), end=end.isoformat())

    def _at(self, index: int, origin: date) -> date:
        if not 0 <= index < len(self._days):
            raise CoverageError(
                N_("the business day after {origin} is outside the coverage of calendar {calendar} ({first} to {last})")
                if index >= 0
                else N_(
                    "the business day before {origin} is outside the coverage of calendar {calendar} "
                    "({first} to {last})"
                ),
                origin=origin.isoformat(),
                calendar=self.id,
                first=self.first.isoformat(),
                last=self.last.isoformat(),
            )
        return date.fromordinal(self._days[index])

    # -- arithmetic --------------------------------------------------------------------------
    def is_business_day(self, day: date) -> bool:
        if not self.first <= day <= self.last:
            self._check(day)
        return self._mask[day.toordinal() - self.first.toordinal()] == 1

    def are_business_days(self, days: Sequence[date]) -> list[bool]:
        """``[self.is_business_day(d) for d in days]`` in one pass (a scan's candidate last days)."""
        offsets = map(sub, map(date.toordinal, self._checked(days)), repeat(self.first.toordinal()))
        return list(map(bool, map(self._mask.__getitem__, offsets)))

    def __contains__(self, day: object) -> bool:
        """``date(2026, 7, 3) in get_calendar("XNYS")``: whether ``day`` is a business day (outside the
        coverage, a :class:`~deadlines.errors.CoverageError` rather than a guess)."""
        if not isinstance(day, date) or isinstance(day, datetime):
            return False
        return self.is_business_day(day)

    @cached_property
    def _mask(self) -> bytes:
        """For each day of the coverage, 1 if it is open, else 0: whether a day is open in one lookup, the
        question scans ask most (a calendar from rules writes it as it builds its open days)."""
        origin = self.first.toordinal()
        mask = bytearray(max(0, (self.last - self.first).days + 1))  # none: members that do not overlap
        for ordinal in self._days:
            mask[ordinal - origin] = 1
        return bytes(mask)

    def next_business_day(self, day: date, *, inclusive: bool = False) -> date:
        """The first business day after ``day`` (or ``day`` itself when ``inclusive`` and open)."""
        self._check(day)
        find = bisect_left if inclusive else bisect_right
        return self._at(find(self._days, day.toordinal()), day)

    def previous_business_day(self, day: date, *, inclusive: bool = False) -> date:
        self._check(day)
        find = bisect_right if inclusive else bisect_left
        return self._at(find(self._days, day.toordinal()) - 1, day)

    def add(self, day: date, n: int) -> date:
        """The n-th business day after ``day`` (before it when n < 0); ``day`` itself is not counted.

        >>> from deadlines.calendars import get_calendar
        >>> get_calendar("us-federal").add(date(2002, 8, 30), 1)  # Labor Day 2 Sep 2002 skipped
        datetime.date(2002, 9, 3)
        """
        self._check(day)
        if n == 0:
            if not self.is_business_day(day):
                raise InputError("{day} is not a business day of {calendar}", day=day.isoformat(), calendar=self.id)
            return day
        if n > 0:
            return self._at(bisect_right(self._days, day.toordinal()) + n - 1, day)
        return self._at(bisect_left(self._days, day.toordinal()) + n, day)

    def count(self, start: date, end: date) -> int:
        """Business days in the closed interval [start, end].

        >>> from deadlines.calendars import get_calendar
        >>> get_calendar("XPAR").count(date(2026, 4, 1), date(2026, 4, 10))  # Good Friday, Easter Monday
        6
        """
        self._check_range(start, end)
        return bisect_right(self._days, end.toordinal()) - bisect_left(self._days, start.toordinal())

    def nth(self, start: date, n: int) -> date:
        """Business day ``n`` counting ``start`` as day 1 (the next business day if ``start`` is closed).

        >>> from deadlines.calendars import get_calendar
        >>> get_calendar("us-federal").nth(date(2026, 3, 30), 20)  # Good Friday is a federal business day
        datetime.date(2026, 4, 24)
        """
        self._check(start)
        if n < 1:
            raise InputError("a day number starts at 1, not {n}", n=n)
        return self._at(bisect_left(self._days, start.toordinal()) + n - 1, start)

    # -- batch arithmetic (scans): one call for many dates, same results as the scalar methods; each step
    # maps a C function over the whole list (a lookup in _ranks, toordinal, fromordinal), with no Python
    # loop ---------------------------------------------------------------------------------------------
    def add_many(self, days: Sequence[date], n: int) -> list[date]:
        """``[self.add(d, n) for d in days]`` in one pass (n != 0)."""
        if n == 0:
            return [self.add(d, 0) for d in days]
        shift = n - 1 if n > 0 else n
        return self._at_many(self._indexes(self._checked(days), right=n > 0, shift=shift), days)

    def nth_many(self, starts: Sequence[date], n: int) -> list[date]:
        """``[self.nth(d, n) for d in starts]`` in one pass."""
        if n < 1:
            raise InputError("a day number starts at 1, not {n}", n=n)
        return self._at_many(self._indexes(self._checked(starts), shift=n - 1), starts)

    def count_many(self, starts: Sequence[date], ends: Sequence[date]) -> list[int]:
        """``[self.count(a, b) for a, b in zip(starts, ends)]`` in one pass."""
        self._checked(starts)
        self._checked(ends)
        if len(starts) != len(ends):
            raise ValueError("count_many() needs as many ends as starts")
        if any(map(gt, starts, ends)):
            a, b = next((a, b) for a, b in zip(starts, ends, strict=True) if a > b)
            self._check_range(a, b)
        return list(map(sub, self._indexes(ends, right=True), self._indexes(starts)))

    def _indexes(self, days: Sequence[date], *, right: bool = False, shift: int = 0) -> list[int]:
        """``bisect_left(self._days, d.toordinal()) + shift`` for each of ``days`` (``bisect_right`` when
        ``right``), read from :attr:`_ranks`; the days are within the coverage."""
        origin = self.first.toordinal() - right  # bisect_right(o) is the rank of the day after o
        found = map(self._ranks.__getitem__, map(sub, map(date.toordinal, days), repeat(origin)))
        return list(map(add, found, repeat(shift))) if shift else list(found)

    @cached_property
    def _ranks(self) -> list[int]:
        """For each day of the coverage and the day after it, how many open days come before it: a binary
        search answered by one lookup, for the scans that ask it tens of thousands of times."""
        return list(accumulate(self._mask, initial=0))

    def _checked(self, days: Sequence[date]) -> Sequence[date]:
        if days:
            self._check(min(days), max(days))
        return days

    def _at_many(self, indexes: list[int], origins: Sequence[date]) -> list[date]:
        if indexes and not (min(indexes) >= 0 and max(indexes) < len(self._days)):
            bad = next(i for i, index in enumerate(indexes) if not 0 <= index < len(self._days))
            self._at(indexes[bad], origins[bad])  # raises the scalar method's coverage error
        return list(map(date.fromordinal, map(self._days.__getitem__, indexes)))

    def sessions(self, start: date, end: date) -> list[date]:
        """The business days in [start, end], both included: the name exchange_calendars users know."""
        return self.business_days(start, end)

    def business_days(self, start: date, end: date) -> list[date]:
        return list(map(date.fromordinal, self.business_ordinals(start, end)))

    def business_ordinals(self, start: date, end: date) -> list[int]:
        """The ordinals of the business days in [start, end] (a scan intersects them across calendars)."""
        self._check_range(start, end)
        lo, hi = bisect_left(self._days, start.toordinal()), bisect_right(self._days, end.toordinal())
        return self._days[lo:hi]

    def closed_days(self, start: date, end: date) -> list[Skipped]:
        """Closed days in [start, end] with their names (the calendar's weekend days are left out)."""
        self._check(start, end)
        lo, hi = bisect_left(self._days, start.toordinal()), bisect_right(self._days, end.toordinal())
        # Walk only the gaps between consecutive open days: weekends and closures, nothing else.
        bounds = [start.toordinal() - 1, *self._days[lo:hi], end.toordinal() + 1]
        out = []
        for before, after in pairwise(bounds):
            for o in range(before + 1, after):
                if (o - 1) % 7 not in self.weekend:
                    day = date.fromordinal(o)
                    out.append(Skipped(day, self.closed_labels(day)))
        return out

    def trace(self, start: date, end: date) -> Count:
        """Explain the count from ``start`` (day 1 if open) to ``end`` (day N)."""
        self._check_range(start, end)
        first = self.next_business_day(start, inclusive=True)
        if first > end:  # no business day at all in the range
            skipped = tuple(self.closed_days(start, end))
            weekend = (end - start).days + 1 - len(skipped)
            return Count(self.id, start, end, 0, skipped, weekend, unit=self.unit, weekend=self.weekend)
        n = self.count(first, end)
        last = self.previous_business_day(end, inclusive=True)  # day N is a business day, never a closed end
        skipped = tuple(self.closed_days(first, end))
        weekend = (end - first).days + 1 - n - len(skipped)
        notices = self.notices_between(first, end)
        return Count(self.id, first, last, n, skipped, weekend, notices, self.unit, self.weekend)


class RuleCalendar(BusinessCalendar):
    """A calendar whose closed days are listed explicitly (built from holiday rules)."""

    def __init__(
        self,
        *,
        id: str,
        name: str,
        zone: str,
        first: date,
        last: date,
        open: time,
        close: time | None,
        source: str,
        closures: Iterable[Closure],
        notices: Iterable[Notice] = (),
        early_closes: Iterable[EarlyClose] = (),
        sessions: Sequence[Session] = (),
        secondary: Sequence[SecondarySpan] = (),
        weekend: tuple[int, ...] = WEEKEND,
    ) -> None:
        super().__init__(id, name, zone, first, last, open, close, source, weekend)
        self.session_hours = tuple(sessions) or (Session(first, open, close, source),)
        self.secondary = tuple(secondary)
        self.closures: dict[date, list[Closure]] = {}
        for closure in closures:
            if first <= closure.day <= last and closure.day.weekday() not in self.weekend:
                self.closures.setdefault(closure.day, []).append(closure)
        self.notices: Mapping[date, Notice] = {n.day: n for n in notices if first <= n.day <= last}
        self.early_closes: Mapping[date, EarlyClose] = {
            e.day: e for e in early_closes if first <= e.day <= last and e.day not in self.closures
        }
        # The open days: the week's pattern repeated over the coverage, the closures struck out, in C but for
        # a few hundred closures (a test for each of ten thousand days would be slow, a set of them large).
        origin, span = first.toordinal(), max(0, (last - first).days + 1)
        week = bytes(i not in self.weekend for i in range(7))  # Monday: 0
        start = first.weekday()
        mask = bytearray((week[start:] + week[:start]) * (span // 7 + 1))[:span]
        for day in self.closures:
            mask[day.toordinal() - origin] = 0
        self._mask = bytes(mask)
        self._days = list(compress(range(origin, origin + span), mask))

    def closed_labels(self, day: date) -> tuple[Label, ...]:
        return tuple(c.label for c in self.closures.get(day, ()))

    @property
    def secondary_until(self) -> date | None:
        """The day before which this calendar's closing days rest on a secondary record (None: none do)."""
        return max((span.until for span in self.secondary), default=None)

    def hours(self, day: date) -> Session:
        """The regular session hours in force on ``day`` (an early close is :meth:`early_close`)."""
        found = self.session_hours[0]
        if len(self.session_hours) == 1:  # the usual case, asked thousands of times by a scan
            return found
        for session in self.session_hours:
            if session.start <= day:
                found = session
        return found

    def closure_list(self, start: date, end: date) -> list[Closure]:
        return [c for d in sorted(self.closures) if start <= d <= end for c in self.closures[d]]

    def notices_between(self, start: date, end: date) -> tuple[Notice, ...]:
        return tuple(n for d, n in sorted(self.notices.items()) if start <= d <= end)

    def early_close(self, day: date) -> EarlyClose | None:
        return self.early_closes.get(day)


class JointCalendar(BusinessCalendar):
    """Days open in all (``mode='all'``) or in any (``mode='any'``) of several calendars."""

    def __init__(self, calendars: list[BusinessCalendar], mode: str = "all") -> None:
        if mode not in ("all", "any"):
            raise InputError("unknown joint mode '{mode}' (all or any)", mode=mode)
        if not calendars:
            raise InputError("a joint calendar needs at least one calendar")
        sep = "+" if mode == "all" else "|"
        first = max(c.first for c in calendars)
        last = min(c.last for c in calendars)
        lead = calendars[0]
        # A weekly closed day of any member closes every "all" week; "any" is closed only where all are.
        weeks = [set(c.weekend) for c in calendars]
        weekend = set.union(*weeks) if mode == "all" else set.intersection(*weeks)
        super().__init__(
            sep.join(c.id for c in calendars),
            f"{mode}: " + ", ".join(c.name for c in calendars),
            lead.zone,
            first,
            last,
            lead.open,
            lead.close,
            "; ".join(c.source for c in calendars),
            tuple(weekend),
        )
        self.members = calendars
        sets = [set(c._days) for c in calendars]
        days = set.intersection(*sets) if mode == "all" else set.union(*sets)
        lo, hi = first.toordinal(), last.toordinal()
        self._days = sorted(o for o in days if lo <= o <= hi)

    def closed_labels(self, day: date) -> tuple[Label, ...]:
        return tuple(
            Msg(N_("{calendar}: {name}"), calendar=c.id, name=label)
            for c in self.members
            for label in c.closed_labels(day)
        )

    def notices_between(self, start: date, end: date) -> tuple[Notice, ...]:
        """Members' notices on days this joint calendar counts as business days."""
        found = {n.day: n for c in self.members for n in c.notices_between(start, end) if self.is_business_day(n.day)}
        return tuple(found[d] for d in sorted(found))
