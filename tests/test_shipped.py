"""The compiled form of the shipped calendars and rulebooks (:mod:`deadlines.shipped`): it is what
``python -m deadlines.shipped_build`` writes from the files as they are now, it gives the same calendars and
rulebooks as reading the files, and a file that changed is read as it is, never from a stale compiled form.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import deadlines.calendars as calendars
import deadlines.rules as rules
from deadlines import shipped
from deadlines.calendars import calendar_ids, get_calendar
from deadlines.calendars.base import RuleCalendar
from deadlines.calendars.loader import load_calendar_data
from deadlines.rules import REGIMES, get_rulebook
from deadlines.rules.schema import load_rulebook
from deadlines.shipped_build import DATA_MODULE, render

PACKAGE = Path(shipped.__file__).resolve().parent


def test_the_compiled_module_is_current() -> None:
    assert DATA_MODULE.read_text(encoding="utf-8") == render(), (
        "deadlines/shipped_data.py is out of date: run python -m deadlines.shipped_build"
    )


def _facts(cal: RuleCalendar) -> dict[str, object]:
    """Everything a calendar answers from, and its open days over the whole span."""
    return {
        "id": cal.id,
        "name": cal.name,
        "zone": cal.zone,
        "span": (cal.first, cal.last),
        "hours": (cal.open, cal.close, cal.source, cal.session_hours, cal.secondary),
        "closures": list(cal.closures.items()),
        "early_closes": list(cal.early_closes.items()),
        "notices": list(cal.notices.items()),
        "days": cal.business_days(cal.first, cal.last),
        "labels": [(day, cal.closed_labels(day)) for day in cal.closures],
        "unit": cal.unit,
        "weekend": cal.weekend,
    }


@pytest.mark.parametrize("cal_id", calendar_ids())
def test_a_compiled_calendar_is_the_one_its_file_gives(cal_id: str) -> None:
    compiled = shipped.calendar(cal_id)
    assert compiled is not None, "the shipped file should match its compiled form"
    read = load_calendar_data(cal_id).build()
    assert type(compiled) is type(read)
    assert _facts(compiled) == _facts(read)
    assert compiled._days == read._days
    assert shipped.calendar_aliases(cal_id) == load_calendar_data(cal_id).aliases


@pytest.mark.parametrize("regime", REGIMES)
def test_a_compiled_rulebook_is_the_one_its_file_gives(regime: str) -> None:
    compiled = shipped.rulebook(regime, calendar_ids())
    assert compiled is not None, "the shipped file should match its compiled form"
    read = load_rulebook(PACKAGE / "rules" / f"{regime}.toml", f"{regime}.toml")
    assert compiled == read
    assert list(compiled.rules) == list(read.rules)
    for key, rule in read.rules.items():
        assert [list(v.items()) for v in compiled.rules[key].versions] == [list(v.items()) for v in rule.versions]
    for day in (date(2002, 7, 16), date(2008, 12, 8), date(2026, 5, 4)):
        options = {r.option.name for r in read.rules.values() if r.option is not None}
        assert compiled.in_force(day, options) == read.in_force(day, options)


def test_the_registry_uses_the_compiled_form(monkeypatch: pytest.MonkeyPatch) -> None:
    """While the files are unchanged, neither TOML nor the loaders are read (what makes start-up fast)."""
    used = []
    monkeypatch.setattr(shipped, "unchanged", lambda files, texts: used.append(files) or True)
    calendars._build.cache_clear()
    rules.get_rulebook.cache_clear()
    try:
        assert isinstance(get_calendar("XPAR"), RuleCalendar) and get_rulebook("fr-amf").calendar == "XPAR"
    finally:
        calendars._build.cache_clear()
        rules.get_rulebook.cache_clear()
    assert used == [("calendars/data/XPAR.toml",), ("rules/fr-amf.toml",)]


@pytest.fixture
def edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped files that the registry reads instead of the package's, for a test to edit."""
    shutil.copytree(PACKAGE / "calendars" / "data", tmp_path / "calendars" / "data")
    shutil.copytree(PACKAGE / "rules", tmp_path / "rules", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    from deadlines.calendars import loader

    monkeypatch.setattr(shipped, "HERE", str(tmp_path))
    monkeypatch.setattr(calendars, "DATA", tmp_path / "calendars" / "data")
    monkeypatch.setattr(loader, "DATA", tmp_path / "calendars" / "data")
    monkeypatch.setattr(rules, "_HERE", tmp_path / "rules")
    caches = (calendars._build, calendars.aliases, calendars.calendar_files, loader.load_calendar_data)
    for cached in (*caches, rules.get_rulebook):
        cached.cache_clear()
    yield tmp_path
    for cached in (*caches, rules.get_rulebook):
        cached.cache_clear()


def test_an_unchanged_copy_is_read_compiled(edited: Path) -> None:
    assert shipped.calendar("XNAS") is not None
    assert shipped.rulebook("us-14d", calendar_ids()) is not None


def test_an_edited_calendar_is_read_as_it_is_now(edited: Path) -> None:
    path = edited / "calendars" / "data" / "XPAR.toml"
    path.write_text(
        path.read_text(encoding="utf-8") + '\n[[adhoc]]\nname = "Good Friday"\nsource = "s"\ndates = [2026-04-08]\n',
        encoding="utf-8",
    )
    assert shipped.calendar("XPAR") is None
    assert not get_calendar("XPAR").is_business_day(date(2026, 4, 8))
    assert get_calendar("XNYS").is_business_day(date(2026, 4, 8))  # the other files are still compiled


def test_a_calendar_the_same_as_an_edited_one_is_read_as_it_is_now(edited: Path) -> None:
    path = edited / "calendars" / "data" / "XNYS.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('aliases = ["nyse"]', 'aliases = ["big-board"]'), encoding="utf-8"
    )
    assert shipped.calendar("XNAS") is None and shipped.calendar_aliases("XNYS") is None
    assert shipped.calendar_aliases("XNAS") is None  # same_as: its facts are XNYS's file
    assert calendars.resolve_id("big-board") == "XNYS"


