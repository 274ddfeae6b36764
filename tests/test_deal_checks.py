"""Every reference in a deal resolves, every conflict is refused, nothing is ignored: one set of checks for
the deal file, the command line, the app's form and the Python API (issue 11).

Each case is a deal file written row by row; the expected line is found in the rows as written, and the
suggestion is the id the typo was made from, so no expected value comes from the code under test. The
zone policy's expectations come from the tz database's own definitions: ``EST`` is UTC-05:00 all year,
``Etc/GMT+5`` is UTC-05:00 (POSIX signs are reversed), ``EST5EDT``/``CET`` are rule-only zones.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_bad_input import deal_check, expect_error, q, run, suggestion, write_deal

from deadlines import DeadlinesError, Deal, InputError, Leg, LocalTime, Observed, Relief, compute, parse_deal
from deadlines.checks import build_deal
from deadlines.engine import first_expiry
from deadlines.tui.form import FieldError, deal_from_form, form_from_deal

US = ["[[offer]]", 'regime = "us-14d"', "start = 2026-05-04"]
FR = ["[[offer]]", 'regime = "fr-amf"', "start = 2026-05-04"]
ISSUER = ["[[offer]]", 'regime = "us-13e4"', "start = 2026-05-04"]
SIMPLIFIED = ["[[offer]]", 'regime = "fr-amf-simplified"', "start = 2026-05-04"]
RELIEF = ["[[relief]]", 'regime = "us-14d"', 'rules = ["payment"]', 'citation = "letter of 1 June 2026"']


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def observed(event: str, day: str = "2026-05-06") -> list[str]:
    return ["[[observed]]", f'event = "{event}"', f"date = {day}"]


# (rows, the row the error is on, fragments the message must hold)
REFERENCES = [
    pytest.param(
        [*US, "[[amendment]]", 'kind = "price"', "date = 2026-05-11", 'regime = "us14d"'],
        'regime = "us14d"',
        ("'us14d'", "did you mean 'us-14d'"),
        id="amendment-regime-typo",
    ),
    pytest.param(
        [*US, "[[amendment]]", 'kind = "price"', "date = 2026-05-11", 'regime = "fr-amf"'],
        'regime = "fr-amf"',
        ("'fr-amf' is not one of this deal's", "us-14d"),
        id="amendment-regime-not-in-deal",
    ),
    pytest.param(
        [*US, "[[relief]]", 'regime = "us14d"', 'rules = ["payment"]', 'citation = "letter"'],
        'regime = "us14d"',
        ("'us14d'", "did you mean 'us-14d'"),
        id="relief-regime-typo",
    ),
    pytest.param(
        [*US, "[[relief]]", 'regime = "us-14d"', 'rules = ["paymnet"]', 'citation = "letter"'],
        'rules = ["paymnet"]',
        ("'paymnet'", "did you mean 'payment'"),
        id="relief-rule-typo",
    ),
    pytest.param(
        [*US, "[[relief]]", 'regime = "us-14d"', 'rules = ["no-such-thing-at-all"]', 'citation = "letter"'],
        'rules = ["no-such-thing-at-all"]',
        ("'no-such-thing-at-all'", "deadlines rules us-14d"),
        id="relief-rule-unknown",
    ),
    pytest.param(
        [*US, "[[relief]]", 'regime = "us-14d"', "rules = []", 'citation = "letter"'],
        "rules = []",
        ("waives no rule",),
        id="relief-without-rules",
    ),
    pytest.param(
        [*US, *RELIEF, *RELIEF[:2], 'rules = ["payment", "withdrawal-backstop"]', 'citation = "another letter"'],
        'rules = ["payment", "withdrawal-backstop"]',
        ("us-14d.payment is waived twice",),
        id="relief-twice",
    ),
    pytest.param(
        [*US, *observed("us-14d.expiri")],
        'event = "us-14d.expiri"',
        ("'us-14d.expiri'", "did you mean 'us-14d.expiry'"),
        id="observed-event-typo",
    ),
    pytest.param(
        [*US, *observed("us14d.target-position")],
        'event = "us14d.target-position"',
        ("'us14d'", "did you mean 'us-14d'"),
        id="observed-regime-typo",
    ),
    pytest.param(
        # the second [[observed]] of the event: its key is written with a trailing space to find its line
        [
            *US,
            *observed("us-14d.target-position"),
            "[[observed]]",
            'event = "us-14d.target-position" ',
            "date = 2026-05-07",
        ],
        'event = "us-14d.target-position" ',
        ("'us-14d.target-position'", "observed twice"),
        id="observed-twice",
    ),
    pytest.param(
        ['options = ["exemptive-order-2062"]', *US],
        'options = ["exemptive-order-2062"]',
        ("'exemptive-order-2062'", "did you mean 'exemptive-order-2026'"),
        id="option-typo",
    ),
]
CONFLICTS = [
    pytest.param(
        ["[[offer]]", 'regime = "us-14d"', "start = 2026-05-04", "commence = 2026-05-05"],
        "commence = 2026-05-05",
        ("'start' and 'commence'",),
        id="start-and-commence",
    ),
    pytest.param(
        ["[[offer]]", 'regime = "fr-amf"', "open = 2026-05-05", "start = 2026-05-04"],
        "open = 2026-05-05",
        ("'start' and 'open'",),
        id="start-and-open",
    ),
    pytest.param(
        [*ISSUER, "[subsequent]", "date = 2026-07-01"],
        "[subsequent]",
        ("us-13e4", "no subsequent offering period or reopening"),
        id="subsequent-on-an-issuer-offer",
    ),
    pytest.param(
        [*SIMPLIFIED, "[subsequent]", "date = 2026-07-01"],
        "[subsequent]",
        ("fr-amf-simplified", "no subsequent offering period or reopening"),
        id="subsequent-on-a-simplified-offer",
    ),
    pytest.param(
        [*US, "[[amendment]]", 'kind = "price"', "date = 2026-04-30"],
        "date = 2026-04-30",
        ("2026-04-30", "2026-05-04", "before the us-14d offer started"),
        id="amendment-before-the-offer",
    ),
    pytest.param(
        [*US, "[expiry]", 'zone = "Europe/Paris"'],
        'zone = "Europe/Paris"',
        ("'zone' alone",),
        id="expiry-zone-alone",
    ),
    pytest.param(
        [*FR, "[subsequent]", "start = 2026-06-22", 'zone = "Europe/Paris"'],
        'zone = "Europe/Paris"',
        ("'zone' alone",),
        id="subsequent-zone-alone",
    ),
]

# (a zone written where a market's time is set, the place's zone the message must name)
MARKET_ZONES = [
    pytest.param("EST", ("UTC-05:00", "America/New_York"), id="EST-fixed-offset"),
    pytest.param("EST5EDT", ("America/New_York",), id="EST5EDT-legacy"),
    pytest.param("Etc/GMT+5", ("UTC-05:00", "reversed"), id="Etc-GMT+5-reversed-sign"),
    pytest.param("CET", ("Europe/Paris",), id="CET-legacy"),
    pytest.param("ET", ("abbreviation", "America/New_York"), id="ET-abbreviation"),
    pytest.param("CEST", ("abbreviation", "Europe/Paris"), id="CEST-abbreviation"),
    pytest.param("BST", ("abbreviation", "Europe/London"), id="BST-abbreviation"),
    pytest.param("GMT", ("Europe/London",), id="GMT-for-London"),
    pytest.param("UTC", ("not the clock of a market",), id="UTC-bare"),
]


@pytest.mark.parametrize("rows, row, fragments", REFERENCES + CONFLICTS)
def test_deal_file_problem_names_file_line_and_suggestion(
    capsys: pytest.CaptureFixture[str], rows: list[str], row: str, fragments: tuple[str, ...]
) -> None:
    path = write_deal(rows)
    err = expect_error(capsys, ["schedule", path], *fragments)
    deal_check(err, path, "en", rows, row)


@pytest.mark.parametrize("case_id", ["amendment-regime-typo", "observed-event-typo", "start-and-commence"])
def test_deal_file_problem_in_french(capsys: pytest.CaptureFixture[str], case_id: str) -> None:
    rows, row, fragments = next(tuple(p.values) for p in REFERENCES + CONFLICTS if p.id == case_id)
    path = write_deal(rows)
    err = expect_error(capsys, ["schedule", path], lang="fr")
    deal_check(err, path, "fr", rows, row)
    for fragment in fragments:
        for value in re.findall(r"'([^']+)'", fragment) if not fragment.startswith("did you") else ():
            assert q("fr", value) in err, err
    close = [f.split("'")[1] for f in fragments if f.startswith("did you mean")]
    for value in close:
        assert suggestion("fr", value) in err, err


@pytest.mark.parametrize("name, fragments", MARKET_ZONES)
@pytest.mark.parametrize("table", ["expiry", "subsequent"])
def test_deal_file_market_zone_policy(
    capsys: pytest.CaptureFixture[str], name: str, fragments: tuple[str, ...], table: str
) -> None:
    if table == "expiry":
        rows = [*US, "[expiry]", "date = 2026-06-19", 'time = "17:00"', f'zone = "{name}"']
    else:
        rows = [*US, "[subsequent]", "date = 2026-07-01", 'time = "17:00"', f'zone = "{name}"']
    path = write_deal(rows)
    err = expect_error(capsys, ["schedule", path], f"'{name}'", *fragments)
    deal_check(err, path, "en", rows, f'zone = "{name}"')


@pytest.mark.parametrize("name, fragments", MARKET_ZONES)
def test_command_line_market_zone_policy(
    capsys: pytest.CaptureFixture[str], name: str, fragments: tuple[str, ...]
) -> None:
    argv = ["schedule", "--regime", "us-14d", "--commence", "2026-05-04", "--expire", "2026-06-19 17:00"]
    expect_error(capsys, [*argv, "--zone", name], f"'{name}'", *fragments)


@pytest.mark.parametrize("name, fragments", MARKET_ZONES[:6])
def test_shown_zone_policy(capsys: pytest.CaptureFixture[str], name: str, fragments: tuple[str, ...]) -> None:
    """Only UTC itself may be shown beside the markets' zones; the other names are refused there too."""
    expect_error(capsys, ["schedule", "--regime", "us-14d", "--commence", "2026-05-04", "--show", name], *fragments)
    rows = [f'show = ["{name}"]', *US]
    path = write_deal(rows)
    err = expect_error(capsys, ["schedule", path], *fragments)
    deal_check(err, path, "en", rows, rows[0])


