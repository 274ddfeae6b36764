"""The interactive timetable: a Textual app over the same engine and presentation layers as the CLI.

The form holds what a deal team changes while it works a timetable (regimes, start dates, the expiry,
the subsequent period, amendments and extensions, more zones); every change recomputes the schedule, and
a field that does not parse is marked with the reason in the current language. Selecting an event shows
its citation and counting trace; ``c`` shows the month calendar of the markets involved. ``l`` cycles
English / French / both. Imported only by ``deadlines tui`` (Textual is heavy).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, ContentSwitcher, DataTable, Footer, Header, Input, Label, Static

from ..engine import compute
from ..errors import DeadlinesError
from ..i18n import Lang, Localizer
from ..model import Deal, Leg
from ..render.rows import Row, Rows, schedule_rows
from ..schedule import Schedule
from ..text import N_, Items, Msg, Term
from .form import FIELDS, KEYWORDS, FieldError, Form, deal_from_form, form_from_deal, keyword

LANGUAGE_CYCLE = (("en",), ("fr",), ("en", "fr"))


class DeadlinesApp(App[None]):
    """Build, explore and print a timetable in English and French."""

    CSS = """
    #form { width: 42; padding: 0 1; border-right: solid $primary; }
    #form Label { margin-top: 1; width: 100%; color: $text-muted; }
    #form Checkbox { margin-top: 1; }
    #form Input.-invalid { background: $error 30%; }
    #status { color: $error; height: auto; margin-top: 1; }
    #details { height: 12; border-top: solid $primary; padding: 0 1; }
    #schedule { height: 1fr; }
    #clock { height: 2; padding: 0 1; color: $accent; }
    #calendar { padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "cycle_language", "EN/FR"),
        Binding("c", "toggle_calendar", "Calendar"),
        Binding("left_square_bracket", "month(-1)", "Previous month", key_display="["),
        Binding("right_square_bracket", "month(1)", "Next month", key_display="]"),
        Binding("s", "save", "Save"),
        Binding("e", "export", "Export"),
        Binding("p", "print_and_quit", "Print"),
        Binding("q", "quit", "Quit"),
    ]
    # Footer words, translated on every language change (Textual keeps them on the bindings).
    BINDING_WORDS: ClassVar[dict[str, str]] = {
        "l": N_("EN/FR"),
        "c": N_("Calendar"),
        "left_square_bracket": N_("Previous month"),
        "right_square_bracket": N_("Next month"),
        "s": N_("Save"),
        "e": N_("Export"),
        "p": N_("Print"),
        "q": N_("Quit"),
    }
    # Translators: the labels of the app's form fields.
    FIELD_LABELS: ClassVar[dict[str, str]] = {
        "regimes": N_("Regimes (ids, comma-separated)"),
        "starts": N_("Commencement / opening (YYYY-MM-DD, one per regime if they differ)"),
        "expiry": N_("Expiry (YYYY-MM-DD HH:MM [zone]), empty for the earliest; extensions below move it"),
        "sub_start": N_("Start (YYYY-MM-DD), empty if computed"),
        "sub_end": N_("End (YYYY-MM-DD HH:MM), empty for the earliest"),
        "amendments": N_("Amendments (kind date [regime]) and extensions (date [HH:MM] [zone]), comma-separated"),
        "zones": N_("More time zones (IANA names)"),
    }

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
        # The deal as opened (or last saved): what the form does not show (amendment notes, relief,
        # observed facts) comes from it, so an edit that parses halfway never drops them.
        self.base_deal = self.deal
        self.lang_index = 0
        # A CLDR locale given with --lang (en_GB, fr_CA) keeps its formats when l cycles the words.
        self.locales = {lang.words: lang.locale for lang in langs or []}
        if langs:
            words = tuple(lang.words for lang in langs)
            self.lang_index = LANGUAGE_CYCLE.index(words) if words in LANGUAGE_CYCLE else 0
        self.today = today or date.today()
        self.fixed_today = today  # the exports' "days left" only for a day given (--today), never the clock's
        self.schedule: Schedule | None = None
        self.all_rows: list[Rows] = []  # the schedule's rows in each language shown, as drawn
        self.error: str = ""
        self.error_field: str = ""
        self.month: date | None = None  # the calendar pane's month (its first day)

    # -- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        form = form_from_deal(self.deal, self.locs[0])
        yield Header()
        with Horizontal():
            with VerticalScroll(id="form"):
                for name in ("regimes", "starts", "expiry"):
                    yield Label(id=f"{name}-label")
                    yield Input(value=getattr(form, name), id=name, compact=True)
                yield Checkbox(value=form.subsequent, id="subsequent", compact=True)
                for name in ("sub_start", "sub_end", "amendments", "zones"):
                    yield Label(id=f"{name}-label")
                    yield Input(value=getattr(form, name), id=name, compact=True)
                yield Static(id="status")
            with ContentSwitcher(initial="timetable", id="main"):
                with Vertical(id="timetable"):
                    yield Static(id="clock")
                    yield DataTable(id="schedule", cursor_type="row", zebra_stripes=True)
                    yield VerticalScroll(Static(id="details-text"), id="details")
                yield VerticalScroll(Static(id="calendar-text"), id="calendar")
        yield Footer()

    def on_mount(self) -> None:
        self._translate_chrome(self.locs[0])
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
        self._translate_chrome(self.locs[0])
        if self.error:
            self.recompute()  # the message, in the new language
        self.redraw()

    def _translate_chrome(self, loc: Localizer) -> None:
        """Labels, the checkbox and the footer in ``loc``'s language."""
        for name, label in self.FIELD_LABELS.items():
            self.query_one(f"#{name}-label", Label).update(Text(loc._(label)))  # Text: "[zone]" is no markup
        self.query_one("#subsequent", Checkbox).label = Text(loc._(N_("Subsequent offering period / reopening")))
        kinds = Items([keyword(loc, k) for k in KEYWORDS], "slash")
        example = Msg(N_("{kinds}, e.g. {example}"), kinds=kinds, example=f"{keyword(loc, 'price')} 2026-05-20")
        self.query_one("#amendments", Input).placeholder = loc.text(example)
        bindings = self._bindings.key_to_bindings
        for key, word in self.BINDING_WORDS.items():
            bindings[key] = [replace(b, description=loc._(word)) for b in bindings.get(key, [])]
        self.refresh_bindings()

    # -- actions ---------------------------------------------------------------------------------
    def action_toggle_calendar(self) -> None:
        switcher = self.query_one("#main", ContentSwitcher)
        switcher.current = "calendar" if switcher.current == "timetable" else "timetable"
        self.refresh_bindings()
        self.draw_calendar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The month keys work (and show in the footer) only with the calendar on screen."""
        if action == "month":
            switchers = self.query("#main").results(ContentSwitcher)
            return any(switcher.current == "calendar" for switcher in switchers)
        return True

    def action_month(self, step: int) -> None:
        if self.month is None:
            return
        index = self.month.year * 12 + self.month.month - 1 + step
        self.month = date(index // 12, index % 12 + 1, 1)
        self.draw_calendar()

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
        self.base_deal = self.deal
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
                write_output(export_schedule(self.schedule, fmt, self.locs, self.fixed_today), target)
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

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.recompute()

    def _form(self) -> Form:
        values = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        return Form(subsequent=self.query_one("#subsequent", Checkbox).value, **values)

    def recompute(self) -> None:
        form = self._form()
        for name in ("sub_start", "sub_end"):
            self.query_one(f"#{name}", Input).disabled = not form.subsequent
        self.error_field = ""
        try:
            deal = deal_from_form(form, self.base_deal, self.locs)
            self.schedule = compute(deal)
            self.deal = deal
            self.error = ""
        except FieldError as exc:
            self.error_field = exc.field
            self.error = self.locs[0].text(exc.error.msg)
        except DeadlinesError as exc:
            self.error = self.locs[0].text(exc.msg)
        for name in FIELDS:
            self.query_one(f"#{name}", Input).set_class(name == self.error_field, "-invalid")
        self.redraw()

    # -- drawing ---------------------------------------------------------------------------------
    def redraw(self) -> None:
        loc = self.locs[0]
        self.query_one("#status", Static).update(Text(self.error))
        table = self.query_one("#schedule", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        if self.schedule is None:
            return
        self.title = self.schedule.name or loc._(N_("Offer timetable"))
        self.all_rows = [schedule_rows(self.schedule, each, self.today) for each in self.locs]
        self._fill(table, self.all_rows)
        if cursor is not None and self.all_rows[0].rows:
            table.move_cursor(row=min(cursor, len(self.all_rows[0].rows) - 1))
        self.show_details()
        self.tick()
        self.draw_calendar()

    def _fill(self, table: DataTable[Text], all_rows: list[Rows]) -> None:
        lead = all_rows[0]
        # Labels are long: a fixed width (truncated, full text in the details pane) keeps the times on screen.
        width = 40 if len(all_rows) == 1 else 32
        for rows in all_rows:
            table.add_column(Text(rows.headers[0]), width=width)
        for header in lead.headers[1:]:
            table.add_column(Text(header))
        # The count and the marks (estimate, waived, extended...) get their own column, last: a long label is
        # cut, and the times in every zone come first.
        table.add_column(Text(self.locs[0]._(N_("Count, marks"))))
        for i, row in enumerate(lead.rows):
            style = _STYLE.get(row.style, "")
            labels = [Text(f"{rows.rows[i].regime}: {rows.rows[i].label}", style=style) for rows in all_rows]
            count = Text(_count_and_marks(row))
            extra = [row.days_left] if len(lead.headers) > len(lead.zones) + 1 else []
            # One line per row in a DataTable; weeks when the clocks are out of step stand out.
            times = (Text(t.replace("\n", " "), style=_DST_STYLE if row.dst else "") for t in row.times)
            table.add_row(*labels, *times, *(Text(t) for t in extra), count, key=row.event.id)

    def tick(self) -> None:
        """The live clock of every zone and the countdown to the next deadline."""
        from ..i18n.formats import format_clock, zone_label

        loc = self.locs[0]
        now = self.now()
        zones = self.schedule.zones if self.schedule else ["UTC"]
        clocks = "   ".join(f"{zone_label(loc, z)} {format_clock(loc, now, z)[1]}" for z in zones)
        line = Text(clocks)
        # The next deadline that binds: not a waived, reference-only or replaced (extended) one.
        events = self.schedule.events if self.schedule else []
        upcoming = [
            e for e in events if e.instant > now and e.in_force and e.status != "relieved" and e.kind != "extended"
        ]
        if upcoming:
            nxt = upcoming[0]
            left = nxt.instant - now
            days, rest = divmod(int(left.total_seconds()), 86400)
            hours, rest = divmod(rest, 3600)
            from ..i18n.relative import relative  # pendulum's words: "in 3 days", "dans 4 heures"

            when = relative(
                loc.lang.words, *((days, "day") if days else (hours, "hour") if hours else (rest // 60, "minute"))
            )
            # Translators: {when} is "in 3 days" / "dans 3 jours" (from pendulum), then the exact time left
            template = N_("next: {label} {when} ({days} d {hours} h {minutes} min)")
            countdown = Msg(
                template,
                label=Term(nxt.label),
                when=when,
                days=days,
                hours=hours,
                minutes=rest // 60,
            )
            line.append("\n" + loc.text(countdown))
        self.query_one("#clock", Static).update(line)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_details()

    def _current_row(self) -> Row | None:
        table = self.query_one("#schedule", DataTable)
        rows = self.all_rows[0].rows if self.all_rows else []
        if not rows or table.cursor_row is None:
            return None
        # Rows are drawn in event order: the cursor's row is the row itself, no recomputation.
        return rows[min(table.cursor_row, len(rows) - 1)]

    def show_details(self) -> None:
        """The selected event's rule and counting trace, then the schedule's breaches and warnings."""
        from ..render.rows import SEVERITY

        details = self.query_one("#details-text", Static)
        row = self._current_row()
        loc = self.locs[0]
        text = Text()
        if row is not None:
            text.append(f"{row.label}\n", style="bold")
            if row.count or row.marks:  # also in the table's last column, often off screen to the right
                text.append(_count_and_marks(row) + "\n")
            for message in row.breaches:  # the rules this event breaks, before anything else about it
                line = Msg(N_("{severity}: {message}"), severity=Term(SEVERITY["breach"]), message=message)
                text.append(loc.text(line) + "\n", style="bold red")
            text.append(loc.text(Msg(N_("Rule: {rule}"), rule=row.rule)) + "\n")
            text.append(loc.text(Msg(N_("How it was counted: {trace}"), trace=row.trace)))
            if row.note:
                text.append("\n" + row.note, style="italic")
        warnings = self.schedule.warnings if self.schedule else []
        order = {"breach": 0, "warning": 1, "info": 2}
        for warning in sorted(warnings, key=lambda w: order.get(w.severity, 3)):
            line = Msg(
                N_("{severity}: {message}"),
                severity=Term(SEVERITY.get(warning.severity, N_("note"))),
                message=warning.msg,
            )
            text.append("\n" + loc.text(line), style="bold red" if warning.severity == "breach" else "")
        details.update(text)

    def draw_calendar(self) -> None:
        """The month grid of every market the schedule counts on, their closures named, and the
        deadlines that fall in the month."""
        if self.schedule is None or self.query_one("#main", ContentSwitcher).current != "calendar":
            return
        from rich.console import Group

        from ..calendars import get_calendar
        from ..render.views import closures_table, month_grid, parse_period
        from ..rules import get_rulebook

        if self.month is None:
            row = self._current_row()
            day = row.event.day if row is not None else self.today
            self.month = day.replace(day=1)
        period = parse_period(None, f"{self.month:%Y-%m}", self.today)
        first, last = period.first, period.last
        marked = {e.day for e in self.schedule.events if first <= e.day <= last}
        ids = []
        for regime in self.schedule.regimes:
            book = get_rulebook(regime)
            ids += [book.calendar, book.settlement_calendar]
        cals = [get_calendar(i) for i in dict.fromkeys(ids)]
        parts: list[RenderableType] = []
        for loc, rows in zip(self.locs, self.all_rows, strict=True):
            try:
                parts.append(month_grid(loc, cals, first.year, first.month, marked))
                parts.append(closures_table(loc, cals, period))
            except DeadlinesError as exc:
                parts.append(Text(loc.text(exc.msg), style="bold red"))
            for each in rows.rows:
                if first <= each.event.day <= last:
                    parts.append(
                        Text(f"{each.event.day.day:>2}  {each.regime}: {each.label}", style=_STYLE.get(each.style, ""))
                    )
        self.query_one("#calendar-text", Static).update(_themed(Group(*parts), self.size.width - 46))


_DST_STYLE = "bold magenta"
_STYLE = {
    "past": "dim",
    "today": "bold reverse",
    "breach": "bold red",
    "relieved": "yellow",
    "estimate": "italic cyan",
    "observed": "green",
}


def _count_and_marks(row: Row) -> str:
    """ "42nd business day [waived]": the count and the marks of a row."""
    marks = f"[{', '.join(row.marks)}]" if row.marks else ""
    return " ".join(part for part in (row.count, marks) if part)


def _themed(renderable: RenderableType, width: int) -> Text:
    """``renderable`` drawn with the CLI's theme (its semantic styles: closed, half, past, event...), as
    styled text the app can show: the shared views stay the same in the terminal and in the app."""
    import io

    from ..render.table import make_console

    console = make_console(max(width, 60), file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(renderable)
    return Text.from_ansi(console.file.getvalue())  # type: ignore[attr-defined]


def _free_path(path: Path) -> Path:
    """``path``, or ``name-2.ext``, ``name-3.ext``... when it exists."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate
