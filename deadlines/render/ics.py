"""The schedule as an iCalendar file (RFC 5545), written with the ``icalendar`` library.

``icalendar`` is imported only when a calendar is written (:func:`to_ics`): it escapes, folds and orders
the content lines, and writes the VTIMEZONE an end-of-day deadline needs.

- One VEVENT per event. A deadline is an instant: DTSTART = DTEND in UTC (a zero-length event, valid
  under RFC 5545 3.6.1, shown as a point in time by Google Calendar, Apple Calendar, Outlook and
  Thunderbird). An end-of-day deadline (24:00 on day D in its regime's zone, stored as 00:00 on D + 1) is
  the exception: see :func:`_times`.
- SUMMARY: the short event label and the regime in words ("Expiry of the offer (US offer)"), never an
  internal id; the description has the full label, the rule, the count, the trace and every zone's time.
- UID: ``<event id>@<slug of the deal name>``, the same on every export, so that importing an updated
  schedule replaces its events instead of adding copies.
- DTSTAMP: required, and normally the time the file was written, which would make every export
  different. We use the latest instant of the schedule instead: it depends only on the data, and an
  extended timetable (a later last deadline) gets a later stamp, which RFC 5546 clients read as newer.
- Reminders (``--remind 1d,2h``): one VALARM (DISPLAY, its description the summary) per duration, that
  long before the deadline.
- No "days left": a calendar file is read on other days than the one it was written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .. import __version__
from ..errors import InputError
from ..i18n import Localizer
from ..schedule import Event, Schedule
from ..text import N_, terminal_safe

if TYPE_CHECKING:
    from .rows import Row


_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
_REMINDER = re.compile(r"(\d{1,4})([dhm])")


def parse_reminders(text: str) -> list[timedelta]:
    """``--remind``: durations separated by commas, each a whole number of days, hours or minutes
    ("1d,2h,30m"), in the order given, without repeats.

    >>> parse_reminders("1d, 2h,1d")
    [datetime.timedelta(days=1), datetime.timedelta(seconds=7200)]
    """
    out: list[timedelta] = []
    for item in text.split(","):
        found = _REMINDER.fullmatch(item.strip().lower())
        if found is None:
            raise InputError(
                N_("'{value}' is not a reminder: give durations such as 1d, 2h or 30m, separated by commas"),
                value=item.strip() or text,
            )
        duration = timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})
        if duration not in out:
            out.append(duration)
    return out


def _unnamed(schedule: Schedule) -> str:
    """A UID domain for a deal without a name, from its regimes and their day 1: two command-line
    timetables imported into one calendar never replace each other's events, the same one always does."""
    import hashlib

    starts = sorted(f"{e.id}@{e.day.isoformat()}" for e in schedule.events if e.kind == "start")
    return "deal-" + hashlib.sha256("|".join(starts).encode()).hexdigest()[:12]


def slug(name: str) -> str:
    """The deal's name as ASCII letters, digits and hyphens, for UIDs ("deadlines" if nothing is left).

    >>> slug("Serono / Genset (2002)"), slug("Société Générale"), slug("")
    ('serono-genset-2002', 'societe-generale', 'deadlines')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "deadlines"


def ics_value(value: str) -> str:
    """Text for a property: control and bidirectional-override characters shown as escapes, as in every
    other format; line breaks kept (icalendar escapes them, and commas and semicolons, per RFC 5545)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(terminal_safe(line) for line in value.split("\n"))


def end_of_day(event: Event) -> bool:
    """An end-of-day deadline: 24:00 on its day in its zone, that is 00:00 on the next day."""
    local = event.instant.astimezone(ZoneInfo(event.zone))
    return local.time() == time(0) and local.date() == event.day + timedelta(days=1)


def _times(event: Event) -> tuple[datetime, datetime]:
    """DTSTART and DTEND of ``event``.

    An instant in UTC, except an end-of-day deadline. Written as 00:00 on D + 1 it would appear on the
    wrong day, D + 1, in every calendar app; as an all-day event (VALUE=DATE) it would lose its time and
    zone (all-day events float: they show on D in every viewer's zone, and a reminder counts from a
    floating midnight). So it is a one-minute timed event in its regime's zone, 23:59 to 24:00 on D
    (DTEND written 00:00 on D + 1): Outlook, Google Calendar and Apple Calendar place a timed event on the
    day it starts, and one that ends exactly at midnight is not drawn on the next day. Its end is the
    deadline itself, and its reminders count back from the end (TRIGGER;RELATED=END); a client that
    ignores RELATED=END is one minute early.
    """
    if end_of_day(event):
        zone = ZoneInfo(event.zone)
        end = event.instant.astimezone(zone)
        return datetime.combine(event.day, time(23, 59), zone), end
    start = event.instant.astimezone(UTC)
    return start, start


