"""Rich tables for schedules, in one or two languages: by default the key dates and one line per event
(date, time in each zone, short label, short rule reference, time left); with ``--detail`` every event's
count, citation and notes.

Styles are semantic (see :data:`THEME`): the table says *past*, *breach* or *estimate* and the theme
decides the colour, so ``NO_COLOR`` and non-terminals get plain text with nothing lost.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from ..i18n import Localizer, cldr
from ..i18n.formats import first_of_month, format_date, market_city, zone_label
from ..schedule import Schedule
from ..text import N_, Msg, Plural, terminal_safe
from . import wrapping  # noqa: F401  (no line break at a French no-break space)
from .rows import SEVERITY, Row, Rows, hidden_line, schedule_rows, signs_legend, visible_rows, weekday

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


RELIEF_NOTE = "waived for this deal: {citation}"


def schedule_renderable(
    schedule: Schedule, loc: Localizer, today: date | None = None, show_all: bool = False
) -> RenderableType:
    """The detailed table (``--detail``): every event with its count, citation and notes, the relief's text
    once, in the notes under the table, rather than on every row it waives."""
    rows = schedule_rows(schedule, loc, today)
    shown, hidden = visible_rows(rows, show_all)
    rows.rows = shown
    for row in shown:
        note = row.event.note
        if note is not None and getattr(note, "template", "") == RELIEF_NOTE:
            row.note = loc._(N_("waived for this deal: see the relief note below"))
    # The relief's text is in its own note; the notes of the events it waives point to it.
    for i, warning in enumerate(schedule.warnings):
        if warning.code == "relief-applied" and "citation" in warning.params and "detail" in warning.params:
            text = loc.text(Msg(N_("{detail} (waived: see the relief note)"), detail=warning.params["detail"]))
            rows.warnings[i] = (warning.severity, warning.code, text)
    separator = loc.pgettext("separator between the parts of a trace", "; ")
    parts: list[RenderableType] = [rows_table(rows, separator, loc._(N_("{regime}: {label}")))]
    if hidden:
        parts.append(Text(hidden_line(loc, hidden), style="citation"))
    if rows.warnings:
        parts.append(warnings_block(loc, rows))
    return Group(*parts)


def print_schedule(
    schedule: Schedule,
    locs: Sequence[Localizer],
    console: Console | None = None,
    today: date | None = None,
    detail: bool = False,
    show_all: bool = False,
) -> None:
    """One language, or two side by side when each gets a full table's width (stacked otherwise)."""
    console = console or make_console()
    width = console.width
    ascii_only = not console.encoding.lower().startswith("utf")
    if len(locs) > 1:
        if detail:
            side = width >= SIDE_BY_SIDE_MIN
        else:
            needs = [line_width(loc, schedule, today, show_all) for loc in locs]
            side = width >= sum(needs) + GAP * (len(locs) - 1)
        if side:
            column = (width - GAP * (len(locs) - 1)) // len(locs)
            grid = Table.grid(expand=True, padding=(0, GAP, 0, 0) if not detail else (0, 2))
            for _ in locs:
                grid.add_column(ratio=1)
            grid.add_row(*(_block(schedule, loc, column, today, detail, show_all, ascii_only) for loc in locs))
            console.print(grid)
            return
    for i, loc in enumerate(locs):
        if i:
            console.print()
        console.print(_block(schedule, loc, width, today, detail, show_all, ascii_only))


def _block(
    schedule: Schedule, loc: Localizer, width: int, today: date | None, detail: bool, show_all: bool, ascii_only: bool
) -> RenderableType:
    if detail:
        return schedule_renderable(schedule, loc, today, show_all)
    return lines_renderable(schedule, loc, width, today, show_all, ascii_only)


# ---------------------------------------------------------------------------------------------------------
# The default table: one line per event.

# The one-line table's only rule is the one under its header: "─", or "-" on an output without it.
HEAD_RULE = box.Box("    \n    \n ── \n    \n    \n    \n    \n    \n")
HEAD_RULE_ASCII = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)

# The label column never gets narrower than this: zones are dropped first (with a note saying which).
LABEL_MIN = 24
GAP = 2  # spaces between columns

# The events the key dates above the table list besides each leg's expiry or closing (its rulebook's
# expiry rule, computed or chosen): results, the end of a subsequent period or reopening, the UK
# unconditional date (Days 60 and 81 before 5 July 2021), payment and settlement.
KEY_EVENTS = frozenset(
    {
        "expiry",
        "closing",
        "unconditional-date",
        "acceptance-condition-date",
        "other-conditions-date",
        "sop-expiry",
        "reopening-closing",
        "results-announcement",
        "definitive-interim-result",
        "result",
        "reopening-result",
        "payment",
        "settlement",
        "sop-payment",
        "reopening-settlement",
    }
)


