"""Engine behaviour besides the dates: errors, warnings' words, saved deals, observations, event ids.

The dates worked by hand from the rule texts and the calendars ("this deal gives these dates", with their
sources) are data: tests/cases/*/*.toml, checked by tests/test_cases.py. Hand counts: US business days skip
federal holidays (Memorial Day 25 May 2026, Presidents' Day 16 Feb 2026); Paris trading days skip only the
Euronext closing days (so 8 May, Ascension 14 May and Whit Monday 25 May 2026 are trading days).
"""

from __future__ import annotations

from datetime import date

import pytest

from deadlines import Amendment, Deal, Leg, compute, local_time
from deadlines.errors import DeadlinesError, InputError
from deadlines.timeutil import WallTime


def test_five_pm_on_day_20_breaches_with_its_rule() -> None:
    deal = Deal([Leg("us-14d", date(2026, 5, 4))], expiry=local_time(date(2026, 6, 1), "17:00", "America/New_York"))
    schedule = compute(deal)
    [breach] = schedule.breaches
    assert breach.code == "expiry-before-minimum"
    assert "Rule 14e-1(a)" in breach.message and "business day 20" in breach.message


def test_unknown_regime_suggests_the_closest() -> None:
    with pytest.raises(DeadlinesError, match="did you mean 'us-14d'"):
        compute(Deal([Leg("us-14e", date(2026, 5, 4))]))


def test_bad_amendment_kind_is_refused() -> None:
    with pytest.raises(InputError):
        Amendment("discount", date(2026, 5, 4))


def test_a_saved_deal_reads_back_to_the_same_timetable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from deadlines.deal import dump_deal, load_deal, parse_deal

    seed = load_deal(Path(__file__).resolve().parent.parent / "examples" / "serono-genset-2002.toml")
    again = parse_deal(dump_deal(seed), "saved.toml")
    assert again == seed
    first, second = compute(seed).to_json(), compute(again).to_json()
    assert first == second


def test_a_saved_deal_keeps_offsets_amendments_and_options() -> None:
    from datetime import timedelta

    from deadlines.deal import dump_deal, parse_deal
    from deadlines.model import Amendment, LocalTime
    from deadlines.timeutil import WallTime

    deal = Deal(
        [Leg("us-14d", date(2026, 10, 1))],
        name='Quote " and \\ backslash',
        expiry=LocalTime(date(2026, 11, 1), WallTime(1, 30), "America/New_York", timedelta(hours=-5)),
        amendments=[Amendment("price", date(2026, 10, 20), "us-14d", "raised to $12")],
        options={"exemptive-order-2026"},
        show_zones=["Europe/Paris"],
    )
    assert parse_deal(dump_deal(deal), "saved.toml") == deal


def test_an_extension_must_move_the_expiry_later() -> None:
    deal = Deal(
        [Leg("us-14d", date(2026, 5, 4))],
        expiry=local_time(date(2026, 6, 1), "24:00", "America/New_York"),
        extended=[local_time(date(2026, 6, 15), "24:00", "America/New_York")],
    )
    with pytest.raises(InputError, match="extended expiries must come in order"):
        compute(deal)


def test_a_saved_deal_keeps_its_extensions() -> None:
    from deadlines.deal import dump_deal, parse_deal

    text = (
        '[[offer]]\nregime = "us-14d"\nstart = 2026-05-04\n\n[expiry]\ndate = 2026-06-15\ntime = "12:00"\n\n'
        "[[extended]]\ndate = 2026-06-01\n"
    )
    deal = parse_deal(text, "deal.toml")
    # The extended expiry takes the time and zone of [expiry] unless it gives its own.
    assert deal.extended == [local_time(date(2026, 6, 1), "12:00", "America/New_York")]
    assert parse_deal(dump_deal(deal), "saved.toml") == deal
    with pytest.raises(DeadlinesError, match=r"\[\[extended\]\] needs the \[expiry\]"):
        parse_deal(text.replace("[expiry]\ndate = 2026-06-15\n", "[expiry]\n"), "deal.toml")


