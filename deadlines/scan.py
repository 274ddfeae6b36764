"""Launch-date scan: for every launch date in a range, the earliest lawful expiry and what to watch.

``deadlines scan`` answers "which launch date gives an expiry clear of holidays in New York and Paris?".
Running the whole engine once per date would build every deadline and every trace of a timetable nobody
reads; this batch path computes only what decides the expiry, with the engine's own helpers
(:func:`~deadlines.engine.count_day`, :func:`~deadlines.engine.rule_wall`,
:func:`~deadlines.engine.last_local_day`, :func:`~deadlines.engine.earliest_instant`) over the rules in force
for each date:

- the minimum periods of every leg, and from them the earliest expiry at the deal's wall time on a day
  open in every leg's calendar (the engine's ``earliest_instant``);
- the business days of each leg from day 1 (the launch date) to its last day;
- flags: a closed weekday of any of the deal's calendars (leg or settlement) on or next to a leg's last
  day; the expiry falling in a week when the legs' clocks are out of step; an expiry after a leg's
  maximum period; no minimum encoded for the date (French offers before 24 November 2004).

Launch dates are the days open in every leg's calendar. ``tests/test_scan.py`` checks the expiry, each
leg's last day and count, the maximum and the clocks out of step against :func:`deadlines.engine.compute`
for random dates, regimes and expiry times, and the closed days against the calendars themselves.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import combinations, compress, repeat
from operator import ge, le, not_, sub, truediv
from typing import NamedTuple

from .calendars import BusinessCalendar, RuleCalendar, get_calendar
from .calendars.base import Label
from .engine import count_day, default_expiry, earliest_instant, last_local_day, last_local_days, rule_wall
from .engine.counting import rule_calendar
from .engine.plan import leg_plan
from .errors import AmbiguousTimeError, CoverageError, DeadlinesError, InputError, NonexistentTimeError
from .model import ExpiryTime
from .records import Memo, columns, paused_gc
from .rules import Rule, Rulebook, get_rulebook
from .timeutil import END_OF_DAY, resolve_many, usual_gaps, zone

HOLIDAY, DST, MAXIMUM, NO_MINIMUM, HISTORIC = "holiday", "dst-mismatch", "after-maximum", "no-minimum", "historic"
FLAGS = (HOLIDAY, DST, MAXIMUM, NO_MINIMUM, HISTORIC)
CHUNK = 1024  # launch dates computed in one batch (and between two progress reports)
HOUR = timedelta(hours=1)
NEAR = timedelta(days=3)  # more than any instant's distance from its local day, in UTC
EARLIEST = datetime.min.replace(tzinfo=UTC)  # before any instant
SPAN_MARGIN = 8  # days after the last floor resolved in advance for the expiry search


class LegResult(NamedTuple):
    """One leg of a scanned launch: its last day and how many business days that is from day 1."""

    regime: str
    calendar: str
    last_day: date
    business_days: int
    unit: str  # "business" or "trading", as the calendar names its days; "day": the Code's Day N, from Day 0
    local: datetime  # the expiry in the leg's zone


class Closed(NamedTuple):
    """A closed weekday next to (or on) a leg's last day, in one of the deal's calendars."""

    day: date
    calendar: str
    labels: tuple[Label, ...]


class ScanRow(NamedTuple):
    """One launch date (tuples: a scan builds thousands of them)."""

    launch: date
    expiry: datetime | None  # UTC; None when no minimum period applies to the launch date
    legs: tuple[LegResult, ...]
    closed: tuple[Closed, ...] = ()
    dst_gap: float | None = None  # hours between the first two zones out of step, when they are
    after_maximum: tuple[str, ...] = ()  # regimes whose maximum period the expiry passes
    historic: tuple[str, ...] = ()  # regimes whose rules for the date are not encoded

    @property
    def flags(self) -> tuple[str, ...]:
        """The codes of what to watch, in FLAGS order."""
        if not (self.closed or self.after_maximum or self.historic) and self.dst_gap is None and self.expiry:
            return ()  # most launch dates
        found = (self.closed, self.dst_gap is not None, self.after_maximum, self.expiry is None, self.historic)
        return tuple(flag for flag, on in zip(FLAGS, found, strict=True) if on)


class _Plan(NamedTuple):
    """The period rules of one leg for the launch dates between two rule changes."""

    minima: tuple[Rule, ...]
    maxima: tuple[Rule, ...]
    historic: bool


class _Leg:
    def __init__(self, regime: str, options: frozenset[str]) -> None:
        self.book: Rulebook = get_rulebook(regime)
        self.cal: RuleCalendar = get_calendar(self.book.calendar)
        self.settle: RuleCalendar = get_calendar(self.book.settlement_calendar)
        self.options = set(options)
        self.changes = _rule_changes(self.book)
        self._plans: dict[int, _Plan] = {}
        # For each minimum and maximum: the rules counted one after the other from the launch to it (a Swiss
        # offer period counts from the end of the cooling-off period, itself counted from the prospectus).
        self.chains: dict[str, tuple[Rule, ...]] = {}

    def _chain(self, rule: Rule, counted: dict[str, Rule]) -> tuple[Rule, ...]:
        chain = [rule]
        while chain[-1].anchor not in (None, self.book.start):
            anchor = counted.get(chain[-1].anchor or "")
            if anchor is None or len(chain) > len(counted):
                raise InputError(
                    "{regime}: the scan cannot count {rule} from {anchor}",
                    regime=self.book.id,
                    rule=rule.key,
                    anchor=chain[-1].anchor,
                )
            chain.append(anchor)
        return tuple(reversed(chain))

    def plan(self, launch: date) -> _Plan:
        """The rules in force for ``launch``, computed once per span between two rule changes."""
        segment = bisect_right(self.changes, launch)
        plan = self._plans.get(segment)
        if plan is None:
            # The engine's plan says what the shared initial expiry waits for: its minimums and maximums are
            # the rules placed before it (those in force: a reference-only rule binds nothing).
            rules_in_force = self.book.in_force(launch, self.options)
            before = set(leg_plan(rules_in_force, self.book.expiry, subsequent=False).segments[0])
            rules = [r for r in rules_in_force if r.key in before and r.phase == "initial" and r.in_force]
            counted = {r.key: r for r in rules_in_force if r.kind in ("minimum", "maximum", "deadline")}
            for rule in rules:
                if rule.kind in ("minimum", "maximum"):
                    self.chains[rule.key] = self._chain(rule, counted)
            historic = self.book.historic_before is not None and launch < self.book.historic_before
            plan = _Plan(
                tuple(r for r in rules if r.kind == "minimum" and r.requires is None),
                tuple(r for r in rules if r.kind == "maximum" and r.requires is None),
                historic,
            )
            self._plans[segment] = plan
        return plan

    def calendar_for(self, rule: Rule) -> BusinessCalendar:
        return rule_calendar(rule, self.cal, self.settle)


def _rule_changes(book: Rulebook) -> list[date]:
    """The dates on which the rules in force change for offers launched from that day on."""
    days: set[date] = set()
    for rule in book.rules.values():
        for version in rule.versions:
            days.update(version[k] for k in ("since", "until") if k in version)
        if rule.option is not None and rule.option.since is not None:
            days.add(rule.option.since)
    if book.historic_before is not None:
        days.add(book.historic_before)
    return sorted(days)


def launch_dates(regimes: Sequence[str], first: date, last: date) -> list[date]:
    """The days in [first, last] open in the calendar of every regime (the days an offer can start)."""
    cals = list({get_rulebook(r).calendar: get_calendar(get_rulebook(r).calendar) for r in regimes}.values())
    days = set(cals[0].business_ordinals(first, last))
    for cal in cals[1:]:
        days.intersection_update(cal.business_ordinals(first, last))
    return list(map(date.fromordinal, sorted(days)))


def scan(
    regimes: Sequence[str],
    first: date,
    last: date,
    *,
    at: ExpiryTime | None = None,
    options: Sequence[str] = (),
    progress: Callable[[int, int], None] | None = None,
) -> list[ScanRow]:
    """One row per launch date in [first, last] open in every regime's calendar.

    ``at`` is the wall time and zone of the expiry (default: as in a timetable, whatever the order of the
    regimes: see :func:`~deadlines.engine.default_expiry`); ``progress(done, total)`` is called before each
    run of up to CHUNK dates and at the end.

    >>> rows = scan(["us-14d"], date(2026, 3, 30), date(2026, 3, 31))
    >>> [(r.launch.isoformat(), r.legs[0].last_day.isoformat(), r.legs[0].business_days) for r in rows]
    [('2026-03-30', '2026-04-24', 20), ('2026-03-31', '2026-04-27', 20)]
    """
    if not regimes:
        raise InputError("give at least one regime")
    if len(set(regimes)) != len(regimes):
        raise InputError("regime '{regime}' is given twice", regime=next(r for r in regimes if regimes.count(r) > 1))
    if first > last:
        raise InputError("the range {start} to {end} is reversed", start=first.isoformat(), end=last.isoformat())
    legs = [_Leg(r, frozenset(options)) for r in regimes]
    known = {r.option.name for leg in legs for r in leg.book.rules.values() if r.option}
    for name in sorted(set(options) - known):
        raise InputError(
            "unknown option '{option}' (known: {known})", option=name, known=", ".join(sorted(known)) or "none"
        )
    days = launch_dates(regimes, first, last)
    expiry_at = at or default_expiry(leg.book for leg in legs)
    rows: list[ScanRow] = []
    try:
        with paused_gc():
            for run in _rows(legs, days, expiry_at):
                if progress is not None:
                    progress(len(rows), len(days))
                rows += run
    except (CoverageError, AmbiguousTimeError, NonexistentTimeError):
        _name_the_launch_date(legs, days[len(rows) :], expiry_at)
        raise
    if progress is not None:
        progress(len(days), len(days))
    return rows


def _name_the_launch_date(legs: list[_Leg], days: list[date], at: ExpiryTime) -> None:
    """A run of dates failed as a whole: find its first launch date that fails alone, and say what to do."""
    for day in days:
        try:
            list(_rows(legs, [day], at))
        except CoverageError:
            raise InputError(
                "launch date {day}: its expiry and the days around it run past the end of the calendars' "
                "coverage; end the range before it",
                day=day,
            ) from None
        except (AmbiguousTimeError, NonexistentTimeError) as error:
            raise InputError(
                "launch date {day}: the expiry time {time} in {zone} falls in a change of the clocks on {local} "
                "(it does not exist or happens twice); choose another --time",
                day=day,
                time=str(at.wall),
                zone=at.zone,
                local=error.params.get("local", ""),
            ) from None


class _Fit(NamedTuple):
    """What follows from an expiry instant alone: each leg's last day (all open) and local time."""

    ends: tuple[date, ...]
    local_times: tuple[datetime, ...]


