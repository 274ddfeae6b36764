"""SVG snapshots of the app's main screen in English and in French (pytest-textual-snapshot).

The screen is the seed (Serono / Genset, 2002) at a fixed size, a fixed "today" and a fixed clock, so the
picture changes only when the app does. After a deliberate change to the screen, review the new pictures
and record them with ``python -m pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytest_textual_snapshot")

from deadlines.deal import load_deal
from deadlines.i18n import Lang
from deadlines.tui.app import DeadlinesApp

SEED = Path(__file__).resolve().parent.parent / "examples" / "serono-genset-2002.toml"
SIZE = (160, 45)
NOW = datetime(2002, 9, 12, 12, 0, tzinfo=UTC)  # four hours before the first expiry


def _app(words: str) -> DeadlinesApp:
    return DeadlinesApp(load_deal(SEED), [Lang(words, words)], today=date(2002, 9, 12), now=lambda: NOW)


def test_main_screen_in_english(snap_compare: Any) -> None:
    assert snap_compare(_app("en"), terminal_size=SIZE)


def test_main_screen_in_french(snap_compare: Any) -> None:
    assert snap_compare(_app("fr"), terminal_size=SIZE)


def test_calendar_in_french_after_switching_language(snap_compare: Any) -> None:
    # From English, l switches to French; c opens the month calendar (July 2002: the first event's month).
    assert snap_compare(_app("en"), terminal_size=SIZE, press=["l", "c"])


# The seed at the sizes users have: a laptop terminal (80x24: the form hidden, the timetable fitted), the
# width the form appears at (100), a wide window, a large screen.
@pytest.mark.parametrize("words", ["en", "fr"])
@pytest.mark.parametrize("size", [(80, 24), (100, 30), (140, 45), (200, 50)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_seed_at_terminal_sizes(snap_compare: Any, size: tuple[int, int], words: str) -> None:
    assert snap_compare(_app(words), terminal_size=size)