def test_a_zone_without_daylight_saving_is_never_out_of_step() -> None:
    # Japan keeps JST (UTC+9) all year: New York summer time is the usual summer gap (13 h), not a
    # mismatch; the New York / Paris mismatch week (8-28 March 2026) still is.
    from deadlines.timeutil import WallTime as W
    from deadlines.timeutil import resolve, unusual_gap

    june = resolve(date(2026, 6, 15), W(12, 0), "America/New_York")
    assert unusual_gap(june, "America/New_York", "Asia/Tokyo") is None
    deal = Deal(
        [Leg("us-14d", date(2026, 6, 1))],
        show_zones=["Asia/Tokyo"],
    )
    assert not [w for w in compute(deal).warnings if w.code == "dst-mismatch"]
    march = resolve(date(2026, 3, 20), W(12, 0), "America/New_York")
    assert unusual_gap(march, "America/New_York", "Europe/Paris") == 5
    assert unusual_gap(march, "America/New_York", "Asia/Tokyo") is None


def test_the_deal_file_in_the_readme_reads_and_computes() -> None:
    import re
    from pathlib import Path

    from deadlines.deal import parse_deal

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```toml\n(.*?)```", readme, flags=re.S)
    deal = parse_deal(block, "README.md")
    schedule = compute(deal)
    # Scheduled for 5 Jun (Fri) and extended: the Rule 14e-1(d) notice of that extension is due Mon 8 Jun.
    assert schedule.event("us-14d.expiry-extended-1").day == date(2026, 6, 5)
    assert schedule.event("us-14d.extension-notice-1").day == date(2026, 6, 8)
    assert schedule.event("us-14d.expiry").day == date(2026, 6, 19)


def test_an_extension_notice_can_be_observed() -> None:
    # Announced on Tue 2 Jun 2026 at 08:30 New York, before the 14e-1(d) deadline (09:00 that day).
    from deadlines.model import Observed
    from deadlines.timeutil import WallTime

    deal = Deal(
        [Leg("us-14d", date(2026, 5, 4))],
        expiry=local_time(date(2026, 6, 15), "24:00", "America/New_York"),
        extended=[local_time(date(2026, 6, 1), "24:00", "America/New_York")],
        observed=[Observed("us-14d.extension-notice-1", date(2026, 6, 2), WallTime(8, 30), source="press release")],
    )
    schedule = compute(deal)
    assert schedule.event("us-14d.extension-notice-1").observed and not schedule.breaches
    late = replace_observed(deal, WallTime(9, 30))
    assert [w.code for w in compute(late).breaches] == ["observed-after-deadline"]


def replace_observed(deal: Deal, wall: WallTime | None) -> Deal:

    return deal.replace(observed=[deal.observed[0].replace(wall=wall)])


def test_an_observation_the_options_would_drop_is_refused() -> None:
    # With the exemptive order of 16 April 2026 the Schedule 14D-9 deadline is its own rule (5:30 p.m. on the
    # first business day); an observation of the Rule 14e-2 deadline it replaces would vanish silently.
    from deadlines.model import Observed

    legs = [Leg("us-14d", date(2026, 5, 4))]
    replaced = Observed("us-14d.target-position", date(2026, 5, 5))
    with pytest.raises(InputError, match=r"replaced by us-14d\.target-position-exemptive-2026 under option"):
        compute(Deal(legs, options={"exemptive-order-2026"}, observed=[replaced]))
    # Without the option, the option's own rule is not an event of the deal either.
    optional = Observed("us-14d.target-position-exemptive-2026", date(2026, 5, 5))
    with pytest.raises(InputError, match="applies only with option exemptive-order-2026"):
        compute(Deal(legs, observed=[optional]))
    # With it, the observation is kept: 5 May 2026 is the first business day after commencement.
    schedule = compute(Deal(legs, options={"exemptive-order-2026"}, observed=[optional]))
    event = schedule.event("us-14d.target-position-exemptive-2026")
    assert event.observed and event.day == date(2026, 5, 5) and event.computed_day == date(2026, 5, 5)