def test_utc_may_be_shown(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["schedule", "--regime", "us-14d", "--commence", "2026-05-04", "--show", "UTC", "--format", "json"]
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, "")
    assert json.loads(out)["zones"] == ["America/New_York", "UTC"]


def test_zone_policy_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["schedule", "--regime", "us-14d", "--commence", "2026-05-04", "--expire", "2026-06-19 17:00"]
    err = expect_error(capsys, [*argv, "--zone", "EST"], q("fr", "EST"), "America/New_York", lang="fr")
    assert "décalage fixe" in err


def test_observation_of_a_period_the_deal_does_not_have_is_said() -> None:
    """Not an error (the app's switch may turn the period off), but never silent: a warning names it."""
    deal = parse_deal("\n".join([*FR, *observed("fr-amf.reopening-result", "2026-07-20")]))
    codes = [(w.code, w.event) for w in compute(deal).warnings]
    assert ("observed-ignored", "fr-amf.reopening-result") in codes


def test_amendment_counted_by_one_leg_is_noted_for_the_other() -> None:
    rows = [*US, *FR, "[[amendment]]", 'kind = "price"', "date = 2026-05-11"]
    schedule = compute(parse_deal("\n".join(rows)))
    # The US leg's date (Fri 22 May 2026, Rule 14e-1(b)) is checked in
    # tests/cases/cross-border/price-change-counted-by-the-us-leg.toml.
    notes = [w for w in schedule.warnings if w.code == "amendment-not-counted"]
    assert [w.params["regime"] for w in notes] == ["fr-amf"]


