"""The default expiry of a deal that names none: the same instant whatever the order of ``--regime``.

A single regime keeps its rulebook's ``default_expiry_time``; legs in one zone keep theirs; a US leg and a
French leg expire at 12:00 noon New York time (the seed's "12:00 noon, New York City time (18:00, Paris
time)"), on the first day open in both calendars on or after every leg's minimum period. The instants
worked by hand from the rules and the 2026 calendars are data, in tests/cases/cross-border/default-expiry-*.toml
(and time-without-zone-is-new-york.toml), checked in both orders by tests/test_cases.py; they used:

- us-federal 2026 weekday closures: 1 Jan, 19 Jan (Martin Luther King), 16 Feb (Washington's Birthday),
  25 May (Memorial Day), 19 Jun, 3 Jul (Independence Day observed), 7 Sep, 12 Oct (Columbus Day),
  11 Nov, 26 Nov, 25 Dec. Good Friday (3 Apr) is a federal business day.
- XPAR 2026 weekday closures: 1 Jan, 3 Apr (Good Friday), 6 Apr (Easter Monday), 1 May, 25 Dec (26 Dec is a
  Saturday). Paris trades on Ascension (14 May) and Whit Monday (25 May).
- Clocks: the US changes on 8 Mar and 1 Nov 2026, the EU on 29 Mar and 25 Oct 2026. New York and Paris
  are 5 hours apart (not 6) from 8 to 28 Mar and from 25 to 31 Oct 2026: 12:00 noon New York is then
  17:00 Paris, before the 17:30 Paris close.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from itertools import combinations

import pytest

from deadlines.cli import main
from deadlines.engine import default_expiry
from deadlines.rules import get_rulebook
from deadlines.scan import scan

US = ("us-14d", "us-13e4")
FR = ("fr-amf", "fr-amf-simplified")
PAIRS = [(a, b) for a, b in combinations(US + FR, 2)]  # one US and one French, and the same-country pairs
SEED = "examples/serono-genset-2002.toml"

MONDAYS_2026 = [date(2026, 1, 5) + timedelta(weeks=i) for i in range(52)]
# Launches in the weeks when the clocks are out of step (8-28 Mar, 25-31 Oct 2026), and a few after them.
OUT_OF_STEP = [date(2026, 3, 8) + timedelta(days=i) for i in range(21)] + [
    date(2026, 10, 25) + timedelta(days=i) for i in range(10)
]
LAUNCHES = sorted(set(MONDAYS_2026 + OUT_OF_STEP))


def schedule_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, object]]:
    code = main(["schedule", *argv, "--format", "json", "--lang", "en"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return code, json.loads(out)


def expiries(doc: dict[str, object]) -> dict[str, tuple[str, str]]:
    """The initial expiry events of a JSON timetable: id -> (utc, local)."""
    events = doc["events"]
    assert isinstance(events, list)
    return {e["id"]: (e["utc"], e["local"]) for e in events if e["kind"] == "expiry" and "reopening" not in e["id"]}


def codes(doc: dict[str, object]) -> set[str]:
    warnings = doc["warnings"]
    assert isinstance(warnings, list)
    return {w["code"] for w in warnings}


@pytest.mark.parametrize("pair", PAIRS, ids="+".join)
def test_the_order_of_the_regimes_changes_nothing(capsys: pytest.CaptureFixture[str], pair: tuple[str, str]) -> None:
    a, b = pair
    for launch in LAUNCHES:
        day = launch.isoformat()
        code_ab, ab = schedule_json(capsys, "--regime", a, "--regime", b, "--commence", day)
        code_ba, ba = schedule_json(capsys, "--regime", b, "--regime", a, "--commence", day)
        assert expiries(ab) == expiries(ba), (pair, day)
        assert len({utc for utc, _ in expiries(ab).values()}) == 1  # one instant for every leg
        assert code_ab == code_ba == 0, (pair, day)  # lawful under every leg: no breach
        assert "expiry-outside-session" not in codes(ab) | codes(ba), (pair, day)
        # The same local day in every leg's zone.
        assert len({local[:10] for _, local in expiries(ab).values()}) == 1, (pair, day, expiries(ab))
        if {a, b} & set(US) and {a, b} & set(FR):
            assert expiries(ab)[f"{a}.{get_rulebook(a).expiry}"][1][11:16] in ("12:00", "18:00", "17:00")


def test_default_expiry_is_symmetric() -> None:
    for a, b in PAIRS:
        assert default_expiry([get_rulebook(a), get_rulebook(b)]) == default_expiry([get_rulebook(b), get_rulebook(a)])
    for regime in US + FR:  # a single regime keeps its rulebook's time
        book = get_rulebook(regime)
        at = default_expiry([book])
        assert (at.wall, at.zone) == (book.default_expiry_time, book.zone)


def test_the_seed_draws_no_warning_about_its_18_00_paris_closing(capsys: pytest.CaptureFixture[str]) -> None:
    _, doc = schedule_json(capsys, SEED)
    assert "expiry-outside-session" not in codes(doc)
    warnings = doc["warnings"]
    assert isinstance(warnings, list)
    assert not [w for w in warnings if "18:00" in w["message"] or "2002-09-12" in w["message"]]


def test_an_expiry_on_a_day_the_exchange_is_closed_is_still_reported(capsys: pytest.CaptureFixture[str]) -> None:
    # 24:00 New York on Fri 5 Jun 2026 is 06:00 Paris on Saturday 6 Jun: the French leg's last trading day
    # is the Friday before, and the note says so.
    code, doc = schedule_json(
        capsys, "--regime", "us-14d", "--regime", "fr-amf", "--commence", "2026-05-04", "--expire", "2026-06-05 24:00"
    )
    assert code == 0
    warnings = [w for w in doc["warnings"] if w["code"] == "expiry-outside-session"]  # type: ignore[union-attr]
    assert len(warnings) == 1 and "2026-06-05" in warnings[0]["message"]


def test_the_scan_takes_the_same_default_in_either_order() -> None:
    ab = scan(["us-14d", "fr-amf"], date(2026, 1, 1), date(2026, 12, 31))
    ba = scan(["fr-amf", "us-14d"], date(2026, 1, 1), date(2026, 12, 31))
    assert [(r.launch, r.expiry) for r in ab] == [(r.launch, r.expiry) for r in ba]
    row = next(r for r in ab if r.launch == date(2026, 5, 4))
    assert row.expiry is not None and row.expiry.isoformat() == "2026-06-05T16:00:00+00:00"