class _Expiries:
    """The candidate expiries of one run: the wall time ``at`` on every day from the day before the first
    floor's local day, resolved in one batch, and what follows from each candidate a floor reaches: every
    leg's local time and last day, and whether all those days are open.

    The engine's :func:`~deadlines.engine.earliest_instant` starts the day before the floor's local day;
    every candidate before that one comes before the floor, so the first candidate at or after the floor
    (a binary search: candidates only grow) that leaves every leg's last day open is the engine's answer.
    Each floor tries its first candidate, then (after a closed day) the next, in rounds: each round works
    out the candidates it needs leg by leg in one pass each. Past the last candidate, or when a
    candidate's last day lies outside a calendar's coverage, the engine's own search decides, one expiry
    at a time.
    """

    def __init__(self, legs: list[_Leg], at: ExpiryTime, floors: list[datetime]) -> None:
        self.legs, self.at = legs, at
        self.tzs = [zone(leg.book.zone) for leg in legs]
        lead = zone(at.zone)
        first = min(floors).astimezone(lead).date() - timedelta(days=1)
        size = (max(floors).astimezone(lead).date() - first).days + SPAN_MARGIN
        try:
            days = list(map(date.fromordinal, range(first.toordinal(), first.toordinal() + size)))
            self.instants = resolve_many(days, at.wall, at.zone)
        except DeadlinesError:  # a time in a gap or repeat: the engine's search says if it matters
            self.instants = []
        self.seen: dict[datetime, _Fit | None] = {}  # candidates tried by the engine's own search
        # What is known of the candidates worked out so far, by index: each leg's local time and last day
        # (as far as the legs before it left the candidate open), and the candidates open in every leg.
        self.tried: set[int] = set()
        self.open: set[int] = set()
        self.local_times: list[dict[int, datetime]] = [{} for _ in legs]
        self.ends: list[dict[int, date]] = [{} for _ in legs]

    def _work_out(self, indexes: list[int]) -> None:
        """Each leg's local time and last day for the candidates at ``indexes``, leg by leg, each leg only
        for the candidates the legs before it left open."""
        self.tried.update(indexes)
        for leg, tz, times, ends in zip(self.legs, self.tzs, self.local_times, self.ends, strict=True):
            local = list(map(datetime.astimezone, map(self.instants.__getitem__, indexes), repeat(tz)))
            days = last_local_days(leg.cal, local)
            times.update(zip(indexes, local, strict=True))
            ends.update(zip(indexes, days, strict=True))
            indexes = list(compress(indexes, leg.cal.are_business_days(days)))
        self.open.update(indexes)

    def columns(self, floors: list[datetime]) -> tuple[list[datetime], list[list[date]], list[list[datetime]]]:
        """The earliest expiry at or after each floor, and each leg's last day and local time for it."""
        instants = self.instants
        # The first candidate at or after each floor, then the next while the one reached is closed.
        reached = list(map(bisect_left, repeat(instants), floors)) if instants else []
        try:
            self._work_out(sorted({i for i in reached if i < len(instants)}))
            waiting = list(compress(range(len(reached)), map(not_, map(self.open.__contains__, reached))))
            while waiting:  # the floors whose candidate is closed in a leg (or past the last): the next one
                waiting = [k for k in waiting if reached[k] < len(instants)]
                for k in waiting:
                    reached[k] += 1
                self._work_out(sorted({reached[k] for k in waiting} - self.tried - {len(instants)}))
                waiting = [k for k in waiting if reached[k] not in self.open]
        except CoverageError:  # a last day past a calendar's coverage: the engine's search, for each floor
            reached = []
        if reached and max(reached) < len(instants):
            return (
                list(map(instants.__getitem__, reached)),
                [list(map(days.__getitem__, reached)) for days in self.ends],
                [list(map(times.__getitem__, reached)) for times in self.local_times],
            )
        expiries: list[datetime] = []
        ends: list[list[date]] = [[] for _ in self.legs]
        local_times: list[list[datetime]] = [[] for _ in self.legs]
        for k, floor in enumerate(floors):
            if reached and reached[k] < len(instants):
                j = reached[k]
                expiry = instants[j]
                fit = _Fit(tuple(days[j] for days in self.ends), tuple(times[j] for times in self.local_times))
            else:
                expiry = earliest_instant(floor, self.at, lambda c: self.remember(c) is not None)
                checked = self.remember(expiry)
                assert checked is not None
                fit = checked
            expiries.append(expiry)
            for i in range(len(self.legs)):
                ends[i].append(fit.ends[i])
                local_times[i].append(fit.local_times[i])
        return expiries, ends, local_times

    def remember(self, candidate: datetime) -> _Fit | None:
        if candidate not in self.seen:
            self.seen[candidate] = self.fit(candidate)
        return self.seen[candidate]

    def fit(self, candidate: datetime) -> _Fit | None:
        """Each leg's last day and offset, or None as soon as one leg's last day is closed."""
        ends, local_times = [], []
        for leg, tz in zip(self.legs, self.tzs, strict=True):
            local = candidate.astimezone(tz)
            day = last_local_day(leg.cal, local)
            if not leg.cal.is_business_day(day):
                return None
            ends.append(day)
            local_times.append(local)
        return _Fit(tuple(ends), tuple(local_times))


