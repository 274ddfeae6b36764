"""The interactive app, driven headless with Textual's pilot.

Expected dates come from the domain notes: a US offer commencing Mon 4 May 2026 has its 20th business
day on Mon 1 Jun 2026 (Memorial Day skipped); commencing Mon 30 Mar 2026, on Fri 24 Apr 2026 (Good
Friday counts). The seed's first expiry is 12 Sep 2002 at 12:00 New York = 18:00 Paris.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("textual")


from deadlines.deal import load_deal
from deadlines.i18n import Lang, Localizer
from deadlines.model import Deal, Leg
from deadlines.text import Term
from deadlines.tui.app import DeadlinesApp

SEED = Path(__file__).resolve().parent.parent / "examples" / "serono-genset-2002.toml"


def _cells(app: DeadlinesApp, event: str) -> str:
    """The cells of an event's row in the table on screen, one space apart."""
    return " ".join(str(cell) for cell in app.table.get_row(event))


def _expiry_cell(app: DeadlinesApp) -> str:
    return _cells(app, "us-14d.expiry")


def test_typing_a_commencement_date_moves_the_expiry() -> None:
    async def scenario() -> None:
        app = DeadlinesApp(today=date(2026, 5, 1))
        async with app.run_test(size=(140, 40)) as pilot:
            commence = app.query_one("#starts")
            commence.value = ""  # type: ignore[attr-defined]
            await pilot.click("#starts")
            await pilot.press(*"2026-05-04", "enter")  # Enter: the schedule follows at once
            await pilot.pause()
            assert "Mon Jun 1" in _expiry_cell(app)
            commence.value = ""  # type: ignore[attr-defined]
            await pilot.press(*"2026-03-30", "enter")
            await pilot.pause()
            assert "Fri Apr 24" in _expiry_cell(app)

    asyncio.run(scenario())


def test_seed_opens_with_the_genset_timetable_and_switches_to_french() -> None:
    async def scenario() -> None:
        app = DeadlinesApp(load_deal(SEED), [Lang("en", "en")], today=date(2002, 9, 20))
        async with app.run_test(size=(160, 45)) as pilot:
            assert "Thu, Sep 12, 2002 12:00 noon 18:00" in _expiry_cell(app)
            await pilot.press("l")
            await pilot.pause()
            cell = _expiry_cell(app)
            assert "jeu. 12 sept. 2002 12h00 18h00" in cell
            await pilot.press("l")  # both languages: English and French labels side by side
            await pilot.pause()
            cell = _expiry_cell(app)
            # Both legs close then: the French short label names the offer; cut to its column, the label
            # loses its end ("…") before the offer's name, which tells the two rows apart.
            french = Localizer("fr").text(Term("Closing of the offer"))
            assert french == "Clôture de l’offre"
            assert "Expiry of the offer" in cell and "Clôture… (offre américaine)" in cell

    asyncio.run(scenario())


def test_bad_input_shows_a_message_and_keeps_the_last_schedule() -> None:
    async def scenario() -> None:
        app = DeadlinesApp(Deal([Leg("us-14d", date(2026, 5, 4))]), today=date(2026, 5, 1))
        async with app.run_test(size=(140, 40)) as pilot:
            before = app.schedule
            assert before is not None and before.event("us-14d.expiry").day == date(2026, 6, 1)
            app.query_one("#starts").value = "2026-02-30"  # type: ignore[attr-defined]
            app.flush()  # as when the user pauses
            await pilot.pause()
            assert "invalid date" in str(app.query_one("#status").render())
            assert app.query_one("#starts").has_class("-invalid")
            assert app.schedule is before and "Mon Jun 1" in _expiry_cell(app)
            app.query_one("#starts").value = "2026-03-30"  # type: ignore[attr-defined]
            app.flush()
            await pilot.pause()
            assert not app.query_one("#starts").has_class("-invalid") and not app.error

    asyncio.run(scenario())


def test_save_and_reload_a_deal(tmp_path: Path) -> None:
    from deadlines.deal import load_deal as reload

    path = tmp_path / "deal.toml"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")

    async def scenario() -> None:
        app = DeadlinesApp(load_deal(path), [Lang("en", "en")], today=date(2002, 9, 20), path=path)
        async with app.run_test(size=(160, 45)) as pilot:
            app.query_one("#expiry").value = "2002-09-13 12:00"  # type: ignore[attr-defined]
            app.flush()
            await pilot.pause()
            await pilot.press("s")
            await pilot.pause()

    asyncio.run(scenario())
    saved = reload(path)
    assert saved.expiry is not None and saved.expiry.day == date(2002, 9, 13)
    assert saved.subsequent == load_deal(SEED).subsequent and saved.relief == load_deal(SEED).relief
    assert not list(tmp_path.glob(".*.tmp"))


