"""The interactive timetable: a Textual app over the same engine and presentation layers as the CLI.

The form holds what a deal team changes while it works a timetable (regimes, start dates, the expiry,
the subsequent period, amendments and extensions, more zones); a change recomputes the schedule once the
user pauses or presses Enter, and a field that does not parse is marked with the reason in the current
language. The table has one line per event, fitted to the screen, the rest reachable by scrolling;
selecting an event shows it whole (every zone, the full label, its citation and counting trace). ``c``
shows the month calendar of the markets involved; ``l`` cycles English / French / both; ``f`` hides the
form. Saving edits the user's file in place (comments and notes kept). Imported only by ``deadlines tui``
(Textual is heavy).
"""

from __future__ import annotations

import functools
import os
import traceback
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from rich.console import RenderableType
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Checkbox, ContentSwitcher, DataTable, Footer, Header, Input, Label, Static

from ..engine import compute, first_expiry
from ..errors import DeadlinesError
from ..i18n import Lang, Localizer
from ..model import Deal, Leg
from ..render.rows import Row, Rows, schedule_rows
from ..schedule import Schedule
from ..text import N_, Items, Msg, Term
from .dialogs import AskPath, Choice
from .form import FIELDS, KEYWORDS, FieldError, Form, deal_from_form, form_from_deal, keyword
from .grid import STYLE, build_grid

