"""Saving a deal file keeps the user's document: only the lines of what changed differ (dealedit).

The lines each edit must remove and add are written here from the seed file's text, as a lawyer reading
the file would expect them, never read from the code under test.
"""

from __future__ import annotations

import difflib
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines.deal import parse_deal
from deadlines.dealedit import edit_deal_text, new_deal_text, save_deal
from deadlines.errors import DeadlinesError
from deadlines.model import Amendment, Deal, Leg
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")
OLD = parse_deal(SEED_TEXT)
COMMENTS = [line for line in SEED_TEXT.splitlines() if line.startswith("#")]
KEPT_KEYS = ("notes = [", "source = ", "citation = ", 'note = "results, payment')
ROOT_WRITES_ALL = pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes any file whatever its permissions"
)


def changed_lines(before: str, after: str) -> tuple[set[str], set[str]]:
    """The lines removed from ``before`` and those added in ``after``."""
    removed, added = set(), set()
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.add(line[2:])
        elif line.startswith("+ "):
            added.add(line[2:])
    return removed, added


def edited(new: Deal, gone: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """The seed edited to read as ``new``: every comment still there but those in ``gone``."""
    text = edit_deal_text(SEED_TEXT, OLD, new)
    assert parse_deal(text) == new
    for comment in COMMENTS:
        assert (comment in text.splitlines()) is (comment not in gone)
    return text


def test_the_seed_has_its_comments_and_notes() -> None:
    assert len(COMMENTS) >= 14
    for key in KEPT_KEYS:
        assert key in SEED_TEXT


def test_no_change_is_the_same_text() -> None:
    assert edit_deal_text(SEED_TEXT, OLD, parse_deal(SEED_TEXT)) == SEED_TEXT


@pytest.mark.parametrize(
    ("change", "removed", "added"),
    [
        pytest.param(
            lambda d: d.replace(expiry=d.expiry.replace(day=date(2002, 9, 19))),
            {"date = 2002-09-12"},
            {"date = 2002-09-19"},
            id="expiry date",
        ),
        pytest.param(
            lambda d: d.replace(legs=[Leg("us-14d", date(2002, 7, 17)), d.legs[1]]),
            {"commence = 2002-07-16"},
            {"commence = 2002-07-17"},
            id="US commence date keeps its key",
        ),
        pytest.param(
            lambda d: d.replace(legs=[d.legs[0], Leg("fr-amf", date(2002, 7, 18))]),
            {"open = 2002-07-16"},
            {"open = 2002-07-18"},
            id="French open date keeps its key",
        ),
        pytest.param(
            lambda d: d.replace(amendments=[Amendment("price", date(2002, 8, 20), None)]),
            set(),
            {"[[amendment]]", 'kind = "price"', "date = 2002-08-20", ""},
            id="an amendment",
        ),
        pytest.param(
            lambda d: d.replace(subsequent=None),
            {
                "[subsequent]",
                "# The exact first day was not found in the filings; the period was announced on 23 September 2002.",
                "start = 2002-09-23",
                "date = 2002-10-31",
                'time = "12:00"',
                'zone = "America/New_York"',
                "",
            },
            set(),
            id="no subsequent period",
        ),
        pytest.param(
            lambda d: d.replace(show_zones=["Europe/Zurich", "Asia/Tokyo"]),
            {'show = ["Europe/Zurich"]'},
            {'show = ["Europe/Zurich", "Asia/Tokyo"]'},
            id="a show zone",
        ),
        pytest.param(
            lambda d: d.replace(
                subsequent=d.subsequent.replace(expiry=d.subsequent.expiry.replace(day=date(2002, 11, 7))),
            ),
            {"date = 2002-10-31"},
            {"date = 2002-11-07"},
            id="subsequent end",
        ),
        pytest.param(
            lambda d: d.replace(expiry=d.expiry.replace(wall="17:30")),
            {'time = "12:00"'},
            {'time = "17:30"'},
            id="expiry time",
        ),
        pytest.param(
            lambda d: d.replace(observed=[d.observed[0], d.observed[2]]),
            {
                "[[observed]]",
                'event = "us-14d.results-announcement"',
                "date = 2002-09-23",
                'time = "09:00"',
                'source = "joint Serono/Genset release of 23 September 2002, after the CMF result"',
                "",
            },
            set(),
            id="an observation less",
        ),
        pytest.param(
            lambda d: d.replace(options={"exemptive-order-2026"}, name="Serono / Genset"),
            {'name = "Serono / Genset (2002)"'},
            {'name = "Serono / Genset"', 'options = ["exemptive-order-2026"]'},
            id="name and an option",
        ),
    ],
)
def test_one_change_changes_its_lines_only(change, removed: set[str], added: set[str]) -> None:  # type: ignore[no-untyped-def]
    new = change(OLD.replace())
    text = edited(new, removed)
    assert changed_lines(SEED_TEXT, text) == (removed, added)
    for key in KEPT_KEYS:
        assert key in text


def test_a_new_amendment_comes_where_dump_deal_puts_it() -> None:
    text = edited(OLD.replace(amendments=[Amendment("price", date(2002, 8, 20), None)]))
    assert text.index("[subsequent]") < text.index("[[amendment]]") < text.index("[[observed]]")
    assert "\n\n[[amendment]]\n" in text and "date = 2002-08-20\n\n[[observed]]" in text


def test_an_inline_comment_and_the_at_key_stay() -> None:
    text = (
        "[[offer]]\nregime = 'us-14d'\nstart = 2026-05-04\n\n"
        "[expiry]\nat = '2026-06-01 17:00'  # as announced\nnote = 'press release'\n"
    )
    old = parse_deal(text)
    assert old.expiry is not None
    new = old.replace(expiry=old.expiry.replace(day=date(2026, 6, 2)))
    result = edit_deal_text(text, old, new)
    assert parse_deal(result) == new
    assert changed_lines(text, result) == (
        {"at = '2026-06-01 17:00'  # as announced"},
        {'at = "2026-06-02 17:00"  # as announced'},
    )


def test_a_zone_left_out_stays_out() -> None:
    text = "[[offer]]\nregime = 'us-14d'\nstart = 2026-05-04\n\n[expiry]\ndate = 2026-06-01\ntime = '17:00'\n"
    old = parse_deal(text)
    assert old.expiry is not None
    new = old.replace(expiry=old.expiry.replace(day=date(2026, 6, 2)))
    assert changed_lines(text, edit_deal_text(text, old, new)) == ({"date = 2026-06-01"}, {"date = 2026-06-02"})


def test_removing_a_table_keeps_the_comment_that_introduces_the_next() -> None:
    text = (
        "[[offer]]\nregime = 'us-14d'\nstart = 2026-05-04\n\n"
        "[[amendment]]\nkind = 'price'\ndate = 2026-05-10\n\n"
        "# from the 8-K\n[[observed]]\nevent = 'us-14d.expiry'\ndate = 2026-06-02\n"
    )
    old = parse_deal(text)
    new = old.replace(amendments=[])
    result = edit_deal_text(text, old, new)
    assert parse_deal(result) == new
    assert "# from the 8-K\n[[observed]]" in result


# -- random edits ----------------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2002, 7, 1), max_value=date(2002, 12, 31))
ZONES = st.sampled_from(["Europe/Zurich", "Europe/Paris", "Asia/Tokyo", "UTC", "America/Chicago"])


@st.composite
def edits(draw: st.DrawFn) -> Deal:
    """The seed with random legs' start days, expiry, amendments and show zones (valid values)."""
    deal = OLD.replace()
    start = draw(DAYS)
    legs = [Leg(leg.regime, start if draw(st.booleans()) else leg.start) for leg in OLD.legs]
    expiry = OLD.expiry
    assert expiry is not None
    if draw(st.booleans()):
        expiry = expiry.replace(day=draw(DAYS), wall=draw(st.sampled_from(["12:00", "17:30", "24:00"])))
    kinds = st.sampled_from(["price", "percentage", "fee", "material"])
    regimes = st.sampled_from([None, "us-14d", "fr-amf"])
    amendments = draw(st.lists(st.builds(Amendment, kinds, DAYS, regimes), max_size=3))
    show = draw(st.lists(ZONES, unique=True, max_size=3))
    subsequent = draw(st.sampled_from([OLD.subsequent, None]))
    return deal.replace(legs=legs, expiry=expiry, amendments=amendments, show_zones=show, subsequent=subsequent)


@settings(max_examples=60, deadline=None)
@given(edits(), edits())
def test_random_edits_read_back(first: Deal, second: Deal) -> None:
    try:
        parse_deal(new_deal_text(first))
        parse_deal(new_deal_text(second))
    except DeadlinesError:  # a combination the deal checks refuse (an amendment after the expiry...)
        return
    text = edit_deal_text(SEED_TEXT, OLD, first)
    assert parse_deal(text) == first
    again = edit_deal_text(text, first, second)
    assert parse_deal(again) == second
    for comment in COMMENTS:  # the one inside [subsequent] goes with it
        assert comment in again or (None in (first.subsequent, second.subsequent) and comment.startswith("# The exact"))


# -- save_deal -------------------------------------------------------------------------------------------

LATER = OLD.replace(expiry=OLD.expiry.replace(day=date(2002, 9, 19)))  # type: ignore[arg-type]


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_save_edits_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "deal.toml"
    path.write_text(SEED_TEXT, encoding="utf-8")
    path.chmod(0o640)
    assert save_deal(path, SEED_TEXT, OLD, LATER) == path.resolve()
    assert changed_lines(SEED_TEXT, path.read_text(encoding="utf-8")) == (
        {"date = 2002-09-12"},
        {"date = 2002-09-19"},
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_save_follows_a_link(tmp_path: Path) -> None:
    target = tmp_path / "deals" / "genset.toml"
    target.parent.mkdir()
    target.write_text(SEED_TEXT, encoding="utf-8")
    link = tmp_path / "deal.toml"
    link.symlink_to(target)
    save_deal(link, SEED_TEXT, OLD, LATER)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "date = 2002-09-19" in target.read_text(encoding="utf-8")
    assert leftovers(tmp_path) == [] and leftovers(target.parent) == []


@ROOT_WRITES_ALL
def test_save_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "deal.toml"
    path.write_text(SEED_TEXT, encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(DeadlinesError, match="read-only"):
        save_deal(path, SEED_TEXT, OLD, LATER)
    assert path.read_text(encoding="utf-8") == SEED_TEXT
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert leftovers(tmp_path) == []


def test_save_as_refuses_a_file_that_exists(tmp_path: Path) -> None:
    path = tmp_path / "deal.toml"
    path.write_text("mine\n", encoding="utf-8")
    with pytest.raises(DeadlinesError, match="exists"):
        save_deal(path, None, None, LATER, overwrite=False)
    assert path.read_text(encoding="utf-8") == "mine\n"
    assert leftovers(tmp_path) == []


def test_save_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    save_deal(path, None, None, LATER, overwrite=False)
    assert parse_deal(path.read_text(encoding="utf-8")) == LATER
    assert leftovers(tmp_path) == []


def test_save_refuses_what_would_not_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import deadlines.dealedit

    path = tmp_path / "deal.toml"
    path.write_text(SEED_TEXT, encoding="utf-8")
    monkeypatch.setattr(deadlines.dealedit, "edit_deal_text", lambda text, old, new: text)  # an editor gone wrong
    with pytest.raises(DeadlinesError, match="not saved: the file would not read back") as caught:
        save_deal(path, SEED_TEXT, OLD, LATER)
    assert path.read_text(encoding="utf-8") == SEED_TEXT
    assert leftovers(tmp_path) == []
    from deadlines.i18n import Localizer

    french = Localizer("fr").text(caught.value.msg)
    assert french == f"{path} non enregistré\u00a0: le fichier ne se relirait pas comme la même opération"
