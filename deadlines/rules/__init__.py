"""Rulebooks: one TOML file per regime next to this module, loaded into typed records and checked.

A practitioner adjusts a rule by editing its TOML file (numbers, times, labels, citations, versions);
the engine reads only what is here. See ``us-14d.toml`` for the field reference. The regimes are the
files: a new ``<id>.toml`` here is a new regime. A file is read from its compiled form
(:mod:`deadlines.shipped`) while it is unchanged, else as it is now.

>>> REGIMES
('ch-uev', 'de-wpug', 'fr-amf', 'fr-amf-simplified', 'uk-code', 'us-13e4', 'us-14d')
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING

from ..errors import InputError, UnknownIdError
from ..model import ExpiryTime
from ..timeutil import WallTime, utc_offset_hours
from .model import Option, Rule, Rulebook

if TYPE_CHECKING:
    from pathlib import Path

_HERE = os.path.dirname(os.path.abspath(__file__))

# The rulebook files' ids, in the order of their names (the order `deadlines regimes` lists them).
REGIMES: tuple[str, ...] = tuple(sorted(name[:-5] for name in os.listdir(_HERE) if name.endswith(".toml")))


@cache
def get_rulebook(regime: str) -> Rulebook:
    """The rulebook shipped for ``regime`` (``us-14d``, ``us-13e4``, ``fr-amf``, ``fr-amf-simplified``, ``uk-code``)."""
    if regime not in REGIMES:
        raise UnknownIdError("regime", regime, list(REGIMES))
    from ..calendars import calendar_ids
    from ..shipped import rulebook

    # The compiled form while the file is unchanged (deadlines.shipped), else the file as it is now.
    return rulebook(regime, calendar_ids()) or load_rulebook(os.path.join(_HERE, f"{regime}.toml"), f"{regime}.toml")


def load_rulebook(path: str | Path, origin: str | None = None) -> Rulebook:
    """Read and check the rulebook file at ``path``: :func:`deadlines.rules.schema.load_rulebook` (the schema is
    imported only when a file is read)."""
    from .schema import load_rulebook

    return load_rulebook(path, origin)


def parse_rulebook(text: str, origin: str) -> Rulebook:
    """The rulebook in ``text`` (read from ``origin``), checked: :func:`deadlines.rules.schema.parse_rulebook`."""
    from .schema import parse_rulebook

    return parse_rulebook(text, origin)


CROSS_BORDER_WALL = WallTime(12, 0)  # 12:00 noon in the westernmost leg's zone (see default_expiry)


def default_expiry(books: Iterable[Rulebook]) -> ExpiryTime:
    """The wall time and zone of the expiry of a deal that names none, whatever the order of its regimes.

    Legs all in one zone keep their rulebooks' ``default_expiry_time`` (the latest of them when they
    differ: 24:00 New York for a US offer, 17:30 Paris for a French one). Legs in several zones expire at
    12:00 noon in the westernmost leg's zone: for a US leg and a European leg, 12:00 noon New York time,
    the seed's convention (Genset 2002: "12:00 noon, New York City time (18:00, Paris time)"), which falls
    on the same local day in both zones, after the Paris close (18:00 Paris, or 17:00 in the weeks when
    the clocks change on different dates) and on the US business day itself. The expiry search then takes
    the first such instant on or after every leg's minimum period on a day open in every leg's calendar.

    >>> from deadlines.rules import get_rulebook
    >>> at = default_expiry([get_rulebook("fr-amf"), get_rulebook("us-14d")])
    >>> str(at.wall), at.zone
    ('12:00', 'America/New_York')
    >>> at = default_expiry([get_rulebook("fr-amf")])
    >>> str(at.wall), at.zone
    ('17:30', 'Europe/Paris')
    """
    books = list(books)
    if not books:
        raise InputError("give at least one regime")
    zones = sorted({b.zone for b in books})
    if len(zones) == 1:
        latest = max((b.default_expiry_time for b in books), key=lambda w: (w.hour, w.minute))
        return ExpiryTime(latest, zones[0])
    return ExpiryTime(CROSS_BORDER_WALL, min(zones, key=lambda z: (_standard_offset(z), z)))


def zone_order(books: Iterable[Rulebook], show: Iterable[str] = ()) -> list[str]:
    """The zones a schedule shows, in one order whatever the order of its regimes: the deal's usual expiry
    zone (:func:`default_expiry`) first, then the other legs' zones sorted, then the ``show`` zones in the
    order given.

    >>> from deadlines.rules import get_rulebook
    >>> zone_order([get_rulebook("fr-amf"), get_rulebook("us-14d")], ["Europe/Zurich"])
    ['America/New_York', 'Europe/Paris', 'Europe/Zurich']
    >>> zone_order([get_rulebook("us-14d"), get_rulebook("fr-amf")])
    ['America/New_York', 'Europe/Paris']
    """
    books = list(books)
    if not books:
        return list(dict.fromkeys(show))
    lead = default_expiry(books).zone
    legs = sorted({b.zone for b in books} - {lead})
    return list(dict.fromkeys([lead, *legs, *show]))


def _standard_offset(zone_name: str) -> float:
    """A zone's hours from UTC, averaged over mid-January and mid-July (which zone lies furthest west)."""
    return sum(utc_offset_hours(datetime(2001, m, 15, 12, tzinfo=UTC), "UTC", zone_name) for m in (1, 7)) / 2


__all__ = ["REGIMES", "Option", "Rule", "Rulebook", "default_expiry", "get_rulebook", "load_rulebook", "parse_rulebook"]