# -- the Python API: what Python users pass --------------------------------------------------------------


def test_days_and_times_as_iso_strings() -> None:
    assert Leg("us-14d", "2026-05-04") == Leg("us-14d", date(2026, 5, 4))  # type: ignore[arg-type]
    at = LocalTime("2002-09-12", "12:00", "America/New_York")  # type: ignore[arg-type]
    assert at.instant() == datetime(2002, 9, 12, 16, 0, tzinfo=UTC)  # 12:00 noon EDT
    assert Observed("us-14d.target-position", "2026-05-06").day == date(2026, 5, 6)  # type: ignore[arg-type]


def test_an_aware_datetime_is_an_instant() -> None:
    """The seed's expiry, 12:00 noon New York time on 12 September 2002, given as a ZoneInfo datetime."""
    noon = datetime(2002, 9, 12, 12, 0, tzinfo=ZoneInfo("America/New_York"))
    deal = Deal([Leg("us-14d", date(2002, 7, 16))], expiry=noon)  # type: ignore[arg-type]
    assert compute(deal).event("us-14d.expiry").instant == datetime(2002, 9, 12, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "expiry, fragment",
    [
        pytest.param(datetime(2002, 9, 12, 16, 0, tzinfo=UTC), "no IANA zone", id="fixed-offset"),
        pytest.param(datetime(2002, 9, 12, 12, 0), "no IANA zone", id="naive"),
        pytest.param(datetime(2002, 9, 12, 12, 0, 30, tzinfo=ZoneInfo("America/New_York")), "minute", id="seconds"),
        pytest.param("2002-09-12 12:00", "LocalTime or an aware datetime", id="string"),
    ],
)
def test_an_instant_that_cannot_be_honoured_is_refused(expiry: object, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        Deal([Leg("us-14d", date(2002, 7, 16))], expiry=expiry)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "make, fragment",
    [
        pytest.param(lambda: Deal([Leg("us-14d", date(2026, 5, 4))], show_zones="Europe/Paris"), "list", id="show"),
        pytest.param(lambda: Deal([Leg("us-14d", date(2026, 5, 4))], options="exemptive-order-2026"), "list", id="opt"),
        pytest.param(lambda: Deal([Leg("us-14d", date(2026, 5, 4))], notes="a note"), "list", id="notes"),
        pytest.param(lambda: Relief("us-14d", "payment", "letter"), "list", id="relief-rules"),
        pytest.param(lambda: Deal(Leg("us-14d", date(2026, 5, 4))), "list", id="one-leg"),
        pytest.param(lambda: Leg("us-14d", datetime(2026, 5, 4, 9, 0)), "date", id="datetime-as-day"),
        pytest.param(lambda: Leg("us-14d", "04/05/2026"), "04/05/2026", id="day-not-iso"),
        pytest.param(lambda: Leg("us-14d", date(2026, 5, 4)).__class__(None, date(2026, 5, 4)), "string", id="regime"),
    ],
)
def test_python_values_of_the_wrong_shape_are_refused(make: object, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        make()  # type: ignore[operator]


def test_python_deal_gets_the_file_checks() -> None:
    """A Deal made directly is checked when it is computed (build_deal checks it when it is made)."""
    with pytest.raises(InputError, match=re.escape("did you mean 'us-14d.expiry'")):
        compute(Deal([Leg("us-14d", date(2026, 5, 4))], observed=[Observed("us-14d.expiri", date(2026, 6, 1))]))
    with pytest.raises(InputError, match="did you mean 'payment'"):
        build_deal(legs=[Leg("us-14d", date(2026, 5, 4))], relief=[Relief("us-14d", ("paymnet",), "letter")])


def test_a_deal_changed_after_it_was_made_is_checked_when_computed() -> None:
    deal = Deal([Leg("us-14d", date(2026, 5, 4))])
    deal.observed.append(Observed("us-14d.expiri", date(2026, 6, 1)))
    with pytest.raises(InputError, match="not an event of this deal"):
        compute(deal)


def test_shown_zones_are_not_read_letter_by_letter() -> None:
    """The issue's example: show_zones='Europe/Paris' was read as 12 one-letter zones."""
    with pytest.raises(InputError, match=r"\['Europe/Paris'\]"):
        Deal([Leg("us-14d", date(2026, 5, 4))], show_zones="Europe/Paris")  # type: ignore[arg-type]


# -- the app's form: the same checks, on the field that shows the part --------------------------------


def test_form_maps_a_deal_problem_to_its_field() -> None:
    from deadlines.i18n import Localizer

    loc = Localizer("en")
    base = Deal([Leg("us-14d", date(2026, 5, 4))], observed=[Observed("us-14d.target-position", date(2026, 5, 6))])
    form = replace(form_from_deal(base, loc), expiry="2026-06-19 17:00 EST")
    with pytest.raises(FieldError) as raised:
        deal_from_form(form, base, [loc], first_expiry)
    assert raised.value.field == "expiry" and "America/New_York" in raised.value.error.message
    # Removing the regime an observation is about: the regimes field says so.
    form = replace(form_from_deal(base, loc), regimes="fr-amf")
    with pytest.raises(FieldError) as raised:
        deal_from_form(form, base, [loc], first_expiry)
    assert raised.value.field == "regimes"


def test_an_extension_keeps_its_observations_through_the_form() -> None:
    from deadlines.i18n import Localizer

    loc = Localizer("en")
    expiry = LocalTime(date(2026, 6, 1), "24:00", "America/New_York")  # type: ignore[arg-type]
    later = LocalTime(date(2026, 6, 8), "24:00", "America/New_York")  # type: ignore[arg-type]
    notice = Observed("us-14d.extension-notice-1", date(2026, 6, 2), "08:00")  # type: ignore[arg-type]
    base = Deal([Leg("us-14d", date(2026, 5, 4))], expiry=later, extended=[expiry], observed=[notice])
    deal = deal_from_form(form_from_deal(base, loc), base, [loc], first_expiry)
    assert deal.observed == [notice]
    assert deal.extended[0].instant() == expiry.instant()
    assert compute(deal).event("us-14d.extension-notice-1").observed
    assert deal.expiry is not None and deal.expiry.instant() - expiry.instant() == timedelta(days=7)


def test_one_set_of_checks_for_file_command_line_form_and_python(capsys: pytest.CaptureFixture[str]) -> None:
    """The same mistake (an expiry set in EST) gets the same words by each way in."""
    from deadlines.i18n import Localizer

    words = "'EST' is a fixed offset (UTC-05:00 all year, no daylight saving): give the place's zone, America/New_York"
    rows = [*US, "[expiry]", "date = 2026-06-19", 'time = "17:00"', 'zone = "EST"']
    by_file = expect_error(capsys, ["schedule", write_deal(rows)])
    argv = ["schedule", "--regime", "us-14d", "--commence", "2026-05-04", "--expire", "2026-06-19 17:00"]
    by_flags = expect_error(capsys, [*argv, "--zone", "EST"])
    loc = Localizer("en")
    base = Deal([Leg("us-14d", date(2026, 5, 4))])
    with pytest.raises(FieldError) as by_form:
        deal_from_form(replace(form_from_deal(base, loc), expiry="2026-06-19 17:00 EST"), base, [loc], first_expiry)
    with pytest.raises(InputError) as by_python:
        compute(Deal([Leg("us-14d", date(2026, 5, 4))], expiry=LocalTime(date(2026, 6, 19), "17:00", "EST")))  # type: ignore[arg-type]
    assert by_file.rstrip().endswith(words) and by_flags.rstrip().endswith(words)
    assert by_form.value.error.message == words and str(by_python.value) == words


# -- found by trying the build as an adversary would -------------------------------------------------


@pytest.mark.parametrize(
    "rows, row, fragments",
    [
        pytest.param(
            [*US, *observed("us-14d.commencement", "2026-05-11")],
            'event = "us-14d.commencement"',
            ("set by the deal itself", "[[offer]] us-14d"),
            id="observed-commencement-contradicts-start",
        ),
        pytest.param(
            [*US, "[expiry]", "date = 2026-06-18", 'time = "12:00"', *observed("us-14d.expiry", "2026-06-25")],
            'event = "us-14d.expiry"',
            ("set by the deal itself", "[expiry]"),
            id="observed-expiry-contradicts-expiry",
        ),
        pytest.param(
            [
                *US,
                "[expiry]",
                "date = 2026-06-18",
                "[[extended]]",
                "date = 2026-06-11",
                *observed("us-14d.expiry-extended-1", "2026-06-12"),
            ],
            'event = "us-14d.expiry-extended-1"',
            ("set by the deal itself", "[[extended]] 1"),
            id="observed-extension-contradicts-extended",
        ),
        pytest.param(
            [*FR, "[subsequent]", "start = 2026-06-22", *observed("fr-amf.reopening-opening", "2026-06-23")],
            'event = "fr-amf.reopening-opening"',
            ("set by the deal itself", "[subsequent] start"),
            id="observed-reopening-contradicts-subsequent-start",
        ),
        pytest.param(
            [*US, "[[relief]]", 'regime = "us-14d"', 'rules = ["payment", "payment"]', 'citation = "letter"'],
            'rules = ["payment", "payment"]',
            ("'payment' is named twice",),
            id="relief-names-a-rule-twice",
        ),
        pytest.param(
            [*US, "[[relief]]", 'regime = "us-14d"', 'rules = ["commencement"]', 'citation = "letter"'],
            'rules = ["commencement"]',
            ("us-14d.commencement", "first day"),
            id="relief-from-day-one",
        ),
        pytest.param(
            # the French leg opens on 4 May, the US leg commences on 11 May: Rule 14e-1(b) cannot count from 6 May
            [
                "[[offer]]",
                'regime = "us-14d"',
                "start = 2026-05-11",
                *FR,
                "[[amendment]]",
                'kind = "price"',
                "date = 2026-05-06",
            ],
            "date = 2026-05-06",
            ("before the us-14d offer started", "2026-05-11"),
            id="amendment-before-one-legs-day-one",
        ),
        pytest.param(
            [*US, "[expiry]", "date = 2026-06-18", 'time = "12:00"', 'zone = "Factory"'],
            'zone = "Factory"',
            ("'Factory'", "not a place's zone"),
            id="factory-zone",
        ),
        pytest.param(
            [*US, "[expiry]", "date = 2026-11-01", 'time = "01:30"'],
            'time = "01:30"',
            ("happens twice",),
            id="fall-back-expiry-names-its-line",
        ),
    ],
)
def test_contradictions_found_by_an_adversary(
    capsys: pytest.CaptureFixture[str], rows: list[str], row: str, fragments: tuple[str, ...]
) -> None:
    path = write_deal(rows)
    err = expect_error(capsys, ["schedule", path], *fragments)
    deal_check(err, path, "en", rows, row)


@pytest.mark.parametrize(
    "rows, code, regime",
    [
        pytest.param(
            [*US, *FR, "[[amendment]]", 'kind = "price"', "date = 2026-05-11"], 1, "fr-amf", id="cross-border"
        ),
        # An improved French offer: the AMF's own rule for it is not encoded here, so no period is shown, and
        # the timetable says so instead of refusing the deal.
        pytest.param([*FR, "[[amendment]]", 'kind = "price"', "date = 2026-05-11"], 0, "fr-amf", id="french-only"),
        pytest.param(
            [*SIMPLIFIED, "[[amendment]]", 'kind = "material"', "date = 2026-05-11"],
            0,
            "fr-amf-simplified",
            id="simplified",
        ),
    ],
)
def test_an_amendment_a_leg_does_not_count_is_noted(
    capsys: pytest.CaptureFixture[str], rows: list[str], code: int, regime: str
) -> None:
    status, out, err = run(capsys, "schedule", write_deal(rows), "--format", "json")
    assert err == "" and status in (0, 1)
    notes = [w for w in json.loads(out)["warnings"] if w["code"] == "amendment-not-counted"]
    assert len(notes) == 1 and notes[0]["message"].startswith(f"{regime}:"), notes


@pytest.mark.parametrize(
    "rules, noted",
    [
        pytest.param('["sop-payment"]', True, id="needs-a-subsequent-period"),
        pytest.param('["target-position-exemptive-2026"]', True, id="needs-its-option"),
        pytest.param('["sop-maximum-expiry"]', True, id="not-in-force-in-2026"),
        pytest.param('["payment"]', False, id="applies"),
    ],
)
def test_relief_that_waives_nothing_is_noted(capsys: pytest.CaptureFixture[str], rules: str, noted: bool) -> None:
    """The 20-day cap on a subsequent period ended on 8 December 2008 (Release 33-8957): relief from it in
    2026 waives nothing, and the timetable says so."""
    rows = [*US, "[[relief]]", 'regime = "us-14d"', f"rules = {rules}", 'citation = "letter"']
    if "sop-maximum" in rules:
        rows += ["[subsequent]", "date = 2026-07-01"]
    status, out, err = run(capsys, "schedule", write_deal(rows), "--format", "json")
    assert err == "" and status == 0
    codes = [w["code"] for w in json.loads(out)["warnings"]]
    assert ("relief-unused" in codes) == noted, codes


def test_repeated_commence_is_one_per_regime_or_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["schedule", "--regime", "us-14d", "--regime", "fr-amf", "--format", "json"]
    code, out, err = run(capsys, *base, "--commence", "2026-05-04", "--commence", "2026-05-11")
    assert code == 0, err
    starts = {e["id"]: e["date"] for e in json.loads(out)["events"] if e["kind"] == "start"}
    assert starts == {"us-14d.commencement": "2026-05-04", "fr-amf.opening": "2026-05-11"}
    three = ["--commence", "2026-05-04", "--commence", "2026-05-05", "--commence", "2026-05-06"]
    expect_error(capsys, [*base, *three], "one per --regime")
    one_regime = ["schedule", "--regime", "us-14d", "--commence", "2026-05-04", "--commence", "2026-05-05"]
    expect_error(capsys, one_regime, "one per --regime")


def test_zone_with_a_deal_file_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    expect_error(capsys, ["schedule", write_deal(US), "--zone", "Europe/Paris"], "--zone")


def test_a_deal_file_saved_with_a_byte_order_mark_reads(capsys: pytest.CaptureFixture[str]) -> None:
    Path("bom.toml").write_bytes(b"\xef\xbb\xbf" + "\n".join(US).encode() + b"\n")
    code, _out, err = run(capsys, "schedule", "bom.toml", "--format", "json")
    assert (code, err) == (0, "")


def test_observed_time_may_be_given_in_utc() -> None:
    """A fact can be timestamped in UTC (a newswire, a filing's acceptance time): 13:30 UTC on 6 May 2026 is
    9:30 a.m. New York (EDT, UTC-4)."""
    rows = [*US, *observed("us-14d.target-position"), 'time = "13:30"', 'zone = "UTC"']
    schedule = compute(parse_deal("\n".join(rows)))
    assert schedule.event("us-14d.target-position").instant == datetime(2026, 5, 6, 13, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "change, fragment",
    [
        pytest.param({"expiry": datetime(2026, 6, 18, 12)}, "no IANA zone", id="naive-expiry"),
        pytest.param({"expiry": "2026-06-18 12:00"}, "LocalTime or an aware datetime", id="expiry-string"),
        pytest.param({"legs": ["us-14d"]}, "Leg", id="legs-strings"),
        pytest.param({"amendments": ["price"]}, "Amendment", id="amendments-strings"),
        pytest.param({"notes": "abc"}, "list", id="notes-string"),
        pytest.param({"show_zones": "Europe/Paris"}, "list", id="zones-string"),
        pytest.param({"options": "exemptive-order-2026"}, "list", id="options-string"),
        pytest.param({"subsequent": "yes"}, "Subsequent", id="subsequent-string"),
    ],
)
def test_a_deal_changed_after_it_was_made_gets_a_clear_error(change: dict[str, object], fragment: str) -> None:
    deal = Deal([Leg("us-14d", date(2026, 5, 4))])
    for name, value in change.items():
        setattr(deal, name, value)
    with pytest.raises(InputError, match=fragment):
        compute(deal)


@pytest.mark.parametrize("value", [None, "deal.toml", 42])
def test_compute_needs_a_deal(value: object) -> None:
    with pytest.raises(InputError, match="a Deal is needed"):
        compute(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [b"[[offer]]", None])
def test_parse_deal_needs_text(value: object) -> None:
    with pytest.raises(DeadlinesError, match="TOML text"):
        parse_deal(value)  # type: ignore[arg-type]


def test_parse_deal_refuses_deep_nesting() -> None:
    with pytest.raises(DeadlinesError, match="nested too deeply"):
        parse_deal("x = " + "[" * 5000 + "]" * 5000)


def test_approximate_is_true_or_false() -> None:
    with pytest.raises(InputError, match="True or False"):
        Observed("us-14d.target-position", date(2026, 5, 6), approximate="no")  # type: ignore[arg-type]


def test_an_unknown_event_id_is_a_key_error_with_a_suggestion() -> None:
    from deadlines import UnknownEventError

    schedule = compute(Deal([Leg("us-14d", date(2026, 5, 4))]))
    with pytest.raises(KeyError, match=re.escape("did you mean 'us-14d.expiry'")):
        schedule.event("us-14d.expiri")
    with pytest.raises(UnknownEventError, match=re.escape("us-14d.target-position")):
        schedule.event("zzz")


@pytest.mark.parametrize(
    "value, why",
    [
        ("2026-02-29", "month 2 of 2026 has 28 days"),  # 2026 is not a leap year
        ("2028-02-30", "month 2 of 2028 has 29 days"),
        ("2026-04-31", "month 4 of 2026 has 30 days"),
        ("2026-13-01", "there is no month 13"),
        ("2026-00-10", "there is no month 0"),
    ],
)
def test_an_impossible_date_says_why(capsys: pytest.CaptureFixture[str], value: str, why: str) -> None:
    expect_error(capsys, ["schedule", "--regime", "us-14d", "--commence", value], f"'{value}'", why)


def test_an_observed_step_of_the_other_edition_is_refused_with_the_edition() -> None:
    """Day 81 belongs to the UK Code's timetable before 5 July 2021 (domain notes sec. 1.4): observed for an
    offer under the 2021 timetable, it is refused with the edition named, not as an unknown event."""
    deal = Deal([Leg("uk-code", date(2023, 10, 2))], observed=[Observed("uk-code.other-conditions-date", "2023-12-22")])
    with pytest.raises(DeadlinesError) as caught:
        compute(deal)
    assert "'uk-code.other-conditions-date' is not part of the 2021 timetable" in str(caught.value)
    # Under the earlier timetable (a firm offer announced on 2 July 2021) the same observation is taken.
    announced = Observed("uk-code.firm-announcement", "2021-07-02")
    day_81 = Observed("uk-code.other-conditions-date", "2021-10-01")
    earlier = Deal([Leg("uk-code", date(2021, 7, 23))], observed=[announced, day_81])
    assert compute(earlier).event("uk-code.other-conditions-date").day == date(2021, 10, 1)


def test_the_rules_view_says_which_edition_a_step_belongs_to(capsys: pytest.CaptureFixture[str]) -> None:
    """``rules uk-code`` without --on lists both timetables' steps, each of one timetable marked with its
    dates, and JSON gives them as spans (RS 2020/1: the timetable changed for firm offers of 5 July 2021)."""
    code, out, _ = run(capsys, "rules", "uk-code", "--format", "json")
    assert code == 0
    rules = {r["key"]: r for r in json.loads(out)[0]["rules"]}
    assert rules["other-conditions-date"]["dates"] == [{"since": None, "until": "2021-07-05"}]
    assert rules["unconditional-date"]["dates"] == [{"since": "2021-07-05", "until": None}]
    assert rules["first-closing"]["dates"] is None
    code, out, _ = run(capsys, "rules", "uk-code", "--on", "2021-07-02", "--format", "json")
    keys = {r["key"] for r in json.loads(out)[0]["rules"]}
    assert "other-conditions-date" in keys and "unconditional-date" not in keys


def test_an_announcement_dated_after_the_offer_starts_is_warned_about() -> None:
    """The Rule 2.7 announcement precedes the offer document (Rule 24.1: the document within 28 days of it);
    one dated after Day 0 is a mistake in the deal, said rather than computed from silently."""
    deal = Deal([Leg("uk-code", date(2023, 10, 2))], observed=[Observed("uk-code.firm-announcement", "2023-11-01")])
    warnings = [w for w in compute(deal).warnings if w.code == "given-after-start"]
    assert len(warnings) == 1 and "2023-11-01" in warnings[0].message and "2023-10-02" in warnings[0].message


def test_the_rules_view_dates_the_werktage_and_the_arbeitstage(capsys: pytest.CaptureFixture[str]) -> None:
    """§§ 14(2) and 21(1) WpÜG counted Werktage until 2023 and count Arbeitstage since (Art. 8 ZuFinG; domain
    notes europe-uk-de-ch-nl.md sec. 2.1): ``rules de-wpug`` shows both counts with their dates, and the
    rules for an offer's date name the calendar of that edition."""
    code, out, _ = run(capsys, "rules", "de-wpug", "--width", "400")  # no cell wraps
    assert code == 0
    assert "1 working day (de-hessen-werktage) before End of the acceptance period" in out
    assert "1 business day (de-hessen) before End of the acceptance period" in out
    assert "before Mon, Jan 1, 2024: WpÜG § 21(1) as in force until 31 December 2023" in out
    for day, calendar in (("2020-05-18", "de-hessen-werktage"), ("2024-03-05", "de-hessen")):
        code, out, _ = run(capsys, "rules", "de-wpug", "--on", day, "--format", "json")
        rules = {r["key"]: r for r in json.loads(out)[0]["rules"]}
        assert rules["last-amendment"]["calendar"] == rules["bafin-review-end"]["calendar"] == calendar


def test_an_extension_by_german_law_moves_only_the_german_maximum() -> None:
    """§ 21(5) WpÜG extends the German acceptance period past its ten weeks; it does not lift another
    regime's maximum. A German and a French leg (hand-made, both from Mon 18 May 2020) ending Thu 2 Jul 2020
    at 18:00 Paris, amended Thu 25 Jun (within the last two weeks): the shared expiry moves two weeks, to
    Thu 16 Jul 2020, after the French offer's maximum (35 trading days, Fri 3 Jul 2020): a breach on the
    French leg, none on the German one."""
    from deadlines.model import Amendment, LocalTime

    deal = Deal(
        [Leg("fr-amf", date(2020, 5, 18)), Leg("de-wpug", date(2020, 5, 18))],
        expiry=LocalTime(date(2020, 7, 2), "18:00", "Europe/Paris"),
        amendments=[Amendment("price", date(2020, 6, 25), regime="de-wpug")],
    )
    schedule = compute(deal)
    assert schedule.event("de-wpug.expiry").day == date(2020, 7, 16)
    assert schedule.event("fr-amf.maximum-closing").day == date(2020, 7, 3)
    breaches = [w for w in schedule.warnings if w.code == "expiry-after-maximum"]
    assert [w.event for w in breaches] == ["fr-amf.closing"], [w.message for w in breaches]
