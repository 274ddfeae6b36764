"""The iCalendar export, parsed back with ``icalendar``, and the time left in words.

Expected values come from the seed's documents and the calendar, not from the code: the US offer "will
expire at 12:00 noon, New York City time, on Thursday, September 12, 2002" (EDT, UTC-4: 16:00 UTC); the
target's Schedule 14D-9 is due within 10 business days of Tuesday 16 July 2002 (day 1), that is 16-19 July,
22-26 July and Monday 29 July (day 10), at its end, 24:00 New York = 04:00 UTC on 30 July. With --today
2002-09-20, the expiry was 8 days before and the subsequent period's end (31 October) is 41 days ahead
(10 days of September left, then 31 of October).

Rewrite the golden calendar with ``DEADLINES_UPDATE_GOLDEN=1 python -m pytest tests/test_ics.py`` and
review the diff.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest

from deadlines.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEED = str(ROOT / "examples" / "serono-genset-2002.toml")
EXPIRY = datetime(2002, 9, 12, 16, 0, tzinfo=UTC)  # 12:00 noon EDT
TARGET_POSITION_END = datetime(2002, 7, 30, 4, 0, tzinfo=UTC)  # 24:00 EDT on Monday 29 July 2002
NEW_YORK = "America/New_York"
REGIME_IDS = ("us-14d", "us-13e4", "fr-amf")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ics(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, "schedule", SEED, "--format", "ics", *argv)
    assert code == 0 and err == "", err
    return out


def vevents(text: str) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(text)
    return {str(v["UID"]).split("@")[0]: v for v in cal.walk("VEVENT")}


def test_one_event_per_deadline_with_stable_uids(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schedule", SEED, "--format", "json")
    assert code == 0
    events = json.loads(out)["events"]
    cal = icalendar.Calendar.from_ical(ics(capsys, "--lang", "en,fr"))
    found = list(cal.walk("VEVENT"))
    assert len(found) == len(events) == 26
    assert [str(v["UID"]) for v in found] == [f"{e['id']}@serono-genset-2002" for e in events]
    for vevent, event in zip(found, events, strict=True):
        instant = datetime.fromisoformat(event["utc"].replace("Z", "+00:00"))
        # the deadline is the event's end; a deadline that is not at the end of its day starts there too
        assert vevent.decoded("DTEND") == instant
        start = vevent.decoded("DTSTART")
        assert start == instant or start.date().isoformat() == event["date"], event["id"]


def test_the_expiry_at_noon_new_york(capsys: pytest.CaptureFixture[str]) -> None:
    expiry = vevents(ics(capsys))["us-14d.expiry"]
    assert expiry.decoded("DTSTART") == expiry.decoded("DTEND") == EXPIRY
    assert str(expiry["SUMMARY"]) == "Expiry of the offer (US offer)"


def test_an_end_of_day_deadline_lands_on_its_own_day(capsys: pytest.CaptureFixture[str]) -> None:
    """24:00 on Monday 29 July 2002 in New York: shown on 29 July, ending at the deadline itself."""
    text = ics(capsys)
    event = vevents(text)["us-14d.target-position"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert str(event["DTSTART"].params["TZID"]) == NEW_YORK
    assert start.date() == date(2002, 7, 29) and start.weekday() == 0  # Monday
    assert start.astimezone(UTC).date() == date(2002, 7, 30)  # the same event in UTC is on the 30th
    assert end == TARGET_POSITION_END and timedelta(0) < end - start <= timedelta(hours=1)
    assert "TZID:America/New_York" in text  # its VTIMEZONE travels with the file


def test_summaries_have_no_internal_ids(capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("en", "fr", "en,fr"):
        events = vevents(ics(capsys, "--lang", lang))
        for event_id, vevent in events.items():
            summary = str(vevent["SUMMARY"])
            assert event_id not in summary and not any(r in summary for r in REGIME_IDS), summary
    french = vevents(ics(capsys, "--lang", "fr"))["us-14d.expiry"]
    assert str(french["SUMMARY"]) == "Clôture de l’offre (offre américaine)"
    both = vevents(ics(capsys, "--lang", "en,fr"))["fr-amf.closing"]
    assert str(both["SUMMARY"]) == "Closing of the offer (French offer) / Clôture de l’offre (offre française)"


def test_reminders_add_one_alarm_per_duration(capsys: pytest.CaptureFixture[str]) -> None:
    events = vevents(ics(capsys, "--remind", "1d,2h,30m"))
    for event_id, vevent in events.items():
        alarms = vevent.walk("VALARM")
        assert [a.decoded("TRIGGER") for a in alarms] == [
            -timedelta(days=1),
            -timedelta(hours=2),
            -timedelta(minutes=30),
        ], event_id
        for alarm in alarms:
            assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"]) == str(vevent["SUMMARY"])
    # the end-of-day deadline's reminders count back from the deadline (its end), not from 23:59
    eod = events["us-14d.target-position"].walk("VALARM")[0]
    assert str(eod["TRIGGER"].params["RELATED"]) == "END"
    assert all(not v.walk("VALARM") for v in vevents(ics(capsys)).values())


@pytest.mark.parametrize(
    ("value", "lang", "words"),
    [
        ("1x", "en", "'1x' is not a reminder"),
        ("1d,,2h", "en", "is not a reminder"),
        ("-1d", "en", "'-1d' is not a reminder"),
        ("99999d", "en", "'99999d' is not a reminder"),
        ("2 hours", "fr", "«\u00a02 hours\u00a0» n’est pas un rappel"),
    ],
)
def test_a_bad_reminder_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], value: str, lang: str, words: str
) -> None:
    code, out, err = run(capsys, "schedule", SEED, "--format", "ics", f"--remind={value}", "--lang", lang)
    assert code == 2 and out == "" and err.count("\n") == 1 and words in err, err
    assert "Traceback" not in err


def test_reminders_need_the_ics_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "schedule", SEED, "--format", "csv", "--remind", "1d")
    assert code == 2 and out == "" and "--remind applies to --format ics" in err


def test_reproducible_and_independent_of_today(capsys: pytest.CaptureFixture[str]) -> None:
    first = ics(capsys, "--lang", "en,fr")
    assert first == ics(capsys, "--lang", "en,fr") == ics(capsys, "--lang", "en,fr", "--today", "2002-09-20")
    assert "DTSTAMP:20030131T230000Z" in first  # the schedule's latest instant, not the clock
    assert not re.search(r"days? ago|in \d+ days?|il y a \d|dans \d+ jour", first.replace("\r\n ", ""))


def test_text_is_escaped_and_folded_by_icalendar(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deal = Path(SEED).read_text(encoding="utf-8")
    name = "Société, Générale; \\ Été " + "é" * 60 + " \x1b[2J"
    deal = re.sub(
        r'(?m)^name = ".*"$', lambda _: f'name = "{name.replace(chr(92), chr(92) * 2).replace(chr(27), "")}"', deal
    )
    path = tmp_path / "deal.toml"
    path.write_text(deal, encoding="utf-8")
    code, out, err = run(capsys, "schedule", str(path), "--format", "ics")
    assert code == 0, err
    data = out.encode("utf-8")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines) and b"\n" not in data.replace(b"\r\n", b"")
    for line in lines:
        line.decode("utf-8")  # no character cut in two
    cal = icalendar.Calendar.from_ical(out)
    assert str(cal["X-WR-CALNAME"]).startswith("Société, Générale; \\ Été éé")
    assert all(str(v["UID"]).endswith("@societe-generale-ete-" + "e" * 60 + "-2j") for v in cal.walk("VEVENT"))


def test_golden_seed_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    text = ics(capsys, "--lang", "en,fr", "--remind", "1d")
    golden = GOLDEN / "schedule-seed-en-fr.ics"
    if os.environ.get("DEADLINES_UPDATE_GOLDEN"):
        golden.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == golden.read_bytes()


# -- Time left in words (pendulum's locale data, exact days) --------------------------------------------


def markdown(capsys: pytest.CaptureFixture[str], lang: str, *argv: str) -> dict[str, str]:
    """The Markdown export's rows: the event cell's first line -> its last cell (the time left)."""
    code, out, err = run(capsys, "schedule", SEED, "--format", "md", "--lang", lang, *argv)
    assert code == 0, err
    rows = {}
    for line in out.splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows[cells[0].split("<br>")[0]] = cells[-1]
    return rows


@pytest.mark.parametrize(
    ("lang", "expiry", "later"),
    [
        ("en", "8 days ago", "in 41 days"),
        ("fr", "il y a 8 jours", "dans 41 jours"),
    ],
)
def test_time_left_in_words(capsys: pytest.CaptureFixture[str], lang: str, expiry: str, later: str) -> None:
    rows = markdown(capsys, lang, "--today", "2002-09-20")
    us = "us-14d: Expiry of the offer" if lang == "en" else "us-14d\u00a0: Clôture de l’offre"
    assert rows[us] == expiry
    sop = next(
        v for k, v in rows.items() if k.startswith(("us-14d: End of the subsequent", "us-14d\u00a0: Fin de la période"))
    )
    assert sop == later


@pytest.mark.parametrize(
    ("lang", "today", "words"),
    [
        ("en", "2002-09-11", "in 1 day"),
        ("en", "2002-09-13", "1 day ago"),
        ("fr", "2002-09-11", "dans 1 jour"),
        ("fr", "2002-09-13", "il y a 1 jour"),
        ("en", "2002-09-12", "today"),
        ("fr", "2002-09-12", "aujourd’hui"),
    ],
)
def test_one_day_is_singular(capsys: pytest.CaptureFixture[str], lang: str, today: str, words: str) -> None:
    rows = markdown(capsys, lang, "--today", today)
    assert words in rows.values()
    assert rows["us-14d: Expiry of the offer" if lang == "en" else "us-14d\u00a0: Clôture de l’offre"] == words


def test_exports_have_no_time_left_without_today(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file is read on other days: "days left" only when --today fixes the day they count from."""
    pattern = re.compile(r"days? ago|in \d+ days?|Days left")
    for fmt in ("md", "table", "html"):
        target = tmp_path / f"seed-{fmt}"
        code, _, err = run(capsys, "schedule", SEED, "--format", fmt, "-o", str(target))
        assert code == 0, err
        assert not pattern.search(target.read_text(encoding="utf-8")), fmt
    code, _, err = run(capsys, "schedule", SEED, "--format", "md", "--today", "2002-09-20", "-o", str(tmp_path / "x"))
    assert pattern.search((tmp_path / "x").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("argv", "imported"),
    [
        (["--format", "ics"], {"icalendar"}),  # a calendar has no time left
        (["--today", "2002-09-20"], set()),  # the one-line table writes "41 d" itself
        (["--today", "2002-09-20", "--detail"], {"pendulum"}),
        (["--format", "csv"], set()),
    ],
)
def test_pendulum_and_icalendar_are_imported_only_when_used(argv: list[str], imported: set[str]) -> None:
    import subprocess
    import sys

    code = (
        "import sys, io, contextlib\n"
        "from deadlines.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['schedule', {SEED!r}, *{argv!r}])\n"
        "print('USED=' + ','.join(m for m in ('pendulum', 'icalendar') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    used = result.stdout.strip().splitlines()[-1].removeprefix("USED=")
    assert set(filter(None, used.split(","))) == imported, result.stdout + result.stderr


def test_unnamed_deals_get_their_own_uids(capsys: pytest.CaptureFixture[str]) -> None:
    """Two timetables made on the command line (no deal name) must not overwrite each other's events once
    imported into one calendar; the same timetable exported twice keeps its UIDs."""

    def uids(start: str) -> set[str]:
        assert main(["schedule", "--regime", "us-14d", "--commence", start, "--format", "ics"]) == 0
        return {line for line in capsys.readouterr().out.splitlines() if line.startswith("UID:")}

    first, again, other = uids("2026-05-04"), uids("2026-05-04"), uids("2026-05-11")
    assert first == again and not first & other
