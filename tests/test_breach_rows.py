"""A breach is on its row: the event that breaks a rule says so in JSON, CSV and the table (issue 11).

Each case is a deal, the exit status, the event expected to be in breach (or relieved) and the warning
code. Expected dates are worked out by hand from the calendars, not from the code:

- US federal business days from Monday 4 May 2026 (commencement = day 1): Memorial Day, Monday 25 May,
  is a federal holiday, so business day 10 is Friday 15 May and business day 20 is Monday 1 June 2026
  (the earliest expiry is 24:00 New York time that day). Juneteenth, Friday 19 June 2026, is a federal
  holiday.
- Euronext Paris trading days from Monday 4 May 2026 (opening = day 1): Ascension (14 May) and Whit
  Monday (25 May) are trading days, so day 25 is Friday 5 June (earliest closing 17:30 Paris) and day 35
  Friday 19 June 2026 (latest closing).
- Euronext Paris from Monday 23 February 2026: day 25 is Friday 27 March; Good Friday (3 April) and
  Easter Monday (6 April) are closed, so day 35 is Tuesday 14 April 2026.
- A price change announced Wednesday 27 May 2026 (day 1; Rule 14e-1(b), 10 business days): 27, 28, 29
  May, 1-5 June (day 8), 8 June (9), so day 10 is Tuesday 9 June 2026; an expiry of Wednesday 3 June
  (24:00) ends before it.
- An expiry scheduled for Friday 5 June 2026 and extended: Rule 14e-1(d) wants the notice by 9:00 a.m. New
  York time on the next business day, Monday 8 June 2026.
- Payment (Rule 14e-1(c)) is counted from the expiry (Thursday 18 June 2026); the target's statement
  (Rule 14e-2(a)) from commencement (Monday 4 May 2026).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from deadlines.cli import main
from deadlines.engine import compute
from deadlines.errors import InputError
from deadlines.model import Deal, Leg, LocalTime, Observed
from deadlines.timeutil import WallTime

US = """
[[offer]]
regime = "us-14d"
commence = 2026-05-04
"""
FR = """
[[offer]]
regime = "fr-amf"
open = 2026-05-04
"""
FR_EASTER = """
[[offer]]
regime = "fr-amf"
open = 2026-02-23
"""
EXPIRY_12_JUNE = """
[expiry]
date = 2026-06-12
time = "17:00"
"""
EXPIRY_18_JUNE = """
[expiry]
date = 2026-06-18
"""
PRICE_CHANGE_27_MAY = """
[expiry]
date = 2026-06-03

