"""Notices (``--format notice``), the bilingual JSON (``--format json --lang en,fr``) and ``schedule --help``.

Expected sentences come from the seed's own documents (``shared/domain/tender-offer-rules.md`` §7): the US
Offer to Purchase of 16 July 2002 ("will expire at 12:00 noon, New York City time, on Thursday, September 12,
2002, unless extended"), the release of 31 October 2002 ("12:00 noon, New York City time (18:00, Paris
time)"; combined results "on or about November 8, 2002"); the 20th US business day from 16 July 2002 is
Monday 12 August 2002 (Labor Day falls later). The golden files in ``tests/golden/notice-*`` are reviewed
renders, rewritten with ``DEADLINES_UPDATE_GOLDEN=1 python -m pytest tests/test_notice.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from deadlines import compute, load_deal
from deadlines.cli import main
from deadlines.i18n import Localizer
from deadlines.render.export import FORMATS, export_schedule
from deadlines.render.notice import to_notice
from deadlines.rules import REGIMES
from deadlines.schedule import Schedule

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SEED = "examples/serono-genset-2002.toml"

EXPIRY_EN = (
    "The offer will expire at 12:00 noon, New York City time (18:00, Paris time), on Thursday, September 12, "
    "2002, unless extended."
)
SOP_EN = (
    "The subsequent offering period will expire at 12:00 noon, New York City time (18:00, Paris time), on "
    "Thursday, October 31, 2002, unless extended."
)
CLOSING_FR = (
    "L’offre sera clôturée le jeudi 12 septembre 2002 à 18h00 (heure de Paris), soit 12h00 (heure de New York), "
    "sauf prorogation."
)
# The same event as SOP_EN (the first leg's, the US subsequent offering period), Paris leading.
SOP_FR = (
    "La période d’offre subséquente sera clôturée le jeudi 31 octobre 2002 à 18h00 (heure de Paris), soit 12h00 "
    "(heure de New York), sauf prorogation."
)


@pytest.fixture
def schedule(seed_path: Path) -> Schedule:
    return compute(load_deal(seed_path))


def locs(spec: str) -> list[Localizer]:
    return [Localizer(lang) for lang in spec.split(",")]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().out


# -- notices -------------------------------------------------------------------------------------------

GOLDEN_CASES = {
    "notice-seed-en.txt": ["schedule", SEED, "--format", "notice", "--lang", "en"],
    "notice-seed-fr.txt": ["schedule", SEED, "--format", "notice", "--lang", "fr"],
    "notice-seed-en-fr.txt": ["schedule", SEED, "--format", "notice", "--lang", "en,fr"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_notice(name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out = run(GOLDEN_CASES[name], capsys)
    assert code in (0, 1)
    path = GOLDEN / name
    if os.environ.get("DEADLINES_UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_seed_notice_in_english_reads_as_the_seed(schedule: Schedule) -> None:
    lines = to_notice(schedule, locs("en")).splitlines()
    assert lines == [
        EXPIRY_EN,
        "The results of the offer will be announced no later than 9:00 a.m., New York City time (15:00, Paris "
        "time), on Monday, September 23, 2002.",
        # the AMF was created on 24 November 2003: in 2002 the CMF published the results
        "The CMF will publish the results of the offer on Monday, September 23, 2002.",
        SOP_EN,
        "The CMF will publish the final results of the reopened offer on or about Friday, November 8, 2002.",
    ]


def test_seed_notice_in_french_leads_with_paris(schedule: Schedule) -> None:
    lines = to_notice(schedule, locs("fr")).splitlines()
    assert lines == [
        CLOSING_FR,
        "Les résultats de l’offre seront annoncés au plus tard le lundi 23 septembre 2002 à 9h00 (heure de New "
        "York), soit 15h00 (heure de Paris).",
        "Le CMF publiera l’avis de résultat de l’offre le lundi 23 septembre 2002.",
        SOP_FR,
        "Le CMF publiera l’avis de résultat définitif de l’offre réouverte aux alentours du vendredi 8 novembre 2002.",
    ]
    # French typography: no 12-hour clock, no English word left
    text = "\n".join(lines)
    assert "noon" not in text and " on " not in text and "a.m." not in text


def test_both_languages_english_then_french(schedule: Schedule) -> None:
    english, french = to_notice(schedule, locs("en,fr")).split("\n\n")
    assert english.splitlines()[0] == EXPIRY_EN and SOP_EN in english.splitlines()
    assert french.splitlines()[0] == CLOSING_FR and SOP_FR in french.splitlines()
    english, french = to_notice(schedule, locs("fr,en")).split("\n\n")
    assert english.startswith("L’offre") and french.startswith("The offer")


def test_zones_only_shown_are_left_out(schedule: Schedule) -> None:
    assert "Europe/Zurich" in schedule.zones
    assert "Zurich" not in to_notice(schedule, locs("en,fr"))


def test_end_of_day_keeps_the_day_that_ends(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["schedule", "--regime", "us-14d", "--commence", "2002-07-16", "--format", "notice"], capsys)
    assert code == 0
    assert out.splitlines()[0] == (
        "The offer will expire at 12:00 midnight, New York City time, at the end of the day on Monday, August 12, "
        "2002, unless extended."
    )
    # the extension notice applies (no relief): 9:00 a.m. on the next business day
    assert out.splitlines()[1] == (
        "Any extension of the offer will be announced no later than 9:00 a.m., New York City time, on Tuesday, "
        "August 13, 2002, the next business day after the scheduled expiration date."
    )


def test_end_of_day_with_a_second_zone_names_its_own_day(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["schedule", "--regime", "us-14d", "--regime", "fr-amf", "--commence", "2002-07-16"]
    argv += ["--expire", "2002-09-12 24:00", "--format", "notice", "--lang", "en,fr"]
    _, out = run(argv, capsys)
    assert (
        "The offer will expire at 12:00 midnight, New York City time, at the end of the day on Thursday, September "
        "12, 2002 (06:00, Paris time, on Friday, September 13, 2002), unless extended."
    ) in out.splitlines()
    assert (
        "L’offre sera clôturée le vendredi 13 septembre 2002 à 6h00 (heure de Paris), soit 24h00 (heure de New "
        "York) le jeudi 12 septembre 2002, sauf prorogation."
    ) in out.splitlines()


def test_relief_from_the_extension_notice_drops_its_sentence(schedule: Schedule) -> None:
    assert schedule.event("us-14d.extension-notice").status == "relieved"
    assert "extension" not in to_notice(schedule, locs("en"))


def test_notice_is_a_format_of_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "notice" in FORMATS
    target = tmp_path / "notice.txt"
    code, out = run(["schedule", str(ROOT / SEED), "--format", "notice", "--output", str(target)], capsys)
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8").splitlines()[0] == EXPIRY_EN


def test_notice_follows_the_clock_option(schedule: Schedule) -> None:
    text = to_notice(schedule, [Localizer("en", clock="24")])
    assert text.splitlines()[0].startswith("The offer will expire at 12:00, New York City time (18:00, Paris time)")


# -- JSON in two languages -------------------------------------------------------------------------------


def _json(schedule: Schedule, spec: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(export_schedule(schedule, "json", locs(spec)))
    return data


def test_json_two_languages_adds_the_second_language(schedule: Schedule) -> None:
    english, both = _json(schedule, "en"), _json(schedule, "en,fr")
    assert both["langs"] == ["en", "fr"] and both["lang"] == "en" and "langs" not in english
    # additive: every field of the English JSON is there, unchanged
    for event, plain in zip(both["events"], english["events"], strict=True):
        assert {k: v for k, v in event.items() if k != "text"} == plain
        fr = event["text"]["fr"]
        assert set(fr) >= {"label", "rule", "trace"}
        assert fr["label"] == event["labels"]["fr"]
    for warning, plain in zip(both["warnings"], english["warnings"], strict=True):
        assert {k: v for k, v in warning.items() if k != "messages"} == plain
        assert set(warning["messages"]) == {"fr"}
    assert {k: v for k, v in both.items() if k != "langs"}.keys() == english.keys()


def test_json_second_language_words_are_french(schedule: Schedule) -> None:
    events = {e["id"]: e for e in _json(schedule, "en,fr")["events"]}
    closing = events["fr-amf.closing"]["text"]["fr"]
    assert closing["label"] == "Clôture de l’offre"
    relieved = events["us-14d.extension-notice"]["text"]["fr"]
    assert relieved["rule"].startswith("Règle 14e-1(d)") and relieved["note"].startswith("dérogation")
    assert relieved["count"] == "us-federal\u00a0: 1er jour ouvré = 2002-09-13"
    warnings = _json(schedule, "en,fr")["warnings"]
    historic = next(w for w in warnings if w["code"] == "historic-regime")
    assert historic["messages"]["fr"].startswith("fr-amf\u00a0: Les offres ouvertes avant le 24 novembre 2004")


def test_json_french_first_gives_english_as_the_second(schedule: Schedule) -> None:
    data = _json(schedule, "fr,en")
    assert data["lang"] == "fr" and data["langs"] == ["fr", "en"]
    closing = next(e for e in data["events"] if e["id"] == "fr-amf.closing")
    assert closing["label"] == "Clôture de l’offre" and closing["text"]["en"]["label"] == "Closing of the offer"


def test_json_breaches_in_the_second_language(capsys: pytest.CaptureFixture[str]) -> None:
    # An expiry before the minimum period: a breach, with its message in both languages.
    argv = ["schedule", "--regime", "us-14d", "--commence", "2026-05-04", "--expire", "2026-05-15 12:00"]
    code, out = run([*argv, "--format", "json", "--lang", "en,fr"], capsys)
    assert code == 1
    expiry = next(e for e in json.loads(out)["events"] if e["id"] == "us-14d.expiry")
    assert expiry["breaches"] and len(expiry["text"]["fr"]["breaches"]) == len(expiry["breaches"])
    assert expiry["text"]["fr"]["breaches"][0]["code"] == expiry["breaches"][0]["code"]
    assert expiry["text"]["fr"]["breaches"][0]["message"] != expiry["breaches"][0]["message"]


# -- schedule --help -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_schedule_help_names_the_regimes_and_two_examples(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["schedule", "--help", "--lang", lang])
    out = capsys.readouterr().out
    assert ", ".join(REGIMES) in " ".join(out.split())  # the list, wrapped into lines
    assert "  deadlines schedule examples/serono-genset-2002.toml\n" in out
    assert "  deadlines schedule --regime us-14d --regime fr-amf --commence 2026-05-04\n" in out
    assert ("examples:" in out) == (lang == "en") and ("exemples\u00a0:" in out) == (lang == "fr")
    epilog = out[out.index("deadlines regimes") :]
    assert all(len(line) <= 90 for line in epilog.splitlines())  # not wrapped: each line as written


def test_help_reads_no_rulebook() -> None:
    """The regimes are listed only when the schedule's help is shown: other commands' help stays light."""
    code = (
        "import sys\n"
        "from deadlines.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('RULES=' + str('deadlines.rules.schema' in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "RULES=False", result.stdout + result.stderr


def test_french_writes_the_first_of_the_month_1er(capsys: pytest.CaptureFixture[str]) -> None:
    # us-13e4 from Monday 4 May 2026: the 20th business day (Memorial Day, 25 May, skipped) is Monday 1 June.
    argv = ["schedule", "--regime", "us-13e4", "--commence", "2026-05-04", "--format", "notice", "--lang", "fr"]
    _, out = run(argv, capsys)
    assert (
        out.splitlines()[0]
        == "L’offre sera clôturée le lundi 1er juin 2026 à 24h00 (heure de New York), sauf prorogation."
    )


def test_both_languages_announce_the_same_events(schedule: Schedule) -> None:
    # one sentence an event in each language, in the same order: the same kinds of sentence line by line
    english, french = to_notice(schedule, locs("en,fr")).split("\n\n")
    pairs = [
        ("The offer will expire", "L’offre sera clôturée"),
        ("The results of the offer will be announced", "Les résultats de l’offre seront annoncés"),
        ("The CMF will publish the results", "Le CMF publiera l’avis de résultat de l’offre"),
        ("The subsequent offering period", "La période d’offre subséquente"),
        ("The CMF will publish the final results", "Le CMF publiera l’avis de résultat définitif"),
    ]
    lines = zip(english.splitlines(), french.splitlines(), pairs, strict=True)
    assert [(en[: len(a)], fr[: len(b)]) for en, fr, (a, b) in lines] == pairs
    assert len(english.splitlines()) == len(french.splitlines()) == len(pairs)
    assert "réouverte sera clôturée" not in french


def test_french_notice_before_the_amf_names_the_cmf(capsys: pytest.CaptureFixture[str]) -> None:
    # a French offer opened on Monday 2 June 2003, closing on Friday 4 July 2003: the AMF did not exist until
    # 24 November 2003, so the results are the CMF's
    argv = ["schedule", "--regime", "fr-amf", "--commence", "2003-06-02", "--expire", "2003-07-04"]
    _, out = run([*argv, "--format", "notice", "--lang", "fr,en"], capsys)
    assert "AMF" not in out
    assert "Le CMF publiera l’avis de résultat de l’offre" in out
    assert "The CMF will publish the results of the offer" in out


def test_extension_notice_in_french_reads_date_de_cloture(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["schedule", "--regime", "us-14d", "--commence", "2002-07-16", "--format", "notice", "--lang", "fr"]
    _, out = run(argv, capsys)
    assert out.splitlines()[1] == (
        "Toute prorogation de l’offre sera annoncée au plus tard le mardi 13 août 2002, jour ouvré suivant la date "
        "de clôture prévue, à 9h00 (heure de New York)."
    )
    assert "ou vers le" not in out and "d’expiration prévue" not in out


def test_end_of_day_gives_the_other_zone_after_the_day(capsys: pytest.CaptureFixture[str]) -> None:
    # 20 US business days from Thursday 7 May 2026 (Memorial Day, 25 May, skipped) end on Friday 5 June 2026
    argv = ["schedule", "--regime", "us-14d", "--regime", "fr-amf", "--commence", "2026-05-07"]
    _, out = run([*argv, "--expire", "2026-06-05 24:00", "--format", "notice"], capsys)
    assert out.splitlines()[0] == (
        "The offer will expire at 12:00 midnight, New York City time, at the end of the day on Friday, June 5, 2026 "
        "(06:00, Paris time, on Saturday, June 6, 2026), unless extended."
    )
    assert "The AMF will publish" in out


def test_uk_offer_notice_gives_the_code_times() -> None:
    """The domain notes' worked example (europe-uk-de-ch-nl.md sec. 1.3): Day 0 Mon 2 Oct 2023, first closing
    date Day 21 at 1.00 pm (practice, sec. 1.2), acceptance level by 8.00 am on the next business day
    (Rule 17.1), unconditional by midnight on Day 60, Fri 1 Dec 2023 (Rule 31.1); UK Code style times."""
    from datetime import date

    from deadlines import Deal, Leg

    uk = compute(Deal([Leg("uk-code", date(2023, 10, 2))]))
    assert to_notice(uk, [Localizer("en")]).splitlines() == [
        "The first closing date of the offer is 1.00 pm, London time, on Monday, October 23, 2023.",
        "The level of acceptances will be announced no later than 8.00 am, London time, on Tuesday, October 24, 2023.",
        "The offer must become or be declared unconditional by midnight, London time, on Friday, December 1, 2023 "
        "(Day 60), or it will lapse.",
    ]
    french = to_notice(uk, [Localizer("fr")])
    assert "le lundi 23 octobre 2023 à 13h00 (heure de Londres)" in french
    assert "le vendredi 1er décembre 2023 (Jour 60) à 24h00 (heure de Londres)" in french


def test_uk_offer_announced_before_july_2021_notice_gives_days_60_and_81() -> None:
    """A firm offer announced Fri 2 Jul 2021, offer document Fri 23 Jul 2021 (tests/cases/uk-code): the
    earlier timetable (domain notes sec. 1.4): unconditional as to acceptances by midnight on Day 60, Tue 21
    Sep 2021; the other conditions by Day 81, Tue 12 Oct 2021, when the first is met on Day 60."""
    from datetime import date

    from deadlines import Deal, Leg, Observed

    uk = compute(
        Deal([Leg("uk-code", date(2021, 7, 23))], observed=[Observed("uk-code.firm-announcement", "2021-07-02")])
    )
    lines = to_notice(uk, [Localizer("en")]).splitlines()
    assert lines[2:] == [
        "The offer must become or be declared unconditional as to acceptances by midnight, London time, on Tuesday, "
        "September 21, 2021 (Day 60), or it will lapse.",
        "If the offer becomes unconditional as to acceptances on Day 60, every other condition must be fulfilled by "
        "midnight, London time, on Tuesday, October 12, 2021 (Day 81), or the offer will lapse.",
    ]
    assert "le mardi 12 octobre 2021 (Jour 81) à 24h00 (heure de Londres)" in to_notice(uk, [Localizer("fr")])


def test_german_offer_notice_says_the_bidder_publishes_the_result() -> None:
    """Under the WpÜG the bidder publishes the result (§ 23(1) sentence 1 no. 2), not the French regulator:
    the notice of a German offer must not say "The AMF will publish" (it did, through the shared key "result")."""
    from datetime import date

    from deadlines import Deal, Leg

    qiagen = compute(Deal([Leg("de-wpug", date(2020, 5, 18))]))
    english = to_notice(qiagen, [Localizer("en")])
    assert "AMF" not in english and "CMF" not in english
    assert "The bidder will publish the results of the offer on or about" in english
    assert "AMF" not in to_notice(qiagen, [Localizer("fr")])
