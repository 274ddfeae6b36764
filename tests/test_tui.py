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
from deadlines.text import Term
from deadlines.tui.app import DeadlinesApp

SEED = Path(__file__).resolve().parent.parent / "examples" / "serono-genset-2002.toml"


def _expiry_cell(app: DeadlinesApp) -> str:
    from textual.widgets import DataTable

    table = app.query_one("#schedule", DataTable)
    row = table.get_row("us-14d.expiry")
    return " ".join(str(cell) for cell in row)


def test_typing_a_commencement_date_moves_the_expiry() -> None:
    async def scenario() -> None:
        app = DeadlinesApp(today=date(2026, 5, 1))
        async with app.run_test(size=(140, 40)) as pilot:
            commence = app.query_one("#commence")
            commence.value = ""  # type: ignore[attr-defined]
            await pilot.click("#commence")
            await pilot.press(*"2026-05-04")
            await pilot.pause()
            assert "June 1, 2026" in _expiry_cell(app)
            commence.value = ""  # type: ignore[attr-defined]
            await pilot.press(*"2026-03-30")
            await pilot.pause()
            assert "April 24, 2026" in _expiry_cell(app)

    asyncio.run(scenario())


def test_seed_opens_with_the_genset_timetable_and_switches_to_french() -> None:
    async def scenario() -> None:
        app = DeadlinesApp(load_deal(SEED), [Lang("en", "en")], today=date(2002, 9, 20))
        async with app.run_test(size=(160, 45)) as pilot:
            assert "September 12, 2002 12:00" in _expiry_cell(app)
            await pilot.press("l")
            await pilot.pause()
            cell = _expiry_cell(app)
            assert "12 septembre 2002 12:00" in cell and "18:00" in cell
            await pilot.press("l")  # both languages: English and French labels side by side
            await pilot.pause()
            cell = _expiry_cell(app)
            french = Localizer("fr").text(Term("Expiry of the offer"))
            assert french != "Expiry of the offer"
            assert "Expiry of the offer" in cell and french in cell

    asyncio.run(scenario())


def test_bad_input_shows_a_message_and_keeps_the_last_schedule() -> None:
    async def scenario() -> None:
        app = DeadlinesApp(today=date(2026, 5, 1))
        async with app.run_test(size=(140, 40)) as pilot:
            app.query_one("#commence").value = "2026-02-30"  # type: ignore[attr-defined]
            await pilot.pause()
            assert "invalid date" in str(app.query_one("#status").render())
            assert app.schedule is not None

    asyncio.run(scenario())


def test_save_and_reload_a_deal(tmp_path: Path) -> None:
    from deadlines.deal import load_deal as reload

    path = tmp_path / "deal.toml"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")

    async def scenario() -> None:
        app = DeadlinesApp(load_deal(path), [Lang("en", "en")], today=date(2002, 9, 20), path=path)
        async with app.run_test(size=(160, 45)) as pilot:
            app.query_one("#expiry").value = "2002-09-13 12:00"  # type: ignore[attr-defined]
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
            assert "New York time 08:00" in clock and "Paris time 14:00" in clock
            assert "in 0 d 4 h 0 min" in clock

    asyncio.run(scenario())
