"""Notices: the deadline sentences announcements and offer documents need, in one language or two.

``deadlines schedule DEAL --format notice`` writes one sentence a line for the key events: each leg's
expiry or closing, the end of a subsequent offering period (US) or of a reopened offer (France), the
results, and the announcement of an extension when its rule applies (not waived by relief). Legs that end
at the same instant share one sentence, which names the first leg's event (the US subsequent offering
period, not the French reopened offer, in the seed) in every language, so that the English and French
notices announce the same events; only the zone that leads differs: New York in English, Paris in French,
the time in the other legs' zones after it, as the seed did ("12:00 noon, New York City time (18:00, Paris
time)"). Zones only shown (``show``) are left out. Before 24 November 2003 the French regulator that
published results was the CMF, and the notices say so.

Every sentence is one catalog message (a whole template with placeholders), so a translator sees the
whole sentence; times, zones and dates are the project's formats (:mod:`deadlines.i18n.formats`). A
deadline at the end of a day keeps the day that ends ("12:00 midnight, New York City time, at the end of
the day on Monday, July 29, 2002"), the time in another zone after it.
"""

from __future__ import annotations

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
        N_("The offer will expire at {time}, {zone}, at the end of the day on {date}, unless extended."),
        N_(
            "The offer will expire at {time}, {zone}, at the end of the day on {date} ({other_times}), unless extended."
        ),
    ),
    "closing": (
        N_("The offer will close at {time}, {zone}, on {date}, unless extended."),
        N_("The offer will close at {time}, {zone} ({other_times}), on {date}, unless extended."),
        N_("The offer will close at {time}, {zone}, at the end of the day on {date}, unless extended."),
        N_("The offer will close at {time}, {zone}, at the end of the day on {date} ({other_times}), unless extended."),
    ),
    "sop-expiry": (
        N_("The subsequent offering period will expire at {time}, {zone}, on {date}, unless extended."),
        N_("The subsequent offering period will expire at {time}, {zone} ({other_times}), on {date}, unless extended."),
        N_(
            "The subsequent offering period will expire at {time}, {zone}, at the end of the day on {date}, "
            "unless extended."
        ),
        N_(
            "The subsequent offering period will expire at {time}, {zone}, at the end of the day on {date} "
            "({other_times}), unless extended."
        ),
    ),
    "reopening-closing": (
        N_("The reopened offer will close at {time}, {zone}, on {date}, unless extended."),
        N_("The reopened offer will close at {time}, {zone} ({other_times}), on {date}, unless extended."),
        N_("The reopened offer will close at {time}, {zone}, at the end of the day on {date}, unless extended."),
        N_(
            "The reopened offer will close at {time}, {zone}, at the end of the day on {date} ({other_times}), "
            "unless extended."
        ),
    ),
    # Swiss offers (Takeover Ordinance): the end of the additional acceptance period (art. 14(5)).
    "additional-period-end": (
        N_("The additional acceptance period will end at {time}, {zone}, on {date}."),
        N_("The additional acceptance period will end at {time}, {zone} ({other_times}), on {date}."),
        N_("The additional acceptance period will end at {time}, {zone}, at the end of the day on {date}."),
        N_(
            "The additional acceptance period will end at {time}, {zone}, at the end of the day on {date} "
            "({other_times})."
        ),
    ),
    # UK offers (Takeover Code): the first closing date (1.00 pm in practice), the unconditional date (midnight
    # on Day 60) and the acceptance-level announcement (Rule 17.1).
    "first-closing": (
        N_("The first closing date of the offer is {time}, {zone}, on {date}."),
        N_("The first closing date of the offer is {time}, {zone} ({other_times}), on {date}."),
        N_("The first closing date of the offer is {time}, {zone}, at the end of the day on {date}."),
        N_("The first closing date of the offer is {time}, {zone}, at the end of the day on {date} ({other_times})."),
    ),
    "unconditional-date": (
        N_("The offer must become or be declared unconditional by {time}, {zone}, on {date}, or it will lapse."),
        N_(
            "The offer must become or be declared unconditional by {time}, {zone} ({other_times}), on {date}, or it "
            "will lapse."
        ),
        N_(
            "The offer must become or be declared unconditional by {time}, {zone}, on {date} (Day 60), or it will "
            "lapse."
        ),
        N_(
            "The offer must become or be declared unconditional by {time}, {zone}, on {date} (Day 60) "
            "({other_times}), or it will lapse."
        ),
    ),
    # The timetable before 5 July 2021: Day 60 for the acceptance condition, Day 81 for the others.
    "acceptance-condition-date": (
        N_(
            "The offer must become or be declared unconditional as to acceptances by {time}, {zone}, on {date}, or "
            "it will lapse."
        ),
        N_(
            "The offer must become or be declared unconditional as to acceptances by {time}, {zone} "
            "({other_times}), on {date}, or it will lapse."
        ),
        N_(
            "The offer must become or be declared unconditional as to acceptances by {time}, {zone}, on {date} "
            "(Day 60), or it will lapse."
        ),
        N_(
            "The offer must become or be declared unconditional as to acceptances by {time}, {zone}, on {date} "
            "(Day 60) ({other_times}), or it will lapse."
        ),
    ),
    "other-conditions-date": (
        N_(
            "If the offer becomes unconditional as to acceptances on Day 60, every other condition must be "
            "fulfilled by {time}, {zone}, on {date}, or the offer will lapse."
        ),
        N_(
            "If the offer becomes unconditional as to acceptances on Day 60, every other condition must be "
            "fulfilled by {time}, {zone} ({other_times}), on {date}, or the offer will lapse."
        ),
        N_(
            "If the offer becomes unconditional as to acceptances on Day 60, every other condition must be "
            "fulfilled by {time}, {zone}, on {date} (Day 81), or the offer will lapse."
        ),
        N_(
            "If the offer becomes unconditional as to acceptances on Day 60, every other condition must be "
            "fulfilled by {time}, {zone}, on {date} (Day 81) ({other_times}), or the offer will lapse."
        ),
    ),
    "acceptance-level": (
        N_("The level of acceptances will be announced no later than {time}, {zone}, on {date}."),
        N_("The level of acceptances will be announced no later than {time}, {zone} ({other_times}), on {date}."),
        N_("The level of acceptances will be announced no later than {time}, {zone}, at the end of the day on {date}."),
        N_(
            "The level of acceptances will be announced no later than {time}, {zone}, at the end of the day on "
            "{date} ({other_times})."
        ),
    ),
    "results-announcement": (
        N_("The results of the offer will be announced no later than {time}, {zone}, on {date}."),
        N_("The results of the offer will be announced no later than {time}, {zone} ({other_times}), on {date}."),
        N_("The results of the offer will be announced no later than {time}, {zone}, at the end of the day on {date}."),
        N_(
            "The results of the offer will be announced no later than {time}, {zone}, at the end of the day on "
            "{date} ({other_times})."
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
            "Any extension of the offer will be announced no later than {time}, {zone}, at the end of the day on "
            "{date}, the next business day after the scheduled expiration date."
        ),
        N_(
            "Any extension of the offer will be announced no later than {time}, {zone}, at the end of the day on "
            "{date} ({other_times}), the next business day after the scheduled expiration date."
        ),
    ),
}

