"""Times of day as offer documents write them (issue 12; ``shared/domain/time-formats.md``, section 3).

The expected strings come from the documents: the seed ("12:00 noon, New York City time (18:00, Paris time)"),
US offers ("9:00 a.m.", "12:01 a.m.", "12:00 midnight"), the UK Code ("1.00 pm", "5.00 pm", "midnight on Day
60"), French practice ("17h00 (heure de Paris)"), German filings ("24:00 hours (Frankfurt am Main local time) /
18:00 hours (New York local time)").
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from deadlines.cli import main
from deadlines.errors import InputError
from deadlines.i18n import Localizer
from deadlines.i18n.formats import clock_style, format_clock, zone_label
from deadlines.text import At, WallClock

SEED = Path(__file__).resolve().parent.parent / "examples" / "serono-genset-2002.toml"
NY, PARIS, LONDON = "America/New_York", "Europe/Paris", "Europe/London"
BERLIN, ZURICH = "Europe/Berlin", "Europe/Zurich"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# (instant, zone, local day shown, English by zone, English --clock 12, English --clock 24, French)
CASES = [
    # The seed's expiry: 12 Sep 2002, 12:00 noon New York (EDT) = 18:00 Paris (CEST). Summer time.
    (utc(2002, 9, 12, 16), NY, date(2002, 9, 12), "12:00 noon", "12:00 noon", "12:00", "12h00"),
    (utc(2002, 9, 12, 16), PARIS, date(2002, 9, 12), "18:00", "6:00 p.m.", "18:00", "18h00"),
    # The seed's subsequent period ends 31 Oct 2002, 12:00 noon New York (EST) = 18:00 Paris (CET). Winter time.
    (utc(2002, 10, 31, 17), NY, date(2002, 10, 31), "12:00 noon", "12:00 noon", "12:00", "12h00"),
    (utc(2002, 10, 31, 17), PARIS, date(2002, 10, 31), "18:00", "6:00 p.m.", "18:00", "18h00"),
    # Rule 14e-1(d): 9:00 a.m. New York on the next business day.
    (utc(2002, 9, 13, 13), NY, date(2002, 9, 13), "9:00 a.m.", "9:00 a.m.", "09:00", "9h00"),
    (utc(2002, 9, 13, 13), PARIS, date(2002, 9, 13), "15:00", "3:00 p.m.", "15:00", "15h00"),
    # Rule 14d-2: commencement at 12:01 a.m. New York.
    (utc(2002, 7, 16, 4, 1), NY, date(2002, 7, 16), "12:01 a.m.", "12:01 a.m.", "00:01", "0h01"),
    (utc(2002, 7, 16, 4, 1), PARIS, date(2002, 7, 16), "06:01", "6:01 a.m.", "06:01", "6h01"),
    # The end of Monday 29 July 2002 in New York (24:00, stored as 00:00 on the 30th): the day that ends is shown.
    (utc(2002, 7, 30, 4), NY, date(2002, 7, 29), "12:00 midnight", "12:00 midnight", "24:00", "24h00"),
    (utc(2002, 7, 30, 4), PARIS, date(2002, 7, 30), "06:00", "6:00 a.m.", "06:00", "6h00"),
    # A US afternoon in winter (EST).
    (utc(2026, 1, 15, 22), NY, date(2026, 1, 15), "5:00 p.m.", "5:00 p.m.", "17:00", "17h00"),
    (utc(2026, 1, 15, 12, 30), NY, date(2026, 1, 15), "7:30 a.m.", "7:30 a.m.", "07:30", "7h30"),
    (utc(2026, 1, 15, 17, 45), NY, date(2026, 1, 15), "12:45 p.m.", "12:45 p.m.", "12:45", "12h45"),
    # QIAGEN 2020: "24:00 hours (Frankfurt am Main local time) / 18:00 hours (New York local time)".
    (utc(2020, 8, 10, 22), BERLIN, date(2020, 8, 10), "24:00", "12:00 midnight", "24:00", "24h00"),
    (utc(2020, 8, 10, 22), NY, date(2020, 8, 10), "6:00 p.m.", "6:00 p.m.", "18:00", "18h00"),
    # Swiss prospectus: "16:00 Uhr, mitteleuropäische Zeit" (winter).
    (utc(2014, 1, 30, 15), ZURICH, date(2014, 1, 30), "16:00", "4:00 p.m.", "16:00", "16h00"),
    # UK: "Deadline for acceptances is 1.00 p.m. on Thursday, 29 March 2018" (BST), Code style "1.00 pm".
    (utc(2018, 3, 29, 12), LONDON, date(2018, 3, 29), "1.00 pm", "1.00 pm", "13:00", "13h00"),
    # UK Code: "by 5.00 pm" (BST), "by 8.00 am" (GMT), "by midnight on Day 60" (GMT), noon.
    (utc(2026, 5, 20, 16), LONDON, date(2026, 5, 20), "5.00 pm", "5.00 pm", "17:00", "17h00"),
    (utc(2026, 1, 15, 8), LONDON, date(2026, 1, 15), "8.00 am", "8.00 am", "08:00", "8h00"),
    (utc(2026, 1, 16, 0), LONDON, date(2026, 1, 15), "midnight", "midnight", "24:00", "24h00"),
    (utc(2026, 1, 15, 12), LONDON, date(2026, 1, 15), "12.00 noon", "12.00 noon", "12:00", "12h00"),
    (utc(2026, 7, 1, 14, 30), LONDON, date(2026, 7, 1), "3.30 pm", "3.30 pm", "15:30", "15h30"),
]


@pytest.mark.parametrize(("instant", "zone", "day", "en", "en12", "en24", "fr"), CASES)
def test_times_read_as_the_documents_write_them(
    instant: datetime, zone: str, day: date, en: str, en12: str, en24: str, fr: str
) -> None:
    assert format_clock(Localizer("en"), instant, zone) == (day, en)
    assert format_clock(Localizer("en", clock="12"), instant, zone) == (day, en12)
    assert format_clock(Localizer("en", clock="24"), instant, zone) == (day, en24)
    # French: the 24-hour clock everywhere, whatever --clock says.
    for clock in (None, "12", "24"):
        assert format_clock(Localizer("fr", clock=clock), instant, zone) == (day, fr)


def test_midnight_is_the_end_of_the_day_shown_and_a_minute_later_is_the_next_day() -> None:
    en, fr = Localizer("en"), Localizer("fr")
    end_of_29 = utc(2002, 7, 30, 4)  # 00:00 on Tuesday 30 July in New York
    assert format_clock(en, end_of_29, NY) == (date(2002, 7, 29), "12:00 midnight")
    assert format_clock(fr, end_of_29, NY) == (date(2002, 7, 29), "24h00")
    assert format_clock(en, utc(2002, 7, 30, 4, 1), NY) == (date(2002, 7, 30), "12:01 a.m.")
    assert format_clock(fr, utc(2002, 7, 30, 4, 1), NY) == (date(2002, 7, 30), "0h01")
    assert format_clock(en, utc(2002, 7, 30, 3, 59), NY) == (date(2002, 7, 29), "11:59 p.m.")


def test_the_seed_sentence() -> None:
    """ "…will expire at 12:00 noon, New York City time, on Thursday, September 12, 2002" (the seed)."""
    expiry = utc(2002, 9, 12, 16)
    assert Localizer("en").text(At(expiry, NY, "long")) == "Thursday, September 12, 2002, 12:00 noon New York City time"
    assert Localizer("en").text(At(expiry, PARIS, "long")) == "Thursday, September 12, 2002, 18:00 Paris time"
    assert Localizer("fr").text(At(expiry, PARIS, "long")) == "jeudi 12 septembre 2002 à 18h00, heure de Paris"
    assert Localizer("fr").text(At(expiry, NY, "long")) == "jeudi 12 septembre 2002 à 12h00, heure de New York"
    end_of_day = utc(2002, 7, 30, 4)
    assert Localizer("en").text(At(end_of_day, NY, "long")) == (
        "Monday, July 29, 2002, 12:00 midnight New York City time"
    )
    assert Localizer("en", clock="24").text(At(expiry, NY)) == "Thu, Sep 12, 2002, 12:00 New York City time"


def test_zone_words() -> None:
    en, fr = Localizer("en"), Localizer("fr")
    assert zone_label(en, NY) == "New York City time" and zone_label(en, NY, header=True) == "New York City time"
    assert zone_label(fr, NY) == "heure de New York" and zone_label(fr, NY, header=True) == "Heure de New York"
    assert zone_label(en, PARIS) == "Paris time" and zone_label(fr, PARIS) == "heure de Paris"


@pytest.mark.parametrize(
    ("zone", "style"),
    [
        (NY, "us"),
        ("America/Chicago", "us"),
        (PARIS, "24"),
        (BERLIN, "24"),
        (ZURICH, "24"),
        ("Europe/Amsterdam", "24"),
        (LONDON, "uk"),
        ("Asia/Tokyo", "24"),
        ("UTC", "24"),
    ],
)
def test_which_clock_each_zone_takes_in_english(zone: str, style: str) -> None:
    assert clock_style("en", zone) == style
    assert clock_style("fr", zone) == "fr"


def test_wall_clock_values_and_a_bad_clock() -> None:
    close = WallClock(14, 5, "Europe/Paris")
    assert Localizer("en").text(close) == "14:05" and Localizer("fr").text(close) == "14h05"
    assert Localizer("en", clock="12").text(close) == "2:05 p.m."
    assert Localizer("en", cldr=False).text(close) == "14:05"  # neutral text (JSON)
    with pytest.raises(InputError):
        Localizer("en", clock="13")


def test_rulebook_labels_and_times_share_the_french_form() -> None:
    fr = Localizer("fr")
    from deadlines.text import Term

    label = fr.text(Term("Latest announcement of an extension (9:00 a.m. New York time)"))
    assert label == "Date limite d’annonce d’une prorogation (9h00, heure de New York)"
    assert "0h01" in fr.text(Term("Commencement of the offer (12:01 a.m. New York time)"))


# -- the command line and the exports ------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) in (0, 1)
    return capsys.readouterr().out


def test_seed_table_reads_as_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "schedule", str(SEED), "--width", "120", "--today", "2002-09-20")
    plain = out.replace("\u00a0", " ")
    assert "Thu, Sep 12, 2002  12:00 noon New York = 18:00 Paris" in plain  # the key dates
    row = next(line for line in plain.splitlines() if "Expiry of the offer" in line and line.startswith("Thu Sep 12"))
    assert "12:00 noon" in row and "18:00" in row  # one line: New York, then Paris
    assert not re.search(r"\d\s[AP]M\b", out)  # no CLDR "12:00 PM"
    french = _run(capsys, "schedule", str(SEED), "--lang", "fr", "--width", "120", "--today", "2002-09-20")
    assert "12h00" in french and "18h00" in french and "18:00" not in french.split("Avertissements")[0]


@pytest.mark.parametrize(("clock", "present", "absent"), [("24", "2002 12:00", "noon"), ("12", "6:00 p.m.", "18:00")])
def test_clock_option_forces_one_clock(
    capsys: pytest.CaptureFixture[str], clock: str, present: str, absent: str
) -> None:
    out = _run(capsys, "schedule", str(SEED), "--clock", clock, "--format", "csv")
    texts = [v for row in csv.DictReader(io.StringIO(out)) for k, v in row.items() if k.startswith("text:")]
    assert any(present in t for t in texts) and not any(absent in t for t in texts)


def test_exports_use_plain_spaces_and_keep_iso_fields(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "schedule", str(SEED), "--format", "csv", "--lang", "en,fr")
    rows = list(csv.DictReader(io.StringIO(out)))
    times = [v for row in rows for k, v in row.items() if k.startswith("text:")]
    assert not any("\u202f" in t or "\u00a0" in t for t in times)
    expiry = [r for r in rows if r["id"] == "us-14d.expiry"]
    assert [r[f"text:{NY}"] for r in expiry] == ["Thu, Sep 12, 2002 12:00 noon", "jeu. 12 sept. 2002 12h00"]
    assert [r[f"text:{PARIS}"] for r in expiry] == ["Thu, Sep 12, 2002 18:00", "jeu. 12 sept. 2002 18h00"]
    assert expiry[0][f"local:{NY}"] == "2002-09-12T12:00-04:00"
    data = json.loads(_run(capsys, "schedule", str(SEED), "--format", "json", "--clock", "12"))
    event = next(e for e in data["events"] if e["id"] == "us-14d.expiry")
    assert event["local"] == "2002-09-12T12:00-04:00" and event["times"][PARIS] == "2002-09-12T18:00+02:00"


def test_markdown_and_ics_use_the_same_words(capsys: pytest.CaptureFixture[str]) -> None:
    md = _run(capsys, "schedule", str(SEED), "--format", "md", "--today", "2002-09-20")
    assert "Thursday, September 12, 2002<br>12:00\u00a0noon" in md and "| 18:00 |" in md
    ics = _run(capsys, "schedule", str(SEED), "--format", "ics").replace("\r\n ", "")
    assert "New York City time: Thu\\, Sep 12\\, 2002 12:00 noon" in ics


def test_calendar_and_scan_take_the_clock(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "calendar", "XPAR", "--year", "2026", "--clock", "12", "--width", "100")
    assert "(closes at 2:05 p.m.)" in out
    out = _run(capsys, "calendar", "XPAR", "--year", "2026", "--lang", "fr", "--width", "100")
    assert "(clôture à 14h05)" in out
    args = ["scan", "--regime", "us-14d", "--from", "2026-03-02", "--to", "2026-03-02", "--width", "140"]
    assert "12:00 midnight" in _run(capsys, *args)
    assert "24:00" in _run(capsys, *args, "--clock", "24")
