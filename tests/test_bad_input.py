"""Bad input, driven through the command line as a user meets it.

Every case must end with exit status 2 and exactly one line on standard error, starting with the program's
error prefix, in the user's language, with no traceback, naming the offending thing (the value, key, line,
path or the id it probably meant); a file it was asked to write is not created, and a file that was there is
left byte for byte as it was.

Expected values come from the cases themselves, not from the code under test: the calendars' coverage
(1995-01-01 to 2035-12-31); the IANA rules for 2026 (New York springs forward at 02:00 on Sunday 8 March and
falls back at 02:00 EDT on Sunday 1 November; Paris springs forward at 02:00 on Sunday 29 March and falls
back at 03:00 CEST on Sunday 25 October); the line a key sits on in the file as written.

Cases that do not behave so today are marked ``xfail(strict=True)`` with the reason: they are bugs to fix,
not expectations to relax. Each test runs in its own temporary directory (deal and output files are named
relative to it, so a path in a message cannot match a word the test looks for).
"""

from __future__ import annotations

import os
import re
import shlex
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from deadlines.cli import main

PREFIX = {"en": "deadlines: error: ", "fr": "deadlines\u00a0: erreur\u00a0: "}
LINE = {"en": "line", "fr": "ligne"}
SEED = str(Path(__file__).resolve().parent.parent / "examples" / "serono-genset-2002.toml")
OFFER = ["[[offer]]", 'regime = "us-14d"', "start = 2026-05-04"]
KEEP = b"an earlier export\r\nkept byte for byte \xff\x00\n"
# A French message whose English template is new: the French catalog does not have it yet.


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


