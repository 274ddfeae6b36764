"""The timetable deal teams circulate, as an HTML page: Date | Day | D+n | Event | time per zone | Reference.

A real ``<table>`` (one ``<tr>`` per event in ``<tbody>``) with a print stylesheet, self-contained: the CSS is
inline, and the page fetches nothing (no font, script, image or link to a network address). Marks (breach,
waived, estimate...) are words, not only colours. Times are written as offer documents write them
(:mod:`deadlines.i18n.formats`: "12:00 noon" in New York, "18:00" in Paris, "18h00" in French).

:func:`timetables` builds the cells in each language; :mod:`deadlines.render.docx` draws the same cells in a
Word document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape

from ..i18n import Localizer, cldr
from ..i18n.formats import first_of_month, format_date, zone_label
from ..schedule import Event, Schedule
from ..text import N_, Msg, Ordinal, terminal_safe
from .rows import SEVERITY, Row, hidden_line, schedule_rows, visible_rows, weekday

# The row styles a document keeps: the event's status, not its distance from today (a file outlives the day).
STATUS_STYLES = frozenset({"breach", "relieved", "estimate", "observed"})


@dataclass
class Line:
    """One event's cells, in one language."""

    date: str
    day: str
    count: str  # "20th business day" / "59th calendar day" from the launch
    event: str
    marks: list[str]  # words: "estimate", "waived", "breach"...
    times: list[str]  # one per zone
    reference: str  # short ("14e-1(a)")
    citation: str  # the rule in full
    style: str  # breach, relieved, estimate, observed, or ""


@dataclass
class Timetable:
    """The document in one language: title, caption (which day is day 1), headers, lines, notes under it."""

    lang: str  # BCP 47 ("en", "fr", "fr-CA")
    language: str  # the language's own name, for a bilingual document's section headings
    title: str
    caption: str
    headers: list[str]
    lines: list[Line] = field(default_factory=list)
    below: list[str] = field(default_factory=list)  # legend and the count of hidden rules
    notes: list[tuple[str, str]] = field(default_factory=list)  # severity word, message
    separator: str = "; "  # between a line's marks, in the language ("; ", " ; ")
    note: str = "{severity}: {message}"  # one note, in the language ("{severity} : {message}")


def launch_day(schedule: Schedule) -> date | None:
    """The launch: the first day an offer opens (each leg's day 1)."""
    starts = [e.day for e in schedule.events if e.kind == "start"]
    return min(starts) if starts else min((e.day for e in schedule.events), default=None)


def day_count(loc: Localizer, event: Event, launch: date | None) -> str:
    """The event's day counted from the launch (day 1): the rule's own business or trading day when it counts
    from the launch ("20th business day"), calendar days otherwise ("59th calendar day")."""
    if launch is None or event.day < launch:
        return ""
    count = event.count
    if event.business_day and count is not None and count.first == launch:
        return loc.text(Ordinal(event.business_day, count.unit))
    return loc.text(Ordinal((event.day - launch).days + 1, "calendar"))


def timetable(schedule: Schedule, loc: Localizer, today: date | None = None, show_all: bool = False) -> Timetable:
    rows = schedule_rows(schedule, loc, today)
    shown, hidden = visible_rows(rows, show_all)
    launch = launch_day(schedule)
    caption = ""
    if launch is not None:
        caption = loc.text(
            Msg(
                N_(
                    "D+n: the day counted from the launch, {day}, which is day 1: business or trading days"
                    " where the rule counts them from the launch, calendar days otherwise."
                ),
                day=_Formatted(format_date(loc, launch, "long")),
            )
        )
    headers = [
        loc._(N_("Date")),
        loc.pgettext("day of the week, column header", "Day"),
        loc.pgettext("day counted from the launch, column header", "D+n"),
        loc._(N_("Event")),
        *(zone_label(loc, z, header=True) for z in schedule.zones),
        loc.pgettext("column header", "Reference"),
    ]
    table = Timetable(
        lang=loc.lang.locale.replace("_", "-"),
        language=_capitalized(cldr.language_name(loc.lang.locale)),  # a heading: "Français"
        title=terminal_safe(rows.title),
        caption=caption,
        headers=headers,
        separator=loc.pgettext("separator between the parts of a trace", "; "),
        note=loc._(N_("{severity}: {message}")),
    )
    for row in shown:
        table.lines.append(_line(loc, row, schedule.zones, launch))
    table.below.append(rows.legend)
    if hidden:
        table.below.append(hidden_line(loc, hidden, document=True))
    for severity, _code, message in rows.warnings:
        table.notes.append((loc._(SEVERITY.get(severity, N_("note"))), terminal_safe(message)))
    return table


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Formatted(str):
    """A date already written in the locale's words (a Msg value kept as it is)."""


