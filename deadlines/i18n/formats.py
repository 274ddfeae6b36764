"""CLDR formats through Babel: dates, times, zones ("heure de Paris"), lists and ordinals.

Imported only when a table or an export needs it (Babel's date module costs about 20 ms to import).
Every instant is formatted from an aware datetime in its zone: Babel treats naive datetimes as UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from babel.dates import format_date as cldr_date
from babel.dates import format_skeleton, format_time, get_timezone_location

from ..text import N_, At, Msg, ZoneName, plain
from ..timeutil import day_and_clock, zone

if TYPE_CHECKING:
    from . import Localizer

# Skeletons, not fixed patterns: CLDR picks the order and punctuation of each locale.
DATE_SKELETONS = {"medium": "yMMMEd", "short": "MMMEd", "numeric": "yMMdd"}
VOWELS = "AEIOUYÀÂÉÈÊËÎÏÔÖÙÛÜH"


def format_date(loc: Localizer, day: date, style: str = "medium") -> str:
    """``long``: "Thursday, October 31, 2002" / "jeudi 31 octobre 2002"; ``medium``: "Thu, Oct 31, 2002"."""
    if style == "long":
        return cldr_date(day, "full", locale=loc.lang.locale)
    return format_skeleton(DATE_SKELETONS[style], day, locale=loc.lang.locale)


def format_clock(loc: Localizer, instant: datetime, zone_name: str) -> tuple[date, str]:
    """The local day and the time of day in the locale's clock; an instant at 00:00 is 24:00 of the day
    before (the end of that day), written 24:00 in every language."""
    day, clock = day_and_clock(instant, zone_name)
    if clock == "24:00":
        return day, clock
    return day, format_time(instant.astimezone(zone(zone_name)), "short", locale=loc.lang.locale)


def zone_label(loc: Localizer, zone_name: str, header: bool = False) -> str:
    """ "New York time" / "heure de New York", from the CLDR exemplar city and a translated template;
    ``header``: the capitalised form a column title takes ("Heure de New York")."""
    city = get_timezone_location(zone_name, locale=loc.lang.locale, return_city=True)
    vowel = city.upper().startswith(tuple(VOWELS))
    if header:
        if vowel:
            return loc.pgettext("column header, city starting with a vowel", "{city} time").format(city=city)
        return loc.pgettext("column header", "{city} time").format(city=city)
    if vowel:
        return loc.pgettext("city starting with a vowel", "{city} time").format(city=city)
    return loc._(N_("{city} time")).format(city=city)


def format_at(loc: Localizer, at: At) -> str:
    day, clock = format_clock(loc, at.instant, at.zone)
    return loc.text(
        Msg(
            N_("{date}, {time} {zone}"),
            date=_Raw(format_date(loc, day, at.style)),
            time=_Raw(clock),
            zone=_Raw(zone_label(loc, at.zone)),
        )
    )


class _Raw(str):
    """Text already formatted for the locale."""


def format_value(loc: Localizer, value: Any) -> str:
    if isinstance(value, _Raw):
        return str(value)
    if isinstance(value, At):
        return format_at(loc, value)
    if isinstance(value, ZoneName):
        return zone_label(loc, value.zone)
    if isinstance(value, datetime):
        return plain(value)
    if isinstance(value, date):
        return format_date(loc, value)
    return plain(value)