# -- helpers -------------------------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The CLI in-process. An exception that escapes is shown as ``python -m deadlines`` would show it (a
    traceback on standard error, exit status 1), so that every case is judged by the same assertions."""
    try:
        code = main(list(argv))
    except Exception:
        traceback.print_exc()
        code = 1
    out, err = capsys.readouterr()
    return code, out, err


def expect_error(
    capsys: pytest.CaptureFixture[str],
    argv: Sequence[str],
    *fragments: str,
    lang: str = "en",
    absent: Sequence[str] = (),
) -> str:
    """Run ``argv`` (with ``--lang fr`` when ``lang="fr"``), check the bad-input contract, return the line."""
    code, out, err = run(capsys, *argv, *(["--lang", lang] if lang != "en" else []))
    assert "Traceback" not in out + err, err
    assert code == 2, (code, err)
    assert out == "", out
    assert err.startswith(PREFIX[lang]), err
    assert err.endswith("\n") and err.count("\n") == 1, err
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    for word in absent:
        assert word not in err, (word, err)
    return err


def q(lang: str, value: str) -> str:
    """A value quoted as the messages quote it."""
    return f"'{value}'" if lang == "en" else f"«\u00a0{value}\u00a0»"


def suggestion(lang: str, close: str) -> str:
    """The suggestion of ``close``; a ``close`` ending in "/" is a folder: any zone in it will do."""
    text = f"did you mean '{close}" if lang == "en" else f"vouliez-vous dire «\u00a0{close}"
    return text if close.endswith("/") else text + ("'" if lang == "en" else "\u00a0»")


def argv_of(case: str | Sequence[str]) -> list[str]:
    """A command line written as a shell would split it, or ``schedule`` on a deal file of these rows."""
    return shlex.split(case) if isinstance(case, str) else ["schedule", write_deal(case)]


def write_deal(rows: Sequence[str], name: str = "deal.toml") -> str:
    Path(name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    return name


def line_of(rows: Sequence[str], row: str) -> int:
    """The 1-based line ``row`` is on in the file as written (it must be there exactly once)."""
    assert rows.count(row) == 1, row
    return rows.index(row) + 1


def deal_check(err: str, path: str, lang: str, rows: Sequence[str], row: str | None) -> None:
    """A deal-file error names the file once and, when the problem sits on one line, that line."""
    assert err.count(path) == 1, err
    if row is not None:
        number = line_of(rows, row)
        assert re.search(rf"\b{LINE[lang]} {number}\b", err), (number, err)


def case(params: Sequence[Any], case_id: str) -> tuple[Any, ...]:
    """The values of the case ``case_id`` of a parameter list, to run it again (in French)."""
    return next(tuple(p.values) for p in params if p.id == case_id)


def listing(directory: Path) -> dict[str, bytes | str]:
    """Every entry of ``directory`` with its bytes (a symlink: where it points; a directory: its listing)."""
    out: dict[str, bytes | str] = {}
    for entry in sorted(directory.iterdir()):
        if entry.is_symlink():
            out[entry.name] = "-> " + os.readlink(entry)
        elif entry.is_dir():
            out[entry.name] = "dir: " + ", ".join(sorted(p.name for p in entry.iterdir()))
        else:
            out[entry.name] = entry.read_bytes()
    return out


# -- 1. invalid dates ----------------------------------------------------------------------------------

INVALID_DATES = [
    pytest.param("2026-02-30", id="feb-30"),
    pytest.param("2026-13-01", id="month-13"),
    pytest.param("yesterday", id="word-yesterday"),
    pytest.param("", id="empty-string"),
]


@pytest.mark.parametrize("value", INVALID_DATES)
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["bizdays", "add", "-c", "us-federal", "{}", "5"], id="bizdays-add"),
        pytest.param(["bizdays", "count", "-c", "XPAR", "{}", "2026-06-30"], id="bizdays-count-start"),
        pytest.param(["bizdays", "count", "-c", "XPAR", "2026-01-05", "{}"], id="bizdays-count-end"),
    ],
)
def test_invalid_date_for_bizdays(capsys: pytest.CaptureFixture[str], argv: list[str], value: str) -> None:
    expect_error(capsys, [a.replace("{}", value) for a in argv], "invalid date", q("en", value))


@pytest.mark.parametrize("value", INVALID_DATES)
@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["schedule", "--regime", "us-14d", "--commence", "{}"], id="schedule-commence"),
        pytest.param(["schedule", "--regime", "us-14d", "--commence", "2026-05-04", "--today", "{}"], id="today"),
        pytest.param(["rules", "us-14d", "--on", "{}"], id="rules-on"),
    ],
)
def test_invalid_date_for_other_commands(capsys: pytest.CaptureFixture[str], argv: list[str], value: str) -> None:
    expect_error(capsys, [a.replace("{}", value) for a in argv], "invalid date", q("en", value))


@pytest.mark.parametrize("value", [*INVALID_DATES[:1], *INVALID_DATES[2:]])
def test_invalid_date_in_french(capsys: pytest.CaptureFixture[str], value: str) -> None:
    expect_error(
        capsys, ["bizdays", "count", "-c", "XPAR", value, "2026-06-30"], "date invalide", q("fr", value), lang="fr"
    )


def test_invalid_month_for_the_calendar_command(capsys: pytest.CaptureFixture[str]) -> None:
    expect_error(capsys, shlex.split("calendar XPAR --month 2026-13"), "invalid month", q("en", "2026-13"))
    expect_error(capsys, shlex.split("calendar XPAR --month 2026-13"), "mois invalide", q("fr", "2026-13"), lang="fr")


DEAL_DATES = [
    pytest.param(["[[offer]]", 'regime = "us-14d"', 'start = "2026-02-30"'], "2026-02-30", id="start-feb-30"),
    pytest.param(["[[offer]]", 'regime = "us-14d"', 'start = "2026-13-01"'], "2026-13-01", id="start-month-13"),
    pytest.param(["[[offer]]", 'regime = "us-14d"', 'start = "yesterday"'], "yesterday", id="start-yesterday"),
    pytest.param(["[[offer]]", 'regime = "us-14d"', 'start = ""'], "", id="start-empty-string"),
    pytest.param(
        [*OFFER, "", "[expiry]", 'date = "2026-02-30"', 'time = "12:00"'],
        "2026-02-30",
        id="expiry-date-feb-30",
    ),
    pytest.param(
        [*OFFER, "", "[expiry]", "date = 2026-06-19", 'time = "12:00"', "", "[[extended]]", 'date = "2026-06-31"'],
        "2026-06-31",
        id="extended-date-june-31",
    ),
]


@pytest.mark.parametrize("rows, value", DEAL_DATES)
def test_invalid_date_in_a_deal_file(capsys: pytest.CaptureFixture[str], rows: list[str], value: str) -> None:
    path = write_deal(rows)
    err = expect_error(capsys, ["schedule", path], "invalid date", q("en", value))
    deal_check(err, path, "en", rows, next(r for r in rows if f'"{value}"' in r))


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(["[[offer]]", 'regime = "us-14d"', "start = 2026-02-30"], id="start-feb-30"),
        pytest.param(["[[offer]]", 'regime = "us-14d"', "start = 2026-13-01"], id="start-month-13"),
    ],
)
def test_invalid_bare_toml_date_names_its_line(capsys: pytest.CaptureFixture[str], rows: list[str]) -> None:
    """Unquoted, an impossible date is a TOML syntax error: the message must still say where it is."""
    path = write_deal(rows)
    err = expect_error(capsys, ["schedule", path], "TOML")
    deal_check(err, path, "en", rows, rows[2])


def test_invalid_date_in_a_deal_file_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    rows = ["[[offer]]", 'regime = "us-14d"', 'start = "yesterday"']
    path = write_deal(rows)
    err = expect_error(capsys, ["schedule", path], "date invalide", q("fr", "yesterday"), lang="fr")
    deal_check(err, path, "fr", rows, rows[2])


# -- 2. unknown regime, calendar, zone: the closest id is suggested ----------------------------------

US = "schedule --regime us-14d --commence 2026-05-04"
EXPIRE = f"{US} --expire '2026-06-19 12:00'"

UNKNOWN_IDS = [
    pytest.param("schedule --regime us14d --commence 2026-05-04", "us14d", "us-14d", id="regime-us14d"),
    pytest.param("schedule --regime fr-amff --commence 2026-05-04", "fr-amff", "fr-amf", id="regime-fr-amff"),
    pytest.param("rules us14d", "us14d", "us-14d", id="rules-regime-us14d"),
    pytest.param("bizdays add -c XNYSS 2026-05-04 5", "XNYSS", "XNYS", id="calendar-XNYSS"),
    pytest.param(
        "bizdays count -c us-federl 2026-05-04 2026-05-29", "us-federl", "us-federal", id="calendar-us-federl"
    ),
    pytest.param("calendar XNYSS --year 2026", "XNYSS", "XNYS", id="calendar-command-XNYSS"),
    pytest.param(f"{EXPIRE} --zone Europe/Pari", "Europe/Pari", "Europe/Paris", id="zone-Europe/Pari"),
    pytest.param(f"{EXPIRE} --zone America/NewYork", "America/NewYork", "America/New_York", id="zone-America/NewYork"),
    pytest.param(f"{US} --show Europe/Pari", "Europe/Pari", "Europe/Paris", id="show-Europe/Pari"),
    # "Europe" is a folder of the tz database, not a zone: any zone in it is a fair suggestion.
    pytest.param(f"{EXPIRE} --zone Europe", "Europe", "Europe/", id="zone-half-typed-Europe"),
    pytest.param(f"{US} --show Europe", "Europe", "Europe/", id="show-half-typed-Europe"),
]


@pytest.mark.parametrize("command, value, close", UNKNOWN_IDS)
def test_unknown_id_suggests_the_closest(
    capsys: pytest.CaptureFixture[str], command: str, value: str, close: str
) -> None:
    expect_error(capsys, shlex.split(command), "unknown", q("en", value), suggestion("en", close))


@pytest.mark.parametrize(
    "command, value, close, word",
    [
        pytest.param(*case(UNKNOWN_IDS, "regime-us14d"), "régime inconnu", id="regime-us14d"),
        pytest.param(*case(UNKNOWN_IDS, "calendar-us-federl"), "calendrier inconnu", id="calendar-us-federl"),
        pytest.param(*case(UNKNOWN_IDS, "zone-America/NewYork"), "fuseau horaire inconnu", id="zone-America/NewYork"),
        pytest.param(*case(UNKNOWN_IDS, "zone-half-typed-Europe"), "fuseau horaire", id="zone-half-typed-Europe"),
    ],
)
def test_unknown_id_in_french(
    capsys: pytest.CaptureFixture[str], command: str, value: str, close: str, word: str
) -> None:
    expect_error(capsys, shlex.split(command), word, q("fr", value), suggestion("fr", close), lang="fr")


@pytest.mark.parametrize(
    "rows, value, close",
    [
        pytest.param(["[[offer]]", 'regime = "us14d"', "start = 2026-05-04"], "us14d", "us-14d", id="regime"),
        pytest.param(
            [*OFFER, "", "[expiry]", "date = 2026-06-19", 'zone = "Europe/Pari"'],
            "Europe/Pari",
            "Europe/Paris",
            id="expiry-zone",
        ),
        pytest.param(['show = ["America/NewYork"]', *OFFER], "America/NewYork", "America/New_York", id="show-zone"),
    ],
)
def test_unknown_id_in_a_deal_file_suggests_the_closest(
    capsys: pytest.CaptureFixture[str], rows: list[str], value: str, close: str
) -> None:
    expect_error(capsys, argv_of(rows), q("en", value), suggestion("en", close))


def test_unknown_regime_in_a_deal_file_names_the_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    rows = ['name = "Acme"', "", "[[offer]]", 'regime = "us14d"', "start = 2026-05-04"]
    path = write_deal(rows)
    err = expect_error(capsys, ["schedule", path], q("en", "us14d"), suggestion("en", "us-14d"))
    deal_check(err, path, "en", rows, 'regime = "us14d"')


# -- 3. a local time skipped by the spring-forward change ---------------------------------------------

GAPS = [
    pytest.param(
        "schedule --regime us-14d --commence 2026-02-09 --expire '2026-03-08 02:30'",
        "2026-03-08 02:30",
        "America/New_York",
        id="new-york-cli",
    ),
    pytest.param(
        "schedule --regime fr-amf --commence 2026-02-23 --expire '2026-03-29 02:30'",
        "2026-03-29 02:30",
        "Europe/Paris",
        id="paris-cli-regime-zone",
    ),
    pytest.param(
        "schedule --regime us-14d --regime fr-amf --commence 2026-02-23 --expire '2026-03-29 02:30' "
        "--zone Europe/Paris",
        "2026-03-29 02:30",
        "Europe/Paris",
        id="paris-cli-cross-border-zone",
    ),
    pytest.param(
        ["[[offer]]", 'regime = "us-14d"', "start = 2026-02-09", "", "[expiry]", "date = 2026-03-08", 'time = "02:30"'],
        "2026-03-08 02:30",
        "America/New_York",
        id="new-york-deal-file",
    ),
    pytest.param(
        ["[[offer]]", 'regime = "fr-amf"', "start = 2026-02-23", "", "[expiry]", "date = 2026-03-29", 'time = "02:30"'],
        "2026-03-29 02:30",
        "Europe/Paris",
        id="paris-deal-file",
    ),
]


@pytest.mark.parametrize("command, local, zone", GAPS)
def test_nonexistent_local_time_names_the_gap(
    capsys: pytest.CaptureFixture[str], command: str | list[str], local: str, zone: str
) -> None:
    # Both zones jump from 02:00 straight to 03:00 on their 2026 spring-forward day.
    expect_error(capsys, argv_of(command), local, zone, "does not exist", "02:00", "03:00")


@pytest.mark.parametrize(
    "command, local, zone",
    [
        pytest.param(*case(GAPS, "new-york-cli"), id="new-york-cli"),
        pytest.param(*case(GAPS, "paris-deal-file"), id="paris-deal-file"),
    ],
)
def test_nonexistent_local_time_in_french(
    capsys: pytest.CaptureFixture[str], command: str | list[str], local: str, zone: str
) -> None:
    expect_error(capsys, argv_of(command), local, zone, "horloges", "02:00", "03:00", lang="fr")


# -- 4. a local time that happens twice on the fall-back night ----------------------------------------

# New York, 1 Nov 2026 01:30: first EDT (UTC-4) = 05:30 UTC, then EST (UTC-5) = 06:30 UTC.
# Paris, 25 Oct 2026 02:30: first CEST (UTC+2) = 00:30 UTC, then CET (UTC+1) = 01:30 UTC.
# The way to choose is to write the offset, e.g. the first one.
NY_TWICE = ("2026-11-01 01:30", "America/New_York", "05:30 UTC", "06:30 UTC", "2026-11-01 01:30-04:00")
PARIS_TWICE = ("2026-10-25 02:30", "Europe/Paris", "00:30 UTC", "01:30 UTC", "2026-10-25 02:30+02:00")
NY_OFFER = ["[[offer]]", 'regime = "us-14d"', "start = 2026-10-01", "", "[expiry]"]

AMBIGUOUS = [
    pytest.param(
        "schedule --regime us-14d --commence 2026-10-01 --expire '2026-11-01 01:30'", NY_TWICE, id="new-york-cli"
    ),
    pytest.param(
        "schedule --regime fr-amf --commence 2026-09-21 --expire '2026-10-25 02:30'", PARIS_TWICE, id="paris-cli"
    ),
    pytest.param([*NY_OFFER, "date = 2026-11-01", 'time = "01:30"'], NY_TWICE, id="new-york-deal-file"),
    pytest.param([*NY_OFFER, 'at = "2026-11-01 01:30"'], NY_TWICE, id="new-york-deal-file-at"),
    pytest.param(
        [*NY_OFFER, "date = 2026-11-13", 'time = "01:30"', "", "[[extended]]", "date = 2026-11-01"],
        NY_TWICE,
        id="new-york-deal-file-extended",
    ),
    pytest.param(
        ["[[offer]]", 'regime = "fr-amf"', "start = 2026-09-21", "", "[expiry]", "date = 2026-10-25", 'time = "02:30"'],
        PARIS_TWICE,
        id="paris-deal-file",
    ),
]


@pytest.mark.parametrize("command, expected", AMBIGUOUS)
def test_ambiguous_local_time_names_both_instants_and_the_offset(
    capsys: pytest.CaptureFixture[str], command: str | list[str], expected: tuple[str, ...]
) -> None:
    expect_error(capsys, argv_of(command), "happens twice", *expected)


@pytest.mark.parametrize(
    "command, expected",
    [
        pytest.param(*case(AMBIGUOUS, "new-york-cli"), id="new-york-cli"),
        pytest.param(*case(AMBIGUOUS, "paris-deal-file"), id="paris-deal-file"),
    ],
)
def test_ambiguous_local_time_in_french(
    capsys: pytest.CaptureFixture[str], command: str | list[str], expected: tuple[str, ...]
) -> None:
    expect_error(capsys, argv_of(command), "deux fois", "décalage UTC", *expected, lang="fr")


@pytest.mark.parametrize(
    "lang, absent",
    [
        pytest.param("en", (), id="en"),
        pytest.param("fr", (" or ",), id="fr"),
    ],
)
def test_offset_the_zone_does_not_have_names_the_two_it_has(
    capsys: pytest.CaptureFixture[str], lang: str, absent: tuple[str, ...]
) -> None:
    # New York is at -04:00, then at -05:00, at 01:30 that night: +02:00 is neither.
    command = "schedule --regime us-14d --commence 2026-10-01 --expire '2026-11-01 01:30+02:00'"
    expect_error(
        capsys, shlex.split(command), "-04:00", "-05:00", "+02:00", "America/New_York", lang=lang, absent=absent
    )


# -- 5. dates outside the calendars' coverage (1995-01-01 to 2035-12-31) ------------------------------

COVERAGE = [
    pytest.param("bizdays add -c XPAR 1990-01-02 5", "1990-01-02", "XPAR", id="add-from-1990"),
    pytest.param("bizdays add -c us-federal 2040-01-02 5", "2040-01-02", "us-federal", id="add-from-2040"),
    pytest.param("bizdays count -c XNYS 1990-01-02 2026-01-05", "1990-01-02", "XNYS", id="count-from-1990"),
    pytest.param("bizdays count -c XNYS 2026-01-05 2040-01-02", "2040-01-02", "XNYS", id="count-to-2040"),
    pytest.param("bizdays is -c XNAS 2040-01-02", "2040-01-02", "XNAS", id="is-2040"),
    pytest.param("schedule --regime us-14d --commence 1990-01-02", "1990-01-02", "us-federal", id="commence-1990"),
    pytest.param("schedule --regime fr-amf --commence 2040-01-02", "2040-01-02", "XPAR", id="commence-2040"),
    pytest.param(f"{US} --expire '2040-01-02 12:00'", "2040-01-02", "us-federal", id="expire-2040"),
    pytest.param("calendar XPAR --year 1990", "1990", "XPAR", id="calendar-year-1990"),
    pytest.param("calendar XPAR --month 2040-01", "2040", "XPAR", id="calendar-month-2040-01"),
    pytest.param(
        ["[[offer]]", 'regime = "us-14d"', "start = 1990-01-02"], "1990-01-02", "us-federal", id="deal-file-1990"
    ),
    # Counts that run off either end of the data name the day they were counted from.
    pytest.param("bizdays add -c XPAR 2035-12-20 30", "2035-12-20", "XPAR", id="add-runs-past-2035"),
    pytest.param("bizdays nth -c us-federal 2035-12-20 30", "2035-12-20", "us-federal", id="nth-runs-past-2035"),
    pytest.param("bizdays add -c XPAR 1995-01-10 -30", "1995-01-10", "XPAR", id="add-runs-before-1995"),
    # Opening on Monday 3 Dec 2035 (the 1st is a Saturday), the AMF offer's 25th trading day falls in 2036.
    pytest.param("schedule --regime fr-amf --commence 2035-12-01", "2035-12-01", "XPAR", id="schedule-runs-past-2035"),
]


@pytest.mark.parametrize("command, day, calendar", COVERAGE)
def test_date_outside_coverage_names_the_date_and_the_coverage(
    capsys: pytest.CaptureFixture[str], command: str | list[str], day: str, calendar: str
) -> None:
    expect_error(capsys, argv_of(command), day, calendar, "outside the coverage", "1995-01-01", "2035-12-31")


@pytest.mark.parametrize(
    "command, day, calendar",
    [
        pytest.param(*case(COVERAGE, "add-from-1990"), id="add-from-1990"),
        pytest.param(*case(COVERAGE, "schedule-runs-past-2035"), id="schedule-runs-past-2035"),
    ],
)
def test_date_outside_coverage_in_french(
    capsys: pytest.CaptureFixture[str], command: str | list[str], day: str, calendar: str
) -> None:
    fragments = (day, calendar, "hors de la période couverte", "1995-01-01", "2035-12-31")
    expect_error(capsys, argv_of(command), *fragments, lang="fr")


# -- 6. huge counts and the first and last days Python can hold ---------------------------------------

OFF = "outside the coverage"

HUGE = [
    pytest.param("bizdays add -c XPAR 2026-01-02 100000000", ("2026-01-02", OFF), id="add-1e8"),
    pytest.param("bizdays add -c XPAR 2026-01-02 -100000000", ("2026-01-02", OFF), id="add-minus-1e8"),
    pytest.param(f"bizdays add -c XPAR 2026-01-02 1{'0' * 30}", ("2026-01-02", OFF), id="add-1e30"),
    pytest.param("bizdays add -c XPAR -c us-federal 2026-01-02 100000000", ("2026-01-02", OFF), id="add-1e8-joint"),
    pytest.param("bizdays nth -c us-federal 2026-01-02 100000000", ("2026-01-02", OFF), id="nth-1e8"),
    pytest.param("bizdays nth -c us-federal 2026-01-02 -100000000", ("-100000000",), id="nth-minus-1e8"),
    pytest.param("bizdays add -c XPAR 2026-01-02 1e9", ("'1e9'", "whole number"), id="add-1e9-not-whole"),
    pytest.param("bizdays add -c XPAR 9999-12-31 1", ("9999-12-31", OFF), id="add-from-9999-12-31"),
    pytest.param("bizdays is -c XPAR 9999-12-31", ("9999-12-31", OFF), id="is-9999-12-31"),
    pytest.param("bizdays count -c XPAR 2026-01-05 9999-12-31", ("9999-12-31", OFF), id="count-to-9999-12-31"),
    pytest.param("bizdays add -c XPAR 0001-01-01 1", ("0001-01-01", OFF), id="add-from-0001-01-01"),
    pytest.param("calendar XPAR --year 9999", ("9999", OFF), id="calendar-year-9999"),
    pytest.param("schedule --regime us-14d --commence 9999-12-31", ("9999-12-31",), id="commence-9999-12-31"),
    pytest.param(f"{US} --expire '9999-12-31 24:00'", ("9999-12-31",), id="expire-9999-12-31-24h00"),
    pytest.param(f"{US} --expire '9999-12-31 23:59'", ("9999-12-31",), id="expire-9999-12-31-23h59"),
    pytest.param(
        f"{US} --expire '9999-12-31 12:00' --show Pacific/Kiritimati",
        ("9999-12-31",),
        id="expire-9999-12-31-shown-in-kiritimati",
    ),
    pytest.param(f"{US} --expire '0001-01-01 00:00'", ("0001-01-01",), id="expire-0001-01-01-00h00"),
    pytest.param(
        f"{US} --expire '0001-01-01 00:00' --zone Europe/London",
        ("0001-01-01",),
        id="expire-0001-01-01-00h00-utc",
    ),
]


@pytest.mark.parametrize("command, fragments", HUGE)
def test_huge_count_or_extreme_date(
    capsys: pytest.CaptureFixture[str], command: str, fragments: tuple[str, ...]
) -> None:
    expect_error(capsys, shlex.split(command), *fragments)


@pytest.mark.parametrize(
    "command, fragments",
    [
        pytest.param(case(HUGE, "add-1e8")[0], ("2026-01-02", "hors de la période couverte"), id="add-1e8"),
        pytest.param(case(HUGE, "expire-9999-12-31-24h00")[0], ("9999-12-31", "hors de la plage"), id="expire-9999"),
    ],
)
def test_huge_count_or_extreme_date_in_french(
    capsys: pytest.CaptureFixture[str], command: str, fragments: tuple[str, ...]
) -> None:
    expect_error(capsys, shlex.split(command), *fragments, lang="fr")


# -- 7. reversed ranges --------------------------------------------------------------------------------
# (`calendar` takes one --year or one --month, never a range of months: there is nothing to reverse.)

REVERSED = [
    pytest.param("bizdays count -c XPAR 2026-05-10 2026-05-01", id="count"),
    pytest.param("bizdays list -c XPAR 2026-05-10 2026-05-01", id="list"),
    pytest.param("bizdays explain -c us-federal 2026-05-10 2026-05-01", id="explain"),
    pytest.param("bizdays count -c XPAR -c us-federal 2026-05-10 2026-05-01", id="count-joint"),
    pytest.param("bizdays list -c XNYS --format json 2026-05-10 2026-05-01", id="list-json"),
    pytest.param("bizdays count -c XPAR 2026-05-02 2026-05-01", id="count-one-day-back"),
]


@pytest.mark.parametrize("command", REVERSED)
def test_reversed_range_names_both_ends(capsys: pytest.CaptureFixture[str], command: str) -> None:
    start, end = shlex.split(command)[-2:]
    expect_error(capsys, shlex.split(command), f"{start} to {end}", "reversed")


@pytest.mark.parametrize("command", REVERSED[:2])
def test_reversed_range_in_french(capsys: pytest.CaptureFixture[str], command: str) -> None:
    expect_error(capsys, shlex.split(command), "du 2026-05-10 au 2026-05-01", "inversé", lang="fr")


# -- 8. deal files that do not follow the schema ------------------------------------------------------

EXPIRY = [*OFFER, "", "[expiry]", "date = 2026-06-19"]

# rows of the file; the row the problem is on (None: the file as a whole); what the message must name
DEAL_ERRORS = [
    # TOML syntax
    pytest.param([*OFFER, "", "[expiry", "date = 2026-06-19"], "[expiry", ("TOML",), id="syntax-unclosed-header"),
    pytest.param(
        ['name = "Acme"', "[[offer]]", "regime = us-14d"], "regime = us-14d", ("TOML",), id="syntax-unquoted-string"
    ),
    pytest.param([*OFFER, "start = 2026-05-05"], "start = 2026-05-05", ("TOML",), id="syntax-duplicate-key"),
    # unknown keys
    pytest.param(
        ['name = "Acme"', "expiri = 2026-06-19", *OFFER], "expiri = 2026-06-19", ("expiri",), id="unknown-top-level-key"
    ),
    pytest.param(
        ['name = "Acme"', "", 'notez = ["x"]', "", *OFFER],
        'notez = ["x"]',
        ("notez",),
        id="unknown-top-level-key-after-blank-line",
    ),
    pytest.param(
        ["[[offer]]", 'regime = "us-14d"', "strat = 2026-05-04"],
        "strat = 2026-05-04",
        ("strat", "[offer]"),
        id="unknown-key-in-offer",
    ),
    pytest.param([*EXPIRY, 'tme = "12:00"'], 'tme = "12:00"', ("tme", "[expiry]"), id="unknown-key-in-expiry"),
    pytest.param(
        [*EXPIRY, "", 'tme = "12:00"'],
        'tme = "12:00"',
        ("tme", "[expiry]"),
        id="unknown-key-in-expiry-after-blank-line",
    ),
    pytest.param(
        [*EXPIRY, 'time = "12:00"', "", "[subsequent]", "date = 2026-07-06", 'tme = "12:00"'],
        'tme = "12:00"',
        ("tme", "[subsequent]"),
        id="unknown-key-in-subsequent",
    ),
    pytest.param(
        [*EXPIRY, 'time = "12:00"', "", "[[amendment]]", 'kind = "price"', "date = 2026-05-22", 'time = "09:00"'],
        'time = "09:00"',
        ("time", "[amendment]"),
        id="unknown-key-time-in-amendment",
    ),
    # wrong types
    pytest.param(
        ["[[offer]]", 'regime = "us-14d"', 'start = "4 May 2026"'],
        'start = "4 May 2026"',
        ("4 May 2026",),
        id="string-not-a-date",
    ),
    pytest.param(
        ["[[offer]]", 'regime = "us-14d"', "start = 20260504"],
        "start = 20260504",
        ("start", "date"),
        id="integer-not-a-date",
    ),
    pytest.param([*OFFER, "", "[expiry]", "date = true"], "date = true", ("date",), id="boolean-not-a-date"),
    pytest.param([*EXPIRY, "time = 1200"], "time = 1200", ("1200",), id="integer-not-a-time"),
    pytest.param(["expiry = 2026-06-19", *OFFER], "expiry = 2026-06-19", ("expiry", "[expiry]"), id="date-not-a-table"),
    pytest.param(['offer = "us-14d"'], 'offer = "us-14d"', ("offer", "[[offer]]"), id="string-not-an-array-of-tables"),
    pytest.param([*EXPIRY, 'time = "12:00"', "zone = 5"], "zone = 5", ("zone",), id="integer-not-a-zone"),
    pytest.param(["notes = 5", *OFFER], "notes = 5", ("notes",), id="integer-not-a-list-of-notes"),
    pytest.param(
        [*OFFER, "", "[[observed]]", 'event = "us-14d.expiry"', "date = 2026-06-19", "time = 900"],
        "time = 900",
        ("900",),
        id="integer-not-an-observed-time",
    ),
    pytest.param(
        [*OFFER, "", "[[relief]]", 'regime = "us-14d"', "rules = 5", 'citation = "SEC letter"'],
        "rules = 5",
        ("rules",),
        id="integer-not-a-list-of-rules",
    ),
    pytest.param(
        ['show = "Europe/Paris"', *OFFER],
        'show = "Europe/Paris"',
        ("show",),
        id="string-not-a-list-of-zones",
    ),
    pytest.param(
        ['options = "exemptive-order-2026"', *OFFER],
        'options = "exemptive-order-2026"',
        ("options",),
        id="string-not-a-list-of-options",
    ),
    pytest.param(
        [*OFFER, "", "[[relief]]", 'regime = "us-14d"', 'rules = "extension-notice"', 'citation = "SEC letter"'],
        'rules = "extension-notice"',
        ("rules",),
        id="string-not-a-list-of-rules",
    ),
    pytest.param(['notes = "x"', *OFFER], 'notes = "x"', ("notes", '["x"]'), id="string-not-a-list-shows-the-list"),
    pytest.param(
        [*OFFER, "", "[[relief]]", 'regime = "us-14d"', 'rules = ["extension-notice", 5]', 'citation = "SEC letter"'],
        'rules = ["extension-notice", 5]',
        ("rules", "[[relief]]"),
        id="integer-in-a-list-of-rules",
    ),
    pytest.param(["name = 5", *OFFER], "name = 5", ("name",), id="integer-not-a-name"),
    pytest.param(
        [*OFFER, "", "[[observed]]", 'event = "us-14d.expiry"', "date = 2026-06-19", 'approximate = "yes"'],
        'approximate = "yes"',
        ("approximate", "[[observed]]", '"yes"'),
        id="string-not-a-boolean",
    ),
    pytest.param(
        [*EXPIRY, 'time = "12:00"', "", "[[extended]]", "date = 2026-06-05", "", "zone = 5"],
        "zone = 5",
        ("zone", "[[extended]]"),
        id="integer-not-a-zone-in-extended-after-blank-line",
    ),
    # values their parsers reject, at the line of their own key
    pytest.param(
        ["[[offer]]", 'regime = "us-14d"', 'commence = "yesterday"'],
        'commence = "yesterday"',
        ("yesterday",),
        id="commence-not-a-date",
    ),
    pytest.param(
        [*EXPIRY, 'time = "12:00"', "", 'zone = "Europe/Pari"'],
        'zone = "Europe/Pari"',
        ("Europe/Pari", "Europe/Paris"),
        id="unknown-zone-in-expiry",
    ),
    pytest.param(
        ['name = "Acme"', "", 'show = ["America/NewYork"]', *OFFER],
        'show = ["America/NewYork"]',
        ("America/NewYork", "America/New_York"),
        id="unknown-zone-in-show",
    ),
    pytest.param(
        [*OFFER, "", "[[offer]]", "regime = 'us-14d'", "start = 2026-05-05"],
        "regime = 'us-14d'",
        ("us-14d", "twice"),
        id="regime-given-twice",
    ),
    # missing required keys
    pytest.param(["[[offer]]", 'regime = "us-14d"'], "[[offer]]", ("start",), id="offer-without-start"),
    pytest.param(["[[offer]]", "start = 2026-05-04"], "[[offer]]", ("regime",), id="offer-without-regime"),
    pytest.param(['name = "Acme"'], None, ("[[offer]]",), id="no-offer-at-all"),
    pytest.param(
        [*OFFER, "", "[[amendment]]", 'kind = "price"'],
        "[[amendment]]",
        ("[[amendment]]", "date"),
        id="amendment-without-date",
    ),
    pytest.param(
        [*OFFER, "", "[[observed]]", "date = 2026-05-14"],
        "[[observed]]",
        ("[[observed]]", "event"),
        id="observed-without-event",
    ),
]


@pytest.mark.parametrize("rows, row, fragments", DEAL_ERRORS)
def test_deal_file_error_names_the_line(
    capsys: pytest.CaptureFixture[str], rows: list[str], row: str | None, fragments: tuple[str, ...]
) -> None:
    path = write_deal(rows)
    err = expect_error(capsys, ["schedule", path], *fragments)
    deal_check(err, path, "en", rows, row)


def test_key_of_the_second_entry_of_an_array_of_tables(capsys: pytest.CaptureFixture[str]) -> None:
    """A value or a missing key in the second [[amendment]] is reported there, not at the first."""
    first = [*OFFER, "", "[[amendment]]", 'kind = "price"', "date = 2026-05-22", ""]
    rows = [*first, "[[amendment]]", 'kind = "prise"', "date = 2026-05-25"]
    err = expect_error(capsys, ["schedule", write_deal(rows)], "prise")
    assert re.search(rf"\bline {len(first) + 2}\b", err), err
    rows = [*first, "[[amendment]]", 'kind = "fee"']
    err = expect_error(capsys, ["schedule", write_deal(rows)], "[[amendment]]", "date")
    assert re.search(rf"\bline {len(first) + 1}\b", err), err  # the header of the second entry


def test_toml_syntax_error_names_the_line_and_column(capsys: pytest.CaptureFixture[str]) -> None:
    """tomllib's own words are kept in English, after the line and column (counted from 1)."""
    rows = [*OFFER, "", "[expiry", "date = 2026-06-19"]
    path = write_deal(rows)
    column = len("[expiry") + 1  # where the missing "]" should be
    where = f"line {line_of(rows, '[expiry')}, column {column}"
    err = expect_error(capsys, ["schedule", path], where, "not valid TOML", "Expected ']'", absent=("at line",))
    assert err.count(path) == 1, err


