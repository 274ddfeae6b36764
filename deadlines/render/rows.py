"""A schedule as rows of text in one language: what the rich table, Markdown, CSV and HTML all show.

Each row keeps the event's state relative to ``today`` (past / today / upcoming) and its status
(breach, relieved, estimate, observed), which the table maps to theme styles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..i18n import Localizer
from ..i18n.formats import format_clock, format_date, zone_label
from ..schedule import Event, Schedule
from ..text import N_, Ordinal, Plural, Term
from ..timeutil import day_and_clock, unusual_gap

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
    days_left: str
    style: str  # theme style: breach, relieved, estimate, observed, past, today, upcoming
    note: str
    trace: str
    dst: bool = False  # the zones' clocks are out of step at this instant (only one of them has changed)
    breaches: list[str] = field(default_factory=list)  # the messages of the rules the event breaks (unwaived)


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
    return [loc._(MARKS[k]) for k in keys]


def _unit(event: Event) -> str:
    return event.count.unit if event.count is not None else "business"


def days_left(loc: Localizer, day: date, today: date) -> tuple[str, str]:
    """The text and the state of ``day`` seen from ``today`` (calendar days)."""
    delta = (day - today).days
    if delta == 0:
        return loc._(N_("today")), "today"
    if delta < 0:
        return loc.text(Plural("{n} day ago", "{n} days ago", -delta)), "past"
    return loc.text(Plural("in {n} day", "in {n} days", delta)), "upcoming"


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
        left, state = days_left(loc, event.day, today) if today is not None else ("", "upcoming")
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
                days_left=left,
                style=style,
                note=loc.text(event.note) if event.note else "",
                trace=loc.text(event.trace),
                dst=_clocks_out_of_step(event, schedule.zones),
                breaches=[loc.text(b.msg) for b in event.unwaived],
            )
        )
    for warning in schedule.warnings:
        rows.warnings.append((warning.severity, warning.code, loc.text(warning.msg)))
    rows.legend = loc._(
        N_("24:00 and midnight are the end of the day shown; times in every zone are the same instant.")
    )
    return rows


SEVERITY = {"breach": N_("breach"), "warning": N_("warning"), "info": N_("note")}
