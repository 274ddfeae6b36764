"""The app as a user drives it (Textual's pilot, headless): saving, quitting, focus, failures, layout.

Every test works on its own copy of the seed (Serono / Genset, 2002) in ``tmp_path``, with the crash log
sent there too ($XDG_STATE_HOME). Expected values come from the seed's text and the filings it cites:
the US offer was to expire "at 12:00 noon, New York City time, on Thursday, September 12, 2002", that
is 18:00 in Paris (both on summer time: UTC-4 and UTC+2).
"""

from __future__ import annotations

import asyncio
import difflib
import os
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual")

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label

from deadlines.deal import load_deal
from deadlines.i18n import Lang
from deadlines.model import Deal, Leg
from deadlines.tui.app import DeadlinesApp
from deadlines.tui.dialogs import AskPath, Choice

SEED = Path(__file__).resolve().parent.parent / "examples" / "serono-genset-2002.toml"
TODAY = date(2002, 9, 20)
WIDE = (140, 45)
Scenario = Callable[[Pilot[None], DeadlinesApp], Awaitable[None]]


@pytest.fixture(autouse=True)
def _state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The crash log goes to the test's folder, never to the user's home."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


def _copy(tmp_path: Path, name: str = "genset.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(SEED.read_bytes())
    return path


def _open(path: Path, words: str = "en") -> DeadlinesApp:
    """The app on a deal file, as ``deadlines tui FILE`` opens it."""
    text = path.read_text(encoding="utf-8")
    return DeadlinesApp(load_deal(path), [Lang(words, words)], today=TODAY, path=path, text=text)


def _run(app: DeadlinesApp, scenario: Scenario, size: tuple[int, int] = WIDE) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(pilot, app)

    asyncio.run(main())


async def _set(pilot: Pilot[None], app: DeadlinesApp, field: str, value: str) -> None:
    """A field's text changed (as when pasted), then the pause that recomputes."""
    app.query_one(f"#{field}", Input).value = value
    app.flush()
    await pilot.pause()


def _notes(app: DeadlinesApp, severity: str | None = None) -> list[str]:
    """The notifications shown (Textual keeps them in ``App._notifications`` until they time out)."""
    return [n.message for n in app._notifications if severity is None or n.severity == severity]


def _showing(app: DeadlinesApp, dialog: Any) -> bool:
    """Whether the screen on top is ``dialog`` (a function: the screen changes between two presses)."""
    return isinstance(app.screen, dialog)


def _dirty(app: DeadlinesApp) -> bool:
    """``app.dirty`` (a function: mypy would take the property for a constant between two presses)."""
    return app.dirty


def _exited(app: DeadlinesApp) -> bool:
    return app.return_code is not None


def _shown(widget: Widget) -> bool:
    return widget.display


def _label(button: Button) -> str:
    """A dialog button's words, without the brackets around its key letter ("[S]ave" -> "Save")."""
    return str(button.label).replace("[", "", 1).replace("]", "", 1)


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


# -- 1. saving keeps the user's file --------------------------------------------------------------------------
def test_save_changes_only_the_edited_line_and_keeps_every_comment(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    before = path.read_text(encoding="utf-8")
    assert len(_comments(before)) == 14  # 13 at the top, 1 in [subsequent]

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "expiry", "2002-09-19 12:00")  # one week later, still noon New York
        assert _dirty(app) and app.sub_title.endswith(" *")
        await pilot.press("s")
        await pilot.pause()
        assert not _dirty(app)
        assert not app.sub_title.endswith(" *") and app.sub_title == str(path)
        assert not _notes(app, "error")

    _run(_open(path), scenario)
    after = path.read_text(encoding="utf-8")
    assert _changed_lines(before, after) == ["-date = 2002-09-12", "+date = 2002-09-19"]
    # ... and that line is the one in [expiry] (the [subsequent] table has a date line too)
    expiry = after.split("[expiry]\n", 1)[1].split("\n\n", 1)[0]
    assert "date = 2002-09-19" in expiry
    assert _comments(after) == _comments(before)
    saved = load_deal(path)
    assert saved.expiry is not None and saved.expiry.day == date(2002, 9, 19)


def test_saving_twice_keeps_the_comments_the_second_time_too(tmp_path: Path) -> None:
    """A deal team saves as it goes: the second save edits the file as saved by the first."""
    path = _copy(tmp_path)
    before = path.read_text(encoding="utf-8")

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "expiry", "2002-09-19 12:00")
        await pilot.press("s")
        await pilot.pause()
        await _set(pilot, app, "expiry", "2002-09-26 12:00")
        await pilot.press("s")
        await pilot.pause()
        assert app.crashes == []
        assert not _dirty(app)

    _run(_open(path), scenario)
    after = path.read_text(encoding="utf-8")
    assert _changed_lines(before, after) == ["-date = 2002-09-12", "+date = 2002-09-26"]
    assert _comments(after) == _comments(before)


