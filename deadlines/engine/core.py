"""The engine: rulebooks + calendars -> a schedule of UTC instants with citations and traces.

For each leg (one regime) the engine evaluates the rulebook's rules in dependency order. The expiry is
shared: a cross-border offer gets one instant for all its legs, either the one the deal chose (checked
against every regime's minimums, maximums and calendars) or the earliest instant at the deal's wall
time that satisfies them all. The same happens again for a subsequent offering period / reopening.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from ..calendars import BusinessCalendar, Count, get_calendar
from ..checks import check_deal
from ..errors import InputError
from ..ids import extended_key, numbered_key
from ..model import Deal, ExpiryTime, Leg, LocalTime, Observed, Relief
from ..rules import Rule, Rulebook, default_expiry, get_rulebook, zone_order
from ..schedule import Breach, Event, Schedule, Warning
from ..text import N_, At, Items, Msg, Ordinal, Plural, Term, WallClock, ZoneName
from ..timeutil import WallTime, resolve, unusual_gap, utc_offset_hours, zone
from .counting import count_day, earliest_instant, last_day, open_everywhere, rule_wall
from .plan import PHASES, leg_plan

AMENDMENT_NOTES = {
    "price": N_("change in the consideration announced {day}"),
    "percentage": N_("change in the percentage sought announced {day}"),
    "fee": N_("change in the dealer's soliciting fee announced {day}"),
    "material": N_("material change announced {day}"),
}
EXTENDED_LABEL = N_("Scheduled expiry, since extended")
OBSERVED_TRACE = {  # (approximate, has a source) -> how an observation replaces the rule's date
    (False, True): N_("observed on {day} ({source}); the rule gives {computed}: {trace}"),
    (True, True): N_("observed on or about {day} ({source}); the rule gives {computed}: {trace}"),
    (False, False): N_("observed on {day}; the rule gives {computed}: {trace}"),
    (True, False): N_("observed on or about {day}; the rule gives {computed}: {trace}"),
}
DST_MISMATCH = {
    "initial": N_(
        "expiry {utc}: {a} and {b} are {now} hours apart instead of {usual} (the clocks change on different "
        "dates): {local_a} = {local_b}"
    ),
    "subsequent": N_(
        "{events} {utc}: {a} and {b} are {now} hours apart instead of {usual} (the clocks change on different "
        "dates): {local_a} = {local_b}"
    ),
}


@dataclass
class _LegState:
    leg: Leg
    book: Rulebook
    cal: BusinessCalendar
    settle: BusinessCalendar
    rules: list[Rule]
    events: dict[str, Event] = field(default_factory=dict)
    relieved: set[str] = field(default_factory=set)
    relief: dict[str, Relief] = field(default_factory=dict)
    amendment_minima: list[Event] = field(default_factory=list)
    # event key -> the key of the rule it comes from (numbered events: price-change-1 -> price-change)
    rule_of: dict[str, str] = field(default_factory=dict)


class _Engine:
    row_breaches: dict[str, list[Breach]]  # event id -> the rules it breaks (see _breach); set by run()

    def __init__(self, deal: Deal) -> None:
        self.deal = deal
        # The deal's own checks, again: a deal changed since it was made is held to them too.
        self.warnings: list[Warning] = [
            Warning(n.code, n.template, n.params, n.severity, n.event) for n in check_deal(deal)
        ]
        self.legs: list[_LegState] = []
        # legs whose subsequent period was not in force yet, with the rule that says so
        self.no_subsequent: dict[int, tuple[_LegState, Rule]] = {}
        self.observed: dict[str, Observed] = {o.event: o for o in deal.observed}
        for leg in deal.legs:
            book = get_rulebook(leg.regime)
            state = _LegState(
                leg,
                book,
                get_calendar(book.calendar),
                get_calendar(book.settlement_calendar),
                book.in_force(leg.start, deal.options),
            )
            if deal.subsequent is not None:
                self._without_subsequent_not_in_force(state)
            for relief in deal.relief:
                if relief.regime == leg.regime:
                    state.relieved.update(relief.rules)
                    state.relief.update({r: relief for r in relief.rules})
            self.legs.append(state)

    def _without_subsequent_not_in_force(self, state: _LegState) -> None:
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
    def _has_subsequent(state: _LegState) -> bool:
        return any(r.kind == "expiry" and r.phase == "subsequent" for r in state.rules)

    def warn(
        self, code: str, template: str, severity: str = "warning", about: str | None = None, **params: object
    ) -> None:
        """Record a warning; ``about`` is the id of the event it concerns (templates may use {event})."""
        self.warnings.append(Warning(code, template, dict(params), severity, about))

    # -- counting --------------------------------------------------------------------------------
    def _count(self, state: _LegState, rule: Rule, anchor: date, n: int) -> tuple[date, Msg | Items, Count | None]:
        """Date and trace of ``n`` units of ``rule`` from ``anchor``."""
        cal = state.cal if rule.unit == "business" else state.settle
        target = count_day(rule, cal, anchor, n)
        first = anchor if rule.day1 == "anchor" else anchor + timedelta(days=1)
        if rule.unit in ("business", "settlement"):
            count = cal.trace(first, target)
            self._note_count(count, cal)
            return target, count.message(), count
        if rule.unit == "calendar":
            trace = Msg(
                N_("calendar days: {first_ordinal} = {first}; {last_ordinal} = {last}"),
                first_ordinal=Ordinal(1, "calendar"),
                first=first,
                last_ordinal=Ordinal(n, "calendar"),
                last=target,
            )
            return target, trace, None
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
        state: _LegState,
        rule: Rule,
        day: date,
        wall: WallTime,
        trace: Msg | Items,
        count: Count | None,
        kind: str | None = None,
        key: str | None = None,
        instant: datetime | None = None,
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
        return self._apply_observed(state, event, rule)

    def _apply_observed(self, state: _LegState, event: Event, rule: Rule) -> Event:
        obs = self.observed.get(event.id)
        if obs is None:
            return event
        computed, computed_instant = event.day, event.instant
        wall = obs.wall or WallTime(24, 0)
        event.instant = resolve(obs.day, wall, obs.zone or event.zone)
        event.day = obs.day
        event.observed, event.approximate, event.computed_day = True, obs.approximate, computed
        event.computed_instant = computed_instant
        event.trace = Msg(
            OBSERVED_TRACE[(obs.approximate, bool(obs.source))],
            day=obs.day,
            source=obs.source,
            computed=computed,
            trace=event.trace,
        )
        if event.kind == "deadline" and event.instant > computed_instant:
            self._breach(
                state,
                event.key,
                event.id,
                "observed-after-deadline",
                N_("{event}: observed {observed} is after the deadline {deadline} ({rule})"),
                event=event.id,
                observed=obs.day,
                deadline=At(computed_instant, event.zone),
                rule=Term(event.rule),
            )
        if event.kind == "maximum" and event.instant > computed_instant:
            self._breach(
                state,
                event.key,
                event.id,
                "observed-after-deadline",
                N_("{event}: observed {observed} is after the latest date the rule allows, {maximum} ({rule})"),
                event=event.id,
                observed=obs.day,
                maximum=At(computed_instant, event.zone),
                rule=Term(event.rule),
            )
        if event.kind == "minimum" and event.instant < computed_instant:
            # A minimum is not an act: the documents counted differently. The expiry is still checked
            # against the rule's (later) minimum (see _floor).
            self.warn(
                "observed-count-differs",
                N_(
                    "{event}: the documents' count differs from the rule's: observed {observed}, the rule gives "
                    "{minimum} ({rule}); the expiry is checked against the rule's"
                ),
                about=event.id,
                event=event.id,
                observed=obs.day,
                minimum=At(computed_instant, event.zone),
                rule=Term(event.rule),
            )
        self._check_observed_anchor(state, event, rule)
        self._check_observed_day(state, event, rule)
        # Expiries and subsequent starts are checked where they are set (_check_expiry, _start).
        return event

    def _check_observed_anchor(self, state: _LegState, event: Event, rule: Rule) -> None:
        """An act (a filing, an announcement, a payment, a start) observed before the event its rule counts
        from cannot be right: a breach naming both. The anchor must be known as a fact (a start, an expiry,
        or an observed event): an unobserved deadline or estimate is only a latest or likely day. A notice of
        extension (Rule 14e-1(d)) may lawfully come before the scheduled expiry it extends."""
        if event.kind not in ("deadline", "estimate", "start") or rule.each_extension:
            return
        anchor_key = rule.anchor or (state.book.start if rule.key != state.book.start else None)
        if anchor_key == "last-closing":
            anchor_key = self._last_expiry_key(state)
        anchor = state.events.get(anchor_key) if anchor_key else None
        if anchor is None or not (anchor.observed or anchor.kind in ("start", "expiry", "chosen")):
            return
        if event.day < anchor.day:
            self._breach(
                state,
                event.key,
                event.id,
                "observed-before-anchor",
                N_(
                    "{event}: observed {observed}, before {anchor_event} ({anchor}), which its rule counts from "
                    "({rule})"
                ),
                event=event.id,
                observed=event.day,
                anchor_event=anchor.id,
                anchor=anchor.day,
                rule=Term(event.rule),
            )

    def _check_observed_day(self, state: _LegState, event: Event, rule: Rule) -> None:
        """An observed event of a rule counted in business (or settlement) days, on a day its calendar is
        closed: a warning (an expiry on a closed day is a breach, see _validate)."""
        if rule.unit not in ("business", "settlement") or event.kind in ("expiry", "chosen", "extended"):
            return
        cal = state.cal if rule.unit == "business" else state.settle
        day = event.day
        if cal.first <= day <= cal.last and not cal.is_business_day(day):
            why = Items(cal.closed_labels(day) or (Term(N_("weekend")),), "comma")
            self.warn(
                "observed-on-closed-day",
                N_(
                    "{event}: observed on {day}, which is not a business day of {calendar} ({why}); its rule counts "
                    "{calendar} business days ({rule})"
                ),
                about=event.id,
                event=event.id,
                day=day,
                calendar=cal.id,
                why=why,
                rule=Term(event.rule),
            )

    def _breach(
        self, state: _LegState, rule_key: str, event_id: str, code: str, template: str, **params: object
    ) -> None:
        """Record that the event ``event_id`` breaks the rule ``rule_key`` of the leg (a rule's key, or the key
        of a numbered event such as ``price-change-1``, whose rule is ``price-change``): a breach on its row and
        in the warnings, or, when the deal has relief from that rule, a waived breach (status "relieved")."""
        relief = state.relief.get(state.rule_of.get(rule_key, rule_key))  # relief names the rulebook's key
        self.row_breaches.setdefault(event_id, []).append(
            Breach(code, self._citation(state, rule_key), template, dict(params), relief.citation if relief else None)
        )
        if relief is not None:
            self.warn(
                "relief-applied",
                N_("{detail} (waived: {citation})"),
                severity="info",
                about=event_id,
                detail=Msg(template, **params),
                citation=relief.citation,
            )
            return
        self.warn(code, template, severity="breach", about=event_id, **params)

    @staticmethod
    def _citation(state: _LegState, rule_key: str) -> str:
        """The citation of the rule ``rule_key`` names: a computed event's (amendment minimums are numbered),
        else that of the rule the event comes from, as in force for the offer."""
        event = state.events.get(rule_key)
        if event is not None:
            return event.rule
        key = state.rule_of.get(rule_key, rule_key)  # an event being made: its rule, as in force for the offer
        rule = next((r for r in state.rules if r.key == key), None) or state.book.rules.get(key)
        return rule.citation if rule is not None else ""

    def _evaluate(self, state: _LegState, rule: Rule) -> bool:
        """Compute ``rule`` for the leg if its anchor is known; True when done (or not applicable)."""
        if rule.requires == "subsequent" and self.deal.subsequent is None:
            return True
        if rule.kind in ("expiry", "amendment"):
            return True
        if rule.kind == "start":
            return self._start(state, rule)
        anchor_key: str | None = rule.anchor or state.book.start
        if anchor_key == "last-closing":
            anchor_key = self._last_expiry_key(state)
        anchor = state.events.get(anchor_key) if anchor_key else None
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
        if rule.n_max:
            event.range_end, _, _ = self._count(state, rule, anchor.day, rule.n_max)
        state.events[rule.key] = event
        return True

    def _last_expiry_key(self, state: _LegState) -> str | None:
        keys = [r.key for r in state.rules if r.kind == "expiry"]
        if self.deal.subsequent is not None:
            return keys[-1] if keys[-1] in state.events else None
        initial = [r.key for r in state.rules if r.kind == "expiry" and r.phase == "initial"]
        return initial[0] if initial and initial[0] in state.events else None

    def _start(self, state: _LegState, rule: Rule) -> bool:
        wall = rule.time or WallTime(0, 0)
        if rule.phase == "initial":
            day = state.leg.start
            cal = state.cal
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

    def _amendments(self, state: _LegState) -> None:
        for i, amendment in enumerate(self.deal.amendments, 1):
            if amendment.regime not in (None, state.book.id):
                continue
            for rule in state.rules:
                if rule.kind == "amendment" and amendment.kind in rule.amendments:
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
    def _bounds(self, state: _LegState, phase: str, kind: str) -> list[Event]:
        keys = [r.key for r in state.rules if r.kind == kind and r.phase == phase and r.in_force]
        events = [state.events[k] for k in keys if k in state.events]
        if kind == "minimum" and phase == "initial":
            events += state.amendment_minima
        return events

    @staticmethod
    def _last_day(state: _LegState, instant: datetime) -> date:
        return last_day(state.book, state.cal, instant)

    def _joint_expiry(self, phase: str) -> None:
        legs = [s for s in self.legs if any(r.kind == "expiry" and r.phase == phase for r in s.rules)]
        if not legs:
            return
        if phase == "initial":
            chosen, at = self.deal.expiry, self.deal.expiry_time
        else:
            sub = self.deal.subsequent
            assert sub is not None
            chosen, at = sub.expiry, sub.expiry_time
            for state in self.legs:
                if state not in legs and id(state) not in self.no_subsequent:
                    self.warn(
                        "no-subsequent-period",
                        N_("{regime} has no subsequent offering period or reopening; ignored for it"),
                        regime=state.book.id,
                    )
        minima = {id(s): self._bounds(s, phase, "minimum") for s in legs}
        maxima = {id(s): self._bounds(s, phase, "maximum") for s in legs}
        how: Msg
        if chosen is not None:
            instant = chosen.instant()
            how = Msg(N_("chosen in the deal: {at}"), at=At(instant, chosen.zone))
        else:
            instant, how = self._earliest(legs, minima, at or default_expiry(s.book for s in legs))
        for state in legs:
            rule = next(r for r in state.rules if r.kind == "expiry" and r.phase == phase)
            self._session_notice(state, instant)
            day = self._last_day(state, instant)
            start_key = (
                state.book.start
                if phase == "initial"
                else next(r.key for r in state.rules if r.kind == "start" and r.phase == phase)
            )
            trace, count = self._expiry_count(state, state.events[start_key].day, day, how)
            event = self._event(
                state, rule, day, WallTime(24, 0), trace, count, kind="chosen" if chosen else "expiry", instant=instant
            )
            state.events[rule.key] = event
            self._check_expiry(state, event, rule, minima[id(state)], maxima[id(state)])
        if phase == "initial" and self.deal.extended:
            self._extensions(legs, instant)
        labels = dict.fromkeys(r.label for s in legs for r in s.rules if r.kind == "expiry" and r.phase == phase)
        self._dst_warning(instant, phase, Items([Term(label) for label in labels], "slash"))

    @staticmethod
    def _expiry_count(state: _LegState, start: date, day: date, how: Msg) -> tuple[Msg | Items, Count | None]:
        """How an expiry was set, followed by its count from the period's start when the calendar covers it."""
        if day >= start and state.cal.first <= day <= state.cal.last:
            count = state.cal.trace(start, day)
            return Items([how, count.message()], "parts"), count
        return how, None

    def _extensions(self, legs: list[_LegState], final: datetime) -> None:
        """Each expiry that was scheduled and then extended, and the deadlines counted from it (the Rule
        14e-1(d) announcement runs from the *scheduled* expiration date, not from the new one)."""
        previous: datetime | None = None
        for i, scheduled in enumerate(self.deal.extended, 1):
            instant = scheduled.instant()
            if instant >= final or (previous is not None and instant <= previous):
                raise InputError(
                    "extended expiries must come in order, each before the one it was extended to: {at}",
                    at=At(instant, scheduled.zone),
                )
            previous = instant
            for state in legs:
                start = state.events[state.book.start]
                if instant <= start.instant:
                    raise InputError(
                        "the expiry scheduled for {at}, since extended, comes before the offer starts: {start} "
                        "({regime})",
                        at=At(instant, scheduled.zone),
                        start=At(start.instant, state.book.zone),
                        regime=state.book.id,
                    )
            for state in legs:
                rule = next(r for r in state.rules if r.key == state.book.expiry)
                day = self._last_day(state, instant)
                was = Msg(N_("scheduled for {at}, then extended"), at=At(instant, scheduled.zone))
                trace, count = self._expiry_count(state, state.events[state.book.start].day, day, was)
                key = extended_key(rule.key, i)
                event = self._event(state, rule, day, WallTime(24, 0), trace, count, "extended", key, instant)
                event.label = EXTENDED_LABEL
                state.events[key] = event
                # A scheduled expiry answers to the offer's own minimum and maximum periods; an amendment's
                # minimum is what made it move, not a rule it broke.
                moved = {id(e) for e in state.amendment_minima}
                base = [e for e in self._bounds(state, "initial", "minimum") if id(e) not in moved]
                self._check_expiry(state, event, rule, base, self._bounds(state, "initial", "maximum"))
                for each in state.rules:
                    if each.each_extension and each.anchor == rule.key:
                        due, due_trace, due_count = self._count(state, each, day, each.n)
                        wall = each.time or WallTime(24, 0)
                        key = numbered_key(each.key, i)
                        state.events[key] = self._event(state, each, due, wall, due_trace, due_count, key=key)

    def _earliest(self, legs: list[_LegState], minima: dict[int, list[Event]], at: ExpiryTime) -> tuple[datetime, Msg]:
        floor = max((_floor(e) for s in legs for e in minima[id(s)]), default=None)
        if floor is None:
            raise InputError("no minimum period applies to this offer's date: choose the expiry in the deal")
        candidate = earliest_instant(floor, at, open_everywhere([(s.book, s.cal) for s in legs]))
        names = [Term(e.label) for s in legs for e in minima[id(s)] if _floor(e) == floor]
        return candidate, Msg(
            N_("the earliest {time} ({zone}) on a day open in every regime's calendar, at or after: {events}"),
            time=WallClock(at.wall.hour, at.wall.minute, at.zone),
            zone=ZoneName(at.zone),
            events=Items(names, "parts"),
        )

    def _check_expiry(
        self, state: _LegState, event: Event, rule: Rule, minima: list[Event], maxima: list[Event]
    ) -> None:
        """Check an expiry event (chosen, computed, scheduled then extended, or observed) against the leg's
        minimums, maximums and calendar. An observed day without a time is itself the last day."""
        obs = self.observed.get(event.id)
        day = obs.day if obs is not None and obs.wall is None else self._last_day(state, event.instant)
        self._validate(state, event.instant, minima, maxima, rule, event.id, day)

    def _validate(
        self,
        state: _LegState,
        instant: datetime,
        minima: list[Event],
        maxima: list[Event],
        rule: Rule,
        event_id: str,
        day: date,
    ) -> None:
        zone_name = state.book.zone
        local = At(instant, zone_name)
        for low in minima:
            if instant < _floor(low):
                params = {"regime": state.book.id, "local": local, "label": Term(low.label), "rule": Term(low.rule)}
                if low.business_day:
                    self._breach(
                        state,
                        low.key,
                        event_id,
                        "expiry-before-minimum",
                        N_("{regime}: the expiry {local} ends before {label}: the {ordinal} ends at {end} ({rule})"),
                        ordinal=Ordinal(low.business_day, state.cal.unit),
                        end=At(_floor(low), zone_name),
                        **params,
                    )
                else:
                    self._breach(
                        state,
                        low.key,
                        event_id,
                        "expiry-before-minimum",
                        N_("{regime}: the expiry {local} ends before {label}, {minimum} ({rule})"),
                        minimum=At(_floor(low), zone_name),
                        **params,
                    )
        for high in maxima:
            if instant > _ceiling(high):
                self._breach(
                    state,
                    high.key,
                    event_id,
                    "expiry-after-maximum",
                    N_("{regime}: the expiry {local} is after {label}, {maximum} ({rule})"),
                    regime=state.book.id,
                    local=local,
                    label=Term(high.label),
                    maximum=At(_ceiling(high), zone_name),
                    rule=Term(high.rule),
                )
        if state.cal.first <= day <= state.cal.last and not state.cal.is_business_day(day):
            names = state.cal.closed_labels(day) or (Term(N_("weekend")),)
            self._breach(
                state,
                rule.key,
                event_id,
                "expiry-not-business-day",
                N_("{regime}: the offer would end on {day}, which is not a business day of {calendar} ({why})"),
                regime=state.book.id,
                day=day,
                calendar=state.cal.id,
                why=Items(names, "comma"),
            )

    def _session_notice(self, state: _LegState, instant: datetime) -> None:
        """Say when an exchange leg's expiry falls before a session of its own day: on a day the exchange is
        closed, or before that day's opening (06:00 Paris on a Saturday, 08:00 Paris on a Monday), so that
        the leg's last trading day is an earlier day. An expiry after the close of a trading day (the
        seed's 18:00 Paris) ends that day's offer: the rules allow it, and it draws nothing."""
        cal = state.cal
        if cal.close is None:
            return
        local = instant.astimezone(zone(state.book.zone))
        last = self._last_day(state, instant)
        if last == local.date():
            return  # the instant's own day: a day the calendar is closed is a breach (see _validate)
        early = cal.early_close(local.date())
        close = early.close if early else cal.close
        self.warn(
            "expiry-outside-session",
            N_(
                "{regime}: the expiry is {local}, outside the {calendar} session ({open}-{close}); "
                "its last trading day is {last}"
            ),
            regime=state.book.id,
            local=At(instant, state.book.zone),
            calendar=cal.id,
            open=cal.open.strftime("%H:%M"),
            close=close.strftime("%H:%M"),
            last=last,
        )

    def _dst_warning(self, instant: datetime, phase: str, events: Items) -> None:
        """Warn of a week when two zones' clocks are out of step; ``events`` names the expiries (the
        subsequent period's end, a reopened offer's closing) in the regimes' own words."""
        zones = zone_order([s.book for s in self.legs], self.deal.show_zones)
        for i, a in enumerate(zones):
            for b in zones[i + 1 :]:
                now = unusual_gap(instant, a, b)
                if now is not None:
                    self.warn(
                        "dst-mismatch",
                        DST_MISMATCH[phase],
                        utc=instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                        events=events,
                        a=ZoneName(a),
                        b=ZoneName(b),
                        now=f"{abs(now):g}",
                        usual=f"{abs(_usual_gap(instant, a, b)):g}",
                        local_a=At(instant, a),
                        local_b=At(instant, b),
                    )

    # -- driver ----------------------------------------------------------------------------------
    def _mark_breaches(self, events: list[Event]) -> None:
        """Put each breach on the row of the event that breaks the rule: status "breach", or "relieved" when
        relief waives every rule it breaks."""
        by_id = {e.id: e for e in events}
        for event_id, found in self.row_breaches.items():
            event = by_id[event_id]  # a breach always names an event of the schedule
            event.breaches = list({(b.code, b.message): b for b in found}.values())
            event.status = "breach" if event.unwaived else "relieved"

    def run(self) -> Schedule:
        self.row_breaches = {}
        self._refuse_or_note_no_subsequent()
        for state in self.legs:
            if state.book.historic_before and state.leg.start < state.book.historic_before:
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
        events = sorted((e for s in self.legs for e in s.events.values()), key=lambda e: (e.instant, e.id))
        self._mark_breaches(events)
        zones = zone_order([s.book for s in self.legs], self.deal.show_zones)
        return Schedule(self.deal.name, [s.book.id for s in self.legs], zones, events, _dedupe(self.warnings))


def _floor(minimum: Event) -> datetime:
    """Where a minimum period ends: the rule's end, or an observed one if later (the stricter)."""
    return max(minimum.instant, minimum.computed_instant or minimum.instant)


def _ceiling(maximum: Event) -> datetime:
    """Where a maximum period ends: the rule's end, or an observed one if earlier (the stricter)."""
    return min(maximum.instant, maximum.computed_instant or maximum.instant)


def _usual_gap(instant: datetime, a: str, b: str) -> float:
    """The gap in hours when both zones are on standard time (mid-January of the same year)."""
    return utc_offset_hours(datetime(instant.year, 1, 15, 12, tzinfo=UTC), a, b)


def _dedupe(warnings: list[Warning]) -> list[Warning]:
    seen: set[tuple[str, str]] = set()
    out = []
    for w in warnings:
        key = (w.code, w.message)
        if key not in seen:
            seen.add(key)
            out.append(w)
    return out


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
