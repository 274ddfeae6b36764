"""CLDR formats (:mod:`deadlines.i18n.cldr`: a snapshot for ``en`` and ``fr``, Babel for other locales):
dates, zones ("heure de Paris"), lists and ordinals; times of day as offer documents write them.

Imported only when a table or an export needs it. A table in ``en`` or ``fr`` imports no Babel at all: its
date module and a locale's data cost about 30 ms, more than the rest of the table.
Every instant is formatted from an aware datetime in its zone: Babel treats naive datetimes as UTC.

Times of day are custom patterns, not CLDR's ("12:00 PM"), because deal documents write them their own way
(``shared/domain/time-formats.md``, the seed: "12:00 noon, New York City time (18:00, Paris time)"):

- English, a US zone (``America/*``): the 12-hour clock of US offer documents, "9:00 a.m.", "5:00 p.m.",
  "12:00 noon", "12:01 a.m."; the end of a day (24:00) is "12:00 midnight" and keeps the day that ends.
- English, London: UK Code style, "8.00 am", "1.00 pm", "12.00 noon", "midnight" (the end of the day).
- English, any other zone (continental Europe first): the 24-hour clock, "18:00", "09:00", "24:00".
- French, every zone: the 24-hour clock as French practitioners write it, "18h00", "9h00", "0h01", "24h00".

``--clock 12`` writes every English time on the 12-hour clock (Paris "6:00 p.m."; London keeps its own
12-hour style), ``--clock 24`` every English time on the 24-hour clock ("12:00", "24:00"). French is on the
24-hour clock either way. Words are separated by plain spaces (``nowrap``: no-break spaces, for tables).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Protocol

from ..text import N_, At, Msg, WallClock, ZoneName, plain
from ..timeutil import day_and_clock
from . import cldr


class _Lang(Protocol):
    @property
    def words(self) -> str: ...  # en | fr
    @property
    def locale(self) -> str: ...  # a CLDR locale: fr_CA


class Localizer(Protocol):
    """What the formats need of a :class:`deadlines.i18n.Localizer` (stated here, so that this module, which
    the localizer imports, imports nothing of it back)."""

    @property
    def lang(self) -> _Lang: ...
    @property
    def clock(self) -> str | None: ...
    def _(self, message: str) -> str: ...
    def pgettext(self, context: str, message: str) -> str: ...
    def text(self, value: Any) -> str: ...


# Skeletons, not fixed patterns: CLDR picks the order and punctuation of each locale.
DATE_SKELETONS = {"medium": "yMMMEd", "short": "MMMEd", "numeric": "yMMdd"}
VOWELS = "AEIOUYÀÂÉÈÊËÎÏÔÖÙÛÜH"


def format_date(loc: Localizer, day: date, style: str = "medium") -> str:
    """``long``: "Thursday, October 31, 2002" / "jeudi 31 octobre 2002"; ``medium``: "Thu, Oct 31, 2002"."""
    if style == "long":
        return first_of_month(loc, day, cldr.format_date(day, "full", loc.lang.locale))
    if style == "numeric":
        return cldr.format_skeleton(DATE_SKELETONS[style], day, loc.lang.locale)
    return first_of_month(loc, day, cldr.format_skeleton(DATE_SKELETONS[style], day, loc.lang.locale))


def first_of_month(loc: Localizer, day: date, text: str) -> str:
    """French writes the first of the month "1er" ("lundi 1er juin 2026", "lun. 1er juin"), which CLDR
    leaves as "1"; a date written with its month's name only (not "01/06/2026")."""
    if loc.lang.words == "fr" and day.day == 1:
        import re

        return re.sub(r"(?<!\d)1(?!\d)", "1er", text, count=1)
    return text


# Zones whose English times read on the US 12-hour clock, and those written in UK Code style.
US_ZONES = ("America/", "US/", "Pacific/Honolulu")
UK_ZONES = frozenset(
    {"Europe/London", "Europe/Belfast", "Europe/Guernsey", "Europe/Isle_of_Man", "Europe/Jersey", "GB"}
)
NBSP = "\u00a0"