def _rows(legs: list[_Leg], days: list[date], at: ExpiryTime) -> Iterator[list[ScanRow]]:
    """The rows, run by run: a run is a stretch of launch dates under the same rules, computed in batches
    (the minima of all its dates at once), then date by date for the expiry search."""
    zones = [leg.book.zone for leg in legs]
    # Pairs of legs in different zones (the first leg of each zone), for the clocks out of step.
    firsts = [i for i, z in enumerate(zones) if zones.index(z) == i]
    pairs = list(combinations(firsts, 2))
    watched = list({c.id: c for leg in legs for c in (leg.cal, leg.settle)}.values())
    closed = {d for c in watched for d in c.closures}
    near = {d for c in closed for d in _around(c)}  # the days with a closed weekday on or next to them
    covered = min(c.last for c in watched)  # the last day whose closures are known in every calendar
    names = [((leg.book.id, leg.cal.id), "day" if leg.book.counts_from_day_0 else leg.cal.unit) for leg in legs]

    # The closed weekdays on a last day or the weekdays just before and after it, and what each calendar
    # calls them: worked out once for each last day and each set of closed days.
    def around(day: date) -> tuple[date, ...]:
        return tuple(d for d in _around(day) if d in closed)

    def name(days: tuple[date, ...]) -> tuple[Closed, ...]:
        return tuple(Closed(d, c.id, labels) for d in days for c in watched if (labels := c.closed_labels(d)))

    closed_around, named = Memo(around), Memo(name)

    def closed_near(last_days: tuple[date, ...]) -> tuple[Closed, ...]:
        if len(set(last_days)) == 1:  # every leg's last day is the same day (most deals)
            return named[closed_around[last_days[0]]]
        return named[tuple(sorted({d for day in last_days for d in closed_around[day]}))]

    for run, plans in _runs(legs, days):
        historic = tuple(leg.book.id for leg, plan in zip(legs, plans, strict=True) if plan.historic)
        minima = [
            (leg, rule, _due_days(leg, rule, run))
            for leg, plan in zip(legs, plans, strict=True)
            for rule in plan.minima
        ]
        if not minima:
            yield [ScanRow(launch, None, (), historic=historic) for launch in run]
            continue
        floors = _floors(minima, len(run))
        # Column by column (a list over the run for each field, each built in one pass), then row by row.
        expiries, ends, local_times = _Expiries(legs, at, floors).columns(floors)
        beyond = _around(max(map(max, ends)))[2]
        if beyond > covered:  # the weekday after a last day is past the coverage: closed or not, unknown
            raise CoverageError(
                day=beyond.isoformat(),
                calendar=watched[0].id,
                first=watched[0].first.isoformat(),
                last=covered.isoformat(),
            )
        counts = [_counts(leg, run, days) for leg, days in zip(legs, ends, strict=True)]
        maxima = [
            (leg, rule, _due_days(leg, rule, run))
            for leg, plan in zip(legs, plans, strict=True)
            for rule in plan.maxima
        ]
        leg_results = [
            columns(LegResult, repeat(ids[0]), repeat(ids[1]), ends[i], counts[i], repeat(unit), local_times[i])
            for i, (ids, unit) in enumerate(names)
        ]
        yield columns(
            ScanRow,
            run,
            expiries,
            zip(*leg_results, strict=True),
            _closed_column(ends, near, closed_near),
            _gaps(expiries, local_times, zones, pairs),
            _after(expiries, maxima),
            repeat(historic),
        )