def test_an_edited_rulebook_is_read_as_it_is_now(edited: Path) -> None:
    path = edited / "rules" / "us-14d.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("n = 10\n", "n = 11\n", 1), encoding="utf-8")
    assert shipped.rulebook("us-14d", calendar_ids()) is None
    assert get_rulebook("us-14d").rules["target-position"].n == 11


def test_an_edited_rulebook_with_an_error_fails_as_it_does_without_the_compiled_form(edited: Path) -> None:
    from deadlines.errors import DealFileError

    path = edited / "rules" / "us-14d.toml"
    text = path.read_text(encoding="utf-8").replace('\nday1 = "anchor"', '\nday1 = "anchr"', 1)
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index('day1 = "anchr"') + 1  # the line of the key, wherever the file puts it
    with pytest.raises(DealFileError, match=rf"^us-14d\.toml, line {line}: rule 'target-position': 'day1' must be"):
        get_rulebook("us-14d")


def test_a_rulebook_naming_a_calendar_that_is_gone_is_read_as_it_is_now(edited: Path) -> None:
    from deadlines.errors import DealFileError

    (edited / "calendars" / "data" / "XPAR.toml").unlink()
    assert shipped.rulebook("fr-amf", calendar_ids()) is None
    with pytest.raises(DealFileError, match="'calendar' must be a calendar id"):
        get_rulebook("fr-amf")


def test_a_file_that_is_not_a_regular_file_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shipped, "HERE", str(tmp_path))
    (tmp_path / "x.toml").mkdir()
    assert not shipped.unchanged(("x.toml",), {"x.toml": b""})
    assert not shipped.unchanged(("y.toml",), {"y.toml": b""})  # no such file
