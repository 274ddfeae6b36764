"""The shared expiry: one instant for every leg of a cross-border offer, per phase (initial, then
subsequent), chosen by the deal and checked against every regime's minimums, maximums, sessions and
calendars, or the earliest that satisfies them all; then the extensions, and the notices of sessions and
clocks out of step."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..calendars import Count
from ..errors import InputError
from ..ids import extended_key, numbered_key
from ..model import Amendment, ExpiryTime
from ..records import Record
from ..rules import Rule, default_expiry, zone_order
from ..schedule import Event
from ..text import N_, At, Items, Msg, Ordinal, Plural, Term, WallClock, ZoneName
from ..timeutil import WallTime, day_and_clock, resolve, unusual_gap, utc_offset_hours, zone
from .counting import earliest_instant, last_day, open_everywhere
from .state import EngineBase, LegState, counts

EXTENDED_LABEL = N_("Scheduled expiry, since extended")
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


class SharedExpiry(EngineBase):
    def _bounds(self, state: LegState, phase: str, kind: str) -> list[Event]:
        keys = [r.key for r in state.rules if r.kind == kind and r.phase == phase and r.in_force]
        events = [state.events[k] for k in keys if k in state.events]
        if kind == "minimum" and phase == "initial":
            events += state.amendment_minima
        return events

    @staticmethod
    def _last_day(state: LegState, instant: datetime) -> date:
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
                # (A leg with a period of its own that others run as theirs: compared in _subsequent_alongside.)
                like = any(r.subsequent_like for r in state.rules)
                if state not in legs and id(state) not in self.no_subsequent and not like:
                    self.warn(
                        "no-subsequent-period",
                        N_("{regime} has no subsequent offering period or reopening; ignored for it"),
                        regime=state.book.id,
                    )
        minima = {id(s): self._bounds(s, phase, "minimum") for s in legs}
        maxima = {id(s): self._bounds(s, phase, "maximum") for s in legs}
        how: Msg | Items
        if chosen is not None:
            instant = chosen.instant()
            how = Msg(N_("chosen in the deal: {at}"), at=At(instant, chosen.zone))
        else:
            instant, how = self._earliest(legs, minima, at or default_expiry(s.book for s in legs))
        law = _Law(instant, how)
        if phase == "initial":
            law = self._extended_by_law(legs, instant, how, chosen is not None)
            instant, how = law.final, law.how
        for state in legs:
            rule = next(r for r in state.rules if r.kind == "expiry" and r.phase == phase)
            # A leg the deal observes keeps the rules' end underneath its observation (what the rule gives);
            # a leg it does not observe ends with the one it does (one offer, one expiry).
            leg_at, leg_how = instant, how
            if law.observed is not None and f"{state.book.id}.{rule.key}" not in self.observed:
                leg_at = law.observed
                leg_how = Msg(N_("the end observed in the deal: {at}"), at=At(leg_at, law.observed_zone))
            obs = self.observed.get(f"{state.book.id}.{rule.key}")
            if obs is None:
                self._session_notice(state, leg_at)
            elif obs.wall is not None:  # (a date without a time gives the last day only: no session to check)
                self._session_notice(state, obs.instant(state.book.zone))
            day = self._last_day(state, leg_at)
            start_key = (
                state.book.start
                if phase == "initial"
                else next(r.key for r in state.rules if r.kind == "start" and r.phase == phase)
            )
            trace, count = self._expiry_count(state, state.events[start_key].day, day, leg_how)
            event = self._event(
                state, rule, day, WallTime(24, 0), trace, count, kind="chosen" if chosen else "expiry", instant=leg_at
            )
            state.events[rule.key] = event
            self._check_expiry(
                state, event, rule, minima[id(state)], law.ceiling(state, maxima[id(state)], event.instant)
            )
        unobserved = [
            s for s in legs if law.observed is not None and f"{s.book.id}.{s.book.expiry}" not in self.observed
        ]
        if unobserved and law.observed is not None and not law.observed_timed:
            self.warn(
                "observed-time-assumed",
                N_(
                    "the end observed in the deal has a day and no time: {regimes} end with it at the end of "
                    "that day, {at}; give its time"
                ),
                regimes=Items([s.book.id for s in unobserved], "comma"),
                at=At(law.observed, law.observed_zone),
            )
        self._ends_apart(legs, phase)
        scheduled: list[tuple[datetime, str, Msg | None]] = []
        if phase == "initial":
            scheduled = [(at.instant(), at.zone, law.reasons.get(at.instant())) for at in self.deal.extended]
        if scheduled or law.moved:
            self._extensions(legs, instant, sorted([*scheduled, *law.moved], key=lambda s: s[0]), law)
        labels = dict.fromkeys(r.label for s in legs for r in s.rules if r.kind == "expiry" and r.phase == phase)
        self._dst_warning(law.observed or instant, phase, Items([Term(label) for label in labels], "slash"))

    def _ends_apart(self, legs: list[LegState], phase: str) -> None:
        """Legs of one offer whose observed ends differ (one offer has one expiry): said. An observation
        without a time gives the last day only, compared as such."""
        ends = [(s, s.events[r.key]) for s in legs for r in s.rules if r.kind == "expiry" and r.phase == phase]
        observed = [(s, e) for s, e in ends if e.observed]
        if len(observed) < 2:
            return
        dated = any(self.observed[e.id].wall is None for _, e in observed if e.id in self.observed)
        if len({e.day if dated else e.instant for _, e in observed}) > 1:
            (a, first), (b, second) = observed[0], observed[1]
            self.warn(
                "ends-apart",
                N_(
                    "the deal observes different ends for the legs of one offer, which has one expiry: {a} "
                    "{at_a}, {b} {at_b}"
                ),
                a=a.book.id,
                at_a=At(first.instant, a.book.zone),
                b=b.book.id,
                at_b=At(second.instant, b.book.zone),
            )

    @staticmethod
    def _expiry_count(state: LegState, start: date, day: date, how: Msg | Items) -> tuple[Msg | Items, Count | None]:
        """How an expiry was set, followed by its count from the period's start when the calendar covers it:
        business or trading days from day 1, or, for a regime that counts from a Day 0 (the UK Code), the
        calendar day it is (Day 21)."""
        if day >= start and state.book.counts_from_day_0:
            days = (day - start).days
            counted: Msg
            if any(r.unit == "weeks" and r.kind == "minimum" for r in state.rules):  # German periods, in weeks
                counted = (
                    Plural(
                        "{n} week after {anchor} = {day}",
                        "{n} weeks after {anchor} = {day}",
                        days // 7,
                        anchor=start,
                        day=day,
                    )
                    if days % 7 == 0
                    else Plural(
                        "{n} calendar day after {anchor} = {day}",
                        "{n} calendar days after {anchor} = {day}",
                        days,
                        anchor=start,
                        day=day,
                    )
                )
            else:  # the UK Code's Day N
                counted = Msg(N_("Day {n} = {day} (Day 0 = {start})"), n=days, day=day, start=start)
            return Items([how, counted], "parts"), None
        if day >= start and state.cal.first <= day <= state.cal.last:
            count = state.cal.trace(start, day)
            return Items([how, count.message()], "parts"), count
        return how, None

    def _extensions(
        self, legs: list[LegState], final: datetime, extended: list[tuple[datetime, str, Msg | None]], law: _Law
    ) -> None:
        """Each expiry that was scheduled and then extended (by the deal, or by law with the reason), and the
        deadlines counted from it (the Rule 14e-1(d) announcement runs from the *scheduled* expiration date,
        not from the new one)."""
        previous: datetime | None = None
        for i, (instant, zone_name, reason) in enumerate(extended, 1):
            if instant >= final or (previous is not None and instant <= previous):
                raise InputError(
                    "extended expiries must come in order, each before the one it was extended to: {at}",
                    at=At(instant, zone_name),
                )
            previous = instant
            for state in legs:
                start = state.events[state.book.start]
                if instant <= start.instant:
                    raise InputError(
                        "the expiry scheduled for {at}, since extended, comes before the offer starts: {start} "
                        "({regime})",
                        at=At(instant, zone_name),
                        start=At(start.instant, state.book.zone),
                        regime=state.book.id,
                    )
            for state in legs:
                rule = next(r for r in state.rules if r.key == state.book.expiry)
                day = self._last_day(state, instant)
                was: Msg | Items = Msg(N_("scheduled for {at}, then extended"), at=At(instant, zone_name))
                if reason is not None:
                    was = Items([was, reason], "parts")
                trace, count = self._expiry_count(state, state.events[state.book.start].day, day, was)
                key = extended_key(rule.key, i)
                event = self._event(state, rule, day, WallTime(24, 0), trace, count, "extended", key, instant)
                event.label = EXTENDED_LABEL
                state.events[key] = event
                # A scheduled expiry answers to the offer's own minimum and maximum periods; an amendment's
                # minimum is what made it move, not a rule it broke.
                moved = {id(e) for e in state.amendment_minima}
                base = [e for e in self._bounds(state, "initial", "minimum") if id(e) not in moved]
                ceiling = law.ceiling(state, self._bounds(state, "initial", "maximum"), instant)
                self._check_expiry(state, event, rule, base, ceiling)
                for each in state.rules:
                    if each.each_extension and each.anchor == rule.key:
                        due, due_trace, due_count = self._count(state, each, day, each.n)
                        wall = each.time or WallTime(24, 0)
                        key = numbered_key(each.key, i)
                        state.events[key] = self._event(state, each, due, wall, due_trace, due_count, key=key)

    def _subsequent_alongside(self) -> None:
        """A deal's subsequent period that does not end with a period another leg runs as one (the German
        additional acceptance period in a US–German offer): said, not aligned (no rule we hold aligns them)."""
        if self.deal.subsequent is None:
            return
        ends = [
            (s, s.events[r.key])
            for s in self.legs
            for r in s.rules
            if r.kind == "expiry" and r.phase == "subsequent" and r.key in s.events
        ]
        for state in self.legs:
            for rule in state.rules:
                own = state.events.get(rule.key) if rule.subsequent_like else None
                if own is None:
                    continue
                for other, end in ends:
                    if other is not state and end.instant != own.instant:
                        self.warn(
                            "subsequent-not-aligned",
                            N_(
                                "{regime}: {label}: {at}; {other} subsequent period: {other_at}. Offers under both "
                                "often run them as one period, but no rule here aligns them: give the subsequent "
                                "period's end in the deal ([subsequent] expiry) if they are one"
                            ),
                            about=own.id,
                            regime=state.book.id,
                            label=Term(own.label),
                            at=At(own.instant, state.book.zone),
                            other=other.book.id,
                            other_at=At(end.instant, other.book.zone),
                        )

    def _extended_by_law(self, legs: list[LegState], final: datetime, how: Msg | Items, scheduled: bool) -> _Law:
        """The initial expiry as the law extends it (see :class:`_Law`).

        An amendment published within the last ``window`` days of the period in force (its end's day and the
        days before it) extends that period by the rule's n units, at the same time of day in the leg's zone
        (§ 21(5) WpÜG: two weeks); an extension the deal already gives ([[extended]] then the expiry) is
        recognised as that one, and one shorter than the law's is a breach. Each amendment is checked
        against the last day for one (the rule's ``limit``, counted from the end in force); one within an
        extension by law is warned about (the law bars it, § 21(6)) and does not extend the period again;
        one after the period is said. Without an [expiry], the period in force is the earliest end (said);
        with an observed expiry, that end is the law's when an amendment fell in the last days of the end it
        extended."""
        law = _Law(final, how)
        extending = [
            (s, r)
            for s in legs
            for r in s.rules
            if r.kind == "amendment" and r.window is not None and r.in_force and r.requires is None
        ]
        seen = None if scheduled else self._observed_expiry(legs, extending)
        if seen is not None:  # the end as it happened: the law explains it, or it fell short
            observed_end, law.observed_zone, law.observed_timed = seen
            self._observed_end_by_law(legs, extending, observed_end, law)
            law.observed = observed_end  # the end of every leg the deal does not observe
            return law
        ends = [*(at.instant() for at in self.deal.extended), final]
        by_law: dict[datetime, tuple[LegState, Msg]] = {}  # an end the engine extended -> (the leg, why)
        extended: set[datetime] = set()  # every end the law extended, by the engine or as the deal gives it
        in_force_at: list[datetime] = []  # the ends in force when an amendment extended one
        for amendment in sorted(self.deal.amendments, key=lambda a: a.day):
            for state, rule in extending:
                if not counts(state, rule, amendment):
                    continue
                assert rule.window is not None
                zone_name = state.book.zone
                # The period in force when the amendment was published: the first end on or after its day.
                k = next((k for k, end in enumerate(ends) if self._last_day(state, end) >= amendment.day), None)
                if k is None:
                    self._amendment_after_end(state, amendment, ends[-1], scheduled)
                    continue
                end_day = self._last_day(state, ends[k])
                late = self._check_amendment_day(state, rule, amendment, end_day)
                days = (end_day - amendment.day).days
                clock = day_and_clock(ends[k], zone_name)[1]
                if clock != "24:00" and days in (0, rule.window):
                    self.warn(
                        "amendment-time-decides",
                        N_(
                            "{regime}: the period ends {end}: whether the amendment of {day} came within its last "
                            "{window} days, or before its end, depends on the time it was published; taken as "
                            "{assumed} ({rule})"
                        ),
                        regime=state.book.id,
                        end=At(ends[k], zone_name),
                        day=amendment.day,
                        window=rule.window,
                        assumed=Msg(N_("published before them")) if days == rule.window else Msg(N_("within them")),
                        rule=Term(rule.citation),
                    )
                if days >= rule.window:
                    continue
                if k > 0 and ends[k - 1] in extended:
                    self._barred(state, rule, amendment, ends[k - 1])
                    continue
                if late:
                    self.warn(
                        "late-amendment-extends",
                        N_(
                            "{regime}: the amendment of {day}, after the last day allowed, is still taken to "
                            "extend the period ({rule}): whether the extension covers a late amendment is not "
                            "settled"
                        ),
                        regime=state.book.id,
                        day=amendment.day,
                        rule=Term(rule.citation),
                    )
                if not scheduled:
                    self.warn(
                        "period-assumed",
                        N_(
                            "{regime}: the deal gives no expiry: the amendment of {day} is taken to fall in the "
                            "last days of the earliest end, {end}, and to extend it ({rule}); a period set to end "
                            "later may not be extended by it: give the expiry"
                        ),
                        regime=state.book.id,
                        day=amendment.day,
                        end=At(ends[k], zone_name),
                        rule=Term(rule.citation),
                    )
                target_day, counted, _ = self._count(state, rule, end_day, rule.n)
                target = resolve(target_day, WallTime.parse(clock), zone_name)
                reason = Msg(
                    N_("{label}: amendment of {day}; {counted}"),
                    label=Term(rule.label),
                    day=amendment.day,
                    counted=counted,
                )
                extended.add(ends[k])
                in_force_at.append(ends[k])
                if k == len(ends) - 1 or ends[k + 1] == target:
                    if k == len(ends) - 1:
                        by_law[ends[k]] = (state, reason)
                        ends.append(target)
                    else:
                        law.reasons[ends[k]] = reason
                    law.lawful.setdefault(id(state), set()).add(target)
                    if rule.limit is not None and k + 1 == len(ends) - 1:  # the last day to amend the new end
                        state.notes[rule.limit] = Msg(
                            N_(
                                "the period was extended by law after the amendment of {day}: no further amendment "
                                "within the extension ({rule})"
                            ),
                            day=amendment.day,
                            rule=Term(rule.citation),
                        )
                else:
                    self._extension_not_as_by_law(state, rule, amendment, ends[k], target, ends[k + 1])
        count = len(ends)
        competing = self._aligned_by_law(legs, ends, by_law, law)
        if competing is not None and any(competing > end for end in in_force_at):
            self.warn(
                "extensions-order-assumed",
                N_(
                    "{regime}: the amendments were applied to the periods the deal gives before the competing "
                    "offer's end; had the competing offer come first, the period in force at an amendment could "
                    "have been another, and so could the end: check it"
                ),
                regime=extending[0][0].book.id,
            )
        if len(ends) > count:  # aligned with a later competing end
            self._aligned_and_amended(extending, ends)
        if by_law:
            last = max(by_law)
            extender, reason = by_law[last]
            if scheduled:
                what = Msg(N_("extended by law from {at}"), at=At(last, extender.book.zone))
                law.how = Items([how, what, reason], "parts")
            else:
                what = Msg(N_("extended by law from the earliest expiry, {at}"), at=At(last, extender.book.zone))
                law.how = Items([what, reason], "parts")
        if scheduled:
            law.moved = [(end, leg.book.zone, why) for end, (leg, why) in by_law.items()]
        law.final = ends[-1]
        return law

    def _observed_expiry(
        self, legs: list[LegState], extending: list[tuple[LegState, Rule]]
    ) -> tuple[datetime, str, bool] | None:
        """The expiry the deal observed (the end as it happened, and its leg's zone), when it gives no
        [expiry]: one with a time before one without (which gives the last day only), whatever the order of
        the offers; then a leg whose law extends it (the German one in a US–German offer)."""
        order = [s for s, _ in extending] + legs  # (a leg twice changes nothing: the first one found is used)
        found = [(s, o) for s in order if (o := self.observed.get(f"{s.book.id}.{s.book.expiry}")) is not None]
        if not found:
            return None
        state, obs = min(found, key=lambda item: item[1].wall is None)  # the first with a time, else the first
        return obs.instant(state.book.zone), state.book.zone, obs.wall is not None

    def _observed_end_by_law(
        self, legs: list[LegState], extending: list[tuple[LegState, Rule]], observed: datetime, law: _Law
    ) -> None:
        """An observed end and the amendments and competing offer the deal gives. The law explains the end
        when an amendment fell in the last days of the end it extended (the observed end less the rule's n
        weeks or days), itself within the leg's maximum: then that end is lawful, and a later amendment is
        barred (§ 21(6)). Otherwise an amendment in the observed end's own last days means the law extended
        it, and the period ended short (a breach); a later competing end, the same (§ 22(2))."""
        for state, rule in extending:
            assert rule.window is not None
            if rule.unit not in ("weeks", "calendar"):
                continue
            zone_name = state.book.zone
            day, clock = day_and_clock(observed, zone_name)
            prior_day = day - timedelta(days=7 * rule.n if rule.unit == "weeks" else rule.n)
            prior = resolve(prior_day, WallTime.parse(clock), zone_name)
            ceiling = min((_ceiling(m) for m in self._bounds(state, "initial", "maximum")), default=None)
            applying = sorted(
                (a for a in self.deal.amendments if counts(state, rule, a)),
                key=lambda a: a.day,
            )
            # The end the extension lengthened was a competing offer's (§ 22(2)).
            aligned = prior in {at for _, at in self._competing(state)}
            explained = (ceiling is None or prior <= ceiling or aligned) and any(
                0 <= (prior_day - a.day).days < rule.window for a in applying
            )
            if explained:
                law.lawful.setdefault(id(state), set()).add(observed)
                if rule.limit is not None:  # the last day to amend the observed end is moot (§ 21(6))
                    state.notes[rule.limit] = Msg(
                        N_(
                            "the period was extended by law after an amendment: no further amendment within the "
                            "extension ({rule})"
                        ),
                        rule=Term(rule.citation),
                    )
            if explained and aligned:
                self.warn(
                    "amendment-in-aligned-period",
                    N_(
                        "{regime}: the observed end {end} extends a period aligned with a competing offer ending "
                        "{aligned} by an amendment in its last days: whether the law extends an aligned period "
                        "again ({rule}) is not settled"
                    ),
                    regime=state.book.id,
                    end=At(observed, zone_name),
                    aligned=At(prior, zone_name),
                    rule=Term(rule.citation),
                )
            for amendment in applying:
                if amendment.day > day:
                    self._amendment_after_end(state, amendment, observed, True)
                    continue
                in_extension = explained and amendment.day > prior_day
                self._check_amendment_day(state, rule, amendment, prior_day if explained and not in_extension else day)
                if in_extension:
                    self._barred(state, rule, amendment, prior)
                elif not explained and (day - amendment.day).days < rule.window:
                    target_day = self._count(state, rule, day, rule.n)[0]
                    target = resolve(target_day, WallTime.parse(clock), zone_name)
                    self._extension_not_as_by_law(state, rule, amendment, observed, target, observed)
        for state in legs:
            for rule, at in self._competing(state):
                if at == observed:
                    law.lawful.setdefault(id(state), set()).add(at)
                elif at > observed:
                    self.warn(
                        "ended-before-competing-offer",
                        N_(
                            "{regime}: the period ended {end} as observed, before {label}, {at}, with which the "
                            "law ends it ({rule})"
                        ),
                        severity="breach",
                        regime=state.book.id,
                        end=At(observed, state.book.zone),
                        label=Term(rule.label),
                        at=At(at, state.book.zone),
                        rule=Term(rule.citation),
                    )

    def _competing(self, state: LegState) -> list[tuple[Rule, datetime]]:
        """The ends the deal gives for the leg's rules that ``extends`` the period (a competing offer's)."""
        found = ((rule, self.observed.get(f"{state.book.id}.{rule.key}")) for rule in state.rules if rule.extends)
        return [(rule, obs.instant(state.book.zone, rule.time)) for rule, obs in found if obs and rule.in_force]

    def _barred(self, state: LegState, rule: Rule, amendment: Amendment, end: datetime) -> None:
        """An amendment within an extension by law of the period that ended ``end``: barred (§ 21(6))."""
        self.warn(
            "amendment-in-extension",
            N_(
                "{regime}: the amendment of {day} comes within the period's extension by law after {end}: the law "
                "bars a further amendment there, and the period is not extended again ({rule})"
            ),
            regime=state.book.id,
            day=amendment.day,
            end=At(end, state.book.zone),
            rule=Term(rule.citation),
        )

    def _amendment_after_end(self, state: LegState, amendment: Amendment, end: datetime, given: bool) -> None:
        self.warn(
            "amendment-after-end",
            N_("{regime}: the amendment of {day} comes after the period ends, {end}: check its date")
            if given
            else N_(
                "{regime}: the amendment of {day} comes after the earliest end, {end}, which the deal does not "
                "set: give the expiry in the deal"
            ),
            regime=state.book.id,
            day=amendment.day,
            end=At(end, state.book.zone),
        )

    def _extension_not_as_by_law(
        self, state: LegState, rule: Rule, amendment: Amendment, end: datetime, target: datetime, given: datetime
    ) -> None:
        """The deal extends the period in force at an amendment to another end than the law's: shorter, it
        ends before the law lets it (a breach); longer, the law does not make it (a warning)."""
        zone_name = state.book.zone
        params: dict[str, Any] = {
            "regime": state.book.id,
            "day": amendment.day,
            "end": At(end, zone_name),
            "target": At(target, zone_name),
            "rule": Term(rule.citation),
            "given": At(given, zone_name),
        }
        if given < target:
            self.warn(
                "extension-shorter-than-by-law",
                N_(
                    "{regime}: the amendment of {day} extends the period ending {end} by law to {target} ({rule}); "
                    "the deal ends it earlier, {given}"
                ),
                severity="breach",
                **params,
            )
        else:
            self.warn(
                "extension-not-as-by-law",
                N_(
                    "{regime}: the amendment of {day} extends the period ending {end} by law to {target} ({rule}); "
                    "the deal extends it to {given}"
                ),
                **params,
            )

    def _aligned_and_amended(self, extending: list[tuple[LegState, Rule]], ends: list[datetime]) -> None:
        """An amendment in the last days of a period aligned with a competing offer: not applied to it (does
        the law extend the aligned period again? not settled here), said."""
        aligned = ends[-1]
        for amendment in self.deal.amendments:
            for state, rule in extending:
                if not counts(state, rule, amendment):
                    continue
                first = self._last_day(state, ends[-2]) + timedelta(days=1)
                end_day = self._last_day(state, aligned)
                assert rule.window is not None
                if first <= amendment.day <= end_day and (end_day - amendment.day).days < rule.window:
                    self.warn(
                        "amendment-in-aligned-period",
                        N_(
                            "{regime}: the amendment of {day} comes in the last days of the period aligned "
                            "with a competing offer, ending {end}: whether it extends that period again "
                            "({rule}) is not computed; give the end in the deal"
                        ),
                        regime=state.book.id,
                        day=amendment.day,
                        end=At(aligned, state.book.zone),
                        rule=Term(rule.citation),
                    )

    def _aligned_by_law(
        self, legs: list[LegState], ends: list[datetime], by_law: dict[datetime, tuple[LegState, Msg]], law: _Law
    ) -> datetime | None:
        """The latest end a date the deal gives for a rule that ``extends`` the period sets (§ 22(2) WpÜG: a
        competing offer's acceptance period, even amended or prohibited); when later than the period's, it
        becomes its end; one of the ends the deal gives, it is lawful there. None when there is none."""
        competing: datetime | None = None
        for state in legs:
            for rule, at in self._competing(state):
                competing = max(at, competing or at)
                if at in ends:  # an end the deal gives is the competing one's: lawful as such
                    law.lawful.setdefault(id(state), set()).add(at)
                if at > ends[-1]:
                    by_law[ends[-1]] = (
                        state,
                        Msg(N_("{label}: {at}"), label=Term(rule.label), at=At(at, state.book.zone)),
                    )
                    ends.append(at)
                    law.lawful.setdefault(id(state), set()).add(at)
        return competing

    def _check_amendment_day(self, state: LegState, rule: Rule, amendment: Amendment, end_day: date) -> bool:
        """Whether an amendment was published after the last day for one (the rule's ``limit``, counted back
        from the end of the period in force), which is warned about."""
        limit = next((r for r in state.rules if r.key == rule.limit and r.in_force), None)
        if limit is None:
            return False
        last, counted, _ = self._count(state, limit, end_day, limit.n)
        if amendment.day > last:
            self.warn(
                "amendment-too-late",
                N_(
                    "{regime}: the amendment of {day} is published after the last day allowed, {last}: {counted} "
                    "({rule})"
                ),
                regime=state.book.id,
                day=amendment.day,
                last=last,
                counted=counted,
                rule=Term(limit.citation),
            )
            return True
        for change, other, other_last in self._other_units(state, limit, end_day, last):
            if amendment.day > other_last:
                self.warn(
                    "unit-changed",
                    N_(
                        "{regime}: the amendment of {day} is on time counted in {calendar} (last day {last}), "
                        "not in {other_calendar} (last day {other}), the unit from {change} ({rule}): which count "
                        "applies is not settled"
                    ),
                    regime=state.book.id,
                    day=amendment.day,
                    calendar=limit.calendar or state.cal.id,
                    last=last,
                    other_calendar=other.calendar or state.cal.id,
                    other=other_last,
                    change=change,
                    rule=Term(limit.citation),
                )
        return False

    def _earliest(self, legs: list[LegState], minima: dict[int, list[Event]], at: ExpiryTime) -> tuple[datetime, Msg]:
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
        self, state: LegState, event: Event, rule: Rule, minima: list[Event], maxima: list[Event]
    ) -> None:
        """Check an expiry event (chosen, computed, scheduled then extended, or observed) against the leg's
        minimums, maximums and calendar. An observed day without a time is itself the last day."""
        obs = self.observed.get(event.id)
        day = obs.day if obs is not None and obs.wall is None else self._last_day(state, event.instant)
        self._validate(state, event.instant, minima, maxima, rule, event.id, day)

    def _validate(
        self,
        state: LegState,
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
                        ordinal=Ordinal(low.business_day, low.count.unit if low.count else state.cal.unit),
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

    def _session_notice(self, state: LegState, instant: datetime) -> None:
        """Say when an exchange leg's expiry falls before a session of its own day: on a day the exchange is
        closed, or before that day's opening (06:00 Paris on a Saturday, 08:00 Paris on a Monday), so that
        the leg's last trading day is an earlier day. An expiry after the close of a trading day (the
        seed's 18:00 Paris) ends that day's offer: the rules allow it, and it draws nothing."""
        cal = state.cal
        local = instant.astimezone(zone(state.book.zone))
        hours = cal.hours(local.date())
        if hours.close is None:
            return
        last = self._last_day(state, instant)
        if last == local.date():
            return  # the instant's own day: a day the calendar is closed is a breach (see _validate)
        early = cal.early_close(local.date())
        close = early.close if early else hours.close
        self.warn(
            "expiry-outside-session",
            N_(
                "{regime}: the expiry is {local}, outside the {calendar} session ({open}-{close}); "
                "its last trading day is {last}"
            ),
            regime=state.book.id,
            local=At(instant, state.book.zone),
            calendar=cal.id,
            open=hours.open.strftime("%H:%M"),
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


class _Law(Record):
    """The initial expiry as the law extends it: the ``final`` end and ``how`` it was set; the ends the
    engine extended (``moved``: zone and reason, shown as scheduled expiries when the deal scheduled them);
    the reason for each extension the deal writes down itself (``reasons``); and, per leg, the ends its own
    law gives (``lawful``), which its maximum does not bar."""

    def __init__(self, final: datetime, how: Msg | Items) -> None:
        self.final, self.how = final, how
        self.moved: list[tuple[datetime, str, Msg | None]] = []
        self.reasons: dict[datetime, Msg] = {}
        self.lawful: dict[int, set[datetime]] = {}
        # The end the deal observes for a leg, when it gives no [expiry]: the legs it does not observe take it.
        self.observed: datetime | None = None
        self.observed_zone = "UTC"
        self.observed_timed = True  # False: the observation gives a day only, taken at 24:00

    def ceiling(self, state: LegState, maxima: list[Event], instant: datetime) -> list[Event]:
        """The maxima an end at ``instant`` answers to: a leg's own maximum does not bar an end its law gives
        (§ 16(1) WpÜG is "subject to § 21(5)"); another leg's still does, and so does an end beyond the law's."""
        if instant in self.lawful.get(id(state), ()):
            return [m for m in maxima if _ceiling(m) >= instant]
        return maxima


def _floor(minimum: Event) -> datetime:
    """Where a minimum period ends: the rule's end, or an observed one if later (the stricter)."""
    return max(minimum.instant, minimum.computed_instant or minimum.instant)


def _ceiling(maximum: Event) -> datetime:
    """Where a maximum period ends: the rule's end, or an observed one if earlier (the stricter)."""
    return min(maximum.instant, maximum.computed_instant or maximum.instant)


def _usual_gap(instant: datetime, a: str, b: str) -> float:
    """The gap in hours when both zones are on standard time (mid-January of the same year)."""
    return utc_offset_hours(datetime(instant.year, 1, 15, 12, tzinfo=UTC), a, b)
