"""Rich tables for schedules: every event in every zone, with its business-day number and rule."""

from __future__ import annotations

from datetime import datetime

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..schedule import Event, Schedule
from ..timeutil import day_and_clock

STYLE = {"breach": "bold red", "relieved": "yellow", "estimate": "italic cyan", "observed": "green"}


def wall_clock(instant: datetime, zone_name: str) -> str:
    """``Thu 2002-09-12 12:00``; an instant at 00:00 local is shown as 24:00 of the day before."""
    day, clock = day_and_clock(instant, zone_name)
    return f"{day:%a %Y-%m-%d} {clock}"


def other_clock(instant: datetime, zone_name: str, lead_zone: str) -> str:
    """The time in another zone, with the day shift from the lead zone's day (``06:00 +1d``)."""
    lead_day = day_and_clock(instant, lead_zone)[0]
    day, clock = day_and_clock(instant, zone_name)
    shift = (day - lead_day).days
    return clock if shift == 0 else f"{clock} {shift:+d}d"


def _zone_title(name: str) -> str:
    return name.split("/")[-1].replace("_", " ")


def _marks(event: Event) -> str:
    marks = []
    if event.estimate and not event.observed:
        marks.append("estimate")
    if event.observed:
        marks.append("observed" + (", approximate" if event.approximate else ""))
    if event.status in ("relieved", "breach"):
        marks.append(event.status)
    if not event.in_force:
        marks.append("reference only")
    return f" [{'; '.join(marks)}]" if marks else ""


def schedule_table(schedule: Schedule) -> Table:
    """One row per event: label and citation, the instant in every zone (the first in full), day number."""
    table = Table(title=schedule.name or "Timetable", box=box.SIMPLE_HEAVY, show_lines=True)
    table.add_column("Event / rule", overflow="fold", ratio=1, min_width=24)
    lead, *others = schedule.zones
    table.add_column(_zone_title(lead), no_wrap=True)
    for name in others:
        table.add_column(_zone_title(name), no_wrap=True)
    table.add_column("Day", justify="right")
    for event in schedule.events:
        style = STYLE.get(event.status) or ("italic cyan" if event.estimate else "")
        cell = Text(f"{event.regime}: {event.label.get('en', event.key)}{_marks(event)}", style=style)
        cell.append(f"\n{event.rule}", style="dim")
        times = [wall_clock(event.instant, lead), *(other_clock(event.instant, z, lead) for z in others)]
        table.add_row(cell, *times, str(event.business_day or ""))
    return table


def print_schedule(schedule: Schedule, console: Console | None = None) -> None:
    console = console or Console()
    console.print(schedule_table(schedule))
    for warning in schedule.warnings:
        style = {"breach": "bold red", "warning": "yellow"}.get(warning.severity, "dim")
        console.print(Text(f"{warning.severity} [{warning.code}] {warning.message}", style=style))