def _closed_column(
    ends: list[list[date]], near: set[date], closed_near: Callable[[tuple[date, ...]], tuple[Closed, ...]]
) -> list[tuple[Closed, ...]]:
    """For each launch, the closed weekdays near its legs' last days (most have none: ``near`` holds every
    day with a closed weekday on or next to it)."""
    last_days = list(zip(*ends, strict=True))
    found: list[tuple[Closed, ...]] = [()] * len(last_days)
    for k in compress(range(len(last_days)), map(not_, map(near.isdisjoint, last_days))):
        found[k] = closed_near(last_days[k])
    return found


def _counts(leg: _Leg, launches: list[date], last_days: list[date]) -> list[int]:
    """Each launch's count to its last day: the Day N of a regime counting from Day 0 (the UK Code's Day 21),
    else the business or trading days from day 1."""
    if leg.book.counts_from_day_0:
        return [(end - launch).days for end, launch in zip(last_days, launches, strict=True)]
    return leg.cal.count_many(launches, last_days)


def _gaps(
    expiries: list[datetime], local_times: list[list[datetime]], zones: list[str], pairs: list[tuple[int, int]]
) -> list[float | None]:
    """For each expiry, the hours between the first pair of zones whose clocks are out of step, else None."""
    gaps: list[float | None] = [None] * len(expiries)
    years = range(min(expiries).year, max(expiries).year + 1) if expiries else range(0)
    for a, b in pairs:
        usual = {year: usual_gaps(year, zones[a], zones[b]) for year in years}
        offsets = map(sub, map(datetime.utcoffset, local_times[b]), map(datetime.utcoffset, local_times[a]))
        hours = list(map(truediv, offsets, repeat(HOUR)))
        # Most gaps are usual in every year of the run: only the others are looked at one by one.
        every_year = frozenset.intersection(*usual.values())
        for k in compress(range(len(hours)), map(not_, map(every_year.__contains__, hours))):
            if hours[k] not in usual[expiries[k].year] and gaps[k] is None:
                gaps[k] = hours[k]
    return gaps