# Translators: a calendar event's title: the event and its offer, e.g. "Expiry of the offer (US offer)"
TITLE = N_("{event} ({offer})")
# Translators: a calendar event's title when the event's words already end in parentheses, e.g.
# "Target's position (14D-9), US offer"
TITLE_AFTER_PARENTHESES = N_("{event}, {offer}")


def summary(loc: Localizer, row: Row) -> str:
    """ "Expiry of the offer (US offer)", with the marks after it ("[estimate; waived]"); an event whose
    words end in a parenthesis gives its offer after a comma ("Prise de position (14D-9), offre américaine")
    rather than in a second pair of parentheses."""
    event = row.unqualified or row.short or row.label
    title = TITLE_AFTER_PARENTHESES if event.endswith(")") else TITLE
    from .rows import regime_words

    text = loc._(title).format(event=event, offer=regime_words(loc, row.regime))
    return f"{text} [{_marks(loc, row)}]" if row.marks else text


def _marks(loc: Localizer, row: Row) -> str:
    """A row's marks in the language: "estimate; waived", "estimation ; dérogation"."""
    return loc.pgettext("separator between the parts of a trace", "; ").join(row.marks)


def to_ics(schedule: Schedule, locs: Sequence[Localizer], reminders: Sequence[timedelta] = ()) -> str:
    """An iCalendar file with one VEVENT per event, in the languages of ``locs`` (the first leads), with
    one VALARM per duration in ``reminders``."""
    import icalendar

    from .rows import schedule_rows

    all_rows = [schedule_rows(schedule, loc) for loc in locs]  # no today: no "days left" in a calendar
    domain = slug(schedule.name) if slug(schedule.name) != "deadlines" else _unnamed(schedule)
    language = {"LANGUAGE": locs[0].lang.locale.replace("_", "-")} if len(locs) == 1 else {}
    names = list(dict.fromkeys(rows.title for rows in all_rows))
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", f"-//deadlines//deadlines {__version__}//EN")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", ics_value(" / ".join(names)))
    zones = sorted({e.zone for e in schedule.events if end_of_day(e)})  # the zones TZID names
    if zones:
        days = [e.day for e in schedule.events]
        # The zones' rules over the schedule's years only: a short VTIMEZONE, the same on every export (in
        # a fixed order, which Calendar.add_missing_timezones does not keep).
        first, last = date(min(days).year, 1, 1), date(max(days).year + 2, 1, 1)
        for zone_name in zones:
            cal.add_component(icalendar.Timezone.from_tzid(zone_name, first_date=first, last_date=last))
    stamp = max(e.instant for e in schedule.events).astimezone(UTC) if schedule.events else None
    for i, event in enumerate(schedule.events):
        rows = [r.rows[i] for r in all_rows]
        title = ics_value(" / ".join(dict.fromkeys(summary(loc, row) for loc, row in zip(locs, rows, strict=True))))
        description = "\n\n".join(_description(loc, row, schedule.zones) for loc, row in zip(locs, rows, strict=True))
        start, end = _times(event)
        vevent = icalendar.Event()
        vevent.add("uid", f"{ics_value(event.id)}@{domain}")
        if stamp is not None:
            vevent.add("dtstamp", stamp)
        vevent.add("dtstart", start)
        vevent.add("dtend", end)
        vevent.add("summary", title, parameters=language)
        vevent.add("description", ics_value(description), parameters=language)
        vevent.add("categories", [ics_value(event.regime)])
        vevent.add("status", "TENTATIVE" if event.estimate and not event.observed else "CONFIRMED")
        vevent.add("transp", "TRANSPARENT")
        for before in reminders:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", title)
            params: dict[str, Any] = {"RELATED": "END"} if start != end else {}
            alarm.add("trigger", -before, parameters=params)
            vevent.add_component(alarm)
        cal.add_component(vevent)
    return str(cal.to_ical(), "utf-8")


def _description(loc: Localizer, row: Row, zones: Sequence[str]) -> str:
    from ..i18n.formats import format_clock, format_date, zone_label

    label = f"{row.label} [{_marks(loc, row)}]" if row.marks else row.label
    lines = [label, loc._(N_("Rule: {rule}")).format(rule=row.rule)]
    if row.count:
        lines.append(loc._(N_("Count: {count}")).format(count=row.count))
    lines.append(loc._(N_("How it was counted: {trace}")).format(trace=row.trace))
    for zone_name in zones:
        day, clock = format_clock(loc, row.event.instant, zone_name)
        # Translators: one line of a calendar event's description: "New York time: Thu, Sep 12, 2002 12:00 PM"
        zone_line = N_("{zone}: {time}")
        when = f"{format_date(loc, day, 'medium')} {clock}"
        lines.append(loc._(zone_line).format(zone=zone_label(loc, zone_name), time=when))
    if row.note:
        lines.append(row.note)
    return "\n".join(lines)