@pytest.mark.parametrize(
    "rows, row, fragments, word, absent",
    [
        pytest.param(
            *case(DEAL_ERRORS, "syntax-unclosed-header"),
            "TOML invalide",
            ("Expected", "at line"),
            id="syntax-unclosed-header",
        ),
        pytest.param(
            *case(DEAL_ERRORS, "unknown-top-level-key"),
            "clé inconnue",
            ("top level",),
            id="unknown-top-level-key",
        ),
        pytest.param(*case(DEAL_ERRORS, "unknown-key-in-expiry"), "clé inconnue", (), id="unknown-key-in-expiry"),
        pytest.param(*case(DEAL_ERRORS, "integer-not-a-date"), "doit être une date", (), id="integer-not-a-date"),
        pytest.param(*case(DEAL_ERRORS, "offer-without-start"), "doit comporter", (), id="offer-without-start"),
    ],
)
def test_deal_file_error_in_french(
    capsys: pytest.CaptureFixture[str],
    rows: list[str],
    row: str | None,
    fragments: tuple[str, ...],
    word: str,
    absent: tuple[str, ...],
) -> None:
    path = write_deal(rows)
    err = expect_error(capsys, ["schedule", path], word, *fragments, lang="fr", absent=absent)
    deal_check(err, path, "fr", rows, row)