# -- 2. save as: no file is replaced without asking -------------------------------------------------------
def test_save_with_no_file_asks_a_name_and_never_replaces_a_file_unasked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "deal.toml"
    existing.write_text("# someone else's deal\n", encoding="utf-8")
    deal = Deal([Leg("us-14d", date(2026, 5, 4))])

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        for cancel in ("c", "escape"):
            await pilot.press("s")
            await pilot.pause()
            assert _showing(app, AskPath)
            assert app.screen.query_one("#path", Input).value == "deal.toml"
            await pilot.press("enter")
            await pilot.pause()
            assert _showing(app, Choice)  # deal.toml exists: replace it?
            assert "deal.toml" in str(app.screen.query_one(Label).render())
            await pilot.press(cancel)
            await pilot.pause()
            assert not _showing(app, AskPath | Choice)
            assert existing.read_text(encoding="utf-8") == "# someone else's deal\n"
            assert app.path is None
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")  # Replace
        await pilot.pause()
        assert load_deal(existing) == app.deal
        assert app.path is not None and app.path.resolve() == existing
        assert not _dirty(app)

    _run(DeadlinesApp(deal, today=date(2026, 5, 1)), scenario)


def test_save_as_a_new_name_writes_it_and_the_app_keeps_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = _copy(tmp_path)
    before = path.read_text(encoding="utf-8")

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "expiry", "2002-09-19 12:00")
        await pilot.press("a")
        await pilot.pause()
        assert _showing(app, AskPath)
        field = app.screen.query_one("#path", Input)
        assert field.value == str(path)  # the file open is suggested
        field.value = "copy.toml"
        await pilot.press("enter")
        await pilot.pause()
        assert not _showing(app, AskPath | Choice)  # a new name: nothing to ask
        assert app.path is not None and app.path.resolve() == tmp_path / "copy.toml"
        assert str(app.path) in app.sub_title and not _dirty(app)

    _run(_open(path), scenario)
    assert path.read_text(encoding="utf-8") == before  # the file opened is left alone
    copy = (tmp_path / "copy.toml").read_text(encoding="utf-8")
    assert _changed_lines(before, copy) == ["-date = 2002-09-12", "+date = 2002-09-19"]


# -- 3. a new file -----------------------------------------------------------------------------------------
def test_a_file_that_does_not_exist_yet_is_a_new_deal_saved_there(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        assert app.sub_title == f"{path} (new)"
        await pilot.press("s")
        await pilot.pause()
        assert path.exists() and not _notes(app, "error")
        assert load_deal(path) == app.deal
        assert "(new)" not in app.sub_title

    _run(DeadlinesApp(None, [Lang("en", "en")], today=TODAY, path=path, text=None), scenario)


def test_cli_tui_opens_a_missing_file_as_new_and_exits_1_after_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``deadlines tui FILE``: the app cannot run headless from main(); its run() is replaced by a stub
    that records what the app was given (and, for the second run, a handler that failed)."""
    import deadlines.cli

    seen: list[DeadlinesApp] = []
    crash = [False]

    def fake_run(self: DeadlinesApp, *args: Any, **kwargs: Any) -> None:
        seen.append(self)
        if crash[0]:
            self.crashes.append("Something went wrong (RuntimeError: boom)")

    monkeypatch.setattr(DeadlinesApp, "run", fake_run)
    new = tmp_path / "new.toml"
    assert deadlines.cli.main(["tui", str(new)]) == 0
    assert seen[-1].path == new and seen[-1].text is None and not new.exists()
    path = _copy(tmp_path)
    crash[0] = True
    assert deadlines.cli.main(["tui", str(path)]) == 1
    opened = seen[-1]
    assert opened.text == path.read_text(encoding="utf-8") and opened.deal == load_deal(path)


# -- 4. read-only files and links --------------------------------------------------------------------------
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_file_is_not_saved_and_the_changes_stay(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    before = path.read_bytes()
    path.chmod(0o444)

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "expiry", "2002-09-19 12:00")
        await pilot.press("s")
        await pilot.pause()
        assert any("read-only" in note for note in _notes(app, "error"))
        assert _dirty(app) and app.sub_title.endswith(" *")
        assert app.crashes == []

    try:
        _run(_open(path), scenario)
        assert path.read_bytes() == before
    finally:
        path.chmod(0o644)


def test_a_file_the_system_says_is_read_only_is_not_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same, runnable as root: the permission check answers as for a user without write access."""
    path = _copy(tmp_path)
    before = path.read_bytes()
    access = os.access

    def no_write(name: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        if mode & os.W_OK and os.path.realpath(name) == os.path.realpath(path):
            return False
        return access(name, mode, *args, **kwargs)

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "expiry", "2002-09-19 12:00")
        monkeypatch.setattr(os, "access", no_write)
        await pilot.press("s")
        await pilot.pause()
        monkeypatch.setattr(os, "access", access)
        assert any("read-only" in note for note in _notes(app, "error"))
        assert _dirty(app) and app.sub_title.endswith(" *") and app.crashes == []

    _run(_open(path), scenario)
    assert path.read_bytes() == before


def test_saving_through_a_link_rewrites_the_file_it_leads_to(tmp_path: Path) -> None:
    real = _copy(tmp_path, "real.toml")
    link = tmp_path / "link.toml"
    link.symlink_to(real)

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "expiry", "2002-09-19 12:00")
        await pilot.press("s")
        await pilot.pause()
        assert not _dirty(app)

    _run(_open(link), scenario)
    assert link.is_symlink() and link.resolve() == real
    assert "date = 2002-09-19" in real.read_text(encoding="utf-8")


