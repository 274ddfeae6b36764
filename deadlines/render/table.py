"""Rich tables for schedules: every event in every zone, its count and rule, in one or two languages.

Styles are semantic (see :data:`THEME`): the table says *past*, *breach* or *estimate* and the theme
decides the colour, so ``NO_COLOR`` and non-terminals get plain text with nothing lost.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from ..i18n import Localizer
from ..schedule import Schedule
from ..text import N_, terminal_safe
from .rows import SEVERITY, Rows, schedule_rows

THEME = Theme(
    {
        "past": "dim",
        "today": "bold reverse",
        "upcoming": "bold",
        "breach": "bold red",
        "relieved": "yellow",
        "estimate": "italic cyan",
        "observed": "green",
        "citation": "dim",
        "count": "",
        "severity.breach": "bold red",
        "severity.warning": "yellow",
        "severity.info": "dim",
        "closed": "red",
        "half": "yellow",
        "heading": "bold",
        "event": "bold underline",
        "dst": "magenta",
    }
)

# Below this width a bilingual schedule is stacked (English above French) rather than side by side.
SIDE_BY_SIDE_MIN = 200


# Table widths the command line accepts (--width, and COLUMNS from the environment).
MIN_WIDTH, MAX_WIDTH = 40, 1000


def make_console(width: int | None = None, **kwargs: object) -> Console:
    """A console with the theme, ``width`` columns wide (default: the terminal's). ``COLUMNS`` counts only
    when it is a whole number from 40 to 1000: otherwise (``0``, ``-5``, ``abc``) it is ignored, as if
    unset, and the table takes the terminal's width (80 when the output is not a terminal)."""
    import os

    environ = dict(os.environ)
    columns = environ.get("COLUMNS", "")
    if not (columns.isdigit() and MIN_WIDTH <= int(columns) <= MAX_WIDTH):
        environ.pop("COLUMNS", None)
    return Console(theme=THEME, width=width, _environ=environ, **kwargs)  # type: ignore[arg-type]


def plain_text(draw: Callable[[Console], None], width: int) -> str:
    """What ``draw`` prints, as plain text ``width`` columns wide (no colour, no escape codes): the table
    written to a file."""
    buffer = io.StringIO()
    draw(make_console(width, file=buffer, color_system=None, force_terminal=False))
    return buffer.getvalue()


def rows_table(rows: Rows, separator: str = "; ", event_line: str = "{regime}: {label}") -> Table:
    # Titles, headers and captions are Text, never markup: a deal named "Project [draft]" keeps its brackets.
    table = Table(
        title=Text(terminal_safe(rows.title)), box=box.SIMPLE_HEAVY, show_lines=True, title_style="heading", expand=True
    )
    event_header, *zone_headers = rows.headers
    table.add_column(Text(event_header), overflow="fold", ratio=1, min_width=28, width=28)
    for i, header in enumerate(zone_headers[: len(rows.zones)]):
        # The lead zone carries the full date on one line; the others wrap to date / time.
        table.add_column(Text(header), min_width=14 if i == 0 else None, max_width=None if i == 0 else 14)
    with_days_left = len(zone_headers) > len(rows.zones)
    if with_days_left:
        table.add_column(Text(zone_headers[-1]), justify="right", max_width=12)
    for row in rows.rows:
        cell = Text(event_line.format(regime=row.regime, label=row.label), style=row.style)
        if row.marks:
            cell.append(f" [{separator.join(row.marks)}]")
        if row.count:
            cell.append(f"\n{row.count}", style="count")
        cell.append(f"\n{row.rule}", style="citation")
        if row.note:
            cell.append(f"\n{row.note}", style="citation")
        times = (Text(t, style="dst" if row.dst else "") for t in row.times)
        table.add_row(cell, *times, *([row.days_left] if with_days_left else []))
    table.caption = Text(rows.legend)
    return table


def warnings_block(loc: Localizer, rows: Rows) -> Text:
    text = Text()
    for severity, code, message in rows.warnings:
        if text:
            text.append("\n")
        text.append(f"{loc._(SEVERITY.get(severity, N_('note')))} [{code}] ", style=f"severity.{severity}")
        text.append(message)
    return text


def schedule_renderable(schedule: Schedule, loc: Localizer, today: date | None = None) -> RenderableType:
    rows = schedule_rows(schedule, loc, today)
    separator = loc.pgettext("separator between the parts of a trace", "; ")
    parts: list[RenderableType] = [rows_table(rows, separator, loc._(N_("{regime}: {label}")))]
    if rows.warnings:
        parts.append(warnings_block(loc, rows))
    return Group(*parts)


def print_schedule(
    schedule: Schedule, locs: Sequence[Localizer], console: Console | None = None, today: date | None = None
) -> None:
    """One language, or two side by side when the console is wide enough (stacked otherwise)."""
    console = console or make_console()
    blocks = [schedule_renderable(schedule, loc, today) for loc in locs]
    if len(blocks) > 1 and console.width >= SIDE_BY_SIDE_MIN:
        grid = Table.grid(expand=True, padding=(0, 2))
        for _ in blocks:
            grid.add_column(ratio=1)
        grid.add_row(*blocks)
        console.print(grid)
        return
    for i, block in enumerate(blocks):
        if i:
            console.print()
        console.print(block)
