"""Writes :mod:`deadlines.i18n.cldr_data`, the CLDR facts :mod:`deadlines.i18n.cldr` formats ``en`` and ``fr``
from: ``python -m deadlines.i18n.cldr_build``, after upgrading Babel (its CLDR data change between releases)
or when the presentation uses a new skeleton, named format or zone (``tests/test_cldr.py`` fails while the
module is not what this writes with the installed Babel).

Every value is Babel's own answer: the pattern ``format_skeleton`` resolves each skeleton to, the named date
formats, the weekday and month names of every width and context, the standard list patterns, the language's
own name, and ``get_timezone_location(zone, return_city=True)`` for the zones of the shipped rulebooks and
calendars and the usual market zones (another zone's city comes from Babel when it is shown).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

PACKAGE = Path(__file__).resolve().parent.parent
DATA_MODULE = PACKAGE / "i18n" / "cldr_data.py"
LOCALES = ("en", "fr")

# The skeletons the presentation formats dates with (deadlines.i18n.formats, deadlines.render).
SKELETONS = ("E", "MMMEd", "yMMMEd", "yMMdd", "yMMMd", "yMMMM")

# The names' contexts and widths, all of those CLDR has.
CONTEXTS: tuple[Literal["format", "stand-alone"], ...] = ("format", "stand-alone")
DAY_WIDTHS: tuple[Literal["abbreviated", "wide", "narrow", "short"], ...] = ("abbreviated", "wide", "narrow", "short")
MONTH_WIDTHS: tuple[Literal["abbreviated", "wide", "narrow"], ...] = ("abbreviated", "wide", "narrow")

# Zones a deal commonly shows besides those of the shipped rulebooks and calendars: the main markets'.
MARKET_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Toronto",
    "America/Vancouver",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires",
    "America/Santiago",
    "Europe/Paris",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Jersey",
    "Europe/Guernsey",
    "Europe/Isle_of_Man",
    "Europe/Berlin",
    "Europe/Zurich",
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Luxembourg",
    "Europe/Monaco",
    "Europe/Madrid",
    "Europe/Lisbon",
    "Europe/Rome",
    "Europe/Vienna",
    "Europe/Stockholm",
    "Europe/Oslo",
    "Europe/Copenhagen",
    "Europe/Helsinki",
    "Europe/Warsaw",
    "Europe/Prague",
    "Europe/Athens",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Jerusalem",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Hong_Kong",
    "Asia/Shanghai",
    "Asia/Taipei",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Australia/Melbourne",
    "Pacific/Auckland",
)


def shipped_zones() -> list[str]:
    """The zones the shipped rulebooks and calendars name (their ``zone`` key)."""
    import tomllib

    found = set()
    for path in [*sorted((PACKAGE / "rules").glob("*.toml")), *sorted((PACKAGE / "calendars" / "data").glob("*.toml"))]:
        zone = tomllib.loads(path.read_text(encoding="utf-8")).get("zone")
        if isinstance(zone, str):
            found.add(zone)
    return sorted(found)


def zones() -> list[str]:
    return list(dict.fromkeys([*MARKET_ZONES, *shipped_zones()]))


def facts(locale_code: str) -> dict[str, Any]:
    """What :mod:`deadlines.i18n.cldr` reads for ``locale_code``, from Babel, by table of the module."""
    from babel import Locale
    from babel.dates import get_day_names, get_month_names, get_timezone_location, match_skeleton

    locale = Locale.parse(locale_code)
    patterns = {name: locale.date_formats[name].pattern for name in ("full", "long", "medium", "short")}
    known = locale.datetime_skeletons
    for skeleton in SKELETONS:  # as format_skeleton resolves it
        patterns[skeleton] = known[skeleton if skeleton in known else match_skeleton(skeleton, known)].pattern
    names: dict[tuple[str, str, str], tuple[str, ...]] = {}
    for context in CONTEXTS:
        for day_width in DAY_WIDTHS:
            days = get_day_names(day_width, context, locale)
            names["days", context, day_width] = tuple(days[i] for i in range(7))  # Monday 0
    for context in CONTEXTS:
        for month_width in MONTH_WIDTHS:
            months = get_month_names(month_width, context, locale)
            names["months", context, month_width] = tuple(months[i] for i in range(1, 13))
    return {
        "LANGUAGE": locale.language_name,
        "LIST": dict(sorted(locale.list_patterns["standard"].items())),
        "PATTERNS": patterns,
        "NAMES": names,
        "CITIES": {zone: get_timezone_location(zone, locale, return_city=True) for zone in zones()},
    }


# The tables of the module: their type, and what each entry holds.
TABLES = {
    "LANGUAGE": ("tuple[str, ...]", "The language's own name"),
    "LIST": ("dict[str, tuple[str, ...]]", "The standard list patterns: start, middle, end, and 2 for two items"),
    "PATTERNS": (
        "dict[str, tuple[str, ...]]",
        "A named date format (full, long, medium, short) or a skeleton: its pattern (a skeleton's as\n"
        "# babel.dates.format_skeleton resolves it)",
    ),
    "NAMES": (
        "dict[tuple[str, str, str], tuple[tuple[str, ...], ...]]",
        "The weekday names (Monday first) and month names by (days or months, context, width)",
    ),
    "CITIES": ("dict[str, tuple[str, ...]]", "A zone's exemplar city"),
}


def render() -> str:
    """The module: each table with its values for the locales of ``LOCALES``, in that order."""
    import babel

    data = {code: facts(code) for code in LOCALES}
    out = [
        '"""CLDR facts for the locales ``en`` and ``fr``, as Babel gives them. Generated by',
        "``python -m deadlines.i18n.cldr_build``: do not edit; run it again after upgrading Babel",
        "(tests/test_cldr.py fails while this module is not what it writes). Read by :mod:`deadlines.i18n.cldr`.",
        '"""',
        "",
        "# The Babel release (and its CLDR version) these facts come from.",
        f"BABEL = {babel.__version__!r}",
        f"CLDR = {_cldr_version()!r}",
        "",
        "# Every value below is a tuple: one value a locale, in this order.",
        f"LOCALES = {LOCALES!r}",
    ]
    for table, (kind, what) in TABLES.items():
        out += ["", f"# {what}.", f"{table}: {kind} = "]
        values = [data[code][table] for code in LOCALES]
        if not isinstance(values[0], dict):
            out[-1] += repr(tuple(values))
            continue
        out[-1] += "{"
        for key in values[0]:
            out.append(f"    {key!r}: {tuple(value[key] for value in values)!r},")  # a fact a line
        out.append("}")
    return "\n".join(out) + "\n"


def _cldr_version() -> str:
    from babel.core import get_cldr_version

    return str(get_cldr_version())


if __name__ == "__main__":  # python -m deadlines.i18n.cldr_build: write deadlines/i18n/cldr_data.py anew
    DATA_MODULE.write_text(render(), encoding="utf-8")
    print(f"wrote {DATA_MODULE}")
