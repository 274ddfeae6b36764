"""A schedule as rows of text in one language: what the rich table, Markdown, CSV and HTML all show.

Each row keeps the event's state relative to ``today`` (past / today / upcoming) and its status
(breach, relieved, estimate, observed), which the table maps to theme styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from ..i18n import Localizer, cldr
from ..i18n.formats import format_clock, format_date, zone_label
from ..schedule import Event, Schedule
from ..text import N_, Msg, Ordinal, Plural, Term
from ..timeutil import day_and_clock, unusual_gap

# The one-line table's marks: a sign each, explained by a legend under the table (only the signs used).
SIGNS = {
    "breach": "!",
    "relieved": "+",
    "estimate": "*",
    "observed": "=",
    "approximate": "~",
    "reference": "?",
    "extended": ">",
}

# Short labels for the rulebook labels that stay long once their parentheses are dropped (by rule key);
# any other label is shortened by :func:`short_label`.
SHORT_LABELS = {
    "target-position": N_("Target's 14D-9 due"),
    "target-position-exemptive-2026": N_("Target's 14D-9 filed"),
    "minimum-expiry-exemptive-2026": N_("Earliest expiry (2026 order)"),
    "price-change": N_("Open 10 days after a price change"),
    "material-change": N_("Open 5 days after a material change"),
    "withdrawal-backstop": N_("Withdrawal rights revive"),
    "payment": N_("Payment for tenders"),
    "results-announcement": N_("Results announced"),
    "sop-start": N_("Subsequent period: start"),
    "sop-minimum-expiry": N_("Subsequent period: min. end"),
    "sop-maximum-expiry": N_("Subsequent period: max. end"),
    "sop-expiry": N_("Subsequent period: end"),
    "sop-payment": N_("Subsequent period: payment"),
    "reopening-latest-opening": N_("Reopening: latest opening"),
    "reopening-opening": N_("Reopening: opening"),
    "reopening-minimum-closing": N_("Reopening: earliest closing"),
    "reopening-closing": N_("Reopening: closing"),
    "reopening-result": N_("Reopening: result"),
    "reopening-settlement": N_("Reopening: settlement"),
    "extension-notice": N_("Extension: announce by"),
    "squeeze-out-window": N_("Squeeze-out: latest date"),
}

MARKS = {
    "estimate": N_("estimate"),
    "observed": N_("observed"),
    "approximate": N_("observed, approximate"),
    "breach": N_("breach"),
    "relieved": N_("waived"),
    "reference": N_("reference only"),
    "extended": N_("extended"),
}


@dataclass
class Row:
    event: Event
    label: str
    regime: str
    rule: str
    marks: list[str]
    times: list[str]  # one per zone of the schedule, the first with its date
    count: str  # "20th business day" or ""
    today: date | None  # the day the time left counts from (none: no time left)
    style: str  # theme style: breach, relieved, estimate, observed, past, today, upcoming
    note: str
    trace: str
    dst: bool = False  # the zones' clocks are out of step at this instant (only one of them has changed)
    breaches: list[str] = field(default_factory=list)  # the messages of the rules the event breaks (unwaived)
    # The one-line table's cells: the short label, the short rule reference ("14e-1(a)"), the mark signs
    # ("*+"), the local day and the clock in each zone, and the time left for an event still to come.
    short: str = ""
    unqualified: str = ""  # the short label without its offer, when ``short`` names it (a calendar's title)
    ref: str = ""
    signs: str = ""
    days: list[date] = field(default_factory=list)
    clocks: list[str] = field(default_factory=list)
    left: str = ""
    loc: Localizer | None = None

    @property
    def days_left(self) -> str:
        """The time left in words, "in 41 days" / "8 days ago", or "" without a today: made when drawn,
        so that the one-line table, which does not show it, never imports pendulum."""
        if self.today is None or self.loc is None:
            return ""
        return days_left(self.loc, self.event.day, self.today)[0]


@dataclass
class Rows:
    title: str
    headers: list[str]
    zones: list[str]
    rows: list[Row] = field(default_factory=list)
    warnings: list[tuple[str, str, str]] = field(default_factory=list)  # severity, code, text
    legend: str = ""


def headers(loc: Localizer, zones: list[str], today: date | None) -> list[str]:
    out = [loc._(N_("Event")), *(zone_label(loc, z, header=True) for z in zones)]
    if today is not None:
        out.append(loc._(N_("Days left")))
    return out


def _marks(loc: Localizer, event: Event) -> list[str]:
    return [loc._(MARKS[k]) for k in _mark_keys(event)]


def _mark_keys(event: Event) -> list[str]:
    keys = []
    if event.estimate and not event.observed:
        keys.append("estimate")
    if event.observed:
        keys.append("approximate" if event.approximate else "observed")
    if event.status in ("relieved", "breach"):
        keys.append(event.status)
    if not event.in_force:
        keys.append("reference")
    if event.kind == "extended":
        keys.append("extended")
    return keys


def signs_legend(loc: Localizer, signs: str) -> str:
    """ "* estimate  + waived": the signs used, in the order of :data:`SIGNS`."""
    used = [f"{sign} {loc._(MARKS[key])}" for key, sign in SIGNS.items() if sign in signs]
    return "  ".join(used)


def _strip_brackets(text: str) -> str:
    while True:
        shorter = re.sub(r"\s*\([^()]*\)", "", text)
        if shorter == text:
            return text.strip()
        text = shorter


def short_label(loc: Localizer, event: Event) -> str:
    """The event's label for one line: the rulebook label without its parenthesised details (the row's
    times and marks say them), or a shorter wording for the few that stay long."""
    short = _short_of(event.regime, event.label)
    if short is not None:
        return loc._(short)
    text = _strip_brackets(loc.text(Term(event.label)))
    # "Settlement (règlement-livraison), estimate: 3 to 5 trading days after the result": the mark says it.
    text = re.split(r",\s*(?:estimate|estimation)\b", text)[0]
    return text.strip(" ,;:") or loc.text(Term(event.label))


@cache
def _short_of(regime: str, label: str) -> str | None:
    """The short wording of the rule whose label is ``label`` (an extension's notice has the rule's)."""
    from ..rules import REGIMES, get_rulebook

    if regime not in REGIMES:
        return None
    for key, rule in get_rulebook(regime).rules.items():
        if rule.label == label and key in SHORT_LABELS:
            return SHORT_LABELS[key]
    return None


_REFERENCES = (
    re.compile(r"\bRule (\d+[a-z]-\d+(?:\([a-z0-9]+\))*)"),
    re.compile(r"\bRule (\d+\.\d+(?:\([a-z0-9]+\))*)"),  # the UK Takeover Code: "Rule 31.7(b)"
    re.compile(r"\bart\. ((?:L\. )?\d+-\d+(?:-\d+)?)"),
    re.compile(r"\bSection (\d+(?:\([a-z0-9]+\))+)"),
    re.compile(r"\bUEV art\. (\d+(?:\([a-z0-9]+\))*)"),  # the Swiss Takeover Ordinance: "UEV art. 14(3)"
    re.compile(r"\bWpÜG (§ \d+(?:\([a-z0-9]+\))*)"),  # the German takeover act: "WpÜG § 16(1)"
)


def short_ref(loc: Localizer, rule: str) -> str:
    """The first reference of a citation, as a timetable's Reference column writes it: "14e-1(a)" for
    "Rule 14e-1(a): ...", "232-2" for "RG AMF art. 232-2: ...", "14(d)(5)" for "Section 14(d)(5)", "31.7(b)"
    for "Takeover Code, Rule 31.7(b): ...", "14(3)" for "UEV art. 14(3): ...", "§ 16(1)" for "WpÜG § 16(1) ...";
    "practice" for market practice."""
    found = [(m.start(), m.group(1)) for pattern in _REFERENCES if (m := pattern.search(rule))]
    if found:
        ref = min(found)[1]
        return ref
    if rule.lower().startswith("market practice"):
        return loc.pgettext("short rule reference", "practice")
    return ""


def short_left(loc: Localizer, day: date, today: date) -> str:
    """ "3 d" for an event still to come, "today", nothing for one past (its date says it)."""
    delta = (day - today).days
    if delta == 0:
        return loc._(N_("today"))
    if delta < 0:
        return ""
    return loc.text(Msg(N_("{n} d"), n=delta))


def weekday(loc: Localizer, day: date) -> str:
    return _weekday(str(loc.lang.locale), day.weekday())


@cache
def _weekday(locale: str, index: int) -> str:
    """The short weekday name: CLDR's skeleton lookup takes milliseconds, seven names a locale are kept."""
    return cldr.format_skeleton("E", date(2001, 1, 1 + index), locale)  # 1 January 2001 was a Monday