# -- 9. deal files that cannot be read -----------------------------------------------------------------


def unreadable(kind: str) -> str:
    """A deal path that cannot be read, of this kind."""
    path = Path("deal.toml")
    if kind == "directory":
        path.mkdir()
    elif kind == "not-utf-8":  # "Société" in Latin-1: the byte 0xE9 is not UTF-8
        path.write_bytes(b'name = "Soci\xe9t\xe9"\n' + "\n".join(OFFER).encode() + b"\n")
    elif kind == "utf-16":
        path.write_text("\n".join(OFFER) + "\n", encoding="utf-16")
    elif kind == "no-permission":
        path.write_text("\n".join(OFFER) + "\n", encoding="utf-8")
        path.chmod(0)
    return str(path)


ROOT_READS_ALL = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file whatever its permissions"
)
UNREADABLE = [
    pytest.param("missing", ("no such file",), id="missing"),
    pytest.param("directory", ("cannot read",), id="directory"),
    pytest.param("not-utf-8", ("cannot read",), id="not-utf-8-latin-1"),
    pytest.param("utf-16", ("cannot read",), id="not-utf-8-utf-16"),
    pytest.param("no-permission", ("cannot read",), id="no-read-permission", marks=ROOT_READS_ALL),
]


@pytest.mark.parametrize(
    "command, kind, fragments",
    [
        pytest.param(command, *case.values, id=f"{case.id}-{command}", marks=case.marks)
        for case in UNREADABLE
        for command in ("schedule", "tui")
        # for tui a file not there yet is a new deal, saved there (tests/test_tui.py)
        if not (command == "tui" and case.id == "missing")
    ],
)
def test_unreadable_deal_file_names_the_path(
    capsys: pytest.CaptureFixture[str], command: str, kind: str, fragments: tuple[str, ...]
) -> None:
    path = unreadable(kind)
    err = expect_error(capsys, [command, path], *fragments)
    assert err.count(path) == 1, err