# -- 5. quitting with changes not saved --------------------------------------------------------------------
def test_quit_with_changes_asks_and_cancel_keeps_the_app(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    before = path.read_bytes()

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "expiry", "2002-09-19 12:00")
        for cancel in ("c", "escape"):
            await pilot.press("q")
            await pilot.pause()
            assert _showing(app, Choice) and not _exited(app)
            answers = [_label(b) for b in app.screen.query(Button)]
            assert answers == ["Save and quit", "Quit without saving", "Cancel"]
            await pilot.press(cancel)
            await pilot.pause()
            assert not _showing(app, Choice) and not _exited(app)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("q")  # Quit without saving
        await pilot.pause()
        assert _exited(app)

    _run(_open(path), scenario)
    assert path.read_bytes() == before


def test_quit_dialog_in_french(tmp_path: Path) -> None:
    path = _copy(tmp_path)

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "expiry", "2002-09-19 12:00")
        await pilot.press("q")
        await pilot.pause()
        assert _showing(app, Choice)
        question = str(app.screen.query_one(Label).render())
        assert "ne sont pas enregistrées" in question and str(path) in question
        answers = [_label(b) for b in app.screen.query(Button)]
        assert answers == ["Enregistrer et quitter", "Quitter sans enregistrer", "Annuler"]
        await pilot.press("a")  # Annuler
        await pilot.pause()
        assert not _showing(app, Choice) and not _exited(app)

    _run(_open(path, "fr"), scenario)


def test_quit_without_changes_exits_at_once(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert _exited(app)

    _run(_open(_copy(tmp_path)), scenario)


def test_save_and_quit_saves_then_exits(tmp_path: Path) -> None:
    path = _copy(tmp_path)

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "expiry", "2002-09-19 12:00")
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("s")  # Save and quit
        await pilot.pause()
        assert _exited(app)

    _run(_open(path), scenario)
    assert "date = 2002-09-19" in path.read_text(encoding="utf-8")


# -- 6. a failing handler never kills the app --------------------------------------------------------------
def _boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("boom in compute")


