"""The default timetable: one line per event, the key dates above it, --detail and --all.

Expected values come from the seed's documents (expiry 12 September 2002 at 12:00 noon New York City time
= 18:00 Paris time) and from the issue's done-when (at most 60 lines at 80 and 120 columns).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deadlines.cli import main
from deadlines.deal import load_deal
from deadlines.engine import compute
from deadlines.i18n import Localizer
from deadlines.render.rows import schedule_rows, short_ref
from deadlines.render.table import plain_text, print_schedule

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "examples" / "serono-genset-2002.toml")
RELIEF = "File TP 02-95"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) in (0, 1)
    return capsys.readouterr().out.replace("\u00a0", " ")


@pytest.mark.parametrize("width", ["80", "100", "120", "160"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_seed_fits_in_60_lines_one_line_per_event(
    capsys: pytest.CaptureFixture[str], width: str, lang: str
) -> None:
    out = _run(capsys, "schedule", SEED, "--width", width, "--lang", lang)
    assert len(out.splitlines()) <= 60
    assert max(len(line) for line in out.splitlines()) <= int(width)
    schedule = compute(load_deal(SEED))
    in_force = [e for e in schedule.events if e.in_force]
    rows = [
        line
        for line in out.splitlines()
        if re.match(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun|lun|mar|mer|jeu|ven|sam|dim)\.? \S+ \d+  ", line)
        or re.match(r"^(lun|mar|mer|jeu|ven|sam|dim)\. \d+ \S+  ", line)
    ]
    assert len(rows) == len(in_force)  # each event on exactly one line


@pytest.mark.parametrize("width", ["80", "120"])
def test_the_expiry_rows_read_as_the_seed(capsys: pytest.CaptureFixture[str], width: str) -> None:
    out = _run(capsys, "schedule", SEED, "--width", width)
    expiry = [line for line in out.splitlines() if line.startswith("Thu Sep 12") and "Expiry of the offer" in line]
    assert len(expiry) == 1 and "12:00 noon" in expiry[0] and "18:00" in expiry[0] and "14e-1(a)" in expiry[0]
    assert "Thu, Sep 12, 2002  12:00 noon New York = 18:00 Paris" in out  # the key dates
    assert "Thu, Oct 31, 2002  12:00 noon New York = 18:00 Paris" in out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_label_is_broken_inside_a_word(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    schedule = compute(load_deal(SEED))
    rows = schedule_rows(schedule, Localizer(lang))
    for width in ("80", "100"):
        out = _run(capsys, "schedule", SEED, "--width", width, "--lang", lang)
        words = set(out.split())
        for row in rows.rows:
            if row.event.in_force:
                assert all(word in words for word in row.short.replace("\u00a0", " ").split()), row.short


def test_a_deal_in_the_past_has_no_time_left_and_the_hidden_rows_are_counted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = _run(capsys, "schedule", SEED, "--width", "160")
    assert "Left" not in out and "days ago" not in out and " d\n" not in out
    assert "4 rules not in force for this deal's dates: hidden (--all shows them)" in out
    assert "Squeeze-out" not in out and "Earliest closing" not in out
    every = _run(capsys, "schedule", SEED, "--width", "160", "--all")
    assert "hidden" not in every and "Squeeze-out: latest date ?" in every and "? reference only" in every
    assert "Fri, Jan 31, 2003" in every  # two years: each date has its year


def test_time_left_for_events_to_come(capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(capsys, "schedule", SEED, "--width", "120", "--today", "2002-09-20")
    lines = out.splitlines()
    assert any(line.startswith("Mon Sep 23") and line.endswith("3 d") for line in lines)
    assert not any(line.startswith("Thu Sep 12") and line.rstrip().endswith(" d") for line in lines)
    narrow = _run(capsys, "schedule", SEED, "--width", "80", "--today", "2002-09-20")
    assert "not shown at this width: time left" in narrow


def test_marks_read_without_colour(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = _run(capsys, "schedule", SEED, "--width", "100")
    assert "Payment for tenders *+" in out and "Results announced =+" in out and "Reopening: result ~" in out
    assert "+ waived  * estimate  = observed  ~ observed, approximate" in out


def test_the_relief_text_is_printed_once_in_detail_and_not_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    default = _run(capsys, "schedule", SEED, "--width", "120")
    assert RELIEF not in default and "more notes: --detail shows them" in default
    detail = _run(capsys, "schedule", SEED, "--width", "120", "--detail")
    assert detail.count(RELIEF) == 1
    assert "waived for this deal: see the relief" in detail and "20th business day" in detail
    assert "Squeeze-out" not in detail and "4 rules not in force" in detail
    assert "Squeeze-out" in _run(capsys, "schedule", SEED, "--width", "120", "--detail", "--all")


def test_zones_are_left_out_with_a_note_before_the_label_gets_unreadable(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["schedule", "--regime", "us-14d", "--commence", "2026-05-04"]
    shows = ["--show", "Asia/Tokyo", "--show", "Australia/Sydney", "--show", "Europe/London"]
    out = _run(capsys, *argv, *shows, "--width", "80", "--today", "2026-01-01")
    assert "not shown at this width:" in out and "Sydney" in out.split("not shown at this width:")[1]
    assert any(line.startswith("Mon May 4 ") and "Commencement of the offer" in line for line in out.splitlines())
    assert "Mon, Jun 1, 2026  12:00 midnight New York  Expiry of the offer" in out  # the key dates
    wide = _run(capsys, *argv, *shows, "--width", "160", "--today", "2026-01-01")
    assert "not shown" not in wide and "Tokyo" in wide and "Sydney" in wide and "London" in wide


@pytest.mark.parametrize(("width", "side"), [(160, False), (200, True)])
def test_two_languages_side_by_side_only_with_a_full_table_each(width: int, side: bool) -> None:
    schedule = compute(load_deal(SEED))
    text = plain_text(lambda c: print_schedule(schedule, [Localizer("en"), Localizer("fr")], c), width)
    first = text.splitlines()[0]
    assert ("Serono / Genset (2002)" in first[width // 2 :]) is side
    assert max(len(line) for line in text.splitlines()) <= width


@pytest.mark.parametrize(
    ("citation", "short"),
    [
        ("Rule 14e-1(a): open at least 20 business days; Rule 14d-1(g)(3)", "14e-1(a)"),
        ("RG AMF art. 231-32 and 232-2", "231-32"),
        ("Exchange Act Section 14(d)(5): withdrawal at any time", "14(d)(5)"),
        ("Monetary and Financial Code art. L. 433-4 II (loi PACTE); RG AMF art. 237-14", "L. 433-4"),
        ("Rule 14d-11 as adopted by Release 33-7760 (1999)", "14d-11"),
        ("Market practice; Baker McKenzie Global Public M&A Guide", "practice"),
        ("Takeover Code, Rule 31.7(b): by 5.00 pm on the unconditional date", "31.7(b)"),
        ("Takeover Code, Rule 2.6(d): by 5.00 pm on Day 53", "2.6(d)"),
        ("UEV art. 14(1)-(2): the offer may be accepted only after a cooling-off period", "14(1)"),
        ("WpÜG § 16(1) sentence 1: the acceptance period is not less than four weeks", "§ 16(1)"),
    ],
)
def test_short_rule_references(citation: str, short: str) -> None:
    assert short_ref(Localizer("en"), citation) == short


@pytest.mark.parametrize(("lang", "word"), [("en", "! breach"), ("fr", "! manquement")])
def test_a_breach_is_marked_on_its_row_and_explained(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str, word: str
) -> None:
    """An expiry before the 20th business day (Rule 14e-1(a)): "!" on its row, the legend and the breach."""
    monkeypatch.setenv("NO_COLOR", "1")
    argv = ["schedule", "--regime", "us-14d", "--commence", "2026-05-04", "--expire", "2026-05-20 17:00"]
    assert main([*argv, "--width", "80", "--today", "2026-05-01", "--lang", lang]) == 1
    out = capsys.readouterr().out.replace("\u00a0", " ")
    marked = [line for line in out.splitlines() if " ! " in f"{line} " and "14e-1(a)" in line]
    assert len(marked) == 1 and marked[0].startswith(("Wed May 20", "mer. 20 mai"))
    assert word in out and "[expiry-before-minimum]" in out


def test_no_line_starts_with_the_punctuation_a_no_break_space_holds(capsys: pytest.CaptureFixture[str]) -> None:
    """French puts a no-break space before ":" and a narrow one before ";" so that no line starts with them
    (the catalog's typography); rich 15 broke lines there ("; OIMF-FINMA" at the start of a line in the
    French rules of ch-uev at 100 columns). From 75 columns (below, the table folds its narrow columns
    inside words), no line starts with ";" or ":"."""
    from rich.console import Console
    from rich.text import Text

    text = Text("publication du prospectus\u202f; OIMF-FINMA art. 9(1)\u00a0: un délai")
    for width in range(12, 40):
        lines = [line.plain for line in text.wrap(Console(width=60), width)]
        assert not [line for line in lines if line.lstrip().startswith((";", ":"))], (width, lines)
    for width in range(75, 121, 5):
        assert main(["rules", "ch-uev", "--lang", "fr", "--width", str(width)]) == 0
        out = capsys.readouterr().out
        starts = [line for line in out.splitlines() if line.strip().startswith((";", ":", "\u202f;", "\u00a0:"))]
        assert starts == [], (width, starts)