@pytest.mark.parametrize(
    "kind, fragments",
    [
        pytest.param("missing", ("fichier introuvable",), id="missing"),
        pytest.param("directory", ("lecture impossible",), id="directory"),
        pytest.param("not-utf-8", ("lecture impossible",), id="not-utf-8"),
    ],
)
def test_unreadable_deal_file_in_french(
    capsys: pytest.CaptureFixture[str], kind: str, fragments: tuple[str, ...]
) -> None:
    path = unreadable(kind)
    expect_error(capsys, ["schedule", path], path, *fragments, lang="fr")


@pytest.mark.parametrize(
    "kind, lang, word",
    [
        pytest.param("directory", "en", "directory", id="directory-en"),
        pytest.param("directory", "fr", "répertoire", id="directory-fr"),
        pytest.param("not-utf-8", "en", "UTF-8", id="not-utf-8-en"),
        pytest.param("not-utf-8", "fr", "UTF-8", id="not-utf-8-fr"),
    ],
)
def test_unreadable_deal_file_says_why_in_words(
    capsys: pytest.CaptureFixture[str], kind: str, lang: str, word: str
) -> None:
    path = unreadable(kind)
    expect_error(capsys, ["schedule", path], path, word, lang=lang, absent=("Error",))


# -- 10. output files: never overwritten without --force, never left half-written ----------------------

