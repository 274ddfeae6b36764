"""Observed facts over computed dates: what actually happened replaces the rule's date, and is checked
against the rule (a minimum not kept, a deadline passed, an observation before what it counts from)."""

from __future__ import annotations

from ..rules import Rule
from ..schedule import Event
from ..text import N_, At, Items, Msg, Term
from .counting import rule_calendar
from .state import EngineBase, LegState

OBSERVED_TRACE = {  # (approximate, has a source) -> how an observation replaces the rule's date
    (False, True): N_("observed on {day} ({source}); the rule gives {computed}: {trace}"),
    (True, True): N_("observed on or about {day} ({source}); the rule gives {computed}: {trace}"),
    (False, False): N_("observed on {day}; the rule gives {computed}: {trace}"),
    (True, False): N_("observed on or about {day}; the rule gives {computed}: {trace}"),
}


class Observations(EngineBase):
    def _apply_observed(self, state: LegState, event: Event, rule: Rule) -> Event:
        obs = self.observed.get(event.id)
        if obs is None:
            return event
        computed, computed_instant = event.day, event.instant
        event.instant = obs.instant(event.zone)
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
        if rule.extendable and event.instant > computed_instant:
            # Moved by the authority (the Panel extends Day 60): what counts from it follows the new date.
            self.warn(
                "deadline-moved",
                N_("{regime}: {label} moved from {computed} to {day} as observed; the dates counted from it move too"),
                severity="info",
                about=event.id,
                regime=state.book.id,
                label=Term(event.label),
                computed=computed,
                day=obs.day,
            )
        elif event.kind == "deadline" and event.instant > computed_instant:
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

    def _check_observed_anchor(self, state: LegState, event: Event, rule: Rule) -> None:
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

    def _check_observed_day(self, state: LegState, event: Event, rule: Rule) -> None:
        """An observed event of a rule counted in business (or settlement) days, on a day its calendar is
        closed: a warning (an expiry on a closed day is a breach, see _validate)."""
        if rule.unit not in ("business", "settlement") or event.kind in ("expiry", "chosen", "extended"):
            return
        cal = rule_calendar(rule, state.cal, state.settle)
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
