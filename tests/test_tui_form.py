"""The app's form as text: a deal survives the trip to the fields and back, and every mistake names its
field. Plain Python, no terminal (the widgets are tested in test_tui.py).

Dates come from the rules: Rule 14e-1(d) (an extension is announced by 9:00 a.m. Eastern time on the next
business day after the scheduled expiration date) and the clock changes of 2026 (New York falls back on
1 November: 01:30 happens twice).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from deadlines.deal import load_deal, parse_deal
from deadlines.engine import compute, first_expiry, local_time
from deadlines.i18n import Localizer
from deadlines.tui.form import FieldError, deal_from_form, form_from_deal

SEED = Path(__file__).resolve().parent.parent / "examples" / "serono-genset-2002.toml"
EN, FR = Localizer("en"), Localizer("fr")
US = '[[offer]]\nregime = "us-14d"\nstart = 2026-05-04\n'
DEALS = {
    "seed": SEED.read_text(encoding="utf-8"),
    "extensions at 24:00, 12:00, then 24:00": US
    + '[expiry]\ndate = 2026-07-06\ntime = "24:00"\n\n'
    + '[[extended]]\ndate = 2026-06-05\ntime = "24:00"\n\n[[extended]]\ndate = 2026-06-19\ntime = "12:00"\n',
    "an extension scheduled in another zone": US
    + '[expiry]\ndate = 2026-06-19\ntime = "12:00"\n\n'
    + '[[extended]]\ndate = 2026-06-05\ntime = "12:00"\nzone = "Europe/Paris"\n',
    "a fall-back expiry with its offset": '[[offer]]\nregime = "us-14d"\nstart = 2026-09-21\n'
    + '[expiry]\nat = "2026-11-01 01:30-05:00"\n\n[[extended]]\ndate = 2026-10-30\ntime = "24:00"\n',
    "an amendment with its regime and note": US
    + '[[amendment]]\nkind = "price"\ndate = 2026-05-22\nregime = "us-14d"\nnote = "raised to $12"\n',
    "a time-only expiry in Paris": US + '[expiry]\ntime = "17:30"\nzone = "Europe/Paris"\n',
    "a subsequent period left to the engine": US + "[subsequent]\n",
}


@pytest.mark.parametrize("name", DEALS)
@pytest.mark.parametrize("loc", [EN, FR], ids=["en", "fr"])
def test_a_deal_survives_the_form(name: str, loc: Localizer) -> None:
    deal = parse_deal(DEALS[name], f"{name}.toml")
    form = form_from_deal(deal, loc)
    assert deal_from_form(form, deal, [loc], first_expiry) == deal
    compute(deal_from_form(form, deal, [loc], first_expiry))


def test_an_extension_keeps_the_time_and_zone_chosen_for_the_expiry() -> None:
    # Expiry "12:00 Paris" on the earliest day, then extended to 10 April: still 12:00 Paris.
    deal = parse_deal(US.replace("2026-05-04", "2026-02-09"), "d.toml")
    form = replace(form_from_deal(deal, EN), expiry="12:00 Europe/Paris", amendments="extension 2026-04-10")
    extended = deal_from_form(form, deal, [EN], first_expiry)
    assert extended.expiry == local_time(date(2026, 4, 10), "12:00", "Europe/Paris")
    assert [e.zone for e in extended.extended] == ["Europe/Paris"]
    assert str(extended.extended[0].wall) == "12:00"


def test_notes_the_form_does_not_show_come_from_the_deal_as_opened() -> None:
    deal = parse_deal(DEALS["an amendment with its regime and note"], "d.toml")
    form = form_from_deal(deal, EN)
    halfway = deal_from_form(replace(form, amendments="price 2026-05-22"), deal, [EN], first_expiry)
    assert halfway.amendments[0].note == ""  # a different amendment (no regime): no note
    again = deal_from_form(form, deal, [EN], first_expiry)  # retyped: the note is back, from the deal as opened
    assert again.amendments[0].note == "raised to $12"


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("amendments", "price 2026-09-25, extension 2026-05-20", "must come after the one it extends"),
        ("expiry", "2026-11-01 01:30", "happens twice"),
        ("expiry", "9999-12-31", "out of the range of dates"),
        ("starts", "2026-05-04, 2026-05-05", "one per regime in the same order (us-14d)"),
        ("zones", "Europe", "unknown time zone 'Europe'"),
        ("amendments", "extension 2026-06-19 12:00 Paris", "unknown time zone 'Paris'"),
        ("regimes", "us-14d, us-14d", "given twice"),
    ],
)
def test_each_mistake_names_its_field(field: str, text: str, message: str) -> None:
    deal = parse_deal(US.replace("2026-05-04", "2026-09-21"), "d.toml")
    form = replace(form_from_deal(deal, EN), **{field: text})
    with pytest.raises(FieldError) as caught:
        deal_from_form(form, deal, [EN], first_expiry)
    assert caught.value.field == field
    assert message in EN.text(caught.value.error.msg)


def test_french_keywords_in_the_french_message() -> None:
    deal = parse_deal(US, "d.toml")
    with pytest.raises(FieldError) as caught:
        deal_from_form(replace(form_from_deal(deal, FR), amendments="foo 2026-05-22"), deal, [FR], first_expiry)
    assert "prix, pourcentage, commission, importante, prorogation" in FR.text(caught.value.error.msg)


def test_the_seed_opens_with_its_zone_written() -> None:
    # A typed time without a zone is read in the first regime's zone; a deal opened in the form shows
    # its zone, so reordering the regimes never moves it.
    assert form_from_deal(load_deal(SEED), EN).expiry == "2002-09-12 12:00 America/New_York"
