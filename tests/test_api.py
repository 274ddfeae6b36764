"""The Python API as Python users expect it (issue 12): help() lists it, calendars answer ``in`` and
``sessions``, a schedule's JSON comes in the language asked for."""

from __future__ import annotations

import pydoc
from datetime import date

import pytest

import deadlines
from deadlines import Deal, Leg, compute, get_calendar


def test_help_lists_the_public_api() -> None:
    text = pydoc.render_doc(deadlines, renderer=pydoc.plaintext)
    for name in ("compute(", "class Deal(", "class Schedule(", "load_deal(", "build_deal("):
        assert name in text, name
    assert set(deadlines.__all__) <= set(dir(deadlines))


@pytest.mark.parametrize(
    "day, open_",
    [
        (date(2026, 7, 3), False),  # NYSE closed for Independence Day, observed on Friday 3 July 2026
        (date(2026, 7, 4), False),  # a Saturday
        (date(2026, 7, 6), True),
        (date(2026, 11, 26), False),  # Thanksgiving
        (date(2026, 11, 27), True),  # the day after: an early close, still a session
    ],
)
def test_a_day_is_in_a_calendar_when_it_is_open(day: date, open_: bool) -> None:
    assert (day in get_calendar("XNYS")) is open_


def test_sessions_are_the_open_days() -> None:
    # July 2026: 23 weekdays, less Friday 3 July (Independence Day observed) = 22 sessions.
    sessions = get_calendar("XNYS").sessions(date(2026, 7, 1), date(2026, 7, 31))
    assert len(sessions) == 22 and date(2026, 7, 3) not in sessions


def test_schedule_json_in_french() -> None:
    schedule = compute(Deal([Leg("fr-amf", date(2026, 5, 4))]))
    data = schedule.to_json(lang="fr")
    opening = next(e for e in data["events"] if e["id"] == "fr-amf.opening")
    assert opening["label"] == "Ouverture de l\u2019offre"
    assert opening["labels"]["en"] == "Opening of the offer"
    assert schedule.to_json()["events"][0]["label"] == "Opening of the offer"