EXPORTS = [
    *(pytest.param(["schedule", SEED, "--format", fmt], id=f"schedule-{fmt}") for fmt in ("ics", "csv", "md", "json")),
    *(pytest.param(["schedule", SEED, "--format", fmt], id=f"schedule-{fmt}") for fmt in ("html", "svg", "table")),
    pytest.param(shlex.split("calendar XPAR --year 2026"), id="calendar-table"),
    pytest.param(shlex.split("calendar XPAR --year 2026 --format json"), id="calendar-json"),
    pytest.param(shlex.split("rules us-14d"), id="rules-table"),
    pytest.param(shlex.split("rules us-14d --format json"), id="rules-json"),
]


@pytest.mark.parametrize("argv", EXPORTS)
def test_export_refuses_to_overwrite_an_existing_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    Path("out.file").write_bytes(KEEP)
    before = listing(tmp_path)
    expect_error(capsys, [*argv, "--output", "out.file"], "out.file", "exists", "--force")
    assert listing(tmp_path) == before  # the file byte for byte, and no temporary file beside it


@pytest.mark.parametrize("option", ["--output", "-o"])
def test_export_refuses_to_overwrite_in_french(capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str) -> None:
    Path("deal.ics").write_bytes(KEEP)
    before = listing(tmp_path)
    argv = ["schedule", SEED, "--format", "ics", option, "deal.ics"]
    expect_error(capsys, argv, "deal.ics", "existe déjà", "--force", lang="fr")
    assert listing(tmp_path) == before


