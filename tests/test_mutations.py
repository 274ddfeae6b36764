"""Random mutations of the example deal file (hypothesis): the command line answers every one with exit 0,
1 or 2 and never a traceback, and a mutated reference is either an error or one that really exists.

The ids a reference may take are read here from the rulebook files with tomllib, not asked of the code
under test.
"""

from __future__ import annotations

import json
import re
import tomllib
import traceback
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deadlines.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "examples" / "serono-genset-2002.toml").read_text(encoding="utf-8")
SEED_LINES = SEED_TEXT.split("\n")
RULES = {
    path.stem: set(tomllib.loads(path.read_text(encoding="utf-8"))["rules"])
    for path in (ROOT / "deadlines" / "rules").glob("*.toml")
}
# Values a mutation may put in place of another: real ones and near misses.
POOL = [
    "2002-07-16",
    "2002-02-30",
    "2002-13-01",
    "1994-12-31",
    "2036-01-01",
    "12:00",
    "24:00",
    "25:00",
    "02:30",
    "America/New_York",
    "Europe/Paris",
    "EST",
    "UTC",
    "Etc/GMT+5",
    "us-14d",
    "us14d",
    "fr-amf",
    "us-13e4",
    "fr-amf-simplified",
    "fr-amf.result",
    "us-14d.expiry",
    "us-14d.sop-start",
    "payment",
    "paymnet",
    "",
    "\u001b[2J",
    "true",
    "[]",
    "{}",
    "0",
    "-1",
]
_STRING = re.compile(r'"([^"\n]*)"')


def run(capsys: pytest.CaptureFixture[str], text: str, tmp_path: Path) -> tuple[int, str, str]:
    path = tmp_path / "deal.toml"
    path.write_text(text, encoding="utf-8")
    try:
        code = main(["schedule", str(path), "--format", "json"])
    except Exception:  # shown as the installed command would show it, then judged below
        traceback.print_exc()
        code = 99
    out, err = capsys.readouterr()
    return code, out, err


def check_contract(code: int, out: str, err: str) -> None:
    assert "Traceback" not in err, err
    assert code in (0, 1, 2), (code, err)
    if code == 2:
        assert out == "" and err.count("\n") == 1, err
    else:
        json.loads(out)


@st.composite
def mutations(draw: st.DrawFn) -> str:
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "duplicate", "swap-string", "swap-value", "typo", "junk"]))
        line = lines[i]
        if how == "delete":
            del lines[i]
        elif how == "duplicate":
            lines.insert(i, line)
        elif how == "swap-string" and _STRING.search(line):
            lines[i] = _STRING.sub(lambda _: '"' + draw(st.sampled_from(POOL)) + '"', line, count=1)
        elif how == "swap-value" and "=" in line:
            key = line.split("=", 1)[0]
            lines[i] = f"{key}= {draw(st.sampled_from(POOL))}"
        elif how == "typo" and line:
            j = draw(st.integers(0, len(line) - 1))
            lines[i] = line[:j] + draw(st.sampled_from(["", "x", "-", ".", '"', "[", "1"])) + line[j + 1 :]
        else:
            lines.insert(i, draw(st.text(max_size=20)))
        if not lines:
            lines = [""]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutations())
def test_any_mutation_gets_an_answer_never_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str
) -> None:
    check_contract(*run(capsys, text, tmp_path))


REFERENCES = [
    # (the line as in the seed, the value in it, the ids it may be replaced by and still resolve)
    ('event = "fr-amf.result"', "fr-amf.result", {f"fr-amf.{k}" for k in RULES["fr-amf"]}),
    ('event = "us-14d.results-announcement"', "us-14d.results-announcement", {f"us-14d.{k}" for k in RULES["us-14d"]}),
    ('regime = "us-14d"', "us-14d", set(RULES)),
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    which=st.sampled_from(range(len(REFERENCES))),
    edit=st.tuples(st.integers(0, 40), st.sampled_from(["", "x", "-", ".", "s", "1"])),
)
def test_a_mutated_reference_errors_or_names_something_real(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, which: int, edit: tuple[int, str]
) -> None:
    line, value, real = REFERENCES[which]
    j = edit[0] % len(value)
    mutated = value[:j] + edit[1] + value[j + 1 :]
    assert SEED_TEXT.count(line) >= 1
    text = SEED_TEXT.replace(line, line.replace(value, mutated), 1)
    code, out, err = run(capsys, text, tmp_path)
    check_contract(code, out, err)
    if mutated not in real:
        assert code == 2, (mutated, out[:200])


RELIEVED = '"results-announcement", "sop-maximum-expiry", "withdrawal-backstop", "payment", "extension-notice"'


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(replacement=st.sampled_from(sorted(RULES["us-14d"])), position=st.integers(0, 4))
def test_relief_moves_no_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, replacement: str, position: int
) -> None:
    """Relief from a different (real) rule waives that rule instead; it never moves a date or an instant."""
    names = [name.strip().strip('"') for name in RELIEVED.split(",")]
    if replacement in names:
        return
    baseline = run(capsys, SEED_TEXT, tmp_path)
    names[position] = replacement
    text = SEED_TEXT.replace(RELIEVED, ", ".join(f'"{n}"' for n in names))
    code, out, err = run(capsys, text, tmp_path)
    check_contract(code, out, err)
    if replacement == "commencement":  # day 1 is the offer's own fact, not a rule to waive
        assert code == 2, out[:200]
        return
    assert code in (0, 1), err
    before = {e["id"]: (e["date"], e["utc"]) for e in json.loads(baseline[1])["events"]}
    after = {e["id"]: (e["date"], e["utc"]) for e in json.loads(out)["events"]}
    assert before == after