LANGUAGE_CYCLE = (("en",), ("fr",), ("en", "fr"))
FORM_WIDTH = 42  # the form's columns, its border included
WIDE_FOOTER = 120  # from this width the footer shows every key (below, the rarer ones are left out)
NARROW = 100  # below this width the form starts hidden: the timetable takes the whole screen
DEBOUNCE = 0.4  # seconds of pause in typing before the schedule follows the form
F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """Run a handler so that any exception becomes a one-line message in the app (and a traceback in the
    log), the last good schedule staying on screen: a bug in one action never loses the user's work."""

    @functools.wraps(method)
    def wrapper(self: DeadlinesApp, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:  # the point: nothing escapes to kill the app
            self.report_crash(exc)
            return None

    return wrapper  # type: ignore[return-value]


class DeadlinesApp(App[None]):
    """Build, explore and print a timetable in English and French."""

    ENABLE_COMMAND_PALETTE = False  # its prompt and built-in commands are English only; every action has a key
    CSS = """
    #form { width: 42; padding: 0 1; border-right: solid $primary; }
    #form.-hidden { display: none; }
    #form Label { margin-top: 1; width: 100%; color: $text-muted; }
    #form Checkbox { margin-top: 1; }
    #form Input:focus { background: $accent 35%; }
    #form Checkbox:focus { background: $accent 35%; }
    #form Input.-invalid { background: $error 30%; }
    #status { color: $error; height: auto; margin-top: 1; }
    #details { height: 12; border-top: solid $primary; padding: 0 1; }
    #details:focus { border-top: thick $accent; }
    #schedule { height: 1fr; scrollbar-size-vertical: 1; border-left: outer $panel; }
    #schedule:focus { border-left: outer $accent; }
    #schedule:focus > .datatable--header { background: $accent 40%; }
    #clock { height: auto; max-height: 3; padding: 0 1; color: $accent; }
    #calendar { padding: 0 1; }
    """
    # In the footer's order: what a user needs first comes first (the footer is cut at the screen's edge).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("s", "save", "Save"),
        Binding("l", "cycle_language", "EN/FR"),
        Binding("f", "toggle_form", "Form"),
        Binding("c", "toggle_calendar", "Calendar"),
        Binding("left_square_bracket", "month(-1)", "Previous month", key_display="["),
        Binding("right_square_bracket", "month(1)", "Next month", key_display="]"),
        Binding("e", "export", "Export"),
        Binding("a", "save_as", "Save as"),
        Binding("p", "print_and_quit", "Print"),
        # In a field, letters are typed: Escape leaves it (then q, s, l... work) and Ctrl+S saves.
        Binding("escape", "leave_field", "Leave the field"),
        Binding("ctrl+s", "save_from_field", "Save", key_display="^s", priority=True),
    ]
    # Footer words, translated on every language change (Textual keeps them on the bindings).
    BINDING_WORDS: ClassVar[dict[str, str]] = {
        "q": N_("Quit"),
        "s": N_("Save"),
        "l": N_("EN/FR"),
        "f": N_("Form"),
        "c": N_("Calendar"),
        "left_square_bracket": N_("Previous month"),
        "right_square_bracket": N_("Next month"),
        "e": N_("Export"),
        "a": N_("Save as"),
        "p": N_("Print"),
        "escape": N_("Leave the field"),
        "ctrl+s": N_("Save"),
    }
    # Keys left out of the footer below WIDE_FOOTER columns (they still work): the rest fits 80 columns.
    WIDE_ONLY = frozenset({"a", "p"})
    # Translators: the labels of the app's form fields.
    FIELD_LABELS: ClassVar[dict[str, str]] = {
        "regimes": N_("Regimes (ids, comma-separated)"),
        "starts": N_("Commencement / opening (YYYY-MM-DD, one per regime if they differ)"),
        "expiry": N_("Expiry (YYYY-MM-DD HH:MM [zone]), empty for the earliest; extensions below move it"),
        "sub_start": N_("Start (YYYY-MM-DD), empty if computed"),
        "sub_end": N_("End (YYYY-MM-DD HH:MM), empty for the earliest"),
        "zones": N_("More time zones (IANA names)"),
    }

    def __init__(
        self,
        deal: Deal | None = None,
        langs: list[Lang] | None = None,
        today: date | None = None,
        path: str | Path | None = None,
        now: Callable[[], datetime] | None = None,
        text: str | None = None,
    ) -> None:
        """``path``: the deal file, saved with ``s`` (none: ``s`` asks for a name); ``text``: the file as
        read, edited in place when saved (read from ``path`` when not given; none for a file not there yet)."""
        super().__init__()
        self.now = now or (lambda: datetime.now(UTC))
        self.path = Path(path) if path else None
        if text is None and self.path is not None and self.path.is_file():
            from ..tomlfile import read_text_file  # a script gave the file but not its text: read it now

            try:
                text = read_text_file(self.path)
            except DeadlinesError:
                text = None
        self.text = text
        self.print_on_exit = False
        self.deal = deal or Deal([Leg("us-14d", date.today())])
        # The deal as opened (or last saved): what the form does not show (amendment notes, relief,
        # observed facts) comes from it, so an edit that parses halfway never drops them; and saving
        # edits only what differs from it.
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
        self.generation = 0  # counts the schedules computed: the rows and the table drawn know which they show
        self.rows_cache: dict[tuple[int, int], list[Rows]] = {}
        self.drawn: tuple[int, int, int] | None = None  # the table's (generation, language index, width)
        self.computed_form: Form | None = None
        self.pending: Timer | None = None
        self.error: str = ""
        self.error_field: str = ""
        self.month: date | None = None  # the calendar pane's month (its first day)
        self.crashes: list[str] = []  # one line per handler that failed (the traceback is in the log)
        self.form_shown: bool | None = None  # none: decided by the width at start
        self.details_height = -1  # lines of the details' text as last laid out

    # -- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        form = form_from_deal(self.deal, self.locs[0])
        yield Header()
        with Horizontal():
            with VerticalScroll(id="form", can_focus=False):
                for name in ("regimes", "starts", "expiry"):
                    yield Label(id=f"{name}-label")
                    yield Input(value=getattr(form, name), id=name, compact=True, select_on_focus=False)
                yield Checkbox(value=form.subsequent, id="subsequent", compact=True)
                for name in ("sub_start", "sub_end", "amendments", "zones"):
                    yield Label(id=f"{name}-label")
                    yield Input(value=getattr(form, name), id=name, compact=True, select_on_focus=False)
                yield Static(id="status")
            with ContentSwitcher(initial="timetable", id="main"):
                with Vertical(id="timetable"):
                    yield Static(id="clock")
                    yield Timetable(id="schedule", cursor_type="row", zebra_stripes=True)
                    yield VerticalScroll(Static(id="details-text"), id="details")
                yield VerticalScroll(Static(id="calendar-text"), id="calendar")
        yield Footer()

    def on_mount(self) -> None:
        if self.form_shown is None:
            self.form_shown = self.size.width >= NARROW
        self.query_one("#form").set_class(not self.form_shown, "-hidden")
        self._fit_details()
        self._translate_chrome(self.locs[0])
        self.recompute()
        self.set_interval(1, self.tick)
        # The table has the focus at start: the footer's keys (l, q) work at once; Tab reaches the form.
        self.table.focus()

    @property
    def table(self) -> DataTable[Text]:
        """The timetable. One table, refilled on ``l`` from rows kept per language: a table per language,
        swapped, was slower (measured with Textual 8.2: a table shown again is laid out and drawn anew)."""
        return self.query_one("#schedule", DataTable)

    @guarded
    def on_resize(self, event: events.Resize) -> None:
        self._fit_details()
        self._footer_words(self.locs[0])

    @guarded
    def refit(self) -> None:
        self.redraw()

    def table_width(self) -> int:
        """The cells' width in the table on screen (its left edge and scroll bar taken off); before the
        table is laid out, what the screen leaves it."""
        # (one column less than the screen leaves: measured with Textual 8.2, whose layout keeps it)
        width = self.table.size.width or self.size.width - 1 - (FORM_WIDTH if self.form_shown else 0)
        return max(width - 2, 20)

    def _fit_details(self) -> None:
        # A quarter of the screen for the details: at 24 lines the table keeps most of them.
        self.query_one("#details").styles.height = max(5, min(12, self.size.height // 4))

    # -- language --------------------------------------------------------------------------------
    @property
    def locs(self) -> list[Localizer]:
        return [Localizer(Lang(words, self.locales.get(words, words))) for words in LANGUAGE_CYCLE[self.lang_index]]

    @guarded
    def action_cycle_language(self) -> None:
        row = self._current_row()
        self.lang_index = (self.lang_index + 1) % len(LANGUAGE_CYCLE)
        self._translate_chrome(self.locs[0])
        if self.error:
            self.recompute(force=True)  # the message, in the new language
        self.redraw(keep=row.event.id if row else None)

    def _translate_chrome(self, loc: Localizer) -> None:
        """Labels, the checkbox and the footer in ``loc``'s language."""
        for name, words in self.FIELD_LABELS.items():
            self.query_one(f"#{name}-label", Label).update(Text(loc._(words)))  # Text: "[zone]" is no markup
        self.query_one("#subsequent", Checkbox).label = Text(loc._(N_("Subsequent period / reopening")))
        # The kinds in the label (the field is too narrow for them), an example in the empty field.
        kinds = Items([keyword(loc, k) for k in KEYWORDS if k != "extension"], "slash")
        label = Msg(
            N_("Amendments ({kinds} date [regime]) and extensions ({extension} date [HH:MM] [zone]), comma-separated"),
            kinds=kinds,
            extension=keyword(loc, "extension"),
        )
        self.query_one("#amendments-label", Label).update(Text(loc.text(label)))
        example = Msg(N_("e.g. {example}"), example=f"{keyword(loc, 'price')} 2026-05-20")
        self.query_one("#amendments", Input).placeholder = loc.text(example)
        self._footer_words(loc)
        self._subtitle()

    def _footer_words(self, loc: Localizer) -> None:
        bindings = self._bindings.key_to_bindings
        wide = self.size.width >= WIDE_FOOTER
        for key, word in self.BINDING_WORDS.items():
            show = wide or key not in self.WIDE_ONLY
            bindings[key] = [replace(b, description=loc._(word), show=show) for b in bindings.get(key, [])]
        self.refresh_bindings()

    def _subtitle(self) -> None:
        """The file the deal is saved to, and whether it has changes not saved."""
        loc = self.locs[0]
        name = str(self.path) if self.path else loc._(N_("no file"))
        if self.path is not None and self.text is None:
            name = loc.text(Msg(N_("{file} (new)"), file=name))
        self.sub_title = f"{name} *" if self.dirty else name

    # -- actions ---------------------------------------------------------------------------------
    @guarded
    def action_toggle_calendar(self) -> None:
        switcher = self.query_one("#main", ContentSwitcher)
        switcher.current = "calendar" if switcher.current == "timetable" else "timetable"
        self.refresh_bindings()
        self.draw_calendar()

    @guarded
    def action_toggle_form(self) -> None:
        self.form_shown = not self.form_shown
        form = self.query_one("#form")
        form.set_class(not self.form_shown, "-hidden")
        if self.form_shown:
            self.query_one("#regimes", Input).focus()
        elif self.focused is None or self.focused in form.query("*"):
            self.table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The month keys work (and show in the footer) only with the calendar on screen; Escape only in a
        field."""
        if action == "month":
            switchers = self.query("#main").results(ContentSwitcher)
            return any(switcher.current == "calendar" for switcher in switchers)
        if action in ("leave_field", "save_from_field"):
            return isinstance(self.focused, Input | Checkbox)
        return True

    @guarded
    def action_leave_field(self) -> None:
        self.flush()
        self.table.focus()

    @guarded
    def action_month(self, step: int) -> None:
        if self.month is None:
            return
        index = self.month.year * 12 + self.month.month - 1 + step
        self.month = date(index // 12, index % 12 + 1, 1)
        self.draw_calendar()

    def action_help_quit(self) -> None:
        """Ctrl+C (Textual's "press q to quit"), in the current language."""
        loc = self.locs[0]
        self.notify(loc._(N_("Press q to quit (Escape first to leave a field).")))

    # -- files -----------------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """Changes not saved: a deal other than the file's, or a field being edited that does not parse."""
        return self.deal != self.base_deal or bool(self.error)

    @guarded
    def action_save(self) -> None:
        """Save to the deal file, editing it in place; with no file yet, ask for a name (as ``a``)."""
        self.flush()
        if self.path is None:
            self.action_save_as()
            return
        if self._refuse(N_("not saved: {error}")):
            return
        if self._changed_on_disk(self.path):
            loc = self.locs[0]
            question = loc.text(
                Msg(N_("{path} has changed since it was opened. Replace it with this deal?"), path=str(self.path))
            )
            answers = [("replace", loc._(N_("Replace"))), ("cancel", loc._(N_("Cancel")))]
            self.push_screen(Choice(question, answers), lambda a: self._replace_answered(a, self.path))
            return
        self.save_to(self.path, overwrite=True)

    def _changed_on_disk(self, path: Path) -> bool:
        """Whether the file is no longer as the app read it (a colleague's edit, a file created since a new
        deal was started): saving would replace what the app never saw."""
        from ..tomlfile import read_text_file

        if self.text is None:
            return os.path.lexists(path)
        try:
            return read_text_file(path) != self.text
        except DeadlinesError:
            return False  # gone or unreadable: saving says why, or creates it again

    def action_save_from_field(self) -> None:
        self.action_save()

    @guarded
    def action_save_as(self) -> None:
        """Ask for a file name; an existing file is replaced only once the user says so."""
        self.flush()
        loc = self.locs[0]
        if self._refuse(N_("not saved: {error}")):
            return
        suggestion = str(self.path) if self.path else "deal.toml"
        hint = loc._(N_("Enter saves, Escape cancels."))
        self.push_screen(AskPath(loc._(N_("Save the deal as:")), suggestion, hint), self._save_as_answered)

    @guarded
    def _save_as_answered(self, answer: str | None) -> None:
        if not answer:
            return
        target = Path(answer).expanduser()
        if self.path is not None and _same_file(target, self.path):
            self.save_to(target, overwrite=True)
            return
        if not os.path.lexists(target):
            self.save_to(target, overwrite=False)
            return
        loc = self.locs[0]
        question = loc.text(Msg(N_("{path} exists. Replace it with this deal?"), path=str(target)))
        answers = [("replace", loc._(N_("Replace"))), ("cancel", loc._(N_("Cancel")))]
        self.push_screen(Choice(question, answers), lambda a: self._replace_answered(a, target))

    @guarded
    def _replace_answered(self, answer: str | None, target: Path | None) -> None:
        if answer == "replace" and target is not None:
            self.save_to(target, overwrite=True)

    def save_to(self, target: Path, overwrite: bool) -> bool:
        """Write the deal to ``target``: the opened file's text edited where the deal changed (comments,
        key order and notes kept), checked to read back to the deal; refused with the reason shown."""
        from ..dealedit import save_deal
        from ..tomlfile import read_text_file

        loc = self.locs[0]
        if self._refuse(N_("not saved: {error}")):
            return False
        try:
            written = save_deal(target, self.text, self.base_deal, self.deal, overwrite=overwrite)
            self.text = read_text_file(written)  # the document the next save edits
        except DeadlinesError as exc:
            self.notify(loc.text(exc.msg), severity="error")
            return False
        self.path = target
        self.base_deal = self.deal
        self._subtitle()
        self.notify(loc.text(Msg(N_("saved to {path}"), path=str(target))))
        return True

    def _refuse(self, template: str) -> bool:
        """True (and the reason shown) while a field does not parse: nothing is saved or exported from a
        schedule the form no longer describes."""
        if not self.error:
            return False
        self.notify(self.locs[0].text(Msg(template, error=self.error)), severity="error")
        return True

    @guarded
    def action_export(self) -> None:
        """ICS, CSV, Markdown and HTML beside the deal file; an existing file is never overwritten (a
        number is added to the new file's name instead)."""
        from ..render.export import export_schedule, write_output

        self.flush()
        loc = self.locs[0]
        if self.schedule is None or self._refuse(N_("not exported: {error}")):
            return
        base = self.path or Path("deal.toml")
        written = []
        for fmt, ext in (("ics", "ics"), ("csv", "csv"), ("md", "md"), ("html", "html")):
            target = _free_path(base.with_name(f"{base.stem}-timetable.{ext}"))
            try:
                write_output(export_schedule(self.schedule, fmt, self.locs, self.fixed_today), target)
            except DeadlinesError as exc:
                self.notify(loc.text(exc.msg), severity="error")
                return
            written.append(target.name)
        self.notify(loc.text(Msg(N_("exported: {files}"), files=Items(written, "comma"))))

    @guarded
    def action_print_and_quit(self) -> None:
        """Leave the app and print the table in the terminal (the current languages)."""
        self._leave(print_table=True)

    async def action_quit(self) -> None:
        """Quit; with changes not saved, ask first."""
        self._leave(print_table=False)

    @guarded
    def _leave(self, print_table: bool) -> None:
        self.flush()
        if not self.dirty:
            self.print_on_exit = print_table
            self.exit()
            return
        loc = self.locs[0]
        name = str(self.path) if self.path else loc._(N_("no file"))
        if self.error:
            question = loc.text(Msg(N_("A field is not valid ({error}): quit without saving?"), error=self.error))
            answers = [("discard", loc._(N_("Quit without saving"))), ("cancel", loc._(N_("Cancel")))]
        else:
            question = loc.text(Msg(N_("The deal has changes not saved to {file}."), file=name))
            answers = [
                ("save", loc._(N_("Save and quit"))),
                ("discard", loc._(N_("Quit without saving"))),
                ("cancel", loc._(N_("Cancel"))),
            ]
        self.push_screen(Choice(question, answers), lambda a: self._quit_answered(a, print_table))

    @guarded
    def _quit_answered(self, answer: str | None, print_table: bool) -> None:
        if answer == "save":
            if self.path is None or self._changed_on_disk(self.path):
                self.action_save()  # asks for a name, or before replacing; the user quits once it is saved
                return
            if not self.save_to(self.path, overwrite=True):
                return
        if answer in ("save", "discard"):
            self.print_on_exit = print_table
            self.exit()

    # -- the deal from the form ----------------------------------------------------------------
    @guarded
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id not in FIELDS:
            return
        # A pause in typing, or Enter, recomputes: a field half retyped never shows another timetable.
        if self.pending is not None:
            self.pending.stop()
        self.pending = self.set_timer(DEBOUNCE, self.flush) if self._form() != self.computed_form else None

    @guarded
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id in FIELDS:
            self.flush()

    @guarded
    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.recompute()

    def flush(self) -> None:
        """Recompute now if the form changed since the schedule on screen."""
        if self.pending is not None:
            self.pending.stop()
            self.pending = None
        if self.computed_form is not None and self._form() != self.computed_form:
            self.recompute()

    def _form(self) -> Form:
        values = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        return Form(subsequent=self.query_one("#subsequent", Checkbox).value, **values)

    def keyword_locs(self) -> list[Localizer]:
        """The display languages, then the others: amendment keywords are read in both, whatever is shown."""
        shown = self.locs
        words = {loc.lang.words for loc in shown}
        return shown + [Localizer(w) for w in ("en", "fr") if w not in words]

    @guarded
    def recompute(self, force: bool = False) -> None:
        form = self._form()
        if form == self.computed_form and not force:
            return
        self.computed_form = form
        for name in ("sub_start", "sub_end"):
            self.query_one(f"#{name}", Input).disabled = not form.subsequent
        self.error_field = ""
        try:
            deal = deal_from_form(form, self.base_deal, self.keyword_locs(), first_expiry)
            schedule = compute(deal)
        except FieldError as exc:
            self.error_field = exc.field
            self.error = self.locs[0].text(exc.error.msg)
        except DeadlinesError as exc:
            self.error = self.locs[0].text(exc.msg)
        except Exception as exc:  # a bug: the last good timetable stays, and nothing is saved from it
            self.report_crash(exc)
            self.error = self.locs[0]._(N_("the timetable could not be computed from these fields"))
        else:
            changed = deal != self.deal or self.schedule is None
            self.deal, self.error = deal, ""
            if changed:
                self.schedule = schedule
                self.generation += 1
        for name in FIELDS:
            self.query_one(f"#{name}", Input).set_class(name == self.error_field, "-invalid")
        self.query_one("#status", Static).update(Text(self.error))
        self._subtitle()
        self.redraw()

    # -- drawing ---------------------------------------------------------------------------------
    def rows(self) -> list[Rows]:
        """The schedule's rows in each language shown, made once per schedule and language setting."""
        key = (self.generation, self.lang_index)
        if key not in self.rows_cache:
            assert self.schedule is not None
            self.rows_cache = {k: v for k, v in self.rows_cache.items() if k[0] == self.generation}
            self.rows_cache[key] = [schedule_rows(self.schedule, each, self.today) for each in self.locs]
        return self.rows_cache[key]

    def redraw(self, keep: str | None = None) -> None:
        """Fill the table on screen if it shows an older schedule or width; then the details and clocks."""
        if self.schedule is None:
            return
        table, width = self.table, self.table_width()
        if self.drawn != (self.generation, self.lang_index, width):
            current = self._current_row()
            keep = keep or (current.event.id if current else None)
            self._fill(table, self.rows(), width)
            self.drawn = (self.generation, self.lang_index, width)
        if keep is not None and keep in table.rows:
            table.move_cursor(row=table.get_row_index(keep))
        self.title = self.schedule.name or self.locs[0]._(N_("Offer timetable"))
        self.show_details()
        self.tick()
        self.draw_calendar()

    def _fill(self, table: DataTable[Text], all_rows: list[Rows], width: int) -> None:
        cursor = table.cursor_row
        table.clear(columns=True)
        grid = build_grid(self.locs, all_rows, width)
        table.header_height = grid.header_height
        for column in grid.columns:
            table.add_column(Text(column.header), width=column.width, key=column.key or None)
        for n, key in enumerate(grid.keys):
            table.add_row(*(column.cells[n] for column in grid.columns), key=key)
        if grid.keys:
            table.move_cursor(row=min(cursor or 0, len(grid.keys) - 1))

    def tick(self) -> None:
        """The live clock of every zone and the countdown to the next deadline."""
        from ..i18n.formats import format_clock
        from ..render.table import city

        loc = self.locs[0]
        now = self.now()
        zones = self.schedule.zones if self.schedule else ["UTC"]
        # Cities, not "New York City time": three zones and the countdown fit 80 columns.
        clocks = " · ".join(f"{city(loc, z)} {format_clock(loc, now, z)[1]}" for z in zones)
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
        for clock in self.query("#clock").results(Static):  # none while the app closes: the timer may still fire
            clock.update(line)

    @guarded
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table is self.table:
            self.show_details()

    def _current_row(self) -> Row | None:
        if self.schedule is None or self.drawn is None or self.drawn[:2] != (self.generation, self.lang_index):
            return None
        table = self.table
        rows = self.rows()[0].rows
        if not rows or table.cursor_row is None:
            return None
        # Rows are drawn in event order: the cursor's row is the row itself, no recomputation.
        return rows[min(table.cursor_row, len(rows) - 1)]

    def show_details(self) -> None:
        """The selected event whole (label, every zone's time, count and marks), its breaches, rule and
        counting trace; then the schedule's breaches and warnings."""
        from ..i18n.formats import zone_label
        from ..render.rows import SEVERITY

        details = self.query_one("#details-text", Static)
        row = self._current_row()
        loc = self.locs[0]
        text = Text()
        if row is not None:
            text.append(loc.text(Msg(N_("{regime}: {event}"), regime=row.regime, event=row.label)) + "\n", style="bold")
            index = self.rows()[0].rows.index(row)
            for other in self.rows()[1:]:  # the other language's label
                text.append(f"{other.rows[index].label}\n", style="bold")
            zones = self.schedule.zones if self.schedule else []
            times = [
                loc.text(Msg(N_("{zone}: {time}"), zone=zone_label(loc, z), time=t.replace("\n", " ")))
                for z, t in zip(zones, row.times, strict=True)
            ]
            text.append(" · ".join(times) + "\n")
            if row.count or row.marks:
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
        # A new layout (half the time of a cursor move) only when the text's height changes: a text shorter
        # than the pane is padded to its height, so moving between short ones never lays the screen out.
        height = len(text.wrap(self.console, max(details.size.width, 1)))
        pane = self.query_one("#details").scrollable_content_region.height
        if height < pane:
            text.append("\n" * (pane - height))
            height = pane
        details.update(text, layout=height != self.details_height)
        self.details_height = height

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
        for loc, rows in zip(self.locs, self.rows(), strict=True):
            try:
                parts.append(month_grid(loc, cals, first.year, first.month, marked))
                parts.append(closures_table(loc, cals, period))
            except DeadlinesError as exc:
                parts.append(Text(loc.text(exc.msg), style="bold red"))
            for each in rows.rows:
                if first <= each.event.day <= last:
                    line = loc.text(Msg(N_("{regime}: {event}"), regime=each.regime, event=each.label))
                    parts.append(Text(f"{each.event.day.day:>2}  {line}", style=STYLE.get(each.style, "")))
        width = self.size.width - (FORM_WIDTH + 4 if self.form_shown else 4)
        self.query_one("#calendar-text", Static).update(_themed(Group(*parts), width))

    # -- failures --------------------------------------------------------------------------------
    def report_crash(self, exc: BaseException) -> None:
        """One line in the app, in the current language; the traceback in the log file."""
        log = crash_log()
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as handle:
                handle.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')}\n")
                handle.write("".join(traceback.format_exception(exc)))
        except OSError:
            log = Path("-")
        line = Msg(
            N_("Something went wrong ({error}); the last good timetable stays. Details: {log}"),
            error=f"{type(exc).__name__}: {exc}"[:200],
            log=str(log),
        )
        message = self.locs[0].text(line)
        self.crashes.append(message)
        self.notify(message, severity="error", timeout=20)


class Timetable(DataTable[Text]):
    """The timetable: refitted to its new width when the screen or the form changes it."""

    def on_resize(self, event: events.Resize) -> None:
        app = self.app
        if isinstance(app, DeadlinesApp) and app.table is self and app.schedule is not None:
            app.refit()


def crash_log() -> Path:
    """Where the app writes what went wrong: ``$XDG_STATE_HOME/deadlines/app.log``."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "deadlines" / "app.log"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


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
