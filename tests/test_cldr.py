"""The CLDR snapshot for ``en`` and ``fr`` (:mod:`deadlines.i18n.cldr`): it is what
``python -m deadlines.i18n.cldr_build`` writes with the installed Babel, it formats exactly as Babel does
(dates in every style and pattern the presentation uses, zones, lists), and a table in English, French or
both imports no Babel.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import babel
import pytest
from babel import Locale
from babel.dates import format_date, format_skeleton, get_day_names, get_timezone_location
from babel.lists import format_list
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines.i18n import cldr
from deadlines.i18n.cldr_build import DATA_MODULE, SKELETONS, render, shipped_zones
from deadlines.i18n.cldr_data import BABEL, CITIES
from deadlines.i18n.cldr_data import PATTERNS as SNAPSHOT_PATTERNS

ROOT = Path(__file__).resolve().parent.parent
PLAIN = ("en", "fr", "en_US", "fr_FR")  # the last two: the same CLDR data, served by the snapshot

# Every day of 2000-2040 a few days apart (each weekday and month many times over), and edge days: the
# years of one to five digits, leap days, the ends of months and years.
DAYS = [date(2000, 1, 1) + timedelta(days=n) for n in range(0, 41 * 366, 5)] + [
    date(1, 1, 1),
    date(9, 12, 31),
    date(99, 6, 15),
    date(999, 2, 28),
    date(1000, 1, 1),
    date(2000, 2, 29),
    date(2024, 2, 29),
    date(2002, 9, 12),
    date(2002, 10, 31),
    date(2039, 12, 31),
    date(9999, 12, 31),
]

# Patterns: the catalog's (English and French), the HTML's, every letter and length the formatter writes,
# quoted literals, and letters it leaves to Babel (hours, quarters, weeks, eras: the same answer anyway).
PATTERNS = [
    "EEE MMM d",
    "EEE d MMM",
    "EEEE",
    "y yy yyy yyyy yyyyy",
    "M MM MMM MMMM MMMMM",
    "L LL LLL LLLL LLLLL",
    "d dd",
    "E EE EEE EEEE EEEEE EEEEEE",
    "ccc cccc ccccc cccccc",
    "eee eeee eeeee eeeeee",
    "d 'de' MMMM y",
    "EEEE d MMMM 'à' 'l''heure'",
    "''d''",
    "'It''s' EEEE",
    "'EEE' EEE",
    "dd.MM.y",
    "d 'o''clock'",
    "QQQ y",
    "w",
    "G y",
    "c e",
    "d 'unclosed",
    "",
]


def test_the_snapshot_is_current() -> None:
    if babel.__version__ != BABEL:
        pytest.skip(
            f"deadlines/i18n/cldr_data.py was written with Babel {BABEL}, Babel {babel.__version__} is installed "
            "(CLDR data change between releases): run python -m deadlines.i18n.cldr_build, review the diff "
            "and the golden renders"
        )
    assert DATA_MODULE.read_text(encoding="utf-8") == render(), (
        "deadlines/i18n/cldr_data.py is out of date: run python -m deadlines.i18n.cldr_build"
    )


@pytest.mark.parametrize("locale", PLAIN)
def test_the_snapshot_writes_every_pattern_it_holds_and_the_catalogs(locale: str) -> None:
    """No pattern the presentation uses in en or fr falls back to Babel."""
    from deadlines.i18n import Localizer

    at = cldr.snapshot(locale)
    assert at is not None
    patterns = [values[at] for values in SNAPSHOT_PATTERNS.values()] + ["EEEE"]
    loc = Localizer(locale)
    patterns.append(loc.pgettext("date in the timetable, weekday month day (CLDR pattern)", "EEE MMM d"))
    po = (ROOT / "deadlines" / "locale" / "fr" / "LC_MESSAGES" / "deadlines.po").read_text(encoding="utf-8")
    entries = [e for e in po.split("\n\n") if "CLDR pattern" in e]
    assert entries
    for entry in entries:
        fields = dict(line.split(" ", 1) for line in entry.splitlines() if line.startswith("msg"))
        patterns += [fields["msgid"].strip('"'), fields["msgstr"].strip('"')]
    for pattern in patterns:
        assert cldr._apply(at, date(2002, 9, 12), pattern) is not None, pattern
    assert set(SNAPSHOT_PATTERNS) == {"full", "long", "medium", "short", *SKELETONS}


@pytest.mark.parametrize("locale", PLAIN)
def test_dates_are_babels(locale: str) -> None:
    for day in DAYS:
        for name in ("full", "long", "medium", "short"):
            assert cldr.format_date(day, name, locale) == format_date(day, name, locale=locale), (day, name)
        for skeleton in SKELETONS:
            expected = format_skeleton(skeleton, day, locale=locale)
            assert cldr.format_skeleton(skeleton, day, locale) == expected, (day, skeleton)
    for day in DAYS[::7]:
        for pattern in PATTERNS:
            assert cldr.format_date(day, pattern, locale) == format_date(day, pattern, locale=locale), (day, pattern)


def _outcome(func: Callable[..., str], *args: object) -> str | type[Exception]:
    try:
        return func(*args)
    except Exception as error:  # the same failure is the same answer
        return type(error)


@settings(max_examples=300, deadline=None)
@given(
    pattern=st.text(alphabet="yMLdEceQG'., -a", max_size=12),
    day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    locale=st.sampled_from(PLAIN),
)
def test_any_pattern_is_written_as_babel_writes_it(pattern: str, day: date, locale: str) -> None:
    """Quotes, apostrophes and letter runs anywhere: the same text, or the same failure, as Babel."""
    mine = _outcome(cldr.format_date, day, pattern, locale)
    assert mine == _outcome(lambda: format_date(day, pattern, locale=locale)), pattern


@pytest.mark.parametrize("locale", PLAIN)
def test_an_invalid_pattern_fails_as_in_babel(locale: str) -> None:
    for pattern in ("ddd", "MMMMMM", "cc", "EEEEEEE"):
        with pytest.raises(ValueError):
            format_date(date(2002, 9, 12), pattern, locale=locale)
        with pytest.raises(ValueError):
            cldr.format_date(date(2002, 9, 12), pattern, locale)


@pytest.mark.parametrize("locale", PLAIN)
def test_names_and_cities_are_babels(locale: str) -> None:
    assert set(shipped_zones()) <= set(CITIES)
    for zone in CITIES:
        assert cldr.city(zone, locale) == get_timezone_location(zone, locale=locale, return_city=True), zone
    # a zone the snapshot lacks: Babel's city
    assert cldr.city("America/Halifax", locale) == get_timezone_location("America/Halifax", locale, return_city=True)
    for width in ("abbreviated", "wide", "narrow", "short"):
        names = get_day_names(width, locale=locale)  # by weekday number, Monday 0
        assert cldr.day_names(width, locale) == [names[i] for i in range(7)]
    assert cldr.language_name(locale) == Locale.parse(locale).language_name


@pytest.mark.parametrize("locale", PLAIN)
def test_lists_are_babels(locale: str) -> None:
    words = ["New York", "Paris", "{0} Zurich", "Tokyo"]
    for n in range(5):
        assert cldr.format_list(words[:n], locale) == format_list(words[:n], locale=locale), n


def test_other_locales_go_through_babel() -> None:
    day = date(2002, 9, 12)
    for locale in ("fr_CA", "en_GB", "fr_CH", "fr_BE"):
        assert cldr.snapshot(locale) is None
        assert cldr.format_skeleton("yMMMEd", day, locale) == format_skeleton("yMMMEd", day, locale=locale)
        assert cldr.format_date(day, "EEE MMM d", locale) == format_date(day, "EEE MMM d", locale=locale)
        assert cldr.city("Europe/Paris", locale) == get_timezone_location("Europe/Paris", locale, return_city=True)
        assert cldr.format_list(["a", "b", "c"], locale) == format_list(["a", "b", "c"], locale=locale)


def _babel_imported(*args: str) -> list[str]:
    """The Babel modules ``deadlines schedule <seed> ARGS`` imports, writing to a pipe or its ``--output``."""
    command = [sys.executable, "-X", "importtime", "-m", "deadlines", "schedule", "examples/serono-genset-2002.toml"]
    result = subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    names = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)", result.stderr, re.M)
    return [name for name in names if name.split(".")[0] == "babel"]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--lang", "fr"],
        ["--lang", "en,fr"],
        ["--lang", "en,fr", "--format", "md"],
        ["--lang", "en,fr", "--format", "html"],
        ["--lang", "en,fr", "--format", "ics"],
        ["--lang", "en,fr", "--format", "svg"],
        ["--lang", "en,fr", "--format", "notice"],
        ["--lang", "fr", "--format", "csv"],
    ],
)
def test_a_table_in_english_or_french_imports_no_babel(args: list[str]) -> None:
    assert _babel_imported(*args) == []


def test_the_table_as_text_to_a_file_imports_no_babel(tmp_path: Path) -> None:
    out = tmp_path / "table.txt"
    assert _babel_imported("--lang", "en,fr", "--output", str(out), "--force") == []
    assert "Serono" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en_US", "fr_FR", "fr-fr"])
def test_the_usual_locale_settings_import_no_babel(lang: str) -> None:
    assert _babel_imported("--lang", lang) == []


def test_a_table_in_another_locale_still_uses_babel() -> None:  # and the check above sees it
    assert "babel.dates" in _babel_imported("--lang", "fr_CA")
