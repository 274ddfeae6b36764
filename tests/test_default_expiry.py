"""The default expiry of a deal that names none: the same instant whatever the order of ``--regime``.

A single regime keeps its rulebook's ``default_expiry_time``; legs in one zone keep theirs; a US leg and a
French leg expire at 12:00 noon New York time (the seed's "12:00 noon, New York City time (18:00, Paris
time)"), on the first day open in both calendars on or after every leg's minimum period. The expected
instants below are worked by hand from the rules and the 2026 calendars:

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


@pytest.mark.parametrize(
    ("regimes", "launch", "utc", "local", "days"),
    [
        # The case. US: day 1 = Mon 4 May 2026; 4-8 May = days 1-5, 11-15 = 6-10, 18-22 = 11-15,
        # 26-29 May = 16-19 (Memorial Day 25 May skipped), Mon 1 Jun = day 20: the minimum ends 24:00 New York
        # on 1 Jun (04:00 UTC 2 Jun). Paris: day 1 = 4 May (1 May, the only May closure, is before it);
        # 4-8 May = 1-5, 11-15 = 6-10, 18-22 = 11-15, 25-29 = 16-20, 1-5 Jun = 21-25: the minimum ends
        # Fri 5 Jun 17:30 Paris (15:30 UTC). 12:00 noon New York on Fri 5 Jun = 16:00 UTC = 18:00 Paris,
        # after both, on a day open in both: US business day 24, Paris trading day 25.
        (("us-14d", "fr-amf"), "2026-05-04", "2026-06-05T16:00Z", "2026-06-05T12:00-04:00", (24, 25)),
        # Clocks out of step. US: day 1 = Mon 9 Feb; 9-13 Feb = 1-5, 17-20 = 6-9 (16 Feb skipped),
        # 23-27 = 10-14, 2-6 Mar = 15-19, Mon 9 Mar = 20. Paris: 9-13 Feb = 1-5, 16-20 = 6-10, 23-27 = 11-15,
        # 2-6 Mar = 16-20, 9-13 Mar = 21-25: the minimum ends Fri 13 Mar 17:30 CET = 16:30 UTC. 12:00 noon
        # New York (EDT since 8 Mar) on Fri 13 Mar is 16:00 UTC = 17:00 Paris, too early; Mon 16 Mar at
        # 12:00 noon New York = 16:00 UTC = 17:00 Paris: US day 25, Paris day 26.
        (("us-14d", "fr-amf"), "2026-02-09", "2026-03-16T16:00Z", "2026-03-16T12:00-04:00", (25, 26)),
        # Clocks out of step in October. US: day 1 = Mon 28 Sep; 28 Sep-2 Oct = 1-5, 5-9 Oct = 6-10,
        # 13-16 Oct = 11-14 (Columbus Day 12 Oct skipped), 19-23 = 15-19, Mon 26 Oct = 20. Paris:
        # 28 Sep-2 Oct = 1-5, 5-9 = 6-10, 12-16 = 11-15, 19-23 = 16-20, 26-30 Oct = 21-25: the minimum ends
        # Fri 30 Oct 17:30 CET (Paris changed on 25 Oct) = 16:30 UTC. 12:00 noon New York (still EDT) on
        # Fri 30 Oct is 16:00 UTC, too early; Mon 2 Nov (New York on EST since 1 Nov) 12:00 noon = 17:00 UTC
        # = 18:00 Paris: US day 25, Paris day 26.
        (("fr-amf", "us-14d"), "2026-09-28", "2026-11-02T17:00Z", "2026-11-02T18:00+01:00", (26, 25)),
        # Easter. US (13e-4): day 1 = Mon 30 Mar; 30 Mar-3 Apr = 1-5 (Good Friday counts), 6-10 Apr = 6-10,
        # 13-17 = 11-15, 20-24 = 16-20: the minimum ends 24:00 New York on Fri 24 Apr (04:00 UTC Sat 25 Apr).
        # Paris simplified: 10 trading days from 30 Mar (3 and 6 Apr closed) end Tue 14 Apr 17:30. The first
        # 12:00 noon New York after 04:00 UTC Sat 25 Apr on a day open in both is Mon 27 Apr (16:00 UTC =
        # 18:00 Paris): US day 21; Paris 30 Mar-2 Apr = 4, 7-10 Apr = 4, 13-17 = 5, 20-24 = 5, 27 Apr = day 19.
        (("fr-amf-simplified", "us-13e4"), "2026-03-30", "2026-04-27T16:00Z", "2026-04-27T18:00+02:00", (19, 21)),
        # Same country, one zone: the rulebooks' own time. Both US legs end at 24:00 New York on business
        # day 20, Mon 1 Jun (see the first case); the French legs at 17:30 Paris on the later minimum, the
        # normal procedure's 25th trading day, Fri 5 Jun (the simplified procedure's 10th is Fri 15 May).
        (("us-13e4", "us-14d"), "2026-05-04", "2026-06-02T04:00Z", "2026-06-02T00:00-04:00", (20, 20)),
        (("fr-amf-simplified", "fr-amf"), "2026-05-04", "2026-06-05T15:30Z", "2026-06-05T17:30+02:00", (25, 25)),
    ],
)
def test_hand_worked_default_expiries(
    capsys: pytest.CaptureFixture[str],
    regimes: tuple[str, str],
    launch: str,
    utc: str,
    local: str,
    days: tuple[int, int],
) -> None:
    for order in (regimes, regimes[::-1]):
        code, doc = schedule_json(capsys, "--regime", order[0], "--regime", order[1], "--commence", launch)
        assert code == 0
        found = expiries(doc)
        first = f"{regimes[0]}.{get_rulebook(regimes[0]).expiry}"
        assert found[first] == (utc, local)
        events = {e["id"]: e for e in doc["events"]}  # type: ignore[union-attr]
        counted = tuple(events[f"{r}.{get_rulebook(r).expiry}"]["business_day"] for r in regimes)
        assert counted == days
        assert "expiry-outside-session" not in codes(doc)


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


def test_a_last_day_that_is_not_a_trading_day_is_a_breach(capsys: pytest.CaptureFixture[str]) -> None:
    # 12:00 noon New York on Fri 1 May 2026 = 18:00 Paris: a US business day, but Euronext Paris is closed.
    code, doc = schedule_json(
        capsys, "--regime", "us-14d", "--regime", "fr-amf", "--commence", "2026-03-16", "--expire", "2026-05-01 12:00"
    )
    assert code == 1
    events = {e["id"]: e for e in doc["events"]}  # type: ignore[union-attr]
    assert [b["code"] for b in events["fr-amf.closing"]["breaches"]] == ["expiry-not-business-day"]
    assert events["us-14d.expiry"]["status"] == "ok"


def test_the_scan_takes_the_same_default_in_either_order() -> None:
    ab = scan(["us-14d", "fr-amf"], date(2026, 1, 1), date(2026, 12, 31))
    ba = scan(["fr-amf", "us-14d"], date(2026, 1, 1), date(2026, 12, 31))
    assert [(r.launch, r.expiry) for r in ab] == [(r.launch, r.expiry) for r in ba]
    row = next(r for r in ab if r.launch == date(2026, 5, 4))
    assert row.expiry is not None and row.expiry.isoformat() == "2026-06-05T16:00:00+00:00"


@pytest.mark.parametrize("order", [("us-14d", "fr-amf"), ("fr-amf", "us-14d")])
def test_a_time_without_a_zone_is_read_the_same_whatever_the_order(order: tuple[str, str]) -> None:
    """[expiry] time = "12:00" with no zone, for a US and French offer: 12:00 noon New York (the deal's usual
    expiry zone) on 5 June 2026, EDT, 16:00 UTC, whichever offer the file lists first."""
    from datetime import UTC, datetime

    from deadlines import compute, parse_deal

    offers = [f'[[offer]]\nregime = "{regime}"\nstart = 2026-05-04\n' for regime in order]
    deal = parse_deal("".join(offers) + '[expiry]\ndate = 2026-06-05\ntime = "12:00"\n')
    assert compute(deal).event("us-14d.expiry").instant == datetime(2026, 6, 5, 16, 0, tzinfo=UTC)
