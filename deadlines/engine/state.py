"""What every part of the engine shares: each leg's state while it is computed, and the diagnostics.

The diagnostics are one object (:class:`Diagnostics`): the warnings and notes for the schedule and the
breaches for each event's row, each with its code and a message template marked for translation where it
is written (``N_("...")``) and its values as keyword arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..calendars import BusinessCalendar, Count
from ..model import Amendment, Deal, Leg, Observed, Relief
from ..records import Record
from ..rules import Rule, Rulebook
from ..schedule import Breach, Event, Warning
from ..text import N_, Items, Msg


class LegState(Record):
    """One leg while the engine computes it: its rulebook and calendars, the rules in force, its events."""

    def __init__(
        self,
        leg: Leg,
        book: Rulebook,
        cal: BusinessCalendar,
        settle: BusinessCalendar,
        rules: list[Rule],
        edition: date,
    ) -> None:
        self.leg, self.book, self.cal, self.settle, self.rules = leg, book, cal, settle, rules
        # The date that chose the rules in force (the start, or the event the book's edition_from names).
        self.edition = edition
        self.events: dict[str, Event] = {}
        self.relieved: set[str] = set()
        self.relief: dict[str, Relief] = {}
        self.amendment_minima: list[Event] = []
        # event key -> the key of the rule it comes from (numbered events: price-change-1 -> price-change)
        self.rule_of: dict[str, str] = {}
        # rules with no date for this deal: a "given" date the deal does not give, and what counts from it
        self.skipped: set[str] = set()
        # rule key -> a note for its event, known before it is computed (a last day to amend made moot when
        # an amendment extended the period by law)
        self.notes: dict[str, Msg] = {}


def counts(state: LegState, rule: Rule, amendment: Amendment) -> bool:
    """Whether the leg's amendment ``rule`` counts ``amendment``: the deal gives it for every leg or for this
    one, and it is of a kind the rule names."""
    return amendment.regime in (None, state.book.id) and amendment.kind in rule.amendments


class Diagnostics:
    """The warnings, breaches and notes of one computation."""

    def __init__(self, warnings: list[Warning]) -> None:
        self.warnings = warnings
        self.row_breaches: dict[str, list[Breach]] = {}  # event id -> the rules it breaks

    def warn(
        self, code: str, template: str, severity: str = "warning", about: str | None = None, **params: object
    ) -> None:
        """Record a warning; ``about`` is the id of the event it concerns (templates may use {event})."""
        self.warnings.append(Warning(code, template, dict(params), severity, about))

    def mark(self, events: list[Event]) -> None:
        """Put each breach on the row of the event that breaks the rule: status "breach", or "relieved" when
        relief waives every rule it breaks."""
        by_id = {e.id: e for e in events}
        for event_id, found in self.row_breaches.items():
            event = by_id[event_id]  # a breach always names an event of the schedule
            event.breaches = list({(b.code, b.message): b for b in found}.values())
            event.status = "breach" if event.unwaived else "relieved"

    def result(self) -> list[Warning]:
        """The warnings, each said once."""
        seen: set[tuple[str, str]] = set()
        out = []
        for w in self.warnings:
            key = (w.code, w.message)
            if key not in seen:
                seen.add(key)
                out.append(w)
        return out


class EngineBase:
    """The state the parts of the engine (:mod:`.expiry`, :mod:`.observed`, :mod:`.core`) share, and the
    steps each part asks of another."""

    deal: Deal
    legs: list[LegState]
    no_subsequent: dict[int, tuple[LegState, Rule]]  # legs whose subsequent period was not in force yet
    observed: dict[str, Observed]
    diag: Diagnostics

    def warn(
        self, code: str, template: str, severity: str = "warning", about: str | None = None, **params: object
    ) -> None:
        self.diag.warn(code, template, severity, about, **params)

    def _breach(
        self, state: LegState, rule_key: str, event_id: str, code: str, template: str, **params: object
    ) -> None:
        """Record that the event ``event_id`` breaks the rule ``rule_key`` of the leg (a rule's key, or the key
        of a numbered event such as ``price-change-1``, whose rule is ``price-change``): a breach on its row and
        in the warnings, or, when the deal has relief from that rule, a waived breach (status "relieved")."""
        relief = state.relief.get(state.rule_of.get(rule_key, rule_key))  # relief names the rulebook's key
        self.diag.row_breaches.setdefault(event_id, []).append(
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
    def _citation(state: LegState, rule_key: str) -> str:
        """The citation of the rule ``rule_key`` names: a computed event's (amendment minimums are numbered),
        else that of the rule the event comes from, as in force for the offer."""
        event = state.events.get(rule_key)
        if event is not None:
            return event.rule
        key = state.rule_of.get(rule_key, rule_key)  # an event being made: its rule, as in force for the offer
        rule = next((r for r in state.rules if r.key == key), None) or state.book.rules.get(key)
        return rule.citation if rule is not None else ""

    # The steps one part asks of another, defined by :mod:`.core` and :mod:`.observed`.
    _count: Callable[[LegState, Rule, date, int], tuple[date, Msg | Items, Count | None]]
    _other_units: Callable[[LegState, Rule, date, date], list[tuple[date, Rule, date]]]
    _event: Callable[..., Event]
    _last_expiry_key: Callable[[LegState], str | None]
    _apply_observed: Callable[[LegState, Event, Rule], Event]