def city(loc: Localizer, zone_name: str) -> str:
    return market_city(loc, zone_name)


def zone_groups(zones: list[str], rows: Sequence[Row]) -> list[list[int]]:
    """The schedule's zones, those whose clock reads the same for every row in one group (Paris and Zurich):
    one column each."""
    groups: list[list[int]] = []
    for i in range(len(zones)):
        for group in groups:
            j = group[0]
            if all(row.clocks[i] == row.clocks[j] and row.days[i] == row.days[j] for row in rows):
                group.append(i)
                break
        else:
            groups.append([i])
    return groups


def _time_cell(loc: Localizer, row: Row, i: int) -> str:
    """The clock in zone ``i``, with its weekday when the zone's day is not the row's date (the event's own
    day, in its regime's zone): "Sat 06:00"."""
    if row.days[i] != row.event.day:
        return f"{weekday(loc, row.days[i])} {row.clocks[i]}"
    return row.clocks[i]


def _stack(names: list[str], width: int) -> str:
    """ "Paris, Zurich" on one line when it fits ``width``, else one city a line, a long name on two
    ("New / York")."""
    if cell_len(", ".join(names)) <= width:
        return ", ".join(names)
    lines: list[str] = []
    for name in names:
        line = ""
        for word in name.split():
            if line and cell_len(f"{line} {word}") > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        lines.append(line)
    return "\n".join(lines)


def row_date(loc: Localizer, day: date, one_year: bool) -> str:
    """ "Thu Sep 12" (the year in the column's header) or "Thu, Sep 12, 2002"."""
    if not one_year:
        return format_date(loc, day, "medium")
    pattern = loc.pgettext("date in the timetable, weekday month day (CLDR pattern)", "EEE MMM d")
    return first_of_month(loc, day, cldr.format_date(day, pattern, loc.lang.locale))


def label_cell(row: Row) -> str:
    return f"{row.short} {row.signs}" if row.signs else row.short


def _wrap_signs(text: str, width: int) -> str:
    """``text`` broken at spaces to ``width``, the marks at its end never alone on the last line."""
    import textwrap

    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text]
    if len(lines) > 1 and " " in lines[-2] and not any(c.isalnum() for c in lines[-1]):
        head, word = lines[-2].rsplit(" ", 1)
        lines[-2:] = [head, f"{word} {lines[-1]}"]
    return "\n".join(lines)


def _longest_word(text: str) -> int:
    return max((cell_len(word) for word in text.split()), default=0)