[[amendment]]
kind = "price"
date = 2026-05-27
"""
US_RELIEF = """
[[relief]]
regime = "us-14d"
rules = [{rules}]
citation = "SEC no-action letter (test)"
"""


def observed(event: str, day: str, time: str | None = None) -> str:
    return f'\n[[observed]]\nevent = "{event}"\ndate = {day}\n' + (f'time = "{time}"\n' if time else "")


def extended(day: str) -> str:
    return f"\n[[extended]]\ndate = {day}\n"


def relief(*rules: str) -> str:
    return US_RELIEF.format(rules=", ".join(f'"{r}"' for r in rules))


@dataclass(frozen=True)
class Case:
    deal: str  # deal-file text
    exit: int
    event: str | None = None  # the event in breach (or relieved)
    code: str | None = None  # its warning code
    rule: str = ""  # a fragment of the citation of the rule it breaks
    status: str = "breach"
    dates: tuple[tuple[str, str], ...] = ()  # events whose date is known by hand
    table: bool = True  # False when another row has the same label and status (the table test finds rows by label)


MIN_US = ("us-14d.minimum-expiry", "2026-06-01")
FR_BOUNDS = (("fr-amf.minimum-closing", "2026-06-05"), ("fr-amf.maximum-closing", "2026-06-19"))

CASES: dict[str, Case] = {
    # Observed expiries are checked like chosen ones.
    "observed expiry on a Sunday": Case(
        US + observed("us-14d.expiry", "2026-06-07"),
        1,
        "us-14d.expiry",
        "expiry-not-business-day",
        "Rule 14e-1(a)",
        dates=(MIN_US, ("us-14d.expiry", "2026-06-07")),
    ),
    "observed expiry on Juneteenth": Case(
        US + observed("us-14d.expiry", "2026-06-19"), 1, "us-14d.expiry", "expiry-not-business-day", "Rule 14e-1(a)"
    ),
    "observed expiry on business day 19": Case(
        US + observed("us-14d.expiry", "2026-05-29"),
        1,
        "us-14d.expiry",
        "expiry-before-minimum",
        "Rule 14e-1(a): open at least 20 business days",
        dates=(MIN_US,),
    ),
    "observed expiry at 17:00 on business day 20": Case(
        US + observed("us-14d.expiry", "2026-06-01", "17:00"),
        1,
        "us-14d.expiry",
        "expiry-before-minimum",
        "Rule 14e-1(a): open at least 20 business days",
    ),
    "observed expiry at the end of business day 20": Case(
        US + observed("us-14d.expiry", "2026-06-01"), 0, dates=(MIN_US, ("us-14d.expiry", "2026-06-01"))
    ),
    "observed closing after the 35th trading day": Case(
        FR + observed("fr-amf.closing", "2026-06-22"),
        1,
        "fr-amf.closing",
        "expiry-after-maximum",
        "RG AMF art. 232-2",
        dates=FR_BOUNDS,
    ),
    "observed closing on a Sunday": Case(
        FR + observed("fr-amf.closing", "2026-06-07"),
        1,
        "fr-amf.closing",
        "expiry-not-business-day",
        "RG AMF art. 231-32",
        dates=FR_BOUNDS,
    ),
    "observed closing on Good Friday": Case(
        FR_EASTER + observed("fr-amf.closing", "2026-04-03", "17:30"),
        1,
        "fr-amf.closing",
        "expiry-not-business-day",
        "RG AMF art. 231-32",
        dates=(("fr-amf.minimum-closing", "2026-03-27"), ("fr-amf.maximum-closing", "2026-04-14")),
    ),
    "observed closing on the 24th trading day": Case(
        FR + observed("fr-amf.closing", "2026-06-04", "17:30"),
        1,
        "fr-amf.closing",
        "expiry-before-minimum",
        "RG AMF art. 232-2",
        dates=FR_BOUNDS,
    ),
    # Observed deadlines and minimums.
    "observed position statement after its deadline": Case(
        US + observed("us-14d.target-position", "2026-05-19"),
        1,
        "us-14d.target-position",
        "observed-after-deadline",
        "Rule 14e-2(a)",
    ),
    # A minimum is not an act: an earlier count in the documents is a warning (observed-count-differs, see
    # test_an_earlier_observed_minimum_is_a_warning), and the earliest expiry still follows the rule.
    "observed minimum before the rule's": Case(
        US + observed("us-14d.minimum-expiry", "2026-05-29"), 0, dates=(("us-14d.expiry", "2026-06-01"),)
    ),
    # An act observed before the event its rule counts from cannot be right.
    "observed payment before the expiry": Case(
        US + EXPIRY_18_JUNE + observed("us-14d.payment", "2026-06-01"),
        1,
        "us-14d.payment",
        "observed-before-anchor",
        "Rule 14e-1(c)",
    ),
    "observed position statement before commencement": Case(
        US + observed("us-14d.target-position", "2026-04-01"),
        1,
        "us-14d.target-position",
        "observed-before-anchor",
        "Rule 14e-2(a)",
    ),
    "observed position statement before commencement, relieved": Case(
        US + observed("us-14d.target-position", "2026-04-01") + relief("target-position"),
        0,
        "us-14d.target-position",
        "observed-before-anchor",
        "Rule 14e-2(a)",
        status="relieved",
    ),
    # A payment later than the settlement estimate is no breach (it is an estimate).
    "observed payment after the estimate": Case(
        US + EXPIRY_18_JUNE + observed("us-14d.payment", "2026-07-20"), 0, dates=(("us-14d.payment", "2026-07-20"),)
    ),
    # An extension may be announced before the expiry it extends.
    "extension announced before the scheduled expiry": Case(
        US + EXPIRY_12_JUNE + extended("2026-06-05") + observed("us-14d.extension-notice-1", "2026-06-03"), 0
    ),
    # Numbered events (one per amendment or extension) answer to their rule: relief names the rule's key.
    "expiry before the price change's 10 business days": Case(
        US + PRICE_CHANGE_27_MAY,
        1,
        "us-14d.expiry",
        "expiry-before-minimum",
        "Rule 14e-1(b)",
        dates=(("us-14d.price-change-1", "2026-06-09"),),
    ),
    "expiry before the price change's 10 business days, relieved": Case(
        US + PRICE_CHANGE_27_MAY + relief("price-change"),
        0,
        "us-14d.expiry",
        "expiry-before-minimum",
        "Rule 14e-1(b)",
        status="relieved",
    ),
    "late extension notice": Case(
        US + EXPIRY_12_JUNE + extended("2026-06-05") + observed("us-14d.extension-notice-1", "2026-06-09"),
        1,
        "us-14d.extension-notice-1",
        "observed-after-deadline",
        "Rule 14e-1(d)",
        dates=(("us-14d.expiry-extended-1", "2026-06-05"),),
    ),
    "late extension notice, relieved": Case(
        US
        + EXPIRY_12_JUNE
        + extended("2026-06-05")
        + observed("us-14d.extension-notice-1", "2026-06-09")
        + relief("extension-notice"),
        0,
        "us-14d.extension-notice-1",
        "observed-after-deadline",
        "Rule 14e-1(d)",
        status="relieved",
        table=False,  # the relieved rule's first notice is marked "waived" too, under the same label
    ),
    # Expiries that were scheduled, then extended.
    "extended expiry on a Sunday": Case(
        US + EXPIRY_12_JUNE + extended("2026-06-07"),
        1,
        "us-14d.expiry-extended-1",
        "expiry-not-business-day",
        "Rule 14e-1(a)",
    ),
    "extended expiry on Juneteenth": Case(
        US + "[expiry]\ndate = 2026-06-26\n" + extended("2026-06-19"),
        1,
        "us-14d.expiry-extended-1",
        "expiry-not-business-day",
        "Rule 14e-1(a)",
    ),
    "extended expiry before business day 20": Case(
        US + EXPIRY_12_JUNE + extended("2026-05-29"),
        1,
        "us-14d.expiry-extended-1",
        "expiry-before-minimum",
        "Rule 14e-1(a): open at least 20 business days",
    ),
    # A price change on Tuesday 26 May needs 10 business days (to Monday 8 June): extending the expiry of
    # 1 June is what the rule asks, not a breach.
    "extended because of a price change": Case(
        US
        + '[expiry]\ndate = 2026-06-08\ntime = "24:00"\n'
        + extended("2026-06-01")
        + '\n[[amendment]]\nkind = "price"\ndate = 2026-05-26\n',
        0,
        dates=(("us-14d.price-change-1", "2026-06-08"), ("us-14d.expiry-extended-1", "2026-06-01")),
    ),
    # Subsequent offering period / reopening.
    "subsequent period before the expiry": Case(
        US + "[subsequent]\nstart = 2026-05-29\n", 1, "us-14d.sop-start", "start-before-expiry", "Rule 14d-11"
    ),
    "subsequent period on the expiry's last day": Case(
        US + "[subsequent]\nstart = 2026-06-01\n", 1, "us-14d.sop-start", "start-before-expiry", "Rule 14d-11"
    ),
    "subsequent period the day after the expiry": Case(
        US + "[subsequent]\nstart = 2026-06-02\n", 0, dates=(("us-14d.sop-start", "2026-06-02"),)
    ),
    "observed subsequent start before the expiry": Case(
        US + "[subsequent]\n" + observed("us-14d.sop-start", "2026-05-28"),
        1,
        "us-14d.sop-start",
        "start-before-expiry",
        "Rule 14d-11",
    ),
    "reopening before the closing": Case(
        FR + "[subsequent]\nstart = 2026-06-03\n",
        1,
        "fr-amf.reopening-opening",
        "start-before-expiry",
        "RG AMF art. 232-4",
        dates=(("fr-amf.closing", "2026-06-05"),),
    ),
    # Relief waives a breach: the row says "relieved" and the deal passes.
    "observed expiry before the minimum, relieved": Case(
        US + observed("us-14d.expiry", "2026-05-29") + relief("minimum-expiry"),
        0,
        "us-14d.expiry",
        "expiry-before-minimum",
        "Rule 14e-1(a)",
        status="relieved",
    ),
    "subsequent period before the expiry, relieved": Case(
        US + "[subsequent]\nstart = 2026-05-29\n" + relief("sop-start"),
        0,
        "us-14d.sop-start",
        "start-before-expiry",
        "Rule 14d-11",
        status="relieved",
    ),
    "position statement after its deadline, relieved": Case(
        US + observed("us-14d.target-position", "2026-05-19") + relief("target-position"),
        0,
        "us-14d.target-position",
        "observed-after-deadline",
        "Rule 14e-2(a)",
        status="relieved",
    ),
    "extended expiry on a Sunday, relieved": Case(
        US + EXPIRY_12_JUNE + extended("2026-06-07") + relief("expiry"),
        0,
        "us-14d.expiry-extended-1",
        "expiry-not-business-day",
        "Rule 14e-1(a)",
        status="relieved",
    ),
}

# The word a row carries for its status, in each language (the table's marks).
MARK = {("en", "breach"): "breach", ("fr", "breach"): "manquement", ("en", "relieved"): "waived"}
MARK[("fr", "relieved")] = "dérogation"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def deal_file(tmp_path: Path) -> Any:
    def write(text: str) -> str:
        path = tmp_path / "deal.toml"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


@pytest.mark.parametrize("name", list(CASES))
def test_json_puts_the_breach_on_its_event(name: str, capsys: pytest.CaptureFixture[str], deal_file: Any) -> None:
    case = CASES[name]
    code, out, err = _run(capsys, "schedule", deal_file(case.deal), "--format", "json")
    assert code == case.exit, err
    data = json.loads(out)
    events = {e["id"]: e for e in data["events"]}
    for event_id, day in case.dates:
        assert events[event_id]["date"] == day, event_id
    assert data["ok"] is (case.exit == 0)
    flagged = {e["id"]: e["status"] for e in data["events"] if e["status"] in ("breach", "relieved")}
    if case.event is None:
        assert "breach" not in flagged.values()
        assert all(not e["breaches"] for e in data["events"])
        return
    event = events[case.event]
    assert event["status"] == case.status
    # Only the event out of line is in breach (a relieved rule's own event may say "relieved").
    assert [k for k, v in flagged.items() if v == "breach"] == ([case.event] if case.status == "breach" else [])
    listed = event["breaches"] if case.status == "breach" else event["waived"]
    assert case.code in [b["code"] for b in listed]
    found = next(b for b in listed if b["code"] == case.code)
    assert case.rule in found["rule"] and found["message"]
    if case.status == "relieved":
        assert event["breaches"] == [] and found["relief"] == "SEC no-action letter (test)"
    # The summary stays: every breach warning names the event that carries it.
    breaches = [w for w in data["warnings"] if w["severity"] == "breach"]
    assert all(events[w["event"]]["status"] == "breach" for w in breaches)
    if case.status == "breach":
        assert case.code in [w["code"] for w in breaches if w["event"] == case.event]


@pytest.mark.parametrize("name", list(CASES))
def test_csv_puts_the_breach_on_its_event(name: str, capsys: pytest.CaptureFixture[str], deal_file: Any) -> None:
    case = CASES[name]
    code, out, err = _run(
        capsys, "schedule", deal_file(case.deal), "--format", "csv", "--output", "-", "--lang", "en,fr"
    )
    assert code == case.exit, err
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert {r["lang"] for r in rows} == {"en", "fr"}
    for row in rows:
        if row["id"] == case.event:
            assert row["status"] == case.status
            if case.status == "breach":
                assert case.code in row["breaches"].split() and row["breach_messages"]
            else:
                assert row["breaches"] == "" and row["breach_messages"] == ""
        else:
            assert row["status"] != "breach" and row["breaches"] == ""


def _plain(text: str) -> str:
    """French typography's no-break spaces as plain spaces, to match words."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _table_rows(out: str) -> list[str]:
    """The table's rows (a blank line between rows), without the legend and warnings under it."""
    legend = "24:00 is the end" if "24:00 is the end" in out else "24:00 désigne"
    table = out.split(legend)[0]
    lines = table.splitlines()
    lines = lines[next(i for i, line in enumerate(lines) if "━" in line) + 1 :]  # the rows, under the header
    blocks, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    return blocks + (["\n".join(current)] if current else [])


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.event is not None and c.table])
def test_table_marks_the_row_in_words(
    name: str, lang: str, capsys: pytest.CaptureFixture[str], deal_file: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under NO_COLOR (and for a screen reader) the row itself says "breach" / "manquement"."""
    case = CASES[name]
    assert case.event is not None
    monkeypatch.setenv("NO_COLOR", "1")
    path = deal_file(case.deal)
    code, out, _ = _run(capsys, "schedule", path, "--format", "json", "--lang", lang)
    label = next(e["label"] for e in json.loads(out)["events"] if e["id"] == case.event)
    code, out, err = _run(
        capsys, "schedule", path, "--lang", lang, "--width", "260", "--today", "2026-05-01", "--detail"
    )
    assert code == case.exit, err
    out, label = _plain(out), _plain(label)
    regime = case.event.split(".")[0]
    head = f"{regime}: {label}" if lang == "en" else f"{regime} : {label}"
    blocks = _table_rows(out)
    rows = [r for r in blocks if r.splitlines()[0].strip().startswith(f"{head} [")]
    assert len(rows) == 1, (head, out)
    first = rows[0].splitlines()[0]
    word = MARK[(lang, case.status)]
    marks = first[first.index(head) + len(head) :].split("  ")[0]
    assert marks.startswith(" [") and word in marks, first
    # No other row claims a breach; the summary under the table stays.
    others = [r.splitlines()[0] for r in blocks if r is not rows[0]]
    assert not any(f"[{MARK[(lang, 'breach')]}" in o or f"; {MARK[(lang, 'breach')]}" in o for o in others)
    if case.status == "breach":
        assert f"{MARK[(lang, 'breach')]} [{case.code}]" in out


@pytest.mark.parametrize(
    ("deal", "words"),
    [
        # Two observations of one event: the deal's checks refuse it, naming both.
        (
            US + observed("us-14d.expiry", "2026-05-29") + observed("us-14d.expiry", "2026-06-01"),
            ["'us-14d.expiry' is observed twice", "[[observed]] 1 and 2"],
        ),
        # An expiry scheduled before the offer commenced cannot have been extended.
        (US + EXPIRY_12_JUNE + extended("2026-05-01"), ["scheduled for 2026-05-01", "since extended", "2026-05-04"]),
    ],
)
def test_impossible_input_is_refused(
    deal: str, words: list[str], capsys: pytest.CaptureFixture[str], deal_file: Any
) -> None:
    code, out, err = _run(capsys, "schedule", deal_file(deal), "--format", "json")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert all(w in err for w in words), err


def test_impossible_input_is_refused_in_french(capsys: pytest.CaptureFixture[str], deal_file: Any) -> None:
    deal = US + observed("us-14d.expiry", "2026-05-29") + observed("us-14d.expiry", "2026-06-01")
    code, _, err = _run(capsys, "schedule", deal_file(deal), "--lang", "fr")
    assert code == 2 and "« us-14d.expiry » est constaté deux fois ([[observed]] 1 et 2)" in _plain(err)
    deal = US + EXPIRY_12_JUNE + extended("2026-05-01")
    code, _, err = _run(capsys, "schedule", deal_file(deal), "--lang", "fr")
    assert code == 2 and "la clôture initialement prévue le 2026-05-01" in _plain(err), err
    assert "(reportée depuis) précède l’ouverture de l’offre" in _plain(err)


def test_the_python_api_refuses_two_observations_of_one_event() -> None:
    """The Python API builds a Deal directly: the deal's checks refuse it, in their words."""
    with pytest.raises(InputError, match=r"'us-14d\.expiry' is observed twice"):
        deal = Deal(
            [Leg("us-14d", date(2026, 5, 4))],
            observed=[Observed("us-14d.expiry", date(2026, 6, 1)), Observed("us-14d.expiry", date(2026, 6, 2))],
        )
        compute(deal)


def _json(capsys: pytest.CaptureFixture[str], path: str, *argv: str) -> tuple[int, dict[str, Any]]:
    code, out, err = _run(capsys, "schedule", path, "--format", "json", *argv)
    assert out, err
    return code, json.loads(out)


def test_an_earlier_observed_minimum_is_a_warning(capsys: pytest.CaptureFixture[str], deal_file: Any) -> None:
    """Documents counting the 20 business days to Friday 29 May 2026 (the rule: Monday 1 June): a warning on
    the minimum's row, not a breach; the expiry is still checked against 1 June."""
    code, data = _json(capsys, deal_file(US + observed("us-14d.minimum-expiry", "2026-05-29")))
    assert code == 0 and data["ok"]
    [warning] = [w for w in data["warnings"] if w["code"] == "observed-count-differs"]
    assert warning["severity"] == "warning" and warning["event"] == "us-14d.minimum-expiry"
    assert "2026-05-29" in warning["message"] and "2026-06-01" in warning["message"]
    # An expiry on the documents' day 20 (29 May) still ends before the rule's: the breach is the expiry's.
    deal = US + observed("us-14d.minimum-expiry", "2026-05-29") + observed("us-14d.expiry", "2026-05-29")
    code, data = _json(capsys, deal_file(deal))
    events = {e["id"]: e for e in data["events"]}
    assert code == 1 and [b["code"] for b in events["us-14d.expiry"]["breaches"]] == ["expiry-before-minimum"]
    assert events["us-14d.minimum-expiry"]["status"] == "ok"


def test_an_observed_maximum_later_than_the_rules_has_its_own_words(
    capsys: pytest.CaptureFixture[str], deal_file: Any
) -> None:
    """35 Paris trading days from Monday 4 May 2026 end on Friday 19 June; documents saying 22 June."""
    code, data = _json(capsys, deal_file(FR + observed("fr-amf.maximum-closing", "2026-06-22")))
    assert code == 1
    [event] = [e for e in data["events"] if e["id"] == "fr-amf.maximum-closing"]
    [breach] = event["breaches"]
    assert breach["code"] == "observed-after-deadline"
    assert "after the latest date the rule allows, 2026-06-19" in breach["message"]


def test_an_observed_act_on_a_closed_day_is_a_warning(capsys: pytest.CaptureFixture[str], deal_file: Any) -> None:
    """The target's statement observed on Sunday 10 May 2026 (in time: the deadline is Friday 15 May) and a
    payment on Juneteenth, Friday 19 June 2026 (NYSE closed), after an expiry of Thursday 18 June."""
    deal = US + EXPIRY_18_JUNE + observed("us-14d.target-position", "2026-05-10")
    deal += observed("us-14d.payment", "2026-06-19")
    code, data = _json(capsys, deal_file(deal))
    assert code == 0 and data["ok"]
    found = {w["event"]: w for w in data["warnings"] if w["code"] == "observed-on-closed-day"}
    assert set(found) == {"us-14d.target-position", "us-14d.payment"}
    assert all(w["severity"] == "warning" for w in found.values())
    statement = found["us-14d.target-position"]["message"]
    assert "us-federal" in statement and "weekend" in statement
    assert "XNYS" in found["us-14d.payment"]["message"] and "Juneteenth" in found["us-14d.payment"]["message"]


def test_an_observation_without_a_source_has_no_empty_brackets(
    capsys: pytest.CaptureFixture[str], deal_file: Any
) -> None:
    path = deal_file(US + EXPIRY_18_JUNE + observed("us-14d.payment", "2026-07-20"))
    for lang, words in (("en", "observed on 2026-07-20; the rule gives"), ("fr", "constaté le 2026-07-20 ; la règle")):
        code, data = _json(capsys, path, "--lang", lang)
        [event] = [e for e in data["events"] if e["id"] == "us-14d.payment"]
        assert code == 0 and _plain(event["trace"]).startswith(words) and "()" not in event["trace"]
    with_source = deal_file(
        US + EXPIRY_18_JUNE + observed("us-14d.payment", "2026-07-20") + 'source = "press release"\n'
    )
    code, data = _json(capsys, with_source)
    [event] = [e for e in data["events"] if e["id"] == "us-14d.payment"]
    assert event["trace"].startswith("observed on 2026-07-20 (press release); the rule gives")


def test_the_python_event_carries_its_breach() -> None:
    deal = Deal(
        [Leg("us-14d", date(2026, 5, 4))],
        expiry=LocalTime(date(2026, 5, 15), WallTime(17, 0), "America/New_York"),
    )
    schedule = compute(deal)
    event = schedule.event("us-14d.expiry")
    assert event.status == "breach"
    assert [b.code for b in event.breaches] == ["expiry-before-minimum"]
    assert "Rule 14e-1(a)" in event.breaches[0].rule
    assert schedule.event("us-14d.minimum-expiry").status == "ok"
    assert schedule.event("us-14d.minimum-expiry").day == date(2026, 6, 1)


def test_command_line_expiry_before_the_minimum(capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's example: the expiry of 15 May (business day 10) is the breach, not the minimum."""
    argv = ["schedule", "--regime", "us-14d", "--commence", "2026-05-04", "--expire", "2026-05-15 17:00"]
    code, out, _ = _run(capsys, *argv, "--format", "json")
    assert code == 1
    events = {e["id"]: e for e in json.loads(out)["events"]}
    assert events["us-14d.expiry"]["status"] == "breach"
    assert events["us-14d.expiry"]["business_day"] == 10
    assert events["us-14d.minimum-expiry"]["status"] == "ok" and events["us-14d.minimum-expiry"]["date"] == "2026-06-01"
    assert [b["code"] for b in events["us-14d.expiry"]["breaches"]] == ["expiry-before-minimum"]


def test_the_seed_case_shows_its_relief_on_the_rows() -> None:
    """Genset 2002: the subsequent period ran past the 1999 rule's 20 business days under SEC relief."""
    from deadlines.deal import load_deal

    schedule = compute(load_deal(Path(__file__).resolve().parent.parent / "examples" / "serono-genset-2002.toml"))
    assert not schedule.breaches
    assert schedule.event("us-14d.sop-expiry").status == "relieved"
    assert [b.code for b in schedule.event("us-14d.sop-expiry").waived] == ["expiry-after-maximum"]
    assert schedule.event("us-14d.results-announcement").status == "relieved"
    assert all(e.status != "breach" for e in schedule.events)


def test_the_app_marks_the_row_and_names_the_rule() -> None:
    """The interactive app draws the same rows: the expiry's row says "breach", and selecting it shows the
    rule it breaks."""
    pytest.importorskip("textual")
    import asyncio

    from textual.widgets import Static

    from deadlines.i18n import Lang
    from deadlines.tui.app import DeadlinesApp

    deal = Deal(
        [Leg("us-14d", date(2026, 5, 4))],
        expiry=LocalTime(date(2026, 5, 15), WallTime(17, 0), "America/New_York"),
    )

    async def scenario() -> None:
        app = DeadlinesApp(deal, [Lang("en", "en")], today=date(2026, 5, 1))
        async with app.run_test(size=(160, 45)) as pilot:
            table = app.table
            cells = [str(cell) for cell in table.get_row("us-14d.expiry")]
            assert "Expiry of the offer !" in cells  # "!": breach, the sign of the terminal table's legend
            assert not any("!" in str(cell) for cell in table.get_row("us-14d.minimum-expiry"))
            table.move_cursor(row=table.get_row_index("us-14d.expiry"))
            await pilot.pause()
            details = str(app.query_one("#details-text", Static).render())
            first = details.split("Rule:")[0]  # before the event's own rule and trace
            assert "breach: us-14d: the expiry" in first and "Rule 14e-1(a): open at least 20" in first

    asyncio.run(scenario())
