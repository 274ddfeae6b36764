"""The engine's run: a deal's legs, their rules in the order of the plan (:mod:`.plan`), the shared
expiries between (:mod:`.expiry`), observed facts over computed dates (:mod:`.observed`); the result is a
schedule of UTC instants with citations and traces.

For each leg (one regime) the rules run in dependency order. The expiry is shared: a cross-border offer
gets one instant for all its legs, either the one the deal chose (checked against every regime's
minimums, maximums and calendars) or the earliest instant at the deal's wall time that satisfies them
all. The same happens again for a subsequent offering period / reopening.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..calendars import BusinessCalendar, Count, get_calendar
from ..checks import check_deal
from ..errors import InputError
from ..ids import numbered_key
from ..model import Deal, LocalTime, Observed
from ..rules import Rule, default_expiry, get_rulebook, zone_order
from ..schedule import Event, Schedule, Warning
from ..text import N_, At, Items, Msg, Ordinal, Plural, Term
from ..timeutil import WallTime, resolve
from .counting import count_day, rule_calendar, rule_wall
from .expiry import SharedExpiry
from .observed import Observations
from .plan import PHASES, leg_plan
from .state import Diagnostics, LegState, counts

AMENDMENT_NOTES = {
    "price": N_("change in the consideration announced {day}"),
    "percentage": N_("change in the percentage sought announced {day}"),
    "fee": N_("change in the dealer's soliciting fee announced {day}"),
    "material": N_("material change announced {day}"),
}


class _Engine(SharedExpiry, Observations):
    def __init__(self, deal: Deal) -> None:
        self.deal = deal
        # The deal's own checks, again: a deal changed since it was made is held to them too.
        self.diag = Diagnostics([Warning(n.code, n.template, n.params, n.severity, n.event) for n in check_deal(deal)])
        self.legs: list[LegState] = []
        # legs whose subsequent period was not in force yet, with the rule that says so
        self.no_subsequent: dict[int, tuple[LegState, Rule]] = {}
        self.observed: dict[str, Observed] = {o.event: o for o in deal.observed}
        observed_days = {o.event: o.day for o in deal.observed}
        for leg in deal.legs:
            book = get_rulebook(leg.regime)
            edition = book.edition_day(leg.start, observed_days)
            cal, settle = get_calendar(book.calendar), get_calendar(book.settlement_calendar)
            state = LegState(leg, book, cal, settle, book.in_force(edition, deal.options), edition)
            if deal.subsequent is not None:
                self._without_subsequent_not_in_force(state)
            for relief in deal.relief:
                if relief.regime == leg.regime:
                    state.relieved.update(relief.rules)
                    state.relief.update({r: relief for r in relief.rules})
            self.legs.append(state)

    def _without_subsequent_not_in_force(self, state: LegState) -> None:
        """A leg whose rules for a subsequent period were not yet in force for its start (Rule 14d-11 came
        into force on 24 January 2000) has none: its subsequent rules are dropped, never shown as if they
        applied. The deal is refused when no leg has one (see run); otherwise the leg ignores it, with a
        warning."""
        ends = [r for r in state.rules if r.kind == "expiry" and r.phase == "subsequent"]
        if not ends or any(r.in_force for r in ends):
            return
        dropped = {r.key for r in state.rules if r.phase == "subsequent" or r.requires == "subsequent"}
        state.rules = [r for r in state.rules if r.key not in dropped]
        self.no_subsequent[id(state)] = (state, ends[0])
        prefix = f"{state.book.id}."
        for obs in self.deal.observed:  # said, not silently dropped (as the deal's checks do without [subsequent])
            if obs.event.startswith(prefix) and obs.event.removeprefix(prefix) in dropped:
                self.warn(
                    "observed-ignored",
                    N_("observed event '{event}' ignored: the deal has no subsequent offering period or reopening"),
                    about=obs.event,
                    event=obs.event,
                )

    def _refuse_or_note_no_subsequent(self) -> None:
        for state, rule in self.no_subsequent.values():
            if not any(self._has_subsequent(s) for s in self.legs):
                raise InputError(
                    "{regime}: [subsequent] does not apply to an offer starting on {start}: {rule}; remove it",
                    regime=state.book.id,
                    start=state.leg.start,
                    rule=Term(rule.citation),
                )
            self.warn(
                "subsequent-not-in-force",
                N_(
                    "{regime}: [subsequent] does not apply to an offer starting on {start}: {rule}; it is ignored "
                    "for this regime"
                ),
                regime=state.book.id,
                start=state.leg.start,
                rule=Term(rule.citation),
            )

    @staticmethod
    def _has_subsequent(state: LegState) -> bool:
        return any(r.kind == "expiry" and r.phase == "subsequent" for r in state.rules)

    # -- counting --------------------------------------------------------------------------------
    def _count(self, state: LegState, rule: Rule, anchor: date, n: int) -> tuple[date, Msg | Items, Count | None]:
        """Date and trace of ``n`` units of ``rule`` from ``anchor``."""
        cal = rule_calendar(rule, state.cal, state.settle)
        target = count_day(rule, cal, anchor, n)
        first = anchor if rule.day1 == "anchor" else anchor + timedelta(days=1)
        if rule.unit in ("business", "settlement") and rule.back:
            trace = Msg(
                N_("{calendar}: {ordinal} before {anchor} = {day}"),
                calendar=cal.id,
                ordinal=Ordinal(n, cal.unit),
                anchor=anchor,
                day=target,
            )
            return target, trace, None
        if rule.unit in ("business", "settlement"):
            count = cal.trace(first, target)
            self._note_count(count, cal)
            return target, count.message(), count
        if rule.unit == "calendar" and rule.back:
            return (
                target,
                Plural(
                    "{n} calendar day before {anchor} = {day}",
                    "{n} calendar days before {anchor} = {day}",
                    n,
                    anchor=anchor,
                    day=target,
                ),
                None,
            )
        if rule.unit == "calendar" and target == first:  # the anchor's own day (5.00 pm on Day 60)
            return target, Msg(N_("calendar days: {ordinal} = {day}"), ordinal=Ordinal(1, "calendar"), day=first), None
        if rule.unit == "calendar":
            trace = Msg(
                N_("calendar days: {first_ordinal} = {first}; {last_ordinal} = {last}"),
                first_ordinal=Ordinal(1, "calendar"),
                first=first,
                last_ordinal=Ordinal(n, "calendar"),
                last=target,
            )
            return target, trace, None
        if rule.unit == "weeks":
            return (
                target,
                Plural(
                    "{n} week after {anchor} = {day}", "{n} weeks after {anchor} = {day}", n, anchor=anchor, day=target
                ),
                None,
            )
        return (
            target,
            Plural(
                "{n} month after {anchor} = {day}",
                "{n} months after {anchor} = {day}",
                n,
                anchor=anchor,
                day=target,
            ),
            None,
        )

    def _note_count(self, count: Count, cal: BusinessCalendar) -> None:
        for notice in count.notices:
            self.warn(
                "federal-closure-counted",
                N_("{day} ({name}) is counted as a business day in {calendar}; {policy}"),
                day=notice.day,
                name=Term(notice.name),
                calendar=cal.id,
                policy=Term(notice.policy),
            )
        until = getattr(cal, "secondary_until", None)  # a span of the calendar resting on a secondary record
        if until is not None and count.first < until:
            self.warn(
                "calendar-secondary-source",
                N_(
                    "{calendar}: closing days before {until} rest on a secondary record; check {first} to {last} "
                    "against the exchange's notices"
                ),
                calendar=Term(cal.name),
                until=until,
                first=count.first,
                last=min(count.last, until),
            )

    # -- events ----------------------------------------------------------------------------------
    def _event(
        self,
        state: LegState,
        rule: Rule,
        day: date,
        wall: WallTime,
        trace: Msg | Items,
        count: Count | None,
        kind: str | None = None,
        key: str | None = None,
        instant: datetime | None = None,
        given: bool = False,
    ) -> Event:
        book = state.book
        event = Event(
            id=f"{book.id}.{key or rule.key}",
            regime=book.id,
            key=key or rule.key,
            label=rule.label,
            day=day,
            instant=instant or resolve(day, wall, book.zone),
            zone=book.zone,
            rule=rule.citation,
            kind=kind or rule.kind,
            trace=trace,
            count=count,
            business_day=count.n if count else None,
            evidence=rule.evidence,
            estimate=rule.kind == "estimate",
            in_force=rule.in_force,
        )
        if not rule.in_force:
            event.note = Msg(N_("not in force for this offer's date: shown for reference"))
        if rule.optional:
            event.note = Msg(N_("optional under the rule in force for this offer's date"))
        state.rule_of[event.key] = rule.key
        if rule.key in state.relieved:
            event.status = "relieved"
            event.note = Msg(N_("waived for this deal: {citation}"), citation=state.relief[rule.key].citation)
        return event if given else self._apply_observed(state, event, rule)

    def _evaluate(self, state: LegState, rule: Rule) -> bool:
        """Compute ``rule`` for the leg if its anchor is known; True when done (or not applicable)."""
        if rule.requires == "subsequent" and self.deal.subsequent is None:
            return True
        if rule.kind in ("expiry", "amendment"):
            return True
        if rule.kind == "start":
            return self._start(state, rule)
        if rule.kind == "given":
            return self._given(state, rule)
        anchor_key: str | None = rule.anchor or state.book.start
        if anchor_key == "last-closing":
            anchor_key = self._last_expiry_key(state)
        anchor = state.events.get(anchor_key) if anchor_key else None
        if anchor is None and anchor_key in state.skipped:  # counted from a date the deal does not give
            state.skipped.add(rule.key)
            return True
        if anchor is None:
            return False
        day, trace, count = self._count(state, rule, anchor.day, rule.n)
        wall, early = rule_wall(rule, state.cal, day)
        if early is not None:
            closes = Msg(
                N_("{name}: the session closes at {close}"), name=Term(early.name), close=f"{early.close:%H:%M}"
            )
            trace = Items([trace, closes], "parts")
        event = self._event(state, rule, day, wall, trace, count)
        if rule.unit in ("calendar", "weeks") and state.book.warn_closed_days:
            self._closed_day(state, event)
        if rule.n_max:
            event.range_end, _, _ = self._count(state, rule, anchor.day, rule.n_max)
        if rule.key in state.notes:
            event.note = state.notes[rule.key]
        self._unit_changed(state, rule, event, anchor.day)
        state.events[rule.key] = event
        return True

    def _unit_changed(self, state: LegState, rule: Rule, event: Event, anchor: date) -> None:
        """A count whose calendar the law changed within the span of the offer and the count (German Werktage
        became Arbeitstage on 1 January 2024, with no transitional rule we hold): counted in the unit of the
        offer's edition; when the other unit gives another day, said."""
        due = event.computed_day if event.observed and event.computed_day else event.day  # the count's, not a fact
        for day, other, other_day in self._other_units(state, rule, anchor, due):
            if other_day != due:
                self.warn(
                    "unit-changed",
                    N_(
                        "{regime}: {label}: {due} counted in {calendar} (the rules for offers from {start}); the "
                        "unit changed on {day}, and {other_calendar} gives {other} ({rule}): which count applies "
                        "is not settled"
                    ),
                    about=event.id,
                    regime=state.book.id,
                    label=Term(rule.label),
                    due=due,
                    calendar=rule.calendar or state.cal.id,
                    start=state.edition,
                    day=day,
                    other_calendar=other.calendar or state.cal.id,
                    other=other_day,
                    rule=Term(rule.citation),
                )

    def _other_units(self, state: LegState, rule: Rule, anchor: date, due: date) -> list[tuple[date, Rule, date]]:
        """For each change of a rule's calendar within the span of the offer (from its edition) and the count
        (from its anchor to the day it falls due): the day of the change, the rule on its other side and
        the day that rule gives."""
        base = state.book.rules.get(rule.key)
        if base is None:
            return []
        changes = sorted({v[k] for v in base.versions if "calendar" in v for k in ("since", "until") if k in v})
        first, last = min(state.edition, anchor, due), max(state.edition, anchor, due)
        out = []
        for day in (d for d in changes if first < d <= last):
            other = base.as_of(day if state.edition < day else day - timedelta(days=1))
            if other.calendar != rule.calendar:
                out.append((day, other, self._count(state, other, anchor, other.n)[0]))
        return out

    def _given(self, state: LegState, rule: Rule) -> bool:
        """A date only the deal knows (an announcement before the offer starts), from its [[observed]] event;
        without it, the rule and those counted from it have no date for this deal."""
        obs = self.observed.get(f"{state.book.id}.{rule.key}")
        if obs is None:
            state.skipped.add(rule.key)
            return True
        if obs.source:
            trace = Msg(N_("given: {day} ({source})"), day=obs.day, source=obs.source)
        else:
            trace = Msg(N_("given: {day}"), day=obs.day)
        wall = obs.wall or rule.time or WallTime(24, 0)
        instant = obs.instant(state.book.zone, rule.time)
        event = self._event(state, rule, obs.day, wall, trace, None, instant=instant, given=True)
        event.observed, event.approximate = True, obs.approximate
        state.events[rule.key] = event
        # An announcement before the offer, dated after it: a mistake to see (a competing offer's end is not one).
        if obs.day > state.leg.start and not rule.extends:
            self.warn(
                "given-after-start",
                N_("{regime}: {label} on {day} comes after the offer's start, {start}; check the date"),
                about=event.id,
                regime=state.book.id,
                label=Term(event.label),
                day=obs.day,
                start=state.leg.start,
            )
        self._after_limit(state, rule, event)
        return True

    def _after_limit(self, state: LegState, rule: Rule, event: Event) -> None:
        """A start or a given date after the deadline it is checked against (an offer document sent more
        than 28 days after the Rule 2.7 announcement): allowed only when that deadline was extended."""
        limit = state.events.get(rule.limit) if rule.limit else None
        if limit is not None and event.day > limit.day:
            self.warn(
                "after-deadline",
                N_("{regime}: {label} on {day} is after {limit}, {deadline}; check that it was extended"),
                about=event.id,
                regime=state.book.id,
                label=Term(event.label),
                day=event.day,
                limit=Term(limit.label),
                deadline=At(limit.instant, limit.zone),
            )

    def _closed_day(self, state: LegState, event: Event) -> None:
        """A day counted in calendar days that falls on a day the calendar is closed stays where it is (the UK
        Code's Day N has no roll rule): the user hears of it."""
        cal = state.cal
        if not cal.first <= event.day <= cal.last or cal.is_business_day(event.day):
            return
        names = cal.closed_labels(event.day) or (Term(N_("weekend")),)  # as an expiry on a closed day is named
        self.warn(
            "day-on-closed-day",
            N_("{regime}: {label} falls on {day}, which is not a business day of {calendar} ({why}); it is not moved"),
            about=event.id,
            regime=state.book.id,
            label=Term(event.label),
            day=event.day,
            calendar=cal.id,
            why=Items(names, "comma"),
        )

    def _last_expiry_key(self, state: LegState) -> str | None:
        keys = [r.key for r in state.rules if r.kind == "expiry"]
        if self.deal.subsequent is not None:
            return keys[-1] if keys[-1] in state.events else None
        initial = [r.key for r in state.rules if r.kind == "expiry" and r.phase == "initial"]
        return initial[0] if initial and initial[0] in state.events else None

    def _start(self, state: LegState, rule: Rule) -> bool:
        wall = rule.time or WallTime(0, 0)
        if rule.phase == "initial":
            day = state.leg.start
            cal = state.cal
            if rule.day1 == "next":  # the start is Day 0 and counts begin the day after (the UK Code's Day N)
                given = Msg(N_("Day 0 = {day} (given)"), day=day)
                state.events[rule.key] = self._event(state, rule, day, wall, given, None)
                self._after_limit(state, rule, state.events[rule.key])
                return True
            if not cal.is_business_day(day):
                self.warn(
                    "start-not-business-day",
                    N_("{regime}: {day} is not a business day of {calendar}; day 1 is {next}"),
                    regime=state.book.id,
                    day=day,
                    calendar=cal.id,
                    next=cal.next_business_day(day),
                )
            given = Msg(N_("{ordinal} = {day} (given)"), ordinal=Ordinal(1, cal.unit), day=day)
            state.events[rule.key] = self._event(state, rule, day, wall, given, None)
            self._after_limit(state, rule, state.events[rule.key])
            return True
        sub = self.deal.subsequent
        assert sub is not None
        limit = state.events.get(rule.limit) if rule.limit else None
        if rule.limit and limit is None:
            return False  # wait for the deadline the start is checked against
        initial = state.events.get(state.book.expiry)
        if initial is None:
            return False  # wait for the initial expiry the start must follow
        trace: Msg | Items
        if sub.start is not None:
            day, trace = sub.start, Msg(N_("given: {day}"), day=sub.start)
        else:
            anchor = state.events.get(rule.anchor or "")
            if anchor is None:
                return False
            if rule.n:
                day, count_text, _ = self._count(state, rule, anchor.day, rule.n)
                trace = Msg(N_("earliest: {count} after {event}"), count=count_text, event=Term(anchor.label))
            else:
                day, trace = anchor.day, Msg(N_("taken from {event}: {day}"), event=Term(anchor.label), day=anchor.day)
        event = state.events[rule.key] = self._event(state, rule, day, wall, trace, None)
        day = event.day  # an observed start is checked like a given one
        # The initial period must be over: before its last day, or on a last day it fills to the end.
        if day < initial.day or (day == initial.day and initial.instant >= resolve(day, WallTime(24, 0), event.zone)):
            self._breach(
                state,
                rule.key,
                event.id,
                "start-before-expiry",
                N_("{regime}: {label} on {start}, before the offer's initial period ends, {expiry} ({rule})"),
                regime=state.book.id,
                label=Term(rule.label),
                start=day,
                expiry=At(initial.instant, state.book.zone),
                rule=Term(event.rule),
            )
        if limit is not None and day > limit.day:
            self._breach(
                state,
                limit.key,
                event.id,
                "start-after-deadline",
                N_("{regime}: {label} on {start}, after the latest day, {deadline} ({rule})"),
                regime=state.book.id,
                label=Term(rule.label),
                start=day,
                deadline=limit.day,
                rule=Term(limit.rule),
            )
        return True

    def _amendments(self, state: LegState) -> None:
        for i, amendment in enumerate(self.deal.amendments, 1):
            for rule in state.rules:
                # (An amendment that extends the period by law moves the expiry itself: see _extended_by_law.)
                if rule.kind == "amendment" and rule.window is None and counts(state, rule, amendment):
                    day, trace, count = self._count(state, rule, amendment.day, rule.n)
                    note = Msg(AMENDMENT_NOTES[amendment.kind], day=amendment.day)
                    if amendment.note:
                        note = Msg(N_("{what} ({note})"), what=note, note=amendment.note)
                    event = self._event(
                        state,
                        rule,
                        day,
                        rule.time or WallTime(24, 0),
                        Items([note, trace], "parts"),
                        count,
                        kind="minimum",
                        key=numbered_key(rule.key, i),
                    )
                    if rule.staff_position:
                        event.note = Msg(N_("SEC staff position: a general rule, not a fixed floor"))
                    state.events[event.key] = event
                    state.amendment_minima.append(event)

    # -- the shared expiry -----------------------------------------------------------------------
    # -- driver ----------------------------------------------------------------------------------
    def run(self) -> Schedule:
        self._refuse_or_note_no_subsequent()
        for state in self.legs:
            book, edition = state.book, state.edition
            # The event precedes the start: only an edition beginning on or before the start can be in doubt.
            doubt = any(since is not None and since <= state.leg.start for since, _, _ in book.editions)
            if book.edition_from is not None and f"{book.id}.{book.edition_from}" not in self.observed and doubt:
                self.warn(
                    "edition-assumed",
                    N_(
                        "{regime}: {edition} is assumed from the offer's start, {start}: the rules depend on the "
                        "date of {event}, which the deal does not give ([[observed]] event '{id}')"
                    ),
                    severity="info",
                    regime=book.id,
                    event=Term(book.rules[book.edition_from].label),
                    id=f"{book.id}.{book.edition_from}",
                    edition=Term(book.edition_name(edition)),
                    start=state.leg.start,
                )
            if state.book.historic_before and edition < state.book.historic_before:
                self.warn(
                    "historic-regime",
                    N_("{regime}: {note}"),
                    severity="info",
                    regime=state.book.id,
                    note=Term(state.book.historic_note),
                )
        for note in self.deal.notes:
            self.warn("deal-note", N_("{note}"), severity="info", note=note)
        for relief in self.deal.relief:
            self.warn(
                "relief",
                N_("{regime}: relief from {rules}: {citation} ({note})")
                if relief.note
                else N_("{regime}: relief from {rules}: {citation}"),
                severity="info",
                regime=relief.regime,
                rules=Items(relief.rules, "comma"),
                citation=relief.citation,
                note=relief.note,
            )
        for state in self.legs:
            self._amendments(state)
        # The plan: each leg's rules in the order they wait for each other, the shared expiries between.
        subsequent = self.deal.subsequent is not None
        phases = PHASES if subsequent else PHASES[:1]
        plans = [leg_plan(s.rules, s.book.expiry, subsequent) for s in self.legs]
        unresolved = []
        for step in range(len(phases) + 1):
            for state, plan in zip(self.legs, plans, strict=True):
                rules = {r.key: r for r in state.rules}
                for key in plan.segments[step]:
                    if not self._evaluate(state, rules[key]):
                        unresolved.append(f"{state.book.id}.{key}")
            if step < len(phases):
                self._joint_expiry(phases[step])
        if unresolved:
            raise InputError("could not compute: {events}", events=", ".join(unresolved))
        self._subsequent_alongside()
        events = sorted((e for s in self.legs for e in s.events.values()), key=lambda e: (e.instant, e.id))
        self.diag.mark(events)
        zones = zone_order([s.book for s in self.legs], self.deal.show_zones)
        return Schedule(self.deal.name, [s.book.id for s in self.legs], zones, events, self.diag.result())


def compute(deal: Deal) -> Schedule:
    """Compute the timetable of ``deal``.

    >>> from deadlines.model import Deal, Leg
    >>> s = compute(Deal([Leg("us-14d", date(2026, 3, 30))]))
    >>> s.event("us-14d.expiry").day  # Good Friday 3 Apr 2026 counts: business day 20 is 24 Apr
    datetime.date(2026, 4, 24)
    >>> s.event("us-14d.expiry").instant.isoformat()  # 24:00 New York time on 24 Apr
    '2026-04-25T04:00:00+00:00'
    """
    return _Engine(deal).run()


def first_expiry(deal: Deal) -> tuple[datetime, str]:
    """When the deal's first leg expires (its scheduled initial expiry), and the zone it is set in: what
    extensions typed without an expiry count from."""
    leg = deal.legs[0]
    event = compute(deal).event(f"{leg.regime}.{get_rulebook(leg.regime).expiry}")
    return event.instant, event.zone


def local_time(day: date, wall: str, zone_name: str) -> LocalTime:
    """Convenience for scripts: ``local_time(date(2002, 9, 12), "12:00", "America/New_York")``."""
    return LocalTime(day, WallTime.parse(wall), zone_name)


__all__ = ["compute", "default_expiry", "local_time"]