def test_export_writes_four_files_without_clobbering(tmp_path: Path) -> None:
    path = tmp_path / "genset.toml"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "genset-timetable.ics").write_text("keep me", encoding="utf-8")

    async def scenario() -> None:
        app = DeadlinesApp(load_deal(path), [Lang("en", "en")], today=date(2002, 9, 20), path=path)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
        assert app.print_on_exit

    asyncio.run(scenario())
    assert (tmp_path / "genset-timetable.ics").read_text(encoding="utf-8") == "keep me"
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "genset-timetable-2.ics",
        "genset-timetable.csv",
        "genset-timetable.html",
        "genset-timetable.ics",
        "genset-timetable.md",
        "genset.toml",
    ]
    assert "DTSTART:20020912T160000Z" in (tmp_path / "genset-timetable-2.ics").read_text(encoding="utf-8")


def test_clock_and_countdown_to_the_next_deadline() -> None:
    """At 12:00 UTC on 12 Sep 2002 the next seed deadline is the expiry at 16:00 UTC (12:00 New York)."""
    from datetime import UTC, datetime

    async def scenario() -> None:
        now = datetime(2002, 9, 12, 12, 0, tzinfo=UTC)
        app = DeadlinesApp(load_deal(SEED), [Lang("en", "en_GB")], today=date(2002, 9, 12), now=lambda: now)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            clock = str(app.query_one("#clock").render())
            assert "New York 8:00 a.m. · Paris 14:00" in clock
            assert "next: Closing of the offer in 4 hours (0 d 4 h 0 min)" in clock

    asyncio.run(scenario())