# Sentences with a day only (the French regulator's notices): (on the day, about the day: an estimate), for
# the AMF and, before it existed, the CMF.
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
DATED_CMF = {
    "result": (
        N_("The CMF will publish the results of the offer on {date}."),
        N_("The CMF will publish the results of the offer on or about {date}."),
    ),
    "reopening-result": (
        N_("The CMF will publish the final results of the reopened offer on {date}."),
        N_("The CMF will publish the final results of the reopened offer on or about {date}."),
    ),
}

# Under the WpÜG the bidder publishes the result (§ 23(1) sentence 1 no. 2), not a regulator.
DATED_BIDDER = {
    "result": (
        N_("The bidder will publish the results of the offer on {date}."),
        N_("The bidder will publish the results of the offer on or about {date}."),
    ),
}

# The AMF took over from the CMF (and the COB) on 24 November 2003 (Loi de sécurité financière of
# 1 August 2003, decree of 21 November 2003): a notice published before that day is the CMF's. (The fr-amf
# rulebook's historic_before, 24 November 2004, is the AMF General Regulation's, not the regulator's.)
AMF_FROM = date(2003, 11, 24)

# The time in another leg's zone: on the same day, or on another day.
# Translators: the time in another zone inside a notice sentence, e.g. "18:00, Paris time"
OTHER_TIME = N_("{time}, {zone}")
# Translators: the time in another zone inside a notice sentence when that zone's day differs, e.g.
# "06:00, Paris time, on Tuesday, July 30, 2002"
OTHER_TIME_OTHER_DAY = N_("{time}, {zone}, on {date}")

