"""The launch-date scan: its batch path against the engine, and its flags against real calendars.

The scan computes the expiry without building timetables; :func:`deadlines.engine.compute` is the
reference it must agree with for every launch date (expiry instant, each leg's last day and count, the
maximum and the clocks out of step). The flags are checked against days taken from the calendars as
published (Good Friday, Easter Monday) and the statutory daylight-saving dates.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from deadlines.calendars import get_calendar
from deadlines.engine import compute
from deadlines.errors import DeadlinesError, InputError
from deadlines.model import Deal, ExpiryTime, Leg
from deadlines.rules import get_rulebook
from deadlines.scan import DST, HISTORIC, HOLIDAY, NO_MINIMUM, launch_dates, scan
from deadlines.timeutil import WallTime

COMBINATIONS = [
    ("us-14d",),
    ("us-13e4",),
    ("fr-amf",),
    ("us-14d", "fr-amf"),
    ("fr-amf", "us-14d"),
    ("us-13e4", "fr-amf"),
    ("uk-code",),
    ("us-14d", "uk-code"),
    ("ch-uev",),  # an offer period counted from the end of the cooling-off period (a chain of counts)
    ("us-14d", "ch-uev"),
    ("de-wpug",),  # periods in weeks (§§ 187, 188 BGB) over Hesse's working days
    ("us-14d", "de-wpug"),
]
TIMES = [None, ExpiryTime(WallTime(17, 30), "Europe/Paris"), ExpiryTime(WallTime(12, 0), "America/New_York")]


def _reference(regimes: tuple[str, ...], launch: date, at: ExpiryTime | None) -> dict[str, object] | None:
    """What the engine says for one launch date, in the scan's terms (None: no minimum applies)."""
    try:
        schedule = compute(Deal([Leg(r, launch) for r in regimes], expiry_time=at))
    except InputError as error:
        assert "no minimum period applies" in str(error)
        return None
    expiries = [schedule.event(f"{r}.{get_rulebook(r).expiry}") for r in regimes]
    codes = {(w.code, w.event) for w in schedule.warnings}
    return {
        "expiry": expiries[0].instant,
        # A regime counting from Day 0 (the UK Code) counts its expiry's Day N, not business days.
        "legs": [
            (e.regime, e.day, e.business_day if e.business_day is not None else (e.day - launch).days) for e in expiries
        ],
        "after_maximum": [e.regime for e in expiries if ("expiry-after-maximum", e.id) in codes],
        "dst": any(w.code == "dst-mismatch" for w in schedule.warnings),
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(regimes=COMBINATIONS[5], start=date(1995, 1, 2), length=40, at=None)  # both ends of the calendars
@example(regimes=COMBINATIONS[5], start=date(2035, 5, 21), length=40, at=None)
@example(regimes=COMBINATIONS[7], start=date(1995, 1, 2), length=40, at=None)  # a US and a UK offer
@example(regimes=COMBINATIONS[7], start=date(2035, 5, 21), length=40, at=None)
@example(regimes=COMBINATIONS[9], start=date(1998, 1, 2), length=40, at=None)  # a US and a Swiss offer
@example(regimes=COMBINATIONS[9], start=date(2035, 4, 2), length=40, at=None)
@example(regimes=COMBINATIONS[8], start=date(2001, 12, 20), length=40, at=None)  # the virt-x calendar of 2002
@example(regimes=COMBINATIONS[-1], start=date(2002, 1, 2), length=40, at=None)  # a US and a German offer
@example(regimes=COMBINATIONS[-1], start=date(2035, 5, 1), length=40, at=None)
@given(
    regimes=st.sampled_from(COMBINATIONS),
    start=st.dates(date(1995, 1, 2), date(2035, 6, 30)),  # the calendars cover 1995-2035
    length=st.integers(0, 40),
    at=st.sampled_from(TIMES),
)
def test_scan_agrees_with_the_engine(regimes: tuple[str, ...], start: date, length: int, at: ExpiryTime | None) -> None:
    rows = scan(regimes, start, start + timedelta(days=length), at=at)
    assert [r.launch for r in rows] == launch_dates(regimes, start, start + timedelta(days=length))
    for row in rows:
        expected = _reference(regimes, row.launch, at)
        if expected is None:
            assert row.expiry is None and NO_MINIMUM in row.flags
            continue
        assert row.expiry == expected["expiry"], row.launch
        assert [(leg.regime, leg.last_day, leg.business_days) for leg in row.legs] == expected["legs"]
        assert list(row.after_maximum) == expected["after_maximum"]
        assert (DST in row.flags) == expected["dst"], row.launch


@settings(max_examples=40, deadline=None)
@given(regimes=st.sampled_from(COMBINATIONS), start=st.dates(date(1996, 1, 1), date(2035, 6, 30)))
def test_holiday_flag_names_every_closed_weekday_next_to_a_last_day(regimes: tuple[str, ...], start: date) -> None:
    books = [get_rulebook(r) for r in regimes]
    cals = {c: get_calendar(c) for b in books for c in (b.calendar, b.settlement_calendar)}
    for row in scan(regimes, start, start + timedelta(days=20)):
        expected = set()
        for leg in row.legs:
            before, after = leg.last_day - timedelta(days=1), leg.last_day + timedelta(days=1)
            while before.weekday() >= 5:
                before -= timedelta(days=1)
            while after.weekday() >= 5:
                after += timedelta(days=1)
            for day in (before, leg.last_day, after):
                expected |= {(day, c) for c, cal in cals.items() if not cal.is_business_day(day)}
        assert {(c.day, c.calendar) for c in row.closed} == expected, row.launch
        assert (HOLIDAY in row.flags) == bool(expected)


@pytest.mark.parametrize("regimes", [("fr-amf",), ("us-14d", "fr-amf")])
def test_euronext_half_days_move_the_french_minimum_as_in_the_engine(regimes: tuple[str, ...]) -> None:
    # Launches from mid-November 2025 have their 25th trading day on or around Wed 24 and Wed 31 Dec 2025,
    # Euronext Paris half days (close 14:05): the minimum closing follows the early close.
    # At 15:00 Paris, after the 14:05 early close, an offer may end on the half day itself.
    at = ExpiryTime(WallTime(15, 0), "Europe/Paris")
    rows = scan(regimes, date(2025, 11, 10), date(2025, 12, 5), at=at)
    # 20 Euronext trading days; with the US leg, less Veterans Day (11 Nov) and Thanksgiving (27 Nov).
    assert len(rows) == (20 if regimes == ("fr-amf",) else 18)
    for row in rows:
        expected = _reference(regimes, row.launch, at)
        assert expected is not None
        assert (row.expiry, [(leg.regime, leg.last_day, leg.business_days) for leg in row.legs]) == (
            expected["expiry"],
            expected["legs"],
        ), row.launch
    assert {leg.last_day for row in rows for leg in row.legs} >= {date(2025, 12, 24), date(2025, 12, 31)}


def test_launch_dates_are_open_in_every_leg() -> None:
    # Good Friday 3 Apr 2026 and Easter Monday 6 Apr close Euronext Paris; Good Friday is a federal
    # business day, so a US offer alone may launch on it.
    assert date(2026, 4, 3) in launch_dates(["us-14d"], date(2026, 4, 1), date(2026, 4, 8))
    assert launch_dates(["us-14d", "fr-amf"], date(2026, 4, 1), date(2026, 4, 8)) == [
        date(2026, 4, 1),
        date(2026, 4, 2),
        date(2026, 4, 7),
        date(2026, 4, 8),
    ]


def test_good_friday_expiry_is_flagged() -> None:
    # Launch Mon 9 Mar 2026: business day 20 of the federal calendar is Fri 3 Apr 2026 (Good Friday is
    # not a federal holiday), on which the NYSE is closed.
    (row,) = scan(["us-14d"], date(2026, 3, 9), date(2026, 3, 9))
    assert row.expiry == datetime(2026, 4, 4, 4, 0, tzinfo=UTC)  # 24:00 EDT on 3 Apr
    assert row.legs[0].business_days == 20
    assert HOLIDAY in row.flags
    assert [(c.day, c.calendar, [str(label) for label in c.labels]) for c in row.closed] == [
        (date(2026, 4, 3), "XNYS", ["Good Friday"])
    ]


def test_clocks_out_of_step_weeks_are_flagged() -> None:
    # 2026: the US springs forward on 8 March, the EU on 29 March. A cross-border expiry in between is
    # 5 hours apart instead of 6; one on 2 March or after 29 March is not.
    rows = {r.launch: r for r in scan(["us-14d", "fr-amf"], date(2026, 1, 20), date(2026, 3, 10))}
    for row in rows.values():
        assert row.expiry is not None
        in_gap = datetime(2026, 3, 8, 7, tzinfo=UTC) <= row.expiry < datetime(2026, 3, 29, 1, tzinfo=UTC)
        assert (DST in row.flags) == in_gap, (row.launch, row.expiry)
        assert (row.dst_gap == 5.0) == in_gap
    assert any(DST in r.flags for r in rows.values())


def test_french_offers_before_the_2004_regulation_have_no_minimum() -> None:
    (row,) = scan(["fr-amf"], date(2002, 7, 16), date(2002, 7, 16))
    assert row.expiry is None and row.flags == (NO_MINIMUM, HISTORIC)
    # Cross-border: the US minimum alone sets the expiry, and the French leg says its rules are missing.
    (row,) = scan(["us-14d", "fr-amf"], date(2002, 7, 16), date(2002, 7, 16))
    assert row.expiry is not None and HISTORIC in row.flags and NO_MINIMUM not in row.flags


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((["us-14d"], date(2026, 5, 1), date(2026, 4, 1)), "reversed"),
        ((["us-14d", "us-14d"], date(2026, 5, 1), date(2026, 5, 2)), "twice"),
        ((["us14d"], date(2026, 5, 1), date(2026, 5, 2)), "us-14d"),
        (([], date(2026, 5, 1), date(2026, 5, 2)), "at least one regime"),
        ((["us-14d"], date(1990, 1, 1), date(1990, 2, 1)), "coverage"),
    ],
)
def test_bad_scans_are_refused(args: tuple[list[str], date, date], error: str) -> None:
    with pytest.raises(DeadlinesError, match=error):
        scan(*args)