def test_a_failing_recompute_is_a_line_in_the_app_and_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _state_home: Path
) -> None:
    path = _copy(tmp_path)

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        good = app.schedule
        assert good is not None
        monkeypatch.setattr("deadlines.tui.app.compute", _boom)
        await _set(pilot, app, "expiry", "2002-09-19 12:00")
        assert not _exited(app)
        assert len(app.crashes) == 1 and "boom in compute" in app.crashes[0]
        errors = _notes(app, "error")
        assert len(errors) == 1 and "RuntimeError: boom in compute" in errors[0] and "\n" not in errors[0]
        assert app.schedule is good  # the last good timetable stays
        assert "Thu, Sep 12, 2002" in str(app.table.get_row("us-14d.expiry")[0])
        await pilot.press("l")  # the app still answers
        await pilot.pause()
        assert app.lang_index == 1

    _run(_open(path), scenario)
    log = (_state_home / "deadlines" / "app.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError: boom in compute" in log


def test_a_failing_handler_is_reported_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        monkeypatch.setattr(app, "show_details", _boom)
        await pilot.press("down")  # a row highlighted: the details are drawn again
        await pilot.pause()
        assert not _exited(app) and app.crashes
        assert any(n.startswith("Une erreur est survenue") for n in _notes(app, "error"))

    _run(_open(_copy(tmp_path), "fr"), scenario)


# -- 7. the inputs that used to crash ----------------------------------------------------------------------
def test_subsequent_period_with_no_dates_saves_or_refuses_without_crashing(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    before = path.read_bytes()

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        assert app.query_one("#subsequent", Checkbox).value  # the seed has one
        app.query_one("#sub_start", Input).value = ""
        await _set(pilot, app, "sub_end", "")
        await pilot.press("s")
        await pilot.pause()
        assert app.crashes == []
        if _dirty(app):  # refused: the file untouched, and the reason said
            assert path.read_bytes() == before and _notes(app, "error")
        else:
            saved = load_deal(path)
            assert saved == app.deal and saved.subsequent is not None
            assert saved.subsequent.start is None and saved.subsequent.expiry is None

    _run(_open(path), scenario)


def test_ticking_the_subsequent_period_on_a_new_deal_and_saving(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        app.query_one("#subsequent", Checkbox).value = True
        await pilot.pause()
        assert not app.query_one("#sub_end", Input).disabled
        await pilot.press("s")
        await pilot.pause()
        assert app.crashes == []
        saved = load_deal(path)
        assert saved == app.deal and saved.subsequent is not None

    deal = Deal([Leg("us-14d", date(2026, 5, 4))])
    _run(DeadlinesApp(deal, [Lang("en", "en")], today=date(2026, 5, 1), path=path), scenario)


def test_a_zone_name_of_250_parts_is_marked_not_a_crash(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        good = app.schedule
        await _set(pilot, app, "zones", "/".join(["Abc"] * 250))
        assert app.crashes == []
        assert app.query_one("#zones", Input).has_class("-invalid")
        assert str(app.query_one("#status").render()).strip()
        assert app.schedule is good

    _run(_open(_copy(tmp_path)), scenario)


# -- 8. focus --------------------------------------------------------------------------------------------
def test_the_table_has_the_focus_at_start_and_a_focused_field_looks_different(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        assert app.focused is app.table
        starts, expiry = app.query_one("#starts", Input), app.query_one("#expiry", Input)
        unfocused = starts.styles.background
        starts.focus()
        await pilot.pause()
        assert starts.styles.background != unfocused
        assert starts.styles.background != expiry.styles.background

    _run(_open(_copy(tmp_path)), scenario)


def test_tab_goes_through_the_fields_then_the_table_and_the_details(tmp_path: Path) -> None:
    """Every stop of the Tab cycle is a field, the table or the details: no stop where nothing shows
    the focus."""
    order = ["regimes", "starts", "expiry", "subsequent", "sub_start", "sub_end", "amendments", "zones"]
    order += ["schedule", "details", "regimes"]

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        app.query_one("#regimes", Input).focus()
        await pilot.pause()
        seen = [app.focused.id if app.focused else None]
        for _ in order[1:]:
            await pilot.press("tab")
            seen.append(app.focused.id if app.focused else None)
        assert seen == order

    _run(_open(_copy(tmp_path)), scenario)


def test_tab_into_a_field_keeps_its_text_and_types_at_the_end(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        app.query_one("#regimes", Input).focus()
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is app.query_one("#starts")
        await pilot.press("x")
        assert app.query_one("#starts", Input).value == "2002-07-16x"

    _run(_open(_copy(tmp_path)), scenario)


def test_escape_leaves_a_field_and_the_keys_work_again(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        app.query_one("#expiry", Input).focus()
        await pilot.pause()
        await pilot.press("l")  # typed into the field, not a language switch
        assert app.lang_index == 0 and app.query_one("#expiry", Input).value.endswith("l")
        app.query_one("#expiry", Input).value = "2002-09-12 12:00"
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.table
        await pilot.press("l")
        await pilot.pause()
        assert app.lang_index == 1 and app.focused is app.table

    _run(_open(_copy(tmp_path)), scenario)


def test_in_a_field_the_footer_shows_escape_and_ctrl_s(tmp_path: Path) -> None:
    from textual.widgets._footer import FooterKey

    def footer_keys(app: DeadlinesApp) -> set[str]:
        return {key.key for key in app.screen.query(FooterKey)}

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        assert {"escape", "ctrl+s"}.isdisjoint(footer_keys(app))  # the table: no field to leave
        assert {"q", "s", "l"} <= footer_keys(app)
        app.query_one("#amendments", Input).focus()
        await pilot.pause()
        active = app.active_bindings
        for key in ("escape", "ctrl+s"):
            assert active[key].enabled and active[key].binding.show
        assert {"escape", "ctrl+s"} <= footer_keys(app)

    _run(_open(_copy(tmp_path)), scenario)


def test_ctrl_s_in_a_field_saves(tmp_path: Path) -> None:
    path = _copy(tmp_path)

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        field = app.query_one("#expiry", Input)
        field.focus()
        await pilot.pause()
        field.value = "2002-09-19 12:00"  # no pause: Ctrl+S takes the field as it is
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not _dirty(app) and app.focused is field

    _run(_open(path), scenario)
    assert "date = 2002-09-19" in path.read_text(encoding="utf-8")


# -- 9. typing: the schedule follows a pause or Enter ------------------------------------------------------
def test_typing_a_date_key_by_key_recomputes_only_on_enter(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A pause of 3 s, not 0.4: a loaded machine can take 0.4 s between two simulated keys (that pause is
    # test_a_pause_in_typing_recomputes's subject).
    monkeypatch.setattr("deadlines.tui.app.DEBOUNCE", 3.0)

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        field = app.query_one("#starts", Input)
        field.focus()
        await pilot.pause()
        generation, schedule = app.generation, app.schedule
        field.value = ""
        await pilot.press(*"2002-07-1")  # "2002-07-1" would be a date (1 July) halfway
        assert app.generation == generation and app.schedule is schedule
        assert app.error == "" and not field.has_class("-invalid")
        await pilot.press("7", "enter")
        await pilot.pause()
        assert app.generation == generation + 1
        assert app.schedule is not None and app.schedule.event("us-14d.commencement").day == date(2002, 7, 17)

    _run(_open(_copy(tmp_path)), scenario)


def test_a_pause_in_typing_recomputes(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        field = app.query_one("#starts", Input)
        field.focus()
        await pilot.pause()
        generation = app.generation
        field.value = ""
        await pilot.press(*"2002-07-17")  # no Enter
        await pilot.pause(0.8)  # longer than the pause the app waits for
        await pilot.pause()
        assert app.generation > generation and app.focused is field
        assert app.schedule is not None and app.schedule.event("us-14d.commencement").day == date(2002, 7, 17)

    _run(_open(_copy(tmp_path)), scenario)


# -- 10. export --------------------------------------------------------------------------------------------
def test_export_refuses_while_a_field_is_invalid(tmp_path: Path) -> None:
    path = _copy(tmp_path)

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "starts", "2026-02-30")
        assert app.query_one("#starts", Input).has_class("-invalid")
        await pilot.press("e")
        await pilot.pause()
        assert any("not exported" in note for note in _notes(app, "error"))

    _run(_open(path), scenario)
    assert not list(tmp_path.glob("*-timetable*"))


# -- 11. amendment keywords in both languages --------------------------------------------------------------
@pytest.mark.parametrize(("words", "typed"), [("en", "prix 2026-05-22"), ("fr", "price 2026-05-22")])
def test_amendment_keywords_of_either_language_whatever_the_display(words: str, typed: str) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "amendments", typed)
        assert not app.error
        assert [(a.kind, a.day) for a in app.deal.amendments] == [("price", date(2026, 5, 22))]

    deal = Deal([Leg("us-14d", date(2026, 5, 4))])
    _run(DeadlinesApp(deal, [Lang(words, words)], today=date(2026, 5, 1)), scenario)


# -- 12. Ctrl+C ----------------------------------------------------------------------------------------
def test_ctrl_c_says_how_to_quit_in_french(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not _exited(app)
        assert any(n.startswith("Appuyez sur q pour quitter") for n in _notes(app))

    _run(_open(_copy(tmp_path), "fr"), scenario)


# -- 13. layout -----------------------------------------------------------------------------------------
def test_at_80_columns_the_first_columns_fit_and_the_rest_scrolls(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        assert app.query_one("#form").has_class("-hidden")  # below 100 columns
        table = app.table
        cells = [str(cell) for cell in table.get_row("us-14d.expiry")]
        assert cells[:3] == ["Thu, Sep 12, 2002", "12:00 noon", "Expiry of the offer"]
        columns = list(table.columns.values())
        assert str(columns[1].label) == "New York"
        first = sum(column.width + 2 for column in columns[:3])  # cells have one space each side
        assert first <= 80 and first <= table.scrollable_content_region.width
        # Paris (and Zurich, the seed's extra zone) do not fit: they come later, reachable by scrolling.
        headers = [str(column.label) for column in columns]
        assert any("Paris" in h for h in headers) and any("Zurich" in h for h in headers)
        paris = next(n for n, h in enumerate(headers) if "Paris" in h)
        assert str(table.get_row("us-14d.expiry")[paris]) == "18:00"
        assert table.max_scroll_x > 0

    _run(_open(_copy(tmp_path)), scenario, size=(80, 24))


def test_the_form_is_shown_from_100_columns_and_f_toggles_it(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        form = app.query_one("#form")
        assert not form.has_class("-hidden") and _shown(form)
        await pilot.press("f")
        await pilot.pause()
        assert form.has_class("-hidden") and not _shown(form)
        assert app.focused is app.table
        await pilot.press("f")
        await pilot.pause()
        assert _shown(form) and app.focused is app.query_one("#regimes")

    _run(_open(_copy(tmp_path)), scenario, size=(140, 45))


def test_f_shows_the_form_at_80_columns(tmp_path: Path) -> None:
    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        form = app.query_one("#form")
        assert not _shown(form)
        await pilot.press("f")
        await pilot.pause()
        assert _shown(form) and app.focused is app.query_one("#regimes")

    _run(_open(_copy(tmp_path)), scenario, size=(80, 24))


@pytest.mark.parametrize("words", ["en", "fr"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30), (140, 45)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_event_labels_end_within_the_visible_table(tmp_path: Path, size: tuple[int, int], words: str) -> None:
    """A label is shown whole or ends in "…" (the grid's fit): the screen's edge never cuts it silently, as
    in "Subsequent period: s" for "Subsequent period: start". At 100 columns the form leaves the table 57."""

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        table = app.table
        keys = [key.value for key in table.columns]
        through_label = list(table.columns.values())[: keys.index("label-0") + 1]
        assert sum(column.width + 2 for column in through_label) <= table.scrollable_content_region.width

    _run(_open(_copy(tmp_path), words), scenario, size=size)


# -- a failure while computing, a file changed behind the app's back ---------------------------------------
def test_after_a_failure_while_computing_the_edit_is_unsaved_and_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last good timetable stays on screen, but it is not what the fields say: saving refuses, and
    quitting asks (it used to save the old deal, say "saved", and quit without asking)."""
    path = _copy(tmp_path)
    before = path.read_text(encoding="utf-8")

    def fails(*_: object) -> None:
        raise RuntimeError("a bug while computing")

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        monkeypatch.setattr("deadlines.tui.app.compute", fails)
        await _set(pilot, app, "expiry", "2002-09-19 12:00")
        assert _dirty(app) and app.crashes
        await pilot.press("s")
        await pilot.pause()
        assert any("not saved" in note for note in _notes(app, "error"))
        await pilot.press("q")
        await pilot.pause()
        assert _showing(app, Choice) and not _exited(app)

    _run(_open(path), scenario)
    assert path.read_text(encoding="utf-8") == before


def test_a_file_changed_since_it_was_opened_is_replaced_only_when_the_user_says_so(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    colleague = path.read_text(encoding="utf-8") + "# a colleague's note\n"

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        await _set(pilot, app, "expiry", "2002-09-19 12:00")
        path.write_text(colleague, encoding="utf-8")  # while the app is open
        await pilot.press("s")
        await pilot.pause()
        assert _showing(app, Choice)
        await pilot.press("c")  # Cancel
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == colleague and _dirty(app)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("r")  # Replace
        await pilot.pause()
        assert not _dirty(app)

    _run(_open(path), scenario)
    saved = load_deal(path)
    assert saved.expiry is not None and saved.expiry.day == date(2002, 9, 19)


def test_a_new_deal_never_replaces_a_file_created_there_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "new.toml"

    async def scenario(pilot: Pilot[None], app: DeadlinesApp) -> None:
        target.write_text("# made by someone else\n", encoding="utf-8")
        await pilot.press("s")
        await pilot.pause()
        assert _showing(app, Choice)
        await pilot.press("escape")
        await pilot.pause()

    _run(DeadlinesApp(None, [Lang("en", "en")], today=TODAY, path=target), scenario)
    assert target.read_text(encoding="utf-8") == "# made by someone else\n"