def _line(loc: Localizer, row: Row, zones: Sequence[str], launch: date | None) -> Line:
    event = row.event
    times = []
    for day, clock in zip(row.days, row.clocks, strict=True):
        # a zone where the instant falls on another day says which ("Fri 06:00")
        times.append(clock if day == event.day else f"{weekday(loc, day)} {clock}")
    return Line(
        date=first_of_month(loc, event.day, cldr.format_skeleton("yMMMd", event.day, loc.lang.locale)),
        day=cldr.format_date(event.day, "EEEE", loc.lang.locale),
        count=day_count(loc, event, launch),
        event=terminal_safe(row.short),
        marks=[terminal_safe(m) for m in row.marks],
        times=times,
        reference=terminal_safe(row.ref),
        citation=terminal_safe(row.rule),
        style=row.style if row.style in STATUS_STYLES else "",  # past or upcoming: today's, not the file's
    )


def timetables(
    schedule: Schedule, locs: Sequence[Localizer], today: date | None = None, show_all: bool = False
) -> list[Timetable]:
    return [timetable(schedule, loc, today, show_all) for loc in locs]


def document_title(tables: Sequence[Timetable]) -> str:
    return " / ".join(dict.fromkeys(t.title for t in tables))


# -- HTML ----------------------------------------------------------------------------------------------

# Inline, no @import, no url(): nothing to fetch. Colours only repeat what the words say.
STYLESHEET = """\
body { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; font-size: 10pt; color: #111;
  margin: 2em; }
h1 { font-size: 16pt; margin: 0 0 0.5em; }
h2 { font-size: 13pt; margin: 1.5em 0 0.5em; }
table { border-collapse: collapse; width: 100%; }
caption { caption-side: top; text-align: left; font-size: 9pt; color: #444; padding: 0 0 0.4em; }
th, td { border: 1px solid #999; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
thead th { background: #eee; }
td.date, td.time, td.count { white-space: nowrap; }
.mark { font-style: italic; }
tr.breach td { background: #fde2e2; }
tr.breach .mark { font-weight: bold; color: #a00; }
tr.relieved .mark, tr.estimate .mark, tr.observed .mark { color: #555; }
.below { font-size: 9pt; color: #444; }
.notes li { margin: 0.2em 0; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; font-size: 9pt; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  section + section { page-break-before: always; break-before: page; }
  tr.breach td { background: none; }
}
"""


def _e(text: str) -> str:
    return escape(terminal_safe(text), quote=True)


def to_html(schedule: Schedule, locs: Sequence[Localizer], today: date | None = None, show_all: bool = False) -> str:
    """The page, one section per language (in the order of ``locs``; the first gives the page's ``lang``)."""
    tables = timetables(schedule, locs, today, show_all)
    bilingual = len(tables) > 1
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(tables[0].lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_e(document_title(tables))}</title>",
        "<style>",
        STYLESHEET.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(document_title(tables))}</h1>",
    ]
    for table in tables:
        out += _section(table, bilingual)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _section(table: Timetable, bilingual: bool) -> list[str]:
    out = [f'<section lang="{_e(table.lang)}">']
    if bilingual:
        out.append(f"<h2>{_e(table.language)}</h2>")
    out.append("<table>")
    if table.caption:
        out.append(f"<caption>{_e(table.caption)}</caption>")
    out.append("<thead>")
    out.append("<tr>" + "".join(f'<th scope="col">{_e(h)}</th>' for h in table.headers) + "</tr>")
    out.append("</thead>")
    out.append("<tbody>")
    for line in table.lines:
        event = _e(line.event)
        if line.marks:
            event += " " + "".join(f'<span class="mark">({_e(table.separator.join(line.marks))})</span>')
        cells = [
            f'<td class="date">{_e(line.date)}</td>',
            f"<td>{_e(line.day)}</td>",
            f'<td class="count">{_e(line.count)}</td>',
            f"<td>{event}</td>",
            *(f'<td class="time">{_e(t)}</td>' for t in line.times),
            f'<td title="{_e(line.citation)}">{_e(line.reference)}</td>',
        ]
        row_class = f' class="{_e(line.style)}"' if line.style else ""
        out.append(f"<tr{row_class}>" + "".join(cells) + "</tr>")
    out.append("</tbody>")
    out.append("</table>")
    out += [f'<p class="below">{_e(text)}</p>' for text in table.below]
    if table.notes:
        out.append('<ul class="notes">')
        note = _e(table.note)
        out += [
            "<li>" + note.format(severity=f"<strong>{_e(word)}</strong>", message=_e(message)) + "</li>"
            for word, message in table.notes
        ]
        out.append("</ul>")
    out.append("</section>")
    return out
