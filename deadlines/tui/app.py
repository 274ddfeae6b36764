"""The interactive timetable: a Textual app over the same engine and presentation layers as the CLI.

The form holds what a deal team changes while it works a timetable (regimes, commencement, the chosen
expiry); every change recomputes the schedule. Selecting an event shows its citation and counting trace.
``l`` cycles English / French / both. Imported only by ``deadlines tui`` (Textual is heavy).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Input, Label, Static

from ..engine import compute
from ..errors import DeadlinesError
from ..i18n import Lang, Localizer
from ..model import Deal, Leg, LocalTime
from ..render.rows import Rows, schedule_rows
from ..schedule import Schedule
from ..text import N_, Items, Msg, Term
from ..timeutil import parse_date, parse_local

LANGUAGE_CYCLE = (("en",), ("fr",), ("en", "fr"))


class DeadlinesApp(App[None]):
    """Build, explore and print a timetable in English and French."""

    CSS = """
    #form { width: 38; padding: 0 1; border-right: solid $primary; }
    #form Input { margin-bottom: 1; }
    #status { color: $error; height: auto; }
    #details { height: 9; border-top: solid $primary; padding: 0 1; }
    #schedule { height: 1fr; }
    #clock { height: 2; padding: 0 1; color: $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "cycle_language", "EN/FR"),
        Binding("s", "save", "Save"),
        Binding("e", "export", "Export"),
        Binding("p", "print_and_quit", "Print"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        deal: Deal | None = None,
        langs: list[Lang] | None = None,
        today: date | None = None,
        path: str | Path | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.now = now or (lambda: datetime.now(UTC))
        self.path = Path(path) if path else Path("deal.toml")
        self.print_on_exit = False
        self.deal = deal or Deal([Leg("us-14d", date.today())])
        self.lang_index = 0
        # A CLDR locale given with --lang (en_GB, fr_CA) keeps its formats when l cycles the words.
        self.locales = {lang.words: lang.locale for lang in langs or []}
        if langs:
            words = tuple(lang.words for lang in langs)
            self.lang_index = LANGUAGE_CYCLE.index(words) if words in LANGUAGE_CYCLE else 0
        self.today = today or date.today()
        self.schedule: Schedule | None = None
        self.rows: Rows | None = None  # the schedule's rows in the lead language, as drawn
        self.error: str = ""

    # -- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical(id="form"):
                yield Label(id="regimes-label")
                yield Input(value=",".join(leg.regime for leg in self.deal.legs), id="regimes")
                yield Label(id="commence-label")
                yield Input(value=self.deal.legs[0].start.isoformat(), id="commence")
                yield Label(id="expiry-label")
                yield Input(value=self._expiry_text(), id="expiry")
                yield Static(id="status")
            with Vertical():
                yield Static(id="clock")
                yield DataTable(id="schedule", cursor_type="row", zebra_stripes=True)
                yield Static(id="details")
        yield Footer()

    def _expiry_text(self) -> str:
        expiry = self.deal.expiry
        return f"{expiry.day.isoformat()} {expiry.wall}" if expiry else ""

    def on_mount(self) -> None:
        self.recompute()
        self.set_interval(1, self.tick)
        # The table has the focus at start: the footer's keys (l, q) work at once; Tab reaches the form.
        self.query_one("#schedule", DataTable).focus()

    # -- language --------------------------------------------------------------------------------
    @property
    def locs(self) -> list[Localizer]:
        return [Localizer(Lang(words, self.locales.get(words, words))) for words in LANGUAGE_CYCLE[self.lang_index]]

    def action_cycle_language(self) -> None:
        self.lang_index = (self.lang_index + 1) % len(LANGUAGE_CYCLE)
        self.redraw()

    def action_save(self) -> None:
        """Write the deal file atomically (a temporary file, then a rename: the old file is never half
        overwritten). Only a deal that computes is saved."""
        from ..deal import dump_deal
        from ..render.export import write_output

        loc = self.locs[0]
        if self.error:
            self.notify(loc.text(Msg(N_("not saved: {error}"), error=self.error)), severity="error")
            return
        try:
            write_output(dump_deal(self.deal), self.path, force=True)
        except DeadlinesError as exc:
            self.notify(loc.text(exc.msg), severity="error")
            return
        self.notify(loc.text(Msg(N_("saved to {path}"), path=str(self.path))))

    def action_export(self) -> None:
        """ICS, CSV, Markdown and HTML beside the deal file; an existing file is never overwritten (a
        number is added to the new file's name instead)."""
        from ..render.export import export_schedule, write_output

        loc = self.locs[0]
        if self.schedule is None:
            return
        written = []
        for fmt, ext in (("ics", "ics"), ("csv", "csv"), ("md", "md"), ("html", "html")):
            target = _free_path(self.path.with_name(f"{self.path.stem}-timetable.{ext}"))
            try:
                write_output(export_schedule(self.schedule, fmt, self.locs, self.today), target)
            except DeadlinesError as exc:
                self.notify(loc.text(exc.msg), severity="error")
                return
            written.append(target.name)
        self.notify(loc.text(Msg(N_("exported: {files}"), files=Items(written, "comma"))))

    def action_print_and_quit(self) -> None:
        """Leave the app and print the table in the terminal (the current languages)."""
        self.print_on_exit = True
        self.exit()

    # -- the deal from the form ----------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self.recompute()

    def _deal_from_form(self) -> Deal:
        regimes = [r.strip() for r in self.query_one("#regimes", Input).value.split(",") if r.strip()]
        start = parse_date(self.query_one("#commence", Input).value.strip())
        expiry_text = self.query_one("#expiry", Input).value.strip()
        expiry = None
        if expiry_text:
            day, wall, offset = parse_local(expiry_text)
            zone_name = self.deal.expiry.zone if self.deal.expiry else _first_zone(regimes)
            expiry = LocalTime(day, wall, zone_name, offset)
        legs = [Leg(r, start) for r in regimes]
        return replace(self.deal, legs=legs, expiry=expiry)

    def recompute(self) -> None:
        try:
            deal = self._deal_from_form()
            self.schedule = compute(deal)
            self.deal = deal
            self.error = ""
        except DeadlinesError as exc:
            self.error = self.locs[0].text(exc.msg)
        self.redraw()

    # -- drawing ---------------------------------------------------------------------------------
    def redraw(self) -> None:
        loc = self.locs[0]
        self.query_one("#regimes-label", Label).update(loc._(N_("Regimes (comma-separated ids)")))
        self.query_one("#commence-label", Label).update(loc._(N_("Commencement / opening (YYYY-MM-DD)")))
        self.query_one("#expiry-label", Label).update(loc._(N_("Chosen expiry (YYYY-MM-DD HH:MM), optional")))
        self.query_one("#status", Static).update(Text(self.error))
        table = self.query_one("#schedule", DataTable)
        table.clear(columns=True)
        if self.schedule is None:
            return
        self.title = self.schedule.name or loc._(N_("Offer timetable"))
        all_rows = [schedule_rows(self.schedule, each, self.today) for each in self.locs]
        self.rows = all_rows[0]
        self._fill(table, all_rows)
        self.show_details()
        self.tick()

    def _fill(self, table: DataTable[Text], all_rows: list[Rows]) -> None:
        lead = all_rows[0]
        # Labels are long: a fixed width (truncated, full text in the details pane) keeps the times on screen.
        width = 44 if len(all_rows) == 1 else 34
        for rows in all_rows:
            table.add_column(Text(rows.headers[0]), width=width)
        for header in lead.headers[1:]:
            table.add_column(Text(header))
        for i, row in enumerate(lead.rows):
            labels = [Text(f"{r.rows[i].regime}: {r.rows[i].label}", style=_STYLE.get(row.style, "")) for r in all_rows]
            extra = [row.days_left] if len(lead.headers) > len(lead.zones) + 1 else []
            times = (Text(t.replace("\n", " ")) for t in row.times)  # one line per row in a DataTable
            table.add_row(*labels, *times, *(Text(t) for t in extra), key=row.event.id)

    def tick(self) -> None:
        """The live clock of every zone and the countdown to the next deadline."""
        from ..i18n.formats import format_clock, zone_label

        loc = self.locs[0]
        now = self.now()
        zones = self.schedule.zones if self.schedule else ["UTC"]
        clocks = "   ".join(f"{zone_label(loc, z)} {format_clock(loc, now, z)[1]}" for z in zones)
        line = Text(clocks)
        upcoming = [e for e in self.schedule.events if e.instant > now] if self.schedule else []
        if upcoming:
            nxt = upcoming[0]
            left = nxt.instant - now
            days, rest = divmod(int(left.total_seconds()), 86400)
            hours, rest = divmod(rest, 3600)
            countdown = Msg(
                N_("next: {label} in {days} d {hours} h {minutes} min"),
                label=Term(nxt.label),
                days=days,
                hours=hours,
                minutes=rest // 60,
            )
            line.append("\n" + loc.text(countdown))
        self.query_one("#clock", Static).update(line)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_details()

    def show_details(self) -> None:
        details = self.query_one("#details", Static)
        table = self.query_one("#schedule", DataTable)
        if self.rows is None or not self.rows.rows or table.cursor_row is None:
            details.update("")
            return
        # Rows are drawn in event order: the cursor's row is the row itself, no recomputation.
        row = self.rows.rows[min(table.cursor_row, len(self.rows.rows) - 1)]
        loc = self.locs[0]
        text = Text(f"{row.label}\n", style="bold")
        text.append(loc.text(Msg(N_("Rule: {rule}"), rule=row.rule)) + "\n")
        text.append(loc.text(Msg(N_("How it was counted: {trace}"), trace=row.trace)))
        details.update(text)


_STYLE = {
    "past": "dim",
    "today": "bold reverse",
    "breach": "bold red",
    "relieved": "yellow",
    "estimate": "italic cyan",
    "observed": "green",
}


def _free_path(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``... when it exists."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _first_zone(regimes: list[str]) -> str:
    from ..rules import get_rulebook

    return get_rulebook(regimes[0]).zone if regimes else "America/New_York"