@pytest.mark.parametrize("dangling", [False, True], ids=["symlink-to-a-file", "dangling-symlink"])
def test_export_refuses_to_write_through_a_symlink(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, dangling: bool
) -> None:
    if not dangling:
        Path("real.ics").write_bytes(KEEP)
    Path("link.ics").symlink_to("real.ics")
    before = listing(tmp_path)
    expect_error(capsys, ["schedule", SEED, "--format", "ics", "-o", "link.ics"], "link.ics", "--force")
    assert listing(tmp_path) == before  # a dangling link's target is not created either


@pytest.mark.parametrize(
    "force",
    [
        pytest.param(
            False,
            id="without-force",
        ),
        pytest.param(True, id="with-force"),
    ],
)
def test_export_onto_a_directory_says_it_is_a_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, force: bool
) -> None:
    Path("deal.ics").mkdir()
    Path("deal.ics", "inside").write_bytes(KEEP)
    before = listing(tmp_path)
    argv = ["schedule", SEED, "--format", "ics", "-o", "deal.ics", *(["--force"] if force else [])]
    expect_error(capsys, argv, "deal.ics", "directory", absent=("add --force",))
    assert listing(tmp_path) == before


def test_export_into_a_missing_directory_writes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    argv = ["schedule", SEED, "--format", "ics", "-o", "no-such-dir/deal.ics"]
    expect_error(capsys, argv, "no-such-dir/deal.ics", "does not exist")
    expect_error(capsys, argv, "no-such-dir/deal.ics", "n’existe pas", lang="fr")
    assert listing(tmp_path) == {}


