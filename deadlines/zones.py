"""Which time zone names a deal may use, and for what.

Offer documents set deadlines on a market's wall clock ("12:00 noon, New York City time"), which follows
that place's daylight-saving rules. The tz database also holds names that look like a place's clock but
are not: fixed offsets (``EST`` is UTC-05:00 all year, so an expiry "EST" in July lands an hour off New
York's clock), old POSIX-style rules (``EST5EDT``), and ``Etc/GMT+5``, whose sign is reversed (it is
UTC-05:00). The policy, stated in the README:

- a time of day a deal is set in (expiry, extension, observation, ``--zone``) needs a place's zone: the
  names above are refused with the place to name instead, and so are ``UTC`` and ``GMT``;
- a zone only shown beside the others (``show``, ``--show``) may also be ``UTC`` (or its aliases);
- abbreviations that are not zones at all (``ET``, ``CET``, ``CEST``, ``BST``...) get the place's zone as
  a suggestion.

>>> market_zone("America/New_York")
'America/New_York'
>>> display_zone("UTC")
'UTC'
>>> market_zone("EST")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
deadlines.errors.InputError: 'EST' is a fixed offset (UTC-05:00 all year, ...): give the place's zone, America/New_York
"""

from __future__ import annotations

import re

from .errors import DeadlinesError, InputError
from .text import N_
from .timeutil import zone

# Abbreviations and legacy names -> the place whose clock they usually mean for our users.
PLACES = {
    "ET": "America/New_York",
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "EST5EDT": "America/New_York",
    "CT": "America/Chicago",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "CST6CDT": "America/Chicago",
    "MT": "America/Denver",
    "MST": "America/Denver",
    "MDT": "America/Denver",
    "MST7MDT": "America/Denver",
    "PT": "America/Los_Angeles",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "PST8PDT": "America/Los_Angeles",
    "HST": "Pacific/Honolulu",
    "CET": "Europe/Paris",
    "CEST": "Europe/Paris",
    "MET": "Europe/Paris",
    "MEST": "Europe/Paris",
    "WET": "Europe/Lisbon",
    "WEST": "Europe/Lisbon",
    "EET": "Europe/Athens",
    "EEST": "Europe/Athens",
    "BST": "Europe/London",
    "GMT": "Europe/London",
    "JST": "Asia/Tokyo",
    "HKT": "Asia/Hong_Kong",
    "SGT": "Asia/Singapore",
    "AEST": "Australia/Sydney",
    "AEDT": "Australia/Sydney",
}
# Fixed offsets in the tz database (no daylight saving), by name.
FIXED = {"EST": "-05:00", "MST": "-07:00", "HST": "-10:00"}
# Legacy names kept for old systems (since tzdata 2024b, links to one city's zone): name the place.
LEGACY_RULES = {"EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT", "CET", "MET", "WET", "EET"}
UTC_NAMES = {
    "UTC",
    "Etc/UTC",
    "UCT",
    "Etc/UCT",
    "Universal",
    "Etc/Universal",
    "Zulu",
    "Etc/Zulu",
    "GMT",
    "Etc/GMT",
    "GMT0",
    "GMT+0",
    "GMT-0",
    "Etc/GMT0",
    "Etc/GMT+0",
    "Etc/GMT-0",
    "Greenwich",
    "Etc/Greenwich",
}
# Names that are no place: the machine's own setting, a placeholder, and the database's internal copies
# (posix/ and right/, the latter counting leap seconds, which civil time does not).
MACHINE = {"localtime", "Factory", "posixrules"}
_ETC_OFFSET = re.compile(r"(?:Etc/)?GMT([+-])(\d{1,2})")


def _not_a_place(name: str) -> InputError | None:
    """The refusal for a name that is in the tz database but is no place's clock (never UTC itself)."""
    if name in MACHINE or name.startswith(("posix/", "right/")):
        return InputError(
            N_("'{value}' is not a place's zone in the tz database: give the place's zone, such as {place}"),
            value=name,
            place=name.split("/", 1)[1] if name.startswith(("posix/", "right/")) else "America/New_York",
        )
    place = PLACES.get(name.upper(), "America/New_York")
    if name in FIXED:
        return InputError(
            N_(
                "'{value}' is a fixed offset (UTC{offset} all year, no daylight saving): give the place's zone, {place}"
            ),
            value=name,
            offset=FIXED[name],
            place=place,
        )
    if name in LEGACY_RULES:
        return InputError(
            N_("'{value}' is a legacy name kept for old systems: give the place's zone, {place}"),
            value=name,
            place=place,
        )
    match = _ETC_OFFSET.fullmatch(name)
    if match and int(match[2]) != 0:
        sign = "-" if match[1] == "+" else "+"  # POSIX: Etc/GMT+5 is five hours *behind* UTC
        return InputError(
            N_(
                "'{value}' is a fixed offset of UTC{offset} (the sign is reversed) with no daylight saving: give the "
                "place's zone, such as America/New_York or Europe/Paris"
            ),
            value=name,
            offset=f"{sign}{int(match[2]):02d}:00",
        )
    return None


def _checked(name: str) -> str:
    """``name`` if the tz database has it and it is not refused for every use; else the error to show."""
    if not isinstance(name, str):
        raise InputError(N_("a time zone must be a name such as Europe/Paris, not {value}"), value=repr(name))
    problem = _not_a_place(name)
    if problem is not None:
        raise problem
    zone(name)
    return name


def display_zone(name: str) -> str:
    """``name`` as a zone to show times in: a place's zone, or UTC."""
    if name not in UTC_NAMES:
        _abbreviation(name)
    return _checked(name)


def market_zone(name: str) -> str:
    """``name`` as the zone a time of day is set in: a place's zone only."""
    if name in UTC_NAMES:
        place = PLACES.get(name.upper())
        if place:  # GMT: London's clock is meant more often than not
            raise InputError(
                N_("'{value}' is UTC all year, while {place} moves to summer time: give the place's zone, {place}"),
                value=name,
                place=place,
            )
        raise InputError(
            N_(
                "'{value}' is not the clock of a market: give the zone the time is set in (such as America/New_York "
                "or Europe/Paris); UTC can be shown beside it (show)"
            ),
            value=name,
        )
    _abbreviation(name)
    return _checked(name)


def _abbreviation(name: str) -> None:
    """An abbreviation that is no zone (ET, CEST, BST): refused with the place it usually means."""
    place = PLACES.get(name.upper()) if isinstance(name, str) else None
    if place is None or name in FIXED or name in LEGACY_RULES:
        return
    try:
        zone(name)
    except DeadlinesError:
        raise InputError(
            N_("'{value}' is an abbreviation, not a time zone: give the place's zone, such as {place}"),
            value=name,
            place=place,
        ) from None


__all__ = ["display_zone", "market_zone"]
