"""The reference case: Serono's US and French offers for Genset (2002).

Expected values come from the filings quoted in examples/serono-genset-2002.toml and the domain notes
(sec. 7): offers opened 16 July 2002; first period expired 12 September 2002 at 12:00 noon New York =
18:00 Paris; subsequent period expired 31 October 2002 at 12:00 noon New York = 18:00 Paris; combined
results on or about 8 November 2002.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from deadlines import compute, load_deal
from deadlines.cli import main

SEED = Path(__file__).resolve().parent.parent / "examples" / "serono-genset-2002.toml"


@pytest.fixture(scope="module")
def seed():  # type: ignore[no-untyped-def]
    return compute(load_deal(SEED))


def test_first_period_expires_noon_new_york_six_pm_paris(seed) -> None:  # type: ignore[no-untyped-def]
    us, fr = seed.event("us-14d.expiry").to_json(seed.zones), seed.event("fr-amf.closing").to_json(seed.zones)
    assert us["local"] == "2002-09-12T12:00-04:00"
    assert fr["local"] == "2002-09-12T18:00+02:00"
    assert us["utc"] == fr["utc"] == "2002-09-12T16:00Z"


def test_subsequent_period_expires_noon_new_york_six_pm_paris(seed) -> None:  # type: ignore[no-untyped-def]
    us, fr = seed.event("us-14d.sop-expiry"), seed.event("fr-amf.reopening-closing")
    # Both zones had left summer time on 27 Oct 2002: still 6 hours apart.
    assert us.to_json(seed.zones)["local"] == "2002-10-31T12:00-05:00"
    assert fr.to_json(seed.zones)["local"] == "2002-10-31T18:00+01:00"
    assert us.instant == fr.instant
    assert not [w for w in seed.warnings if "dst" in w.code]


def test_opening_and_counts_match_the_domain_notes(seed) -> None:  # type: ignore[no-untyped-def]
    assert seed.event("us-14d.commencement").day == date(2002, 7, 16)
    assert seed.event("fr-amf.opening").day == date(2002, 7, 16)
    # sec. 1.2: 20th US business day from 16 Jul 2002 is Mon 12 Aug 2002.
    assert seed.event("us-14d.minimum-expiry").day == date(2002, 8, 12)
    # sec. 7: 42 US business days (Labor Day excluded), 43 Paris trading days, SOP 28 US business days.
    assert seed.event("us-14d.expiry").business_day == 42
    assert seed.event("fr-amf.closing").business_day == 43
    assert seed.event("us-14d.sop-expiry").business_day == 28


def test_final_results_on_or_about_8_november(seed) -> None:  # type: ignore[no-untyped-def]
    result = seed.event("fr-amf.reopening-result")
    assert result.day == date(2002, 11, 8)
    assert result.observed and result.approximate


def test_relief_and_historic_rules_are_shown(seed) -> None:  # type: ignore[no-untyped-def]
    codes = {w.code for w in seed.warnings}
    assert {"relief", "relief-applied", "historic-regime"} <= codes
    # The 1999 rule capped the subsequent period at 20 business days; the SEC relief waived it.
    assert seed.event("us-14d.sop-maximum-expiry").status == "relieved"
    assert not seed.breaches


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
