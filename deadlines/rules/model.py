"""The records a rulebook is read into: a :class:`Rulebook` of :class:`Rule` s, with effective-date versions.

Every field with a fixed set of values is a ``Literal``; :mod:`deadlines.rules.schema` checks a file against
these sets (and the references between rules) when it loads.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from itertools import pairwise
from typing import Any, Literal, NamedTuple, get_args

from ..timeutil import WallTime

# given: a date only the deal knows (an announcement before the offer starts), from an [[observed]] event;
# the rules counted from it appear when the deal gives it.
Kind = Literal["start", "minimum", "maximum", "expiry", "deadline", "estimate", "amendment", "given"]
# weeks: as the German Civil Code counts them (§§ 187, 188(2) BGB): with day1 = "next" (the day of the event
# not counted, § 187(1)), n weeks end on the weekday of the same name as the anchor's, n weeks later.
Unit = Literal["business", "settlement", "calendar", "weeks", "months"]
Day1 = Literal["anchor", "next"]  # anchor: the anchor's day is day 1 (Rule 14d-1(g)(3)); next: the day after
Phase = Literal["initial", "subsequent"]
Requires = Literal["subsequent"]
Evidence = Literal["V", "V2", "K", "P"]  # primary text, secondary source, believed, market practice

KINDS: tuple[Kind, ...] = get_args(Kind)
UNITS: tuple[Unit, ...] = get_args(Unit)
DAY1S: tuple[Day1, ...] = get_args(Day1)
PHASES: tuple[Phase, ...] = get_args(Phase)
REQUIRES: tuple[Requires, ...] = get_args(Requires)
EVIDENCE: tuple[Evidence, ...] = get_args(Evidence)
LAST_CLOSING = "last-closing"  # an anchor: the last expiry of the offer (the reopening's, when there is one)


class Option(NamedTuple):
    name: str
    since: date | None = None


class Rule(NamedTuple):
    """One timing rule of a regime, as in force for a given offer."""

    key: str
    kind: Kind
    label: str  # English; the catalogs translate it (rulebooks are extracted by deadlines.i18n.extract)
    citation: str
    evidence: Evidence
    anchor: str | None = None
    unit: Unit = "business"
    n: int = 0
    n_max: int | None = None
    day1: Day1 = "anchor"
    time: WallTime | None = None
    option: Option | None = None
    replaces: str | None = None
    requires: Requires | None = None
    amendments: tuple[str, ...] = ()
    staff_position: bool = False
    phase: Phase = "initial"
    limit: str | None = None
    in_force: bool = True
    optional: bool = False
    each_extension: bool = False  # also counted from each scheduled expiry that was extended
    back: bool = False  # counted back from the anchor: n days before it (Day 39 = Day 60 less 21 calendar days)
    # The calendar a count in business days uses, when not the rulebook's: German Werktage (Saturdays
    # counted) until 2023 and Arbeitstage from 2024 (§§ 14(2), 21(1) WpÜG) are two calendars.
    calendar: str | None = None
    # For an amendment rule anchored on the expiry: an amendment published in the last ``window`` calendar
    # days of the period in force extends it by n units, by law (§ 21(5) WpÜG: two weeks).
    window: int | None = None
    # For a rule of kind "given": its date, when later than the expiry, becomes the expiry by law (§ 22(2)
    # WpÜG: the end of a competing offer's acceptance period).
    extends: bool = False
    # A period other regimes' offers run as their subsequent offering period (the German additional acceptance
    # period, § 16(2) WpÜG, in US–German offers): the deal's subsequent period is compared with it.
    subsequent_like: bool = False
    # A later observed date is the rule's date moved by the authority (the Panel extends Day 60, Rule 31.3),
    # not a deadline missed: what counts from it moves with it.
    extendable: bool = False
    # Not part of the rules for some dates (another edition of the rules has no such step): left out, not
    # shown for reference as a rule no longer in force is.
    absent: bool = False
    versions: tuple[dict[str, Any], ...] = ()

    def as_of(self, day: date) -> Rule:
        """The rule as in force for an offer that started on ``day``."""
        rule = self
        for version in self.versions:
            since = version.get("since", date.min)
            until = version.get("until", date.max)
            if since <= day < until:
                changes = {k: v for k, v in version.items() if k not in ("since", "until")}
                if "time" in changes:
                    changes["time"] = WallTime.parse(changes["time"])
                rule = rule._replace(**changes)
        return rule


def present_spans(rule: Rule) -> list[tuple[date | None, date | None]] | None:
    """The spans of dates (first day or None, day after the last or None) for which ``rule`` is part of the
    rules, or None when it always is (a version with ``absent`` leaves it out for some dates)."""
    changes = sorted({v[k] for v in rule.versions for k in ("since", "until") if k in v})
    bounds: list[date | None] = [None, *changes, None]
    spans: list[tuple[date | None, date | None]] = []
    for since, until in pairwise(bounds):
        if rule.as_of(since or date.min).absent:
            continue
        if spans and spans[-1][1] == since:
            spans[-1] = (spans[-1][0], until)  # continues the span before
        else:
            spans.append((since, until))
    return None if spans == [(None, None)] else spans


class Rulebook(NamedTuple):
    id: str
    title: str
    calendar: str
    settlement_calendar: str
    zone: str
    start: str
    expiry: str
    rules: dict[str, Rule]
    default_expiry_time: WallTime
    historic_before: date | None = None
    historic_note: str = ""
    offer: str = ""  # the offer in a few words ("US offer"), where the title would be cut
    # A day counted in calendar days on which the calendar is closed is warned about (never moved): the UK
    # Code's "Day N" has no roll rule.
    warn_closed_days: bool = False
    # The rule of kind "given" whose date chooses the rules in force (the UK Code's 2021 timetable applies
    # by the date of the first firm offer's Rule 2.7 announcement, not the offer document's): when the
    # deal gives it; else the offer's start chooses them.
    edition_from: str | None = None
    # The editions of the rules, in order: (first day or None, day after the last or None, English label).
    editions: tuple[tuple[date | None, date | None, str], ...] = ()

    def edition_name(self, day: date) -> str:
        """The label of the edition of the rules for offers whose rules date from ``day`` (the title when
        the book names no editions)."""
        for since, until, label in self.editions:
            if (since is None or since <= day) and (until is None or day < until):
                return label
        return self.title

    @property
    def counts_from_day_0(self) -> bool:
        """Whether its offer's start is Day 0 and its days are the calendar days after it (the UK Code's
        "Day 21"), rather than day 1 of a count of business days."""
        return self.rules[self.start].day1 == "next"

    def edition_day(self, start: date, observed: Mapping[str, date]) -> date:
        """The date that chooses the rules in force for an offer starting on ``start``, given the dates the
        deal observed (event id -> day)."""
        if self.edition_from is None:
            return start
        return observed.get(f"{self.id}.{self.edition_from}", start)

    def in_force(self, day: date, options: set[str]) -> list[Rule]:
        """Rules applying to an offer whose rules date from ``day`` (its start, or the event named by
        ``edition_from``) with the chosen ``options``."""
        out: list[Rule] = []
        replaced: set[str] = set()
        for rule in self.rules.values():
            if rule.option is not None:
                if rule.option.name in options and (rule.option.since is None or day >= rule.option.since):
                    if rule.replaces:
                        replaced.add(rule.replaces)
                else:
                    continue
            out.append(rule.as_of(day))
        return [r for r in out if r.key not in replaced and not r.absent]


# The kinds counted from an anchor (besides "start", whose later phases start from one).
COUNTED = ("minimum", "maximum", "deadline", "estimate")


def waits(rules: Mapping[str, Rule], expiry: str) -> dict[str, list[tuple[str, str | None]]]:
    """What each rule waits for, with the field that says so (None: implied). Besides ``anchor`` and
    ``limit``: a later phase's start waits for the book's initial ``expiry`` (it must follow it);
    an expiry waits for its phase's start and for its phase's minimums and maximums (it is checked against
    them); a rule counted from the ``last-closing`` waits for every expiry. The schema refuses loops in it;
    the engine's plan is its order."""
    out: dict[str, list[tuple[str, str | None]]] = {key: [] for key in rules}
    initial = expiry if expiry in rules else None
    for rule in rules.values():
        if rule.anchor == LAST_CLOSING:
            out[rule.key] += [(r.key, "anchor") for r in rules.values() if r.kind == "expiry"]
        elif rule.anchor is not None and (rule.kind in COUNTED or rule.kind == "start"):
            out[rule.key].append((rule.anchor, "anchor"))
        if rule.limit is not None:
            out[rule.key].append((rule.limit, "limit"))
        if rule.kind == "start" and rule.phase != "initial" and initial is not None:
            out[rule.key].append((initial, None))
        if rule.kind == "expiry":
            out[rule.key] += [
                (r.key, None)
                for r in rules.values()
                if r.phase == rule.phase and r.kind in ("start", "minimum", "maximum")
            ]
    return out