def clock_style(words: str, zone_name: str, clock: str | None = None) -> str:
    """How a time in ``zone_name`` is written in the ``words`` language: ``fr`` ("18h00"), ``us``
    ("6:00 p.m."), ``uk`` ("6.00 pm") or ``24`` ("18:00"); ``clock`` ("12" or "24") forces one clock."""
    if words == "fr":
        return "fr"
    if clock == "24":
        return "24"
    if zone_name in UK_ZONES:
        return "uk"
    if clock == "12" or zone_name.startswith(US_ZONES):
        return "us"
    return "24"


def clock_words(hour: int, minute: int, style: str, nowrap: bool = False) -> str:
    """A time of day, ``hour`` 0 to 24 (24:00: the end of the day), in a :func:`clock_style`.

    >>> [clock_words(h, m, "us") for h, m in ((12, 0), (24, 0), (0, 1), (9, 0), (17, 0))]
    ['12:00 noon', '12:00 midnight', '12:01 a.m.', '9:00 a.m.', '5:00 p.m.']
    >>> [clock_words(h, m, "uk") for h, m in ((13, 0), (24, 0), (8, 0))], clock_words(18, 0, "fr")
    (['1.00 pm', 'midnight', '8.00 am'], '18h00')
    """
    if style == "fr":
        return f"{hour}h{minute:02d}"
    if style == "24":
        return f"{hour:02d}:{minute:02d}"
    sep, mark = (":", ("a.m.", "p.m.")) if style == "us" else (".", ("am", "pm"))
    if minute == 0 and hour in (12, 24):
        word = "noon" if hour == 12 else "midnight"
        text = word if style == "uk" and hour == 24 else f"12{sep}00 {word}"
    else:
        h12 = hour % 12 or 12
        text = f"{h12}{sep}{minute:02d} {mark[hour >= 12]}"
    return text.replace(" ", NBSP) if nowrap else text


def format_clock(loc: Localizer, instant: datetime, zone_name: str, nowrap: bool = False) -> tuple[date, str]:
    """The local day and the time of day as documents in the language write that zone's times
    (:func:`clock_style`); an instant at 00:00 is the end (24:00) of the day before, which keeps its day:
    "12:00 midnight" on Monday, July 29, 2002 is the end of that Monday."""
    day, hhmm = day_and_clock(instant, zone_name)
    hour, minute = int(hhmm[:2]), int(hhmm[3:])
    return day, clock_words(hour, minute, clock_style(loc.lang.words, zone_name, loc.clock), nowrap)


# Zones whose markets documents name by another city than CLDR's exemplar one: Frankfurt am Main for
# Europe/Berlin ("24:00 hours (Frankfurt am Main local time)": the QIAGEN filing; time-formats.md).
MARKET_CITIES = {"Europe/Berlin": N_("Frankfurt")}


def market_city(loc: Localizer, zone_name: str) -> str:
    """The city a zone's times are named by: the market's (Frankfurt), else CLDR's exemplar city."""
    name = MARKET_CITIES.get(zone_name)
    return loc._(name) if name is not None else cldr.city(zone_name, loc.lang.locale)


def zone_label(loc: Localizer, zone_name: str, header: bool = False) -> str:
    """ "Paris time" / "heure de Paris", from the CLDR exemplar city and a translated template, and
    "New York City time" (US offer documents' words) / "heure de New York"; ``header``: the capitalised form a
    column title takes ("Heure de New York")."""
    if zone_name == "America/New_York":
        if header:
            return loc.pgettext("column header", "New York City time")
        return loc._(N_("New York City time"))
    city = market_city(loc, zone_name)
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
    if isinstance(value, WallClock):
        return clock_words(value.hour, value.minute, clock_style(loc.lang.words, value.zone, loc.clock))
    if isinstance(value, ZoneName):
        return zone_label(loc, value.zone)
    if isinstance(value, datetime):
        return plain(value)
    if isinstance(value, date):
        return format_date(loc, value)
    return plain(value)