def _after(expiries: list[datetime], maxima: list[tuple[_Leg, Rule, list[date]]]) -> list[tuple[str, ...]]:
    """For each expiry, the regimes whose maximum period it passes (in the order of their rules)."""
    after: list[tuple[str, ...]] = [()] * len(expiries)
    days = list(map(datetime.date, expiries))
    for leg, rule, due in maxima:
        regime = leg.book.id
        # Only the maxima due within NEAR days of the expiry can come before it (see _floors).
        near = compress(range(len(expiries)), map(le, map(sub, due, repeat(NEAR)), days))
        close = [k for k in near if regime not in after[k]]
        for k, instant in zip(close, _instants(leg, rule, [due[k] for k in close]), strict=True):
            if expiries[k] > instant:
                after[k] += (regime,)
    return after


def _runs(legs: list[_Leg], days: list[date]) -> Iterator[tuple[list[date], list[_Plan]]]:
    """Consecutive launch dates under the same rules in every leg, at most CHUNK at a time."""
    start = 0
    while start < len(days):
        plans = [leg.plan(days[start]) for leg in legs]
        changes = [c for leg in legs for c in leg.changes if c > days[start]]
        end = bisect_right(days, min(changes) - timedelta(days=1), lo=start) if changes else len(days)
        end = min(end, start + CHUNK)
        yield days[start:end], plans
        start = end


