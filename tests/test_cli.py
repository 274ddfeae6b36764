"""Command-line contract: exit statuses, one-line errors, bizdays arithmetic, JSON shape."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from deadlines.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_bizdays_add_skips_labor_day(capsys: pytest.CaptureFixture[str]) -> None:
    # Labor Day 2002 was Mon 2 Sep: one business day after Fri 30 Aug 2002 is Tue 3 Sep.
    assert run(capsys, "bizdays", "add", "--calendar", "us-federal", "2002-08-30", "1")[1].strip() == "2002-09-03"


def test_bizdays_count_and_nth(capsys: pytest.CaptureFixture[str]) -> None:
    # Domain notes sec. 7: 16 Jul - 12 Sep 2002 = 43 Paris trading days.
    assert run(capsys, "bizdays", "count", "--calendar", "XPAR", "2002-07-16", "2002-09-12")[1].strip() == "43"
    # Good Friday 2026 counts for the SEC, not for the NYSE.
    assert run(capsys, "bizdays", "nth", "-c", "sec", "2026-03-30", "20")[1].strip() == "2026-04-24"
    assert run(capsys, "bizdays", "nth", "-c", "nyse", "2026-03-30", "20")[1].strip() == "2026-04-27"


def test_bizdays_is_and_joint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "bizdays", "is", "-c", "XPAR", "2026-04-03")
    assert code == 1 and "Good Friday" in out
    code, out, _ = run(capsys, "bizdays", "is", "-c", "us-federal", "-c", "XPAR", "--mode", "any", "2026-04-03")
    assert code == 0


def test_schedule_json_with_expire_and_zone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "schedule",
        "--regime",
        "us-14d",
        "--regime",
        "fr-amf",
        "--commence",
        "2026-05-04",
        "--expire",
        "2026-06-05 18:00",
        "--zone",
        "Europe/Paris",
        "--show",
        "Asia/Tokyo",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    us = next(e for e in data["events"] if e["id"] == "us-14d.expiry")
    assert us["local"] == "2026-06-05T12:00-04:00" and us["utc"] == "2026-06-05T16:00Z"
    assert us["times"]["Asia/Tokyo"] == "2026-06-06T01:00+09:00"


def test_breach_exits_1_with_the_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "schedule",
        "--regime",
        "us-14d",
        "--commence",
        "2026-05-04",
        "--expire",
        "2026-06-01 17:00",
        "--format",
        "json",
    )
    assert code == 1
    codes = [w["code"] for w in json.loads(out)["warnings"] if w["severity"] == "breach"]
    assert codes == ["expiry-before-minimum"]


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["schedule", "--regime", "us-14e", "--commence", "2026-05-04"], "did you mean 'us-14d'"),
        (["schedule", "--regime", "us-14d", "--commence", "2026-02-30"], "invalid date"),
        (
            ["schedule", "--regime", "us-14d", "--commence", "2026-03-02", "--expire", "2026-03-08 02:30"],
            "does not exist",
        ),
        (
            ["schedule", "--regime", "us-14d", "--commence", "2026-10-01", "--expire", "2026-11-01 01:30"],
            "happens twice",
        ),
        (["schedule", "--regime", "us-14d", "--commence", "2026-05-04", "--show", "Europe/Pariss"], "Europe/Paris"),
        (["schedule", "missing-deal.toml"], "no such file"),
        (["bizdays", "add", "-c", "XPAR", "1990-01-02", "5"], "outside the coverage"),
        (["bizdays", "count", "-c", "XPAR", "2026-05-10", "2026-05-01"], "reversed"),
        (["bizdays", "add", "-c", "XPARR", "2026-05-01", "5"], "did you mean 'XPAR'"),
        (["bizdays", "add", "-c", "XPAR", "2026-05-01", "five"], "whole number"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and fragment in err, err


def test_ambiguous_time_with_offset_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "schedule",
        "--regime",
        "us-14d",
        "--commence",
        "2026-10-01",
        "--expire",
        "2026-11-01 01:30-05:00",
        "--format",
        "json",
    )
    expiry = next(e for e in json.loads(out)["events"] if e["id"] == "us-14d.expiry")
    assert expiry["utc"] == "2026-11-01T06:30Z"
    assert code == 1  # a Sunday, and before business day 20: both reported as breaches


def test_deal_file_unknown_key_names_the_line(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    deal = tmp_path / "deal.toml"
    deal.write_text('[[offer]]\nregime = "us-14d"\ncommence = 2026-05-04\nexpiy = "x"\n', encoding="utf-8")
    code, _, err = run(capsys, "schedule", str(deal))
    assert code == 2 and "line 4" in err and "expiy" in err


def test_python_m_deadlines_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "deadlines", "bizdays", "add", "-c", "us-federal", "2021-06-17", "1"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # Juneteenth 2021 was observed on Fri 18 Jun (Pub. L. 117-17): next business day is Mon 21 Jun.
    assert result.returncode == 0 and result.stdout.strip() == "2021-06-21"


def test_regimes_lists_each_regimes_options(capsys: pytest.CaptureFixture[str]) -> None:
    """The options are the rulebooks' own: the SEC exemptive order of 16 April 2026 for the US regimes,
    the simplified French procedure's 15-trading-day option for offers not in cash."""
    assert main(["regimes"]) == 0
    out = capsys.readouterr().out
    assert out.count("option exemptive-order-2026: offers starting on or after 2026-04-16") == 2
    assert "option not-cash" in out


def test_the_package_does_not_shadow_pythons_warning() -> None:
    import deadlines

    namespace: dict[str, object] = {}
    exec("from deadlines import *", namespace)
    assert "Warning" not in namespace and "ScheduleWarning" in deadlines.__all__


@pytest.mark.parametrize(
    "regimes, utc",
    [
        # A US offer's usual expiry is the end of the day (24:00 New York, EDT in June: 04:00 UTC next day).
        (["us-14d"], "2026-06-06T04:00Z"),
        # A US + French offer's is 12:00 noon New York (= 18:00 Paris), 16:00 UTC in June, in either order.
        (["us-14d", "fr-amf"], "2026-06-05T16:00Z"),
        (["fr-amf", "us-14d"], "2026-06-05T16:00Z"),
    ],
)
def test_expire_with_a_day_alone_takes_the_usual_time(
    capsys: pytest.CaptureFixture[str], regimes: list[str], utc: str
) -> None:
    argv = ["schedule", *(a for r in regimes for a in ("--regime", r)), "--commence", "2026-05-04"]
    assert main([*argv, "--expire", "2026-06-05", "--format", "json"]) in (0, 1)
    events = json.loads(capsys.readouterr().out)["events"]
    assert {e["utc"] for e in events if e["kind"] == "chosen"} == {utc}
