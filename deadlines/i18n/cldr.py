"""CLDR formats for the plain locales ``en`` and ``fr`` without Babel, from a snapshot of Babel's data.

Importing Babel and loading a locale's CLDR data costs about 30 ms, more than the rest of a table in
English or French. :mod:`deadlines.i18n.cldr_data` holds exactly the CLDR facts the presentation uses for
those two locales, as Babel gives them (written by ``python -m deadlines.i18n.cldr_build``), and the
functions here format from it: the same text as Babel's functions of the same names, which they call for
any other locale (``fr_CA``, ``en_GB``...), a zone the snapshot lacks, or a pattern letter this module does
not write (never a different answer: ``tests/test_cldr.py`` compares both over many dates, zones and lists).

Date patterns follow LDML (UTS #35) as Babel reads them: letters are fields, ``'...'`` quotes literal text,
``''`` is an apostrophe. Written here: years (``y``), months (``M``, ``L``), days of the month (``d``) and
weekday names (``E``, ``c`` and ``e`` from three letters on).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Literal

# The weekday names by the number of letters of E, c or e, the month names by that of M or L.
DAY_WIDTHS = {3: "abbreviated", 4: "wide", 5: "narrow", 6: "short"}
MONTH_WIDTHS = {3: "abbreviated", 4: "wide", 5: "narrow"}
NAMED = ("full", "long", "medium", "short")


# Locales whose CLDR data add nothing to their language's (``en_US`` is the ``en`` of CLDR, ``fr_FR`` its
# ``fr``): the usual settings of LANG on Linux and macOS, served by the snapshot too (tests/test_cldr.py
# compares them with Babel as it does ``en`` and ``fr``).
SAME_AS = {"en_US": "en", "fr_FR": "fr"}


def snapshot(locale: str) -> int | None:
    """Where ``locale`` stands in the snapshot's tables (``en`` and ``en_US`` 0, ``fr`` and ``fr_FR`` 1), else
    None (the others: Babel)."""
    from .cldr_data import LOCALES

    locale = SAME_AS.get(locale, locale)
    return LOCALES.index(locale) if locale in LOCALES else None


@cache
def tokens(pattern: str) -> tuple[tuple[str, int] | str, ...] | None:
    """``pattern`` as literal texts and (letter, count) fields, as Babel's ``tokenize_pattern`` reads it
    (``''`` an apostrophe anywhere, ``'...'`` literal); None for an unclosed quote (Babel drops its text)."""
    out: list[tuple[str, int] | str] = []
    text: list[str] = []
    quoted: list[str] | None = None
    field, count = "", 0

    def flush() -> None:
        nonlocal field, count
        if field:
            out.append((field, count))
            field, count = "", 0
        elif text:
            out.append("".join(text).replace("\0", "'"))
            text.clear()

    for char in pattern.replace("''", "\0"):
        if quoted is not None:
            if char == "'":
                text.extend(quoted)
                quoted = None
            else:
                quoted.append(char)
        elif char == "'":
            flush()
            quoted = []
        elif char.isascii() and char.isalpha():  # every letter a field: one not written here goes to Babel
            if text:
                flush()
            if char == field:
                count += 1
            else:
                flush()
                field, count = char, 1
        else:
            if field:
                flush()
            text.append(char)
    if quoted is not None:
        return None
    flush()
    return tuple(out)


def _field(at: int, day: date, char: str, n: int) -> str | None:
    """One field of ``day`` as Babel writes it in the snapshot's locale ``at``, None when not written here."""
    if char == "y":
        year = f"{day.year:0{n}d}"
        return year[-2:] if n == 2 else year
    if char == "d":
        return f"{day.day:0{n}d}" if n <= 2 else None
    if char in "ML" and n <= 5:
        if n <= 2:
            return f"{day.month:0{n}d}"
        return _name(at, ("months", "format" if char == "M" else "stand-alone", MONTH_WIDTHS[n]), day.month - 1)
    if (char == "E" or (char in "ce" and n >= 3)) and n <= 6:
        return _name(at, ("days", "stand-alone" if char == "c" else "format", DAY_WIDTHS[max(n, 3)]), day.weekday())
    return None


def _name(at: int, key: tuple[str, str, str], index: int) -> str | None:
    from .cldr_data import NAMES

    names = NAMES.get(key)
    return None if names is None else names[at][index]


def _apply(at: int, day: date, pattern: str) -> str | None:
    """``day`` in ``pattern`` for the snapshot's locale ``at``, None when a field is not written here."""
    parts = tokens(pattern)
    if parts is None:
        return None
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        text = _field(at, day, *part)
        if text is None:
            return None
        out.append(text)
    return "".join(out)


def format_date(day: date, format: str, locale: str) -> str:
    """``babel.dates.format_date(day, format, locale=locale)``: a named format (``full``...) or a pattern."""
    at = snapshot(locale)
    if at is not None:
        from .cldr_data import PATTERNS

        text = _apply(at, day, PATTERNS[format][at] if format in NAMED else format)
        if text is not None:
            return text
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, format, locale=locale)


def format_skeleton(skeleton: str, day: date, locale: str) -> str:
    """``babel.dates.format_skeleton(skeleton, day, locale=locale)``, for a skeleton in the snapshot."""
    at = snapshot(locale)
    if at is not None and skeleton not in NAMED:
        from .cldr_data import PATTERNS

        text = _apply(at, day, PATTERNS[skeleton][at]) if skeleton in PATTERNS else None
        if text is not None:
            return text
    from babel.dates import format_skeleton as babel_format_skeleton

    return babel_format_skeleton(skeleton, day, locale=locale)


def day_names(width: Literal["abbreviated", "wide", "narrow", "short"], locale: str) -> list[str]:
    """The weekday names, Monday first: ``babel.dates.get_day_names(width, locale=locale)``."""
    at = snapshot(locale)
    if at is not None:
        from .cldr_data import NAMES

        return list(NAMES["days", "format", width][at])
    from babel.dates import get_day_names

    found = get_day_names(width, locale=locale)
    return [found[i] for i in range(7)]


def city(zone_name: str, locale: str) -> str:
    """The zone's exemplar city: ``babel.dates.get_timezone_location(zone_name, locale, return_city=True)``."""
    at = snapshot(locale)
    if at is not None:
        from .cldr_data import CITIES

        if zone_name in CITIES:
            return CITIES[zone_name][at]
    from babel.dates import get_timezone_location

    return str(get_timezone_location(zone_name, locale=locale, return_city=True))


def format_list(items: Sequence[str], locale: str) -> str:
    """ "A, B and C" / "A, B et C": ``babel.lists.format_list(items, locale=locale)`` (the standard style)."""
    at = snapshot(locale)
    if at is None:
        from babel.lists import format_list as babel_format_list

        return babel_format_list(list(items), locale=locale)
    from .cldr_data import LIST

    patterns = {name: values[at] for name, values in LIST.items()}
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2 and "2" in patterns:
        return patterns["2"].format(*items)
    text = patterns["start"].format(items[0], items[1])
    for item in items[2:-1]:
        text = patterns["middle"].format(text, item)
    return patterns["end"].format(text, items[-1])


def language_name(locale: str) -> str:
    """The locale's language in its own words ("English", "français"): Babel's ``Locale.language_name``."""
    at = snapshot(locale)
    if at is not None:
        from .cldr_data import LANGUAGE

        return LANGUAGE[at]
    from babel import Locale

    return str(Locale.parse(locale).language_name)