def key_dates(loc: Localizer, schedule: Schedule, rows: Sequence[Row], width: int) -> Table | None:
    """Each leg's expiry, results, subsequent period or reopening, settlement: one line per instant."""
    picked = [r for r in rows if r.event.kind in ("chosen", "expiry") or r.event.key in KEY_EVENTS]
    picked = [r for r in picked if r.event.kind != "extended"]
    if not picked:
        return None
    grid = Table.grid(padding=(0, GAP, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    groups: dict[object, list[Row]] = {}
    for row in picked:
        groups.setdefault(row.event.instant, []).append(row)
    zones = schedule.zones
    lines = []
    for group in groups.values():
        own = {zones.index(r.event.zone) for r in group if r.event.zone in zones} or {0}
        first = min(own)  # the lead: the first of the schedule's zones, whatever the order of the regimes
        lead_day = group[0].days[first]

        def clock(i: int, row: Row = group[0], lead_day: date = lead_day) -> str:
            # a zone on another day than the lead's says which: "= Sat 06:00 Paris"
            return row.clocks[i] if row.days[i] == lead_day else f"{weekday(loc, row.days[i])} {row.clocks[i]}"

        times = " = ".join(f"{clock(i)} {city(loc, zones[i])}" for i in sorted(own))
        separator = loc.pgettext("separator between the parts of a trace", "; ")
        labels = separator.join(dict.fromkeys(r.short for r in group))
        signs = "".join(dict.fromkeys("".join(r.signs for r in group)))
        day = format_date(loc, lead_day, "medium")
        lines.append((day, times, f"{labels} {signs}" if signs else labels, group[0].style))
    label_w = width - max(cell_len(d) for d, *_ in lines) - max(cell_len(t) for _, t, *_ in lines) - 3 * GAP
    for day, times, labels, style in lines:
        grid.add_row(Text(day), Text(times), Text(_wrap_signs(labels, max(label_w, LABEL_MIN)), style=style))
    return grid


@dataclass
class LinePlan:
    """The one-line table's cells and the columns that fit a width: what the terminal table and the app's
    table both draw (the app keeps the zones left out, reachable by scrolling)."""

    date_header: str
    dates: list[str]  # the event's day in its own zone
    groups: list[list[int]]  # zones whose clocks read the same (one column each)
    cities: list[list[str]]
    times: list[list[str]]  # per group, per row
    time_ws: list[int]
    zone_headers: list[str]
    labels: list[str]  # short label and marks
    refs: list[str]
    lefts: list[str]
    event_header: str
    ref_header: str
    left_header: str
    date_w: int
    ref_w: int
    left_w: int
    label_natural: int
    label_w: int = 0
    kept: list[int] = field(default_factory=list)  # the groups that fit
    dropped: list[str] = field(default_factory=list)  # the zones left out
    with_left: bool = False
    dropped_left: bool = False


def line_plan(loc: Localizer, rows: Rows, shown: Sequence[Row], width: int, whole_labels: bool = False) -> LinePlan:
    """The cells of the one-line table and which columns fit ``width`` (with a label of at least
    ``LABEL_MIN``): the zones no event is in go first, then the time left, then the other regimes' zones,
    never the first. With ``whole_labels`` (the app, whose other zones are a scroll away and in its details
    pane) the other zones give way until the labels fit whole."""
    groups = zone_groups(rows.zones, shown)
    years = {row.event.day.year for row in shown}
    one_year = len(years) == 1
    cities = [list(dict.fromkeys(city(loc, rows.zones[i]) for i in g)) for g in groups]
    times = [[_time_cell(loc, row, g[0]) for row in shown] for g in groups]
    lefts = [row.left for row in shown]
    plan = LinePlan(
        date_header=str(next(iter(years))) if one_year else loc._(N_("Date")),
        dates=[row_date(loc, row.event.day, one_year) for row in shown],
        groups=groups,
        cities=cities,
        times=times,
        time_ws=[
            max([*(_longest_word(c) for c in names), *(cell_len(t) for t in cells)])
            for names, cells in zip(cities, times, strict=True)
        ],
        zone_headers=[],
        labels=[label_cell(row) for row in shown],
        refs=[row.ref for row in shown],
        lefts=lefts,
        event_header=loc._(N_("Event")),
        ref_header=loc.pgettext("column header", "Rule"),
        left_header=loc.pgettext("column header, time left", "Left"),
        date_w=0,
        ref_w=0,
        left_w=0,
        label_natural=0,
        with_left=any(lefts),
    )

    def col_width(header: str, cells: Sequence[str]) -> int:
        return max([_longest_word(header), *(cell_len(c) for c in cells)])

    plan.date_w = col_width(plan.date_header, plan.dates)
    plan.zone_headers = [_stack(n, w) for n, w in zip(cities, plan.time_ws, strict=True)]
    plan.ref_w = col_width(plan.ref_header, plan.refs)
    plan.left_w = col_width(plan.left_header, lefts) if plan.with_left else 0
    plan.label_natural = col_width(plan.event_header, plan.labels)
    plan.kept = list(range(len(groups)))

    def fixed() -> int:
        columns = [plan.date_w, *(plan.time_ws[k] for k in plan.kept), plan.ref_w]
        columns += [plan.left_w] if plan.with_left else []
        return sum(columns) + GAP * len(columns)

    own = {row.event.zone for row in shown}
    for k in reversed(range(1, len(groups))):
        if width - fixed() < LABEL_MIN and not own & {rows.zones[i] for i in groups[k]}:
            plan.kept.remove(k)
            plan.dropped.extend(rows.zones[i] for i in groups[k])
    if width - fixed() < plan.label_natural and plan.with_left:  # one line per event comes before the time left
        plan.with_left = False
        plan.dropped_left = True
    wanted = plan.label_natural if whole_labels else LABEL_MIN
    while width - fixed() < wanted and len(plan.kept) > 1:
        gone = plan.kept.pop()
        plan.dropped.extend(rows.zones[i] for i in groups[gone])
    plan.label_w = max(LABEL_MIN, min(plan.label_natural, width - fixed()))
    for k in plan.kept:  # "Paris, Zurich" on one line when the label keeps its width
        joined = cell_len(", ".join(cities[k]))
        if "\n" in plan.zone_headers[k] and width - fixed() - (joined - plan.time_ws[k]) >= plan.label_natural:
            plan.time_ws[k], plan.zone_headers[k] = joined, ", ".join(cities[k])
    return plan


def line_table(
    loc: Localizer, schedule: Schedule, rows: Rows, shown: Sequence[Row], width: int, ascii_only: bool = False
) -> tuple[Table, list[str], bool]:
    """The one-line-per-event table fitted to ``width``, the zones left out for want of width, and whether
    the time left was."""
    plan = line_plan(loc, rows, shown, width)
    table = Table(
        box=HEAD_RULE_ASCII if ascii_only else HEAD_RULE,
        show_edge=False,
        pad_edge=False,
        padding=(0, GAP - 1, 0, 0),
        expand=False,
    )
    table.add_column(Text(plan.date_header), width=plan.date_w, no_wrap=True)
    for k in plan.kept:
        table.add_column(Text(plan.zone_headers[k]), width=plan.time_ws[k], no_wrap=True)
    table.add_column(Text(plan.event_header), width=plan.label_w)
    table.add_column(Text(plan.ref_header), width=plan.ref_w, no_wrap=True)
    if plan.with_left:
        table.add_column(Text(plan.left_header), width=plan.left_w, justify="right", no_wrap=True)
    for n, row in enumerate(shown):
        cells = [Text(plan.dates[n], style=row.style)]
        cells += [Text(plan.times[k][n], style="dst" if row.dst else "") for k in plan.kept]
        cells += [
            Text(_wrap_signs(plan.labels[n], plan.label_w), style=row.style),
            Text(plan.refs[n], style="citation"),
        ]
        if plan.with_left:
            cells.append(Text(plan.lefts[n]))
        table.add_row(*cells)
    return table, plan.dropped, plan.dropped_left


def line_width(loc: Localizer, schedule: Schedule, today: date | None, show_all: bool) -> int:
    """The width the one-line table takes with every label on one line (what "a full table" needs)."""
    rows = schedule_rows(schedule, loc, today)
    shown, _ = visible_rows(rows, show_all)
    if not shown:
        return 0
    table, _, _ = line_table(loc, schedule, rows, shown, MAX_WIDTH)
    return int(Console(width=MAX_WIDTH).measure(table).maximum)


def lines_renderable(
    schedule: Schedule,
    loc: Localizer,
    width: int,
    today: date | None = None,
    show_all: bool = False,
    ascii_only: bool = False,
) -> RenderableType:
    """The default view: the title, the key dates, one line per event, then what the reader must hear."""
    rows = schedule_rows(schedule, loc, today)
    shown, hidden = visible_rows(rows, show_all)
    parts: list[RenderableType] = [Text(terminal_safe(rows.title), style="heading")]
    keys = key_dates(loc, schedule, shown, width)
    if keys is not None:
        parts += [Text(""), Text(loc._(N_("Key dates")), style="heading"), keys, Text("")]
    if shown:
        table, dropped, dropped_left = line_table(loc, schedule, rows, shown, width, ascii_only)
        parts.append(table)
    else:
        dropped, dropped_left = [], False
    below: list[str] = []
    signs = "".join(row.signs for row in shown)
    if signs:
        below.append(signs_legend(loc, signs))
    if hidden:
        below.append(hidden_line(loc, hidden))
    if dropped or dropped_left:
        names = [zone_label(loc, z) for z in dropped] + ([loc._(N_("time left"))] if dropped_left else [])
        below.append(
            loc.text(
                Msg(N_("not shown at this width: {columns} (a wider --width shows them)"), columns=", ".join(names))
            )
        )
    below.append(loc._(N_("24:00 and midnight are the end of the day shown.")))
    parts.append(Text("\n".join(below), style="citation"))
    notes = _short_warnings(loc, rows)
    if notes:
        parts.append(notes)
    return Group(*parts)


# Notes the default view prints whole; the others (relief, relief applied...) are counted, --detail prints them.
SHOWN_NOTES = frozenset({"deal-note"})


def _short_warnings(loc: Localizer, rows: Rows) -> Text:
    kept = [w for w in rows.warnings if w[0] != "info" or w[1] in SHOWN_NOTES]
    more = len(rows.warnings) - len(kept)
    text = warnings_block(loc, Rows(rows.title, rows.headers, rows.zones, warnings=kept))
    if more:
        if text:
            text.append("\n")
        line = Plural("{n} more note: --detail shows it", "{n} more notes: --detail shows them", more)
        text.append(loc.text(line), style="severity.info")
    return text
