"""The order of ``--regime`` never changes a timetable: the zones come in one order (the deal's usual
expiry zone first), each row's date is its event's own day, and a zone on another day says which."""

from __future__ import annotations

import re

import pytest

from deadlines.cli import main

REGIMES = ("us-14d", "fr-amf")
EXPIRIES = ((), ("--expire", "2026-06-05 24:00"))
VIEWS = (
    (),
    ("--detail",),
    ("--all",),
    ("--format", "html"),
    ("--format", "md"),
    ("--format", "csv"),
    ("--format", "json"),
    ("--format", "ics"),
)


def schedule(capsys: pytest.CaptureFixture[str], regimes: tuple[str, ...], *argv: str) -> str:
    args = ["schedule", *(a for r in regimes for a in ("--regime", r)), "--commence", "2026-05-04", *argv]
    assert main(args) in (0, 1)
    return capsys.readouterr().out


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("expire", EXPIRIES, ids=["default", "24:00"])
@pytest.mark.parametrize("view", VIEWS, ids=lambda v: " ".join(v) or "table")
def test_regime_order_changes_nothing(
    capsys: pytest.CaptureFixture[str], lang: str, expire: tuple[str, ...], view: tuple[str, ...]
) -> None:
    argv = ("--lang", lang, "--today", "2026-05-01", *expire, *view)
    us_first = schedule(capsys, REGIMES, *argv)
    fr_first = schedule(capsys, REGIMES[::-1], *argv)
    # JSON and CSV name the regimes in the order given (the deal's own words); everything else is the same.
    if view and view[-1] in ("json", "csv"):
        us_first = us_first.replace('"us-14d",\n    "fr-amf"', '"fr-amf",\n    "us-14d"')
    assert us_first == fr_first


def test_zones_in_one_order(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    for regimes in (REGIMES, REGIMES[::-1]):
        data = json.loads(schedule(capsys, regimes, "--format", "json"))
        assert data["zones"] == ["America/New_York", "Europe/Paris"]


def test_midnight_expiry_names_each_zone_day(capsys: pytest.CaptureFixture[str]) -> None:
    """The end of Friday 5 June in New York is Saturday 06:00 in Paris: the key dates say both days."""
    for regimes in (REGIMES, REGIMES[::-1]):
        out = schedule(capsys, regimes, "--expire", "2026-06-05 24:00", "--today", "2026-05-01")
        key = next(line for line in out.splitlines() if "New York =" in line)
        assert re.match(r"Fri, Jun 5, 2026\s+12:00 midnight New York = Sat 06:00 Paris\s", key), key
        # the one-line table: the date is the event's own day (New York), Paris says it is Saturday
        expiry = next(line for line in out.splitlines() if "Expiry of the offer" in line and "14e-1(a)" in line)
        assert re.match(r"Fri Jun 5\s+12:00 midnight\s+Sat 06:00\s", expiry), expiry
        target = next(line for line in out.splitlines() if "14D-9" in line)
        assert target.startswith("Fri May 15"), target


def test_french_labels_of_two_offers_differ(capsys: pytest.CaptureFixture[str]) -> None:
    """Each label French shares between the US and the French offer names its offer: the one-line table
    and the HTML (the full table and Markdown give the whole labels)."""
    shared = ("Ouverture de l’offre", "Clôture au plus tôt", "Clôture de l’offre")
    for view in ((), ("--format", "html")):
        out = schedule(capsys, REGIMES, "--lang", "fr", "--today", "2026-05-01", *view)
        for label in shared:
            assert f"{label} (offre américaine)" in out
            assert f"{label} (offre française)" in out
    out = schedule(capsys, REGIMES, "--lang", "fr", "--today", "2026-05-01", "--width", "160")
    table = out.split("Règle", 1)[1]
    for label in shared:  # the one-line table never has the bare label
        assert not re.search(f"{label}\\s{{2,}}", table), label