def test_an_observation_before_the_option_applies_says_when_it_does() -> None:
    from deadlines.model import Observed

    legs = [Leg("us-14d", date(2026, 4, 1))]  # before the exemptive order of 16 April 2026
    observed = [Observed("us-14d.target-position-exemptive-2026", date(2026, 4, 2))]
    with pytest.raises(InputError, match="starting on or after 2026-04-16"):
        compute(Deal(legs, options={"exemptive-order-2026"}, observed=observed))


def test_an_observation_of_a_subsequent_period_the_deal_does_not_have_is_reported() -> None:
    from deadlines.model import Observed

    observed = [Observed("us-14d.sop-expiry", date(2026, 6, 15))]
    schedule = compute(Deal([Leg("us-14d", date(2026, 5, 4))], observed=observed))
    assert [(w.code, w.event) for w in schedule.warnings] == [("observed-ignored", "us-14d.sop-expiry")]


def test_numbered_event_keys_come_from_one_place() -> None:
    from deadlines.ids import extended_key, numbered_key

    assert extended_key("expiry", 2) == "expiry-extended-2"
    assert numbered_key("price-change", 1) == "price-change-1"
    deal = Deal(
        [Leg("us-14d", date(2026, 5, 4))],
        amendments=[Amendment("price", date(2026, 5, 27))],
        expiry=local_time(date(2026, 6, 12), "17:00", "America/New_York"),
        extended=[local_time(date(2026, 6, 10), "17:00", "America/New_York")],
    )
    ids = {e.id for e in compute(deal).events}
    assert {"us-14d.price-change-1", "us-14d.expiry-extended-1", "us-14d.extension-notice-1"} <= ids


def test_no_subsequent_offering_period_before_rule_14d_11() -> None:
    """Rule 14d-11 was adopted by Release 33-7760 (64 FR 61408, 10 November 1999), effective 24 January 2000
    (the release's "EFFECTIVE DATE"): an offer commencing on 3 March 1997 had no subsequent offering period."""
    from deadlines.model import Subsequent

    with pytest.raises(InputError, match="does not apply to an offer starting on 1997-03-03") as refused:
        compute(Deal([Leg("us-14d", date(1997, 3, 3))], subsequent=Subsequent()))
    assert "effective 24 January 2000" in str(refused.value)
    # One business day before the rule took effect (Friday 21 January 2000), and on the day (Monday 24th).
    with pytest.raises(InputError, match="2000-01-21"):
        compute(Deal([Leg("us-14d", date(2000, 1, 21))], subsequent=Subsequent()))
    schedule = compute(Deal([Leg("us-14d", date(2000, 1, 24))], subsequent=Subsequent()))
    assert schedule.event("us-14d.sop-expiry").in_force
    # Without [subsequent], the 1997 offer computes as before.
    assert compute(Deal([Leg("us-14d", date(1997, 3, 3))])).event("us-14d.expiry").in_force


def test_no_subsequent_period_for_the_us_leg_of_an_early_cross_border_offer() -> None:
    """A 1999 offer in New York and Paris with a reopening in France: the US leg has no subsequent offering
    period (Rule 14d-11 in force from 24 January 2000); it is ignored there, with a warning, never computed."""
    from deadlines.model import Subsequent

    deal = Deal(
        [Leg("us-14d", date(1999, 11, 1)), Leg("fr-amf", date(1999, 11, 1))],
        expiry=local_time(date(1999, 12, 10), "17:30", "Europe/Paris"),
        subsequent=Subsequent(expiry=local_time(date(2000, 1, 31), "17:30", "Europe/Paris")),
    )
    schedule = compute(deal)
    ids = {e.id for e in schedule.events}
    assert "fr-amf.reopening-closing" in ids
    assert not any(i.startswith(("us-14d.sop-", "us-14d.results-announcement")) for i in ids)
    [warning] = [w for w in schedule.warnings if w.code == "subsequent-not-in-force"]
    assert "us-14d" in warning.message and "24 January 2000" in warning.message