def _due_days(leg: _Leg, rule: Rule, launches: list[date]) -> list[date]:
    """The day ``rule`` falls due for offers launched on each of ``launches``, counted along its chain from
    the launch (each rule from the day the one before it falls due)."""
    days = launches
    for step in leg.chains.get(rule.key, (rule,)):
        cal = leg.calendar_for(step)
        if step.unit in ("business", "settlement"):
            if step.back:
                days = cal.add_many(days, -step.n)
            else:
                days = (cal.nth_many if step.day1 == "anchor" else cal.add_many)(days, step.n)
        else:
            days = [count_day(step, cal, day, step.n) for day in days]
    return days


def _floors(minima: list[tuple[_Leg, Rule, list[date]]], size: int) -> list[datetime]:
    """The latest minimum instant for each launch. An instant lies within a day and a half of its local
    day, so only the minima due within NEAR days of the latest one are resolved."""
    latest = list(map(max, *(days for _, _, days in minima))) if len(minima) > 1 else minima[0][2]
    cutoff = list(map(sub, latest, repeat(NEAR)))
    floors: list[datetime] = []
    for leg, rule, days in minima:
        near = list(map(ge, days, cutoff))
        if all(near):  # (the minimum due on the latest day is always near)
            column = _instants(leg, rule, days)
        else:
            column = [EARLIEST] * size
            indexes = list(compress(range(size), near))
            for k, instant in zip(indexes, _instants(leg, rule, list(map(days.__getitem__, indexes))), strict=True):
                column[k] = instant
        floors = list(map(max, floors, column)) if floors else column
    return floors


def _instants(leg: _Leg, rule: Rule, days: list[date]) -> list[datetime]:
    """The instants ``rule`` falls due on each of ``days``: at its time of day, resolved in one batch, except
    on the calendar's early-close days, where :func:`~deadlines.engine.rule_wall` may move it."""
    early = leg.cal.early_closes
    if not any(day in early for day in days):
        return resolve_many(days, rule.time or END_OF_DAY, leg.book.zone)
    usual = rule.time or END_OF_DAY  # rule_wall's answer on a day without an early close
    walls = [rule_wall(rule, leg.cal, day)[0] if day in early else usual for day in days]
    out: dict[int, datetime] = {}
    for wall in set(walls):
        same = [k for k, w in enumerate(walls) if w == wall]
        out.update(zip(same, resolve_many([days[k] for k in same], wall, leg.book.zone), strict=True))
    return [out[k] for k in range(len(days))]


@cache
def _around(day: date) -> tuple[date, date, date]:
    weekday = day.weekday()
    before = day - timedelta(days=3 if weekday == 0 else 2 if weekday == 6 else 1)
    after = day + timedelta(days=3 if weekday == 4 else 2 if weekday == 5 else 1)
    return before, day, after


__all__ = ["FLAGS", "Closed", "LegResult", "ScanRow", "launch_dates", "paused_gc", "scan"]