def _clocks(loc: Localizer, event: Event, zones: list[str]) -> tuple[list[date], list[str]]:
    days, clocks = [], []
    for zone_name in zones:
        day, clock = format_clock(loc, event.instant, zone_name)  # plain spaces: the cells never wrap
        days.append(day)
        clocks.append(clock)
    return days, clocks


def _unit(event: Event) -> str:
    return event.count.unit if event.count is not None else "business"


def day_state(day: date, today: date) -> str:
    """past, today or upcoming: ``day`` seen from ``today``."""
    return "today" if day == today else "past" if day < today else "upcoming"


def days_left(loc: Localizer, day: date, today: date) -> tuple[str, str]:
    """The text and the state of ``day`` seen from ``today`` (calendar days)."""
    delta = (day - today).days
    if delta == 0:
        return loc._(N_("today")), "today"
    from ..i18n.relative import relative  # pendulum's words, only when a time left is drawn

    return relative(loc.lang.words, delta), day_state(day, today)


def _times(loc: Localizer, event: Event, zones: list[str]) -> list[str]:
    lead_day = day_and_clock(event.instant, zones[0])[0]
    out = []
    for i, zone_name in enumerate(zones):
        day, clock = format_clock(loc, event.instant, zone_name, nowrap=True)  # "12:00 noon" on one line
        if i == 0:  # the date on its own line: "Thursday, September 12, 2002" / "12:00 noon"
            out.append(f"{format_date(loc, day, 'long')}\n{clock}")
        elif day != lead_day:
            out.append(f"{format_date(loc, day, 'short')}\n{clock}")
        else:
            out.append(clock)
    return out


