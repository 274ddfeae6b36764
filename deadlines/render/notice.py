"""Notices: the deadline sentences announcements and offer documents need, in one language or two.

``deadlines schedule DEAL --format notice`` writes one sentence a line for the key events: each leg's
expiry or closing, the end of a subsequent offering period (US) or of a reopened offer (France), the
results, and the announcement of an extension when its rule applies (not waived by relief). Legs that end
at the same instant share one sentence: in English it leads with the US leg and its zone, in French with
the French leg and Paris, and gives the time in the other legs' zones after it, as the seed did
("12:00 noon, New York City time (18:00, Paris time)"). Zones only shown (``show``) are left out.

Every sentence is one catalog message (a whole template with placeholders), so a translator sees the
whole sentence; times, zones and dates are the project's formats (:mod:`deadlines.i18n.formats`). A
deadline at the end of a day keeps the day that ends ("12:00 midnight, New York City time, at the end of
Monday, July 29, 2002").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ..i18n import Localizer
from ..i18n.formats import format_clock, format_date, zone_label
from ..schedule import Event, Schedule
from ..text import N_
from ..timeutil import day_and_clock

# Sentences with a time: (single zone, several zones) x (on the day, at the end of the day), by rule key.
TIMED = {
    "expiry": (
        N_("The offer will expire at {time}, {zone}, on {date}, unless extended."),
        N_("The offer will expire at {time}, {zone} ({other_times}), on {date}, unless extended."),
        N_("The offer will expire at {time}, {zone}, at the end of {date}, unless extended."),
        N_("The offer will expire at {time}, {zone} ({other_times}), at the end of {date}, unless extended."),
    ),
    "closing": (
        N_("The offer will close at {time}, {zone}, on {date}, unless extended."),
        N_("The offer will close at {time}, {zone} ({other_times}), on {date}, unless extended."),
        N_("The offer will close at {time}, {zone}, at the end of {date}, unless extended."),
        N_("The offer will close at {time}, {zone} ({other_times}), at the end of {date}, unless extended."),
    ),
    "sop-expiry": (
        N_("The subsequent offering period will expire at {time}, {zone}, on {date}, unless extended."),
        N_("The subsequent offering period will expire at {time}, {zone} ({other_times}), on {date}, unless extended."),
        N_("The subsequent offering period will expire at {time}, {zone}, at the end of {date}, unless extended."),
        N_(
            "The subsequent offering period will expire at {time}, {zone} ({other_times}), at the end of {date}, "
            "unless extended."
        ),
    ),
    "reopening-closing": (
        N_("The reopened offer will close at {time}, {zone}, on {date}, unless extended."),
        N_("The reopened offer will close at {time}, {zone} ({other_times}), on {date}, unless extended."),
        N_("The reopened offer will close at {time}, {zone}, at the end of {date}, unless extended."),
        N_("The reopened offer will close at {time}, {zone} ({other_times}), at the end of {date}, unless extended."),
    ),
    "results-announcement": (
        N_("The results of the offer will be announced no later than {time}, {zone}, on {date}."),
        N_("The results of the offer will be announced no later than {time}, {zone} ({other_times}), on {date}."),
        N_("The results of the offer will be announced no later than {time}, {zone}, at the end of {date}."),
        N_(
            "The results of the offer will be announced no later than {time}, {zone} ({other_times}), "
            "at the end of {date}."
        ),
    ),
    "extension-notice": (
        N_(
            "Any extension of the offer will be announced no later than {time}, {zone}, on {date}, the next "
            "business day after the scheduled expiration date."
        ),
        N_(
            "Any extension of the offer will be announced no later than {time}, {zone} ({other_times}), on {date}, "
            "the next business day after the scheduled expiration date."
        ),
        N_(
            "Any extension of the offer will be announced no later than {time}, {zone}, at the end of {date}, "
            "the next business day after the scheduled expiration date."
        ),
        N_(
            "Any extension of the offer will be announced no later than {time}, {zone} ({other_times}), at the end "
            "of {date}, the next business day after the scheduled expiration date."
        ),
    ),
}

# Sentences with a day only (the AMF's notices): (on the day, on or about the day: an estimate).
DATED = {
    "result": (
        N_("The AMF will publish the results of the offer on {date}."),
        N_("The AMF will publish the results of the offer on or about {date}."),
    ),
    "reopening-result": (
        N_("The AMF will publish the final results of the reopened offer on {date}."),
        N_("The AMF will publish the final results of the reopened offer on or about {date}."),
    ),
}

# The time in another leg's zone: on the same day, or on another day.
# Translators: the time in another zone inside a notice sentence, e.g. "18:00, Paris time"
OTHER_TIME = N_("{time}, {zone}")
# Translators: the time in another zone inside a notice sentence when that zone's day differs, e.g.
# "06:00, Paris time, on Tuesday, July 30, 2002"
OTHER_TIME_OTHER_DAY = N_("{time}, {zone}, on {date}")

# Duties a notice announces only while they apply: relief that waives one drops its sentence.
DUTIES = ("extension-notice", "results-announcement")

# Events that end at one instant for every leg share a sentence: the rule keys of one class.
CLASSES = (("expiry", "closing"), ("sop-expiry", "reopening-closing"))

# The zone each language leads with, when a leg is in it: US documents lead with New York, French ones
# with Paris.
LEAD_ZONES = {"en": ("America/",), "fr": ("Europe/Paris",)}


@dataclass
class _Group:
    """Events of one class at one instant (or one event alone)."""

    events: list[Event]

    @property
    def instant(self) -> datetime:
        return self.events[0].instant


def notice_events(schedule: Schedule) -> list[_Group]:
    """The key events a notice speaks of, in time order, those that end together grouped."""
    groups: list[_Group] = []
    by_class: dict[tuple[int, datetime], _Group] = {}
    for event in schedule.events:
        if event.kind == "extended" or not event.in_force:
            continue
        if event.key not in TIMED and event.key not in DATED:
            continue
        if event.key in DUTIES and event.status == "relieved" and not event.observed:
            continue  # relief waives the duty: no sentence for it
        cls = next((i for i, keys in enumerate(CLASSES) if event.key in keys), None)
        if cls is not None:
            group = by_class.get((cls, event.instant))
            if group is not None:
                group.events.append(event)
                continue
            group = by_class[(cls, event.instant)] = _Group([event])
        else:
            group = _Group([event])
        groups.append(group)
    order = {key: i for i, key in enumerate([*TIMED, *DATED])}
    return sorted(groups, key=lambda g: (g.instant, order[g.events[0].key]))


def _long_date(loc: Localizer, day: date) -> str:
    """ "Thursday, September 12, 2002", "jeudi 12 septembre 2002"; French documents write the first of
    the month "1er" ("lundi 1er juin 2026"), which CLDR leaves as "1"."""
    text = format_date(loc, day, "long")
    if loc.lang.words == "fr" and day.day == 1:
        text = re.sub(r"(?<!\d)1(?!\d)", "1er", text, count=1)
    return text


def _lead(loc: Localizer, group: _Group) -> Event:
    prefixes = LEAD_ZONES.get(loc.lang.words, ())
    return next((e for e in group.events if e.zone.startswith(prefixes)), group.events[0])


def _leg_zones(schedule: Schedule) -> list[str]:
    """The zones of the deal's legs, in the schedule's order (zones only shown are not legs')."""
    legs = {e.zone for e in schedule.events}
    return [z for z in schedule.zones if z in legs]


def notice_sentence(loc: Localizer, schedule: Schedule, group: _Group) -> str:
    lead = _lead(loc, group)
    if lead.key in DATED:
        on, about = DATED[lead.key]
        template = about if lead.estimate and (not lead.observed or lead.approximate) else on
        return loc._(template).format(date=_long_date(loc, lead.day))
    day, clock = format_clock(loc, lead.instant, lead.zone)
    end_of_day = day_and_clock(lead.instant, lead.zone)[1] == "24:00"
    others = []
    for zone_name in _leg_zones(schedule):
        if zone_name == lead.zone:
            continue
        other_day, other_clock = format_clock(loc, lead.instant, zone_name)
        values = {"time": other_clock, "zone": zone_label(loc, zone_name)}
        if other_day != day:
            others.append(loc._(OTHER_TIME_OTHER_DAY).format(date=_long_date(loc, other_day), **values))
        else:
            others.append(loc._(OTHER_TIME).format(**values))
    variants = TIMED[lead.key]
    template = variants[(2 if end_of_day else 0) + (1 if others else 0)]
    # Translators: between the times in other zones in a notice sentence ("18:00, Paris time; 17:00, London time")
    separator = loc.pgettext("separator between the times of a notice", "; ")
    return loc._(template).format(
        time=clock,
        zone=zone_label(loc, lead.zone),
        other_times=separator.join(others),
        date=_long_date(loc, day),
    )


def to_notice(schedule: Schedule, locs: Sequence[Localizer]) -> str:
    """The notice sentences, one a line, in each language of ``locs`` (a blank line between languages)."""
    groups = notice_events(schedule)
    blocks = ["".join(notice_sentence(loc, schedule, g) + "\n" for g in groups) for loc in locs]
    return "\n".join(blocks)