async def _type(pilot, app: DeadlinesApp, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Clear a form field and type ``text`` into it, key by key, as a user would."""
    widget = app.query_one(f"#{field}")
    widget.value = ""  # type: ignore[attr-defined]
    await pilot.click(f"#{field}")
    await pilot.press(*text, "enter")
    await pilot.pause()


def test_an_amendment_moves_the_expiry_and_an_extension_keeps_its_notice() -> None:
    """A price change on Fri 22 May 2026 (business day 15 of an offer commenced Mon 4 May) must stay open
    10 business days: to Fri 5 Jun (Rule 14e-1(b); Memorial Day skipped). Extending from 5 Jun to 19 Jun,
    the announcement is due by 9:00 a.m. New York time on Mon 8 Jun, the next business day after the
    scheduled expiration date (Rule 14e-1(d))."""

    async def scenario() -> None:
        app = DeadlinesApp(Deal([Leg("us-14d", date(2026, 5, 4))]), [Lang("en", "en")], today=date(2026, 5, 1))
        async with app.run_test(size=(160, 45)) as pilot:
            assert "Mon Jun 1" in _expiry_cell(app)
            await _type(pilot, app, "amendments", "price 2026-05-22")
            assert "Fri Jun 5" in _expiry_cell(app)
            await _type(pilot, app, "amendments", "price 2026-05-22, extension 2026-06-19")
            assert "Fri Jun 19" in _expiry_cell(app)
            was = _cells(app, "us-14d.expiry-extended-1")
            assert "Fri Jun 5" in was and "since extended >" in was  # > : extended (the legend's sign)
            assert "Mon Jun 8 9:00 a.m." in _cells(app, "us-14d.extension-notice-1")
            assert not app.error

    asyncio.run(scenario())


def test_french_form_words_keywords_and_a_marked_field() -> None:
    async def scenario() -> None:
        deal = Deal([Leg("us-14d", date(2026, 5, 4)), Leg("fr-amf", date(2026, 5, 4))])
        app = DeadlinesApp(deal, [Lang("fr", "fr")], today=date(2026, 5, 1))
        async with app.run_test(size=(160, 45)) as pilot:
            assert "Ouverture" in str(app.query_one("#starts-label").render())
            assert any(b.description == "Enregistrer" for b in app._bindings.key_to_bindings["s"])
            # French keyword: "prix" is a price change (fr-amf also needs its own count after it).
            await _type(pilot, app, "amendments", "prix 2026-05-22 us-14d")
            assert app.deal.amendments[0].kind == "price" and not app.error
            # Three start dates for two regimes: the field is marked and the message is French.
            await _type(pilot, app, "starts", "2026-05-04, 2026-05-05, 2026-05-06")
            assert app.query_one("#starts").has_class("-invalid")
            assert "une par régime" in str(app.query_one("#status").render())
            # One per regime: the French leg opens two days later.
            await _type(pilot, app, "starts", "2026-05-04, 2026-05-06")
            assert not app.query_one("#starts").has_class("-invalid")
            assert app.schedule is not None
            assert app.schedule.event("fr-amf.opening").day == date(2026, 5, 6)

    asyncio.run(scenario())


def test_subsequent_period_switch_and_extra_zones() -> None:
    async def scenario() -> None:
        app = DeadlinesApp(load_deal(SEED), [Lang("en", "en")], today=date(2002, 9, 20))
        async with app.run_test(size=(160, 45)) as pilot:
            assert app.schedule is not None and "us-14d.sop-expiry" in {e.id for e in app.schedule.events}
            await pilot.click("#subsequent")
            await pilot.pause()
            assert "us-14d.sop-expiry" not in {e.id for e in app.schedule.events}
            assert app.query_one("#sub_end").disabled
            await _type(pilot, app, "zones", "Europe/Zurich, Asia/Tokyo")
            headers = [str(c.label) for c in app.table.columns.values()]
            assert "Tokyo" in headers
            # 12:00 New York on 12 Sep 2002 (EDT, UTC-4) is 01:00 the next day in Tokyo (JST, UTC+9).
            assert "Fri 01:00" in _expiry_cell(app)  # Tokyo: the 24-hour clock, the weekday of its day

    asyncio.run(scenario())


def test_month_calendar_names_the_closures() -> None:
    async def scenario() -> None:
        app = DeadlinesApp(load_deal(SEED), [Lang("en", "en")], today=date(2002, 9, 20))
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press("c")  # the cursor is on the first event: July 2002
            for _ in range(50):  # a loaded machine may take a few frames to mount the calendar
                await pilot.pause()
                if app.query("#calendar-text"):
                    break
            text = _plain(app.query_one("#calendar-text"))
            assert "July 2002" in text and "Independence Day" in text  # Thu 4 Jul 2002, US markets
            await pilot.press("right_square_bracket", "right_square_bracket")
            await pilot.pause()
            text = _plain(app.query_one("#calendar-text"))
            assert "September 2002" in text and "Labor Day" in text  # Mon 2 Sep 2002
            assert "us-14d: Expiry of the offer" in text
            await pilot.press("l")
            await pilot.pause()
            assert "septembre 2002" in _plain(app.query_one("#calendar-text"))

    asyncio.run(scenario())


def test_clocks_out_of_step_are_highlighted() -> None:
    """8-28 March 2026: New York is on summer time, Paris not yet (noon New York = 17:00 Paris)."""
    from deadlines.engine import local_time

    async def scenario() -> None:
        deal = Deal(
            [Leg("us-14d", date(2026, 2, 9)), Leg("fr-amf", date(2026, 2, 9))],
            expiry=local_time(date(2026, 3, 20), "12:00", "America/New_York"),
        )
        app = DeadlinesApp(deal, [Lang("en", "en")], today=date(2026, 3, 1))
        async with app.run_test(size=(160, 45)):
            row = app.table.get_row("fr-amf.closing")
            assert str(row[2]) == "17:00" and "magenta" in str(row[2].style)
            start = app.table.get_row("us-14d.commencement")
            assert "magenta" not in str(start[2].style)  # 9 February: both on standard time

    asyncio.run(scenario())


def _plain(widget) -> str:  # type: ignore[no-untyped-def]
    """The text a Static shows (its rich renderable printed without colour)."""
    from deadlines.render.table import plain_text

    return plain_text(lambda console: console.print(widget.content), 150)


def test_the_command_opens_a_new_file_and_exits_1_after_a_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``deadlines tui new.toml`` starts a new deal to be saved there (it used to say "no such file"); a
    handler that failed in the app makes the command exit 1 with its line on stderr."""
    from deadlines.cli import main

    opened: list[DeadlinesApp] = []

    def run(app: DeadlinesApp) -> None:  # instead of the full-screen loop
        opened.append(app)
        app.crashes.extend(app_crashes)

    monkeypatch.setattr(DeadlinesApp, "run", run)
    app_crashes: list[str] = []
    target = tmp_path / "new.toml"
    assert main(["tui", str(target), "--lang", "en"]) == 0
    assert opened[-1].path == target and opened[-1].text is None and not target.exists()
    copy = tmp_path / "genset.toml"
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    app_crashes.append("Something went wrong (RuntimeError: boom)")
    assert main(["tui", str(copy), "--lang", "en"]) == 1
    assert opened[-1].text == SEED.read_text(encoding="utf-8")
    assert "RuntimeError: boom" in capsys.readouterr().err
    # A folder, or a link to nothing, is no deal file: refused before the app starts.
    assert main(["tui", str(tmp_path), "--lang", "en"]) == 2
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    assert main(["tui", str(tmp_path / "gone.toml"), "--lang", "en"]) == 2