def _clocks_out_of_step(event: Event, zones: list[str]) -> bool:
    return any(unusual_gap(event.instant, a, b) is not None for i, a in enumerate(zones) for b in zones[i + 1 :])


def schedule_rows(schedule: Schedule, loc: Localizer, today: date | None = None) -> Rows:
    title = schedule.name or loc._(N_("Offer timetable"))
    rows = Rows(title, headers(loc, schedule.zones, today), schedule.zones)
    for event in schedule.events:
        state = day_state(event.day, today) if today is not None else "upcoming"
        days, clocks = _clocks(loc, event, schedule.zones)
        style = {"breach": "breach", "relieved": "relieved"}.get(event.status, "")
        if not style:
            style = "observed" if event.observed else "estimate" if event.estimate else state
        rows.rows.append(
            Row(
                event=event,
                label=loc.text(Term(event.label)),
                regime=event.regime,
                rule=loc.text(Term(event.rule)),
                marks=_marks(loc, event),
                times=_times(loc, event, schedule.zones),
                count=loc.text(Ordinal(event.business_day, _unit(event))) if event.business_day else "",
                today=today,
                style=style,
                note=loc.text(event.note) if event.note else "",
                trace=loc.text(event.trace),
                dst=_clocks_out_of_step(event, schedule.zones),
                breaches=[loc.text(b.msg) for b in event.unwaived],
                short=short_label(loc, event),
                ref=short_ref(loc, event.rule),
                signs="".join(SIGNS[k] for k in _mark_keys(event)),
                days=days,
                clocks=clocks,
                left=short_left(loc, event.day, today) if today is not None else "",
                loc=loc,
            )
        )
    _qualify_shared_labels(loc, rows.rows)
    for warning in schedule.warnings:
        rows.warnings.append((warning.severity, warning.code, loc.text(warning.msg)))
    rows.legend = loc._(
        N_("24:00 and midnight are the end of the day shown; times in every zone are the same instant.")
    )
    return rows


def _qualify_shared_labels(loc: Localizer, rows: list[Row]) -> None:
    """Two events of different regimes never share a short label: each such label names its offer, as a
    calendar's title does ("Clôture de l'offre (offre française)" / "(offre américaine)"). Every row of the
    schedule counts, shown or not, so that a label reads the same with or without ``--all``."""
    regimes: dict[str, set[str]] = {}
    for row in rows:
        regimes.setdefault(row.short, set()).add(row.regime)
    for row in rows:
        if len(regimes[row.short]) > 1:
            # the calendar summary's template: "{event} ({offer})", translated whole
            row.unqualified = row.short
            row.short = loc._(N_("{event} ({offer})")).format(event=row.short, offer=regime_words(loc, row.regime))


def regime_words(loc: Localizer, regime: str) -> str:
    """The offer in a few words, the rulebook's ``offer`` ("US offer"): where a label names its offer and in a
    calendar event's summary, which calendar apps show alone and often cut (the title is in its description)."""
    from ..rules import REGIMES, get_rulebook
    from ..text import Term

    return loc.text(Term(get_rulebook(regime).offer)) if regime in REGIMES else regime


SEVERITY = {"breach": N_("breach"), "warning": N_("warning"), "info": N_("note")}


def visible_rows(rows: Rows, show_all: bool) -> tuple[list[Row], int]:
    """The rows to draw and how many are hidden (rules not in force for the deal's dates), for every
    view of the timetable (terminal, HTML, Word)."""
    if show_all:
        return list(rows.rows), 0
    shown = [row for row in rows.rows if row.event.in_force]
    return shown, len(rows.rows) - len(shown)


def hidden_line(loc: Localizer, hidden: int, document: bool = False) -> str:
    """The line that says how many rules not in force are hidden; in a ``document`` people circulate
    (HTML, Word), without the command-line hint."""
    if document:
        return loc.text(
            Plural(
                "{n} rule not in force for this deal's dates is not shown",
                "{n} rules not in force for this deal's dates are not shown",
                hidden,
            )
        )
    return loc.text(
        Plural(
            "{n} rule not in force for this deal's dates: hidden (--all shows it)",
            "{n} rules not in force for this deal's dates: hidden (--all shows them)",
            hidden,
        )
    )
