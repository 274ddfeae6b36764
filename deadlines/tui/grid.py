"""The app's timetable as one line per event, fitted to the width the table has.

The columns are the terminal table's (:func:`deadlines.render.table.line_plan`): the date, the time in
each zone, the short label with its marks, the rule and the time left. What does not fit the width is
never cut silently: the zones and the time left the plan leaves out come after the rule, reachable by
scrolling right, and the details pane shows the selected event in full (every zone, the whole label).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text

from ..i18n import Localizer
from ..render.rows import Row, Rows
from ..render.table import GAP, LABEL_MIN, label_cell, line_plan
from ..text import N_

STYLE = {
    "past": "dim",
    "today": "bold reverse",
    "breach": "bold red",
    "relieved": "yellow",
    "estimate": "italic cyan",
    "observed": "green",
}
DST_STYLE = "bold magenta"


@dataclass
class Column:
    header: str
    width: int
    cells: list[Text]
    key: str = ""


@dataclass
class Grid:
    """Columns of one-line cells, and the event id of each row."""

    columns: list[Column] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    @property
    def header_height(self) -> int:
        return max((c.header.count("\n") + 1 for c in self.columns), default=1)


def fit(text: str, width: int) -> str:
    """``text`` on one line of ``width`` cells, its end replaced by "…" when cut (the details pane has it
    whole)."""
    if cell_len(text) <= width:
        return text
    out = ""
    for char in text:
        if cell_len(out + char) > width - 1:
            break
        out += char
    return out.rstrip() + "…"


def fit_label(row: Row, width: int) -> str:
    """The row's short label and marks in ``width`` cells; a label that names its offer ("Clôture de
    l'offre (offre américaine)") is cut before the offer's name, which tells two rows apart."""
    text = label_cell(row)
    if cell_len(text) <= width or not row.unqualified or not text.startswith(row.unqualified):
        return fit(text, width)
    tail = text[len(row.unqualified) :]  # " (offre américaine) *"
    room = width - cell_len(tail)
    return fit(row.unqualified, room) + tail if room >= 6 else fit(text, width)


def build_grid(locs: list[Localizer], all_rows: list[Rows], width: int) -> Grid:
    """The columns for a table ``width`` cells wide (its cells' padding included), in the order: date, the
    zones that fit, the label in each language, rule, time left, then what did not fit."""
    lead, loc = all_rows[0], locs[0]
    shown = lead.rows
    grid = Grid(keys=[row.event.id for row in shown])
    if not shown:
        return grid
    # A second language's label takes a quarter of the width at most; the plan fits the rest.
    second = [label_cell(row) for row in all_rows[1].rows] if len(all_rows) > 1 else []
    second_w = min(max(cell_len(c) for c in second), max(LABEL_MIN, width // 4)) if second else 0
    plan = line_plan(loc, lead, shown, width - (second_w + GAP if second else 0), whole_labels=True)
    styles = [STYLE.get(row.style, "") for row in shown]

    def zone_column(k: int, header: str, width: int) -> Column:
        cells = [Text(t, style=DST_STYLE if row.dst else "") for t, row in zip(plan.times[k], shown, strict=True)]
        return Column(header, width, cells, f"zone-{k}")

    grid.columns.append(
        Column(plan.date_header, plan.date_w, [Text(d, style=s) for d, s in zip(plan.dates, styles, strict=True)])
    )
    grid.columns += [zone_column(k, plan.zone_headers[k], plan.time_ws[k]) for k in plan.kept]
    # The plan keeps a label of LABEL_MIN even when the date and first zone leave less: then the label
    # takes what is left on screen (at least a few letters), so that it ends in "…", not at the edge.
    used = sum(c.width + GAP for c in grid.columns) + (second_w + GAP if second else 0)
    plan.label_w = max(8, min(plan.label_w, width - used - GAP))
    widths = [plan.label_w, second_w]
    for n, rows in enumerate(all_rows[:2]):
        header = plan.event_header if n == 0 else _event_header(locs[n])
        cells = [Text(fit_label(row, widths[n]), style=s) for row, s in zip(rows.rows, styles, strict=True)]
        grid.columns.append(Column(header, widths[n], cells, f"label-{n}"))
    grid.columns.append(Column(plan.ref_header, plan.ref_w, [Text(r, style="dim") for r in plan.refs]))
    if any(plan.lefts):
        left_w = max(cell_len(plan.left_header), *(cell_len(c) for c in plan.lefts))
        grid.columns.append(Column(plan.left_header, left_w, [Text(c, justify="right") for c in plan.lefts]))
    # Past the right edge, reachable by scrolling: the zones left out, then each event's count.
    for k in range(len(plan.groups)):
        if k not in plan.kept:  # off screen: the header on one line ("Paris, Zurich") keeps the header low
            header = ", ".join(plan.cities[k])
            grid.columns.append(zone_column(k, header, max(plan.time_ws[k], cell_len(header))))
    counts = [row.count for row in shown]
    if any(counts):
        header = loc._(N_("Count"))
        count_w = max(cell_len(header), *map(cell_len, counts))
        grid.columns.append(Column(header, count_w, [Text(c) for c in counts]))
    return grid


def _event_header(loc: Localizer) -> str:
    return loc._(N_("Event"))
