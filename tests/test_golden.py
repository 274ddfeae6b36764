"""Golden renders: the tables exactly as a user sees them, at a fixed width, in both languages.

The files in ``tests/golden`` are reviewed snapshots (dates checked against the seed's press release:
12 Sep 2002 and 31 Oct 2002 at 12:00 New York = 18:00 Paris). Rewrite them with
``DEADLINES_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deadlines.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEED = "examples/serono-genset-2002.toml"
# 20 Sep 2002: the first period is over, the subsequent period not yet open; days left show all three states.
TODAY = ["--today", "2002-09-20"]

CASES = {
    "schedule-seed-en.txt": ["schedule", SEED, "--lang", "en", *TODAY, "--width", "110"],
    "schedule-seed-fr.txt": ["schedule", SEED, "--lang", "fr", *TODAY, "--width", "110"],
    "schedule-seed-en-fr-stacked.txt": ["schedule", SEED, "--lang", "en,fr", *TODAY, "--width", "110"],
    "schedule-seed-en-fr-side-by-side.txt": ["schedule", SEED, "--lang", "en,fr", *TODAY, "--width", "240"],
    # The default one-line table at the widths deal teams print at, in each language and both.
    **{
        f"schedule-seed-{lang.replace(',', '-')}-{width}.txt": [
            "schedule",
            SEED,
            "--lang",
            lang,
            *TODAY,
            "--width",
            width,
        ]
        for lang in ("en", "fr", "en,fr")
        for width in ("80", "100", "120", "160")
    },
    # The README's first command: a deal entirely in the past has no time left.
    "schedule-seed-en-80-past.txt": ["schedule", SEED, "--lang", "en", "--width", "80"],
    "schedule-seed-en-detail.txt": ["schedule", SEED, "--lang", "en", *TODAY, "--width", "110", "--detail"],
    "schedule-seed-fr-all.txt": ["schedule", SEED, "--lang", "fr", *TODAY, "--width", "100", "--all"],
    "schedule-2026-dst-fr.txt": [
        "schedule",
        "--regime",
        "us-14d",
        "--regime",
        "fr-amf",
        "--commence",
        "2026-02-02",
        "--expire",
        "2026-03-20 12:00",
        "--lang",
        "fr",
        "--today",
        "2026-03-09",
        "--width",
        "110",
    ],
    "calendar-xnys-xpar-2026-fr.txt": [
        "calendar",
        "XNYS",
        "XPAR",
        "us-federal",
        "--year",
        "2026",
        "--lang",
        "fr",
        "--width",
        "110",
    ],
    "calendar-xpar-2026-04-en.txt": ["calendar", "XPAR", "--month", "2026-04", "--lang", "en", "--width", "80"],
    "rules-fr-amf-fr.txt": ["rules", "fr-amf", "--lang", "fr", "--width", "110"],
    "rules-us-14d-en.txt": ["rules", "us-14d", "--lang", "en", "--on", "2026-05-04", "--width", "110"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_render(name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code = main(CASES[name])
    out = capsys.readouterr().out
    assert code in (0, 1)
    path = GOLDEN / name
    if os.environ.get("DEADLINES_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_no_escape_codes_when_not_a_terminal() -> None:
    for path in GOLDEN.glob("*.txt"):
        assert "\x1b[" not in path.read_text(encoding="utf-8"), path.name