def test_progress_is_reported() -> None:
    seen: list[tuple[int, int]] = []
    rows = scan(
        ["us-14d"], date(2026, 1, 1), date(2026, 12, 31), progress=lambda done, total: seen.append((done, total))
    )
    assert seen[0] == (0, len(rows)) and seen[-1] == (len(rows), len(rows))


# -- the command ------------------------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from deadlines.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "scan", "--regime", "us-14d", "--regime", "fr-amf", "--from", "2026-03-02", "--to", "2026-03-06",
        "--format", "csv", "--lang", "en,fr",
    )  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["launch"] for r in rows] == ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]
    first = rows[0]
    # 25 trading days from Mon 2 Mar 2026 skip Good Friday and Easter Monday: they end 17:30 Paris on Tue
    # 7 Apr 2026 (the US minimum ends earlier, 24:00 New York on Fri 27 Mar). The joint expiry is 12:00 noon
    # New York on 7 Apr = 18:00 Paris: Paris day 25, US business day 27 (Good Friday counts for the SEC).
    assert first["expiry_utc"] == "2026-04-07T16:00Z"
    assert first["local:Europe/Paris"] == "2026-04-07T18:00+02:00"
    assert (first["days:fr-amf"], first["last_day:fr-amf"]) == ("25", "2026-04-07")
    assert (first["days:us-14d"], first["last_day:us-14d"]) == ("27", "2026-04-07")
    assert first["flags"] == "holiday"
    assert "Easter Monday" in first["notes:en"] and "Lundi de Pâques" in first["notes:fr"]