# Duties a notice announces only while they apply: relief that waives one drops its sentence.
DUTIES = ("extension-notice", "results-announcement")

# Events that end at one instant for every leg share a sentence: the rule keys of one class.
CLASSES = (("expiry", "closing", "first-closing"), ("sop-expiry", "reopening-closing", "additional-period-end"))

# The zone each language leads with, when a leg is in it: US documents lead with New York, French ones
# with Paris. Only the order of the zones depends on the language: the event a shared sentence names (the
# first leg's, in the schedule's order) is the same in every language, so both notices announce the same
# events.
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
        if event.key not in TIMED and _dated(event) is None:
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
    order = {key: i for i, key in enumerate([*TIMED, *DATED, *DATED_BIDDER])}
    return sorted(groups, key=lambda g: (g.instant, order[g.events[0].key]))


def _long_date(loc: Localizer, day: date) -> str:
    """ "Thursday, September 12, 2002", "jeudi 12 septembre 2002"; French documents write the first of
    the month "1er" ("lundi 1er juin 2026"), which CLDR leaves as "1"."""
    return format_date(loc, day, "long")


def _dated(event: Event) -> tuple[str, str] | None:
    """The sentences (on the day, about the day) of an event a notice dates without a time, by who publishes
    it: the French regulator's results (the CMF's before 24 November 2003), a German bidder's; None for an
    event with a time, or with no such sentence for its regime (a result key means another thing elsewhere)."""
    if event.regime.startswith("fr-amf"):
        return (DATED if event.day >= AMF_FROM else DATED_CMF).get(event.key)
    if event.regime == "de-wpug":
        return DATED_BIDDER.get(event.key)
    return None


def _leg_zones(schedule: Schedule) -> list[str]:
    """The zones of the deal's legs, in the schedule's order (zones only shown are not legs')."""
    legs = {e.zone for e in schedule.events}
    return [z for z in schedule.zones if z in legs]


def _named(schedule: Schedule, group: _Group) -> Event:
    """The event a group's sentence names, whatever the language: the first leg's."""
    order = {zone: i for i, zone in enumerate(_leg_zones(schedule))}
    return min(group.events, key=lambda e: order.get(e.zone, len(order)))


def _lead_zone(loc: Localizer, group: _Group, named: Event) -> str:
    """The zone a sentence gives its time in first: the language's own, when one of the group's legs is in it."""
    prefixes = LEAD_ZONES.get(loc.lang.words, ())
    return next((e.zone for e in group.events if e.zone.startswith(prefixes)), named.zone)


def notice_sentence(loc: Localizer, schedule: Schedule, group: _Group) -> str:
    named = _named(schedule, group)
    dated = _dated(named)
    if dated is not None:
        on, about = dated
        template = about if named.estimate and (not named.observed or named.approximate) else on
        return loc._(template).format(date=_long_date(loc, named.day))
    lead_zone = _lead_zone(loc, group, named)
    day, clock = format_clock(loc, named.instant, lead_zone)
    end_of_day = day_and_clock(named.instant, lead_zone)[1] == "24:00"
    others = []
    for zone_name in _leg_zones(schedule):
        if zone_name == lead_zone:
            continue
        other_day, other_clock = format_clock(loc, named.instant, zone_name)
        values = {"time": other_clock, "zone": zone_label(loc, zone_name)}
        if other_day != day:
            others.append(loc._(OTHER_TIME_OTHER_DAY).format(date=_long_date(loc, other_day), **values))
        else:
            others.append(loc._(OTHER_TIME).format(**values))
    variants = TIMED[named.key]
    template = variants[(2 if end_of_day else 0) + (1 if others else 0)]
    # Translators: between the times in other zones in a notice sentence ("18:00, Paris time; 17:00, London time")
    separator = loc.pgettext("separator between the times of a notice", "; ")
    return loc._(template).format(
        time=clock,
        zone=zone_label(loc, lead_zone),
        other_times=separator.join(others),
        date=_long_date(loc, day),
    )


def to_notice(schedule: Schedule, locs: Sequence[Localizer]) -> str:
    """The notice sentences, one a line, in each language of ``locs`` (a blank line between languages)."""
    groups = notice_events(schedule)
    blocks = ["".join(notice_sentence(loc, schedule, g) + "\n" for g in groups) for loc in locs]
    return "\n".join(blocks)