def test_earliest_expiry_still_refuses_a_repeated_hour_on_an_open_day() -> None:
    """Israel's clocks go forward on Friday 27 March 2026 at 02:00: 02:30 Jerusalem does not exist that day,
    which is Thursday evening in New York, an open day that could be the expiry: refused, not guessed. From
    Thursday 26 February 2026, business day 20 is Wednesday 25 March (no federal holiday between), so the
    search reaches Friday 27 March (Thursday 26 March 02:30 Jerusalem is before the end of the 25th in New
    York)."""
    from deadlines.errors import NonexistentTimeError
    from deadlines.model import ExpiryTime
    from deadlines.timeutil import WallTime

    deal = Deal([Leg("us-14d", date(2026, 2, 26))], expiry_time=ExpiryTime(WallTime(2, 30), "Asia/Jerusalem"))
    with pytest.raises(NonexistentTimeError, match="2026-03-27"):
        compute(deal)


def test_scan_passes_over_a_repeated_hour_on_a_sunday(capsys: pytest.CaptureFixture[str]) -> None:
    from deadlines.cli import main

    argv = ["scan", "--regime", "us-14d", "--from", "2026-09-20", "--to", "2026-10-10", "--time", "01:30"]
    assert main([*argv, "--format", "csv"]) == 0
    rows = {line.split(",")[0]: line.split(",")[1] for line in capsys.readouterr().out.splitlines()[1:]}
    # as schedule gives: tests/cases/us-14d/earliest-expiry-passes-over-a-repeated-hour-on-a-sunday.toml
    assert rows["2026-10-02"] == "2026-11-02T06:30Z"


def test_an_observation_of_a_subsequent_period_not_yet_in_force_is_reported() -> None:
    from deadlines.model import Observed, Subsequent

    deal = Deal(
        [Leg("us-14d", date(1999, 11, 1)), Leg("fr-amf", date(1999, 11, 1))],
        expiry=local_time(date(1999, 12, 10), "17:30", "Europe/Paris"),
        subsequent=Subsequent(expiry=local_time(date(2000, 1, 31), "17:30", "Europe/Paris")),
        observed=[Observed("us-14d.sop-start", date(1999, 12, 13))],
    )
    warnings = compute(deal).warnings
    assert [(w.code, w.event) for w in warnings if w.code == "observed-ignored"] == [
        ("observed-ignored", "us-14d.sop-start")
    ]


def test_uk_offer_document_is_day_0_whatever_the_weekday() -> None:
    """The UK Code counts "the Nth day following the publication of the initial offer document": the
    publication day is Day 0 (domain notes europe-uk-de-ch-nl.md sec. 1.2), not a business day 1, and a
    publication on a Sunday is no reason to move it."""
    schedule = compute(Deal([Leg("uk-code", date(2023, 10, 1))]))  # Sun 1 Oct 2023
    start = schedule.event("uk-code.offer-document")
    assert str(start.trace) == "Day 0 = 2023-10-01 (given)"
    assert not [w for w in schedule.warnings if w.code == "start-not-business-day"]
    assert schedule.event("uk-code.minimum-first-closing").day == date(2023, 10, 22)  # Day 21, a Sunday


def test_weeks_are_counted_as_the_civil_code_counts_them() -> None:
    """§§ 187(1), 188(2) BGB: the day of the event is not counted, and a period of weeks ends on the day of the
    last week with the same weekday name. QIAGEN's offer document, published Mon 18 May 2020, gave a
    ten-week acceptance period ending Mon 27 Jul 2020 (domain notes europe-uk-de-ch-nl.md sec. 2.3), and the
    two-week extension of § 21(5) WpUG ran to Mon 10 Aug 2020 (same section, from the amended offer).
    With the start of a day as the beginning (§ 187(2)), the period ends the day before (§ 188(2))."""
    from deadlines.calendars import get_calendar
    from deadlines.engine.counting import count_day
    from deadlines.rules import Rule

    cal = get_calendar("XPAR")  # not read for weeks: any calendar
    weeks = Rule(key="w", kind="deadline", label="", citation="", evidence="V", unit="weeks", day1="next")
    assert count_day(weeks, cal, date(2020, 5, 18), 10) == date(2020, 7, 27)
    assert count_day(weeks, cal, date(2020, 7, 27), 2) == date(2020, 8, 10)
    assert count_day(weeks._replace(day1="anchor"), cal, date(2020, 5, 18), 1) == date(2020, 5, 24)