def test_cli_json_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "scan", "--regime", "us-14d", "--from", "2026-03-09", "--to", "2026-03-09", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["rows"][0]["closed"] == [{"date": "2026-04-03", "calendar": "XNYS", "names": ["Good Friday"]}]
    code, out, _ = _run(
        capsys,
        "scan",
        "--regime",
        "us-14d",
        "--from",
        "2026-03-09",
        "--to",
        "2026-03-10",
        "--width",
        "160",
        "--lang",
        "fr",
    )
    assert code == 0
    assert "Vendredi saint" in out and "3 avr. 2026" in out


@pytest.mark.parametrize(
    ("regimes", "first", "last"),
    [
        # clocks out of step, holidays, French rules not encoded before 24 November 2004, then encoded
        (("us-14d", "fr-amf"), date(2003, 9, 1), date(2005, 4, 30)),
        (("fr-amf",), date(2004, 10, 1), date(2004, 12, 31)),  # no minimum encoded, then a minimum
    ],
)
def test_json_rows_one_a_line_with_their_notes(regimes: tuple[str, ...], first: date, last: date) -> None:
    """The JSON's rows, one a line, say for each launch date what the scan found, with its notes in every
    language (worded once for each distinct set of notes: each row must still have its own)."""
    from deadlines.i18n import Localizer
    from deadlines.render.scan_view import notes, scan_json
    from deadlines.rules import zone_order
    from deadlines.timeutil import iso_local, iso_utc

    rows = scan(regimes, first, last)
    zones = zone_order(get_rulebook(r) for r in regimes)
    locs = [Localizer("fr"), Localizer("en")]
    text = "".join(scan_json(rows, regimes, zones, locs))
    data = json.loads(text)
    lines = text.splitlines()
    assert (data["regimes"], data["zones"]) == (list(regimes), zones)
    assert "\n".join(lines[4:-2]) == ",\n".join(f"    {json.dumps(row, ensure_ascii=False)}" for row in data["rows"])
    assert {flag for row in rows for flag in row.flags} >= (
        {DST, HOLIDAY, HISTORIC} if len(regimes) > 1 else {NO_MINIMUM}
    )
    texts = [Localizer(loc.lang, cldr=False) for loc in locs]
    for row, got in zip(rows, data["rows"], strict=True):
        assert got["launch"] == row.launch.isoformat()
        assert got["expiry_utc"] == (iso_utc(row.expiry) if row.expiry else None)
        assert got["local"] == ({z: iso_local(row.expiry, z) for z in zones} if row.expiry else None)
        assert got["legs"] == [
            {
                "regime": leg.regime,
                "calendar": leg.calendar,
                "last_day": leg.last_day.isoformat(),
                "business_days": leg.business_days,
                "unit": leg.unit,
            }
            for leg in row.legs
        ]
        assert got["flags"] == list(row.flags)
        assert got["closed"] == [
            {"date": c.day.isoformat(), "calendar": c.calendar, "names": [str(label) for label in c.labels]}
            for c in row.closed
        ]
        assert (got["dst_gap_hours"], got["after_maximum"], got["historic"]) == (
            row.dst_gap,
            list(row.after_maximum),
            list(row.historic),
        )
        assert got["notes"] == {t.lang.words: [t.text(m) for m in notes(row, zones)] for t in texts}
    empty = "".join(scan_json([], regimes, zones, locs))
    assert json.loads(empty)["rows"] == []


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_pieces_join_into_one_document(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long scan is written piece by piece: cut anywhere, the pieces join into the same document (the
    rows' separators and the header written once), which still parses with every row."""
    from deadlines.i18n import Localizer
    from deadlines.render import scan_view
    from deadlines.rules import zone_order

    regimes = ("us-14d", "fr-amf")
    rows = scan(regimes, date(2004, 11, 1), date(2004, 11, 30))  # 30 launch dates, French rules from the 24th
    zones = zone_order(get_rulebook(r) for r in regimes)
    locs = [Localizer("en"), Localizer("fr")]
    render = scan_view.scan_csv if fmt == "csv" else scan_view.scan_json
    whole = list(render(rows, regimes, zones, locs))
    monkeypatch.setattr(scan_view, "PIECE_ROWS", 7)
    pieces = list(render(rows, regimes, zones, locs))
    assert len(pieces) > len(whole) and "".join(pieces) == "".join(whole)
    text = "".join(pieces)
    parsed = list(csv.DictReader(io.StringIO(text, newline=""))) if fmt == "csv" else json.loads(text)["rows"]
    assert [r["launch"] for r in parsed] == [row.launch.isoformat() for row in rows]


def test_cli_time_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "scan", "--regime", "us-14d", "--from", "2026-05-04", "--to", "2026-05-04", "--time", "17:00",
        "--format", "csv",
    )  # fmt: skip
    assert code == 0
    # Business day 20 from Mon 4 May 2026 is Mon 1 Jun (Memorial Day 25 May skipped); 17:00 on 1 Jun comes
    # before its end (24:00), so the first 17:00 at or after it is Tue 2 Jun.
    assert "2026-06-02T17:00-04:00" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--from", "2026-05-01", "--to", "2026-04-01"], "reversed"),
        (["--from", "2026-02-30", "--to", "2026-04-01"], "2026-02-30"),
        (["--from", "2026-04-01", "--to", "2026-05-01", "--time", "25:00"], "25:00"),
        (["--from", "2026-04-01", "--to", "2026-05-01", "--time", "12:00", "--zone", "Europe/Pari"], "Europe/Paris"),
        # Business day 20 from Mon 3 Dec 2035 is Mon 31 Dec 2035, the last covered day: whether 1 Jan 2036
        # is closed cannot be known, so the scan names the first launch date it cannot answer for.
        (["--from", "2035-11-01", "--to", "2035-12-31"], "launch date 2035-12-03"),
        (["--from", "2026-04-01", "--to", "2026-05-01", "--zone", "Europe/Paris"], "--time"),
        (["--from", "2026-04-01", "--to", "2026-05-01", "--option", "foo"], "known: exemptive-order-2026"),
        # 02:30 Jerusalem does not exist on Fri 27 Mar 2026 (Israel's clocks change on a Friday), Thursday
        # evening in New York, an open day: the first launch whose search reaches that day is named. (A change
        # on a Sunday, as in Paris or New York, is passed over: a Sunday is never the expiry.)
        (["--from", "2026-02-01", "--to", "2026-03-31", "--time", "02:30", "--zone", "Asia/Jerusalem"], "2026-02-26"),
    ],
)
def test_cli_bad_input(capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str) -> None:
    code, out, err = _run(capsys, "scan", "--regime", "us-14d", *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err


def test_cli_unknown_option_with_none_known(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(
        capsys, "scan", "--regime", "fr-amf", "--from", "2026-01-05", "--to", "2026-01-09", "--option", "x"
    )
    assert code == 2 and "(known: none)" in err


def test_cli_a_narrow_table_keeps_every_word(capsys: pytest.CaptureFixture[str]) -> None:
    # 80 columns (a pipe's default): the columns wrap instead of being cut, and the notes stay.
    code, out, _ = _run(
        capsys, "scan", "--regime", "us-14d", "--regime", "fr-amf", "--from", "2026-03-02", "--to", "2026-03-02",
        "--width", "80",
    )  # fmt: skip
    assert code == 0
    words = out.split()
    assert {"Easter", "Monday", "18:00"} <= set(words) and "XPAR" in words
    assert "12:00 noon" in out  # the default cross-border expiry in New York, on one line
    assert all(len(line) <= 80 for line in out.splitlines())


def test_a_uk_leg_counts_the_codes_day_n() -> None:
    """The UK Code counts calendar days from Day 0 (Rule 31.3; domain notes sec. 1.2): a UK offer document on
    Mon 2 Oct 2023 gives a first closing date on Day 21, Mon 23 Oct 2023 (the worked example, sec. 1.3), and
    the scan says Day 21, not the 16 London trading days from 2 Oct."""
    (row,) = scan(["uk-code"], date(2023, 10, 2), date(2023, 10, 2))
    assert (row.legs[0].last_day, row.legs[0].business_days, row.legs[0].unit) == (date(2023, 10, 23), 21, "day")
