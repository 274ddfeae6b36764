"""The reference case: Serono's US and French offers for Genset (2002).

Expected values come from the filings quoted in examples/serono-genset-2002.toml and the domain notes
(sec. 7): offers opened 16 July 2002; first period expired 12 September 2002 at 12:00 noon New York =
18:00 Paris; subsequent period expired 31 October 2002 at 12:00 noon New York = 18:00 Paris; combined
results on or about 8 November 2002. The seed's dates, counts, relief and warnings are checked as data in
tests/cases/cross-border/serono-genset-2002.toml (tests/test_cases.py); here, what the command line shows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deadlines.cli import main

SEED = Path(__file__).resolve().parent.parent / "examples" / "serono-genset-2002.toml"


def test_cli_table_shows_both_clocks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", str(SEED), "--lang", "en_GB"]) == 0
    out = capsys.readouterr().out
    # en_GB: English words and British dates; the clock follows each zone, as the seed writes it:
    # "12:00 noon, New York City time (18:00, Paris time)"; New York leads, Paris is six hours ahead.
    assert "Thu, 12 Sept 2002" in out and "Thu, 31 Oct 2002" in out
    assert "12:00 noon" in out and "18:00" in out and "PM" not in out


def test_cli_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schedule", str(SEED), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"events", "warnings"}
    required = {"id", "regime", "label", "date", "local", "utc", "zone", "rule", "trace"}
    for event in data["events"]:
        assert required <= set(event), event["id"]
        assert event["utc"].endswith("Z")
    for warning in data["warnings"]:
        assert {"code", "message"} <= set(warning)
    ids = {e["id"] for e in data["events"]}
    assert {"us-14d.commencement", "us-14d.expiry", "fr-amf.opening", "fr-amf.closing"} <= ids