GAP_DEAL = ["[[offer]]", 'regime = "us-14d"', "start = 2026-02-09", "", "[expiry]", "date = 2026-03-08"]
TWICE_DEAL = ["[[offer]]", 'regime = "fr-amf"', "start = 2026-09-21", "", "[expiry]", "date = 2026-10-25"]

FAILING = [
    pytest.param(
        "schedule --regime fr-amf --commence 2035-12-01 --format ics", "2035-12-01", id="ics-runs-past-coverage"
    ),
    pytest.param("schedule deals/gap.toml --format csv", "does not exist", id="csv-nonexistent-expiry"),
    pytest.param("schedule deals/twice.toml --format md", "happens twice", id="md-ambiguous-expiry"),
    pytest.param("schedule deals/twice.toml --format html", "happens twice", id="html-ambiguous-expiry"),
    pytest.param("schedule deals/twice.toml --format json", "happens twice", id="json-ambiguous-expiry"),
    pytest.param("schedule deals/twice.toml", "happens twice", id="table-ambiguous-expiry"),
    pytest.param(f"{US} --today 2026-02-30 --format svg", "2026-02-30", id="svg-invalid-today"),
    pytest.param("calendar XPAR --year 2040", "2040", id="calendar-table-outside-coverage"),
    pytest.param("calendar XPAR --year 2040 --format json", "2040", id="calendar-json-outside-coverage"),
    pytest.param("rules us14d --format json", "us14d", id="rules-unknown-regime"),
]


@pytest.mark.parametrize("force", [False, True], ids=["new-file", "existing-file-with-force"])
@pytest.mark.parametrize("command, fragment", FAILING)
def test_failed_computation_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, fragment: str, force: bool
) -> None:
    Path("deals").mkdir()
    write_deal([*GAP_DEAL, 'time = "02:30"'], "deals/gap.toml")
    write_deal([*TWICE_DEAL, 'time = "02:30"'], "deals/twice.toml")
    if force:
        Path("out.file").write_bytes(KEEP)
    before = listing(tmp_path)
    argv = [*shlex.split(command), "-o", "out.file", *(["--force"] if force else [])]
    expect_error(capsys, argv, fragment)
    assert listing(tmp_path) == before  # no file, no partial or temporary file; or the old file intact


# -- empty values are values: refused, never read as "not given" ------------------------------------------


@pytest.mark.parametrize(
    ("command", "fragment"),
    [
        pytest.param(f"schedule {SEED} --format json --output ''", "--output", id="output"),
        pytest.param("calendar XPAR --month 2026-01 --output ''", "--output", id="calendar-output"),
        pytest.param("rules us-14d --format json --output ''", "--output", id="rules-output"),
        pytest.param("regimes --lang ''", "''", id="lang"),
        pytest.param("rules ''", "''", id="rules-regime"),
        pytest.param("schedule ''", "deal file", id="schedule-deal"),
        pytest.param("tui ''", "deal file", id="tui-deal"),
        pytest.param("schedule --regime us-14d --commence 2026-05-04 --today ''", "''", id="today"),
        pytest.param("schedule --regime us-14d --commence ''", "''", id="commence"),
        pytest.param("schedule --regime us-14d --commence 2026-05-04 --expire ''", "''", id="expire"),
        pytest.param("rules us-14d --on ''", "''", id="rules-on"),
        pytest.param("calendar XPAR --month ''", "''", id="calendar-month"),
        pytest.param("scan --regime us-14d --from 2026-01-05 --to 2026-01-09 --time ''", "''", id="scan-time"),
    ],
)
def test_an_empty_value_is_refused(capsys: pytest.CaptureFixture[str], command: str, fragment: str) -> None:
    expect_error(capsys, argv_of(command), fragment)


@pytest.mark.parametrize(
    ("rows", "line", "fragments"),
    [
        pytest.param(
            [*OFFER, "", "[expiry]", 'zone = "America/New_York"', 'at = "2026-11-01 01:30+02:00"'],
            7,
            ("-04:00", "-05:00", "+02:00"),
            id="at-offset-the-zone-does-not-have",
        ),
        pytest.param(
            [*OFFER, "", "[expiry]", "date = 2026-11-02", 'at = "2026-11-01 01:30-05:00"'],
            6,
            ("'at'", "'date'"),
            id="at-with-date",
        ),
    ],
)
def test_expiry_at_is_checked_at_its_line(
    capsys: pytest.CaptureFixture[str], rows: list[str], line: int, fragments: tuple[str, ...]
) -> None:
    expect_error(capsys, argv_of(rows), f"line {line}:", *fragments)
