"""``deadlines scan``: the launch-date scan as a table, CSV or JSON, in one language or two.

CSV and JSON keep stable English keys for scripts (``launch``, ``expiry_utc``, ``local:ZONE``,
``days:REGIME``, ``flags``...) with the notes in each chosen language; the table says the same in words.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from itertools import repeat
from typing import TYPE_CHECKING

from ..i18n import Localizer
from ..records import Memo
from ..rules import get_rulebook
from ..scan import DST, HISTORIC, HOLIDAY, MAXIMUM, NO_MINIMUM, Closed, ScanRow
from ..text import N_, Items, Msg, ZoneName
from ..timeutil import iso_many, utc_offset_hours

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod
    from rich.table import Table

FLAG_NOTES = {
    DST: N_("clocks out of step: {a} and {b} are {hours} hours apart instead of {usual}"),
    MAXIMUM: N_("after the maximum period of {regimes}"),
    NO_MINIMUM: N_("no minimum period encoded for this date: choose the expiry"),
    HISTORIC: N_("{regimes}: rules for this date not encoded"),
}


def notes(row: ScanRow, zones: Sequence[str]) -> list[Msg]:
    """What to watch for a launch date, as messages to translate (closed days first)."""
    return [*map(_closed_note, row.closed), *_other_notes(row, zones)]


def _closed_note(closed: Closed) -> Msg:
    return Msg(
        N_("{calendar} closed {day}: {names}"),
        calendar=closed.calendar,
        day=closed.day,
        names=Items(closed.labels, "slash"),
    )


class _NoteTexts:
    """The notes of a scan's rows in one language, as text: a closed day, which the rows of many launch
    dates name, is worded once."""

    def __init__(self, loc: Localizer, zones: Sequence[str]) -> None:
        self.loc, self.zones = loc, zones
        self.closed: dict[tuple[date, str], str] = {}

    def __call__(self, row: ScanRow) -> list[str]:
        out = []
        for c in row.closed:
            key = (c.day, c.calendar)
            if key not in self.closed:
                self.closed[key] = self.loc.text(_closed_note(c))
            out.append(self.closed[key])
        return out + list(map(self.loc.text, _other_notes(row, self.zones)))


def _other_notes(row: ScanRow, zones: Sequence[str]) -> list[Msg]:
    """What to watch besides the closed days."""
    out = []
    if row.dst_gap is not None and row.expiry is not None and len(zones) > 1:
        usual = utc_offset_hours(datetime(row.expiry.year, 1, 15, 12, tzinfo=UTC), zones[0], zones[1])
        out.append(
            Msg(
                FLAG_NOTES[DST],
                a=ZoneName(zones[0]),
                b=ZoneName(zones[1]),
                hours=f"{abs(row.dst_gap):g}",
                usual=f"{abs(usual):g}",
            )
        )
    if row.after_maximum:
        out.append(Msg(FLAG_NOTES[MAXIMUM], regimes=Items(row.after_maximum, "comma")))
    if row.expiry is None:
        out.append(Msg(FLAG_NOTES[NO_MINIMUM]))
    if row.historic:
        out.append(Msg(FLAG_NOTES[HISTORIC], regimes=Items(row.historic, "comma")))
    return out


# Rows a piece of CSV or JSON holds: a scan over decades is written piece by piece, so the text of one piece
# at a time is in memory (about 300 kB), not the whole (megabytes, for which each new page of memory costs).
PIECE_ROWS = 512


def scan_json(
    rows: Sequence[ScanRow], regimes: Sequence[str], zones: Sequence[str], locs: Sequence[Localizer]
) -> Iterator[str]:
    """The scan as JSON, in pieces to write one after the other, with stable English keys and the notes in
    each language of ``locs``: one row a line.

    Thousands of rows: each is encoded on its own by json's C encoder (an indented document falls back to
    the pure-Python encoder, several times slower), and the notes are worded once for each distinct set of
    what to watch, which neighbouring launch dates share.
    """
    texts = [Localizer(loc.lang, cldr=False) for loc in locs]
    wording = [_NoteTexts(t, zones) for t in texts]
    encode = json.JSONEncoder(ensure_ascii=False).encode
    # A zone's local time as the scan left it in the leg of that zone (converted for a zone no leg has).
    leg_of = {z: next((i for i, r in enumerate(regimes) if get_rulebook(r).zone == z), None) for z in zones}
    # Each row is put together from pieces written once: what to watch (flags, closed days, the clocks'
    # gap, maxima, notes), which neighbouring launch dates share, by json's C encoder; dates and times are
    # ISO text, which JSON writes as they are. (The same text json.dumps writes for the row.) Column by
    # column, each in one pass, then joined row by row: thousands of rows.
    tails: dict[object, str] = {}

    def flagged(row: ScanRow) -> str:
        closed = tuple((c.day, c.calendar) for c in row.closed)
        year = row.expiry.year if row.expiry is not None and row.dst_gap is not None else None  # the usual gap's
        key = (closed, row.dst_gap, year, row.after_maximum, row.expiry is None, row.historic)
        if key not in tails:
            days = [
                {"date": c.day.isoformat(), "calendar": c.calendar, "names": [str(label) for label in c.labels]}
                for c in row.closed
            ]
            tails[key] = (
                f'"flags": {encode(list(row.flags))}, "closed": {encode(days)}, '
                f'"dst_gap_hours": {encode(row.dst_gap)}, "after_maximum": {encode(list(row.after_maximum))}, '
                f'"historic": {encode(list(row.historic))}, '
                f'"notes": {encode({t.lang.words: words(row) for t, words in zip(texts, wording, strict=True)})}}}'
            )
        return tails[key]

    nothing: dict[str, list[str]] = {t.lang.words: [] for t in texts}
    quiet = (  # nothing to watch, as for most launch dates
        f'"flags": [], "closed": [], "dst_gap_hours": null, "after_maximum": [], "historic": [], '
        f'"notes": {encode(nothing)}}}'
    )
    day_text = Memo(date.isoformat)  # launch dates and last days: the same few thousand dates, each written once

    def lines(rows: Sequence[ScanRow]) -> list[str]:
        timed = [row for row in rows if row.expiry is not None]
        expiries = [row.expiry for row in timed]
        # A row with an expiry is its columns' values between fixed pieces of text, joined in one call a row.
        pieces: list[Iterable[str]] = []

        def text(fixed: str) -> None:
            pieces.append(repeat(fixed))

        text('{"launch": "')
        pieces.append([day_text[row.launch] for row in timed])
        text('", "expiry_utc": "')
        pieces.append(iso_many(expiries, None, day_text))
        text('", "local": {')
        for n, (z, i) in enumerate(leg_of.items()):
            text(f'{", " if n else ""}{encode(z)}: "')
            pieces.append(iso_many(expiries if i is None else [row.legs[i].local for row in timed], z, day_text))
            text('"')
        text('}, "legs": [')
        for i, leg in enumerate(timed[0].legs if timed else ()):
            text(f'{", " if i else ""}{{"regime": {encode(leg.regime)}, "calendar": {encode(leg.calendar)}, ')
            text('"last_day": "')
            pieces.append([day_text[row.legs[i].last_day] for row in timed])
            text('", "business_days": ')
            pieces.append([str(row.legs[i].business_days) for row in timed])
            text(f', "unit": {encode(leg.unit)}}}')
        text("], ")
        pieces.append(
            [
                quiet if not (row.closed or row.after_maximum or row.historic) and row.dst_gap is None else flagged(row)
                for row in timed
            ]
        )
        filled = map("".join, zip(*pieces, strict=False))  # as many as the columns: the fixed pieces repeat
        return [
            next(filled)
            if row.expiry is not None
            else f'{{"launch": "{day_text[row.launch]}", "expiry_utc": null, "local": null, "legs": [], {flagged(row)}'
            for row in rows
        ]

    yield f'{{\n  "regimes": {encode(list(regimes))},\n  "zones": {encode(list(zones))},\n  "rows": ['
    for start in range(0, len(rows), PIECE_ROWS):
        yield (",\n    " if start else "\n    ") + ",\n    ".join(lines(rows[start : start + PIECE_ROWS]))
    yield "\n  ]\n}\n" if rows else "]\n}\n"


def scan_csv(
    rows: Sequence[ScanRow], regimes: Sequence[str], zones: Sequence[str], locs: Sequence[Localizer]
) -> Iterator[str]:
    """The scan as CSV, in pieces to write one after the other: a header, then a line a launch date."""
    texts = [Localizer(loc.lang, cldr=False) for loc in locs]
    out = io.StringIO(newline="")
    csv.writer(out).writerow(
        [
            "launch",
            "expiry_utc",
            *(f"local:{z}" for z in zones),
            *(f"days:{r}" for r in regimes),
            *(f"last_day:{r}" for r in regimes),
            "flags",
            *(f"notes:{t.lang.words}" for t in texts),
        ]
    )
    yield out.getvalue()
    separators = [t.pgettext("separator between the parts of a trace", "; ") for t in texts]
    wording = [_NoteTexts(t, zones) for t in texts]
    # The expiry as the scan left it in a leg's zone, or converted for a zone no leg has (None).
    leg_of = [next((i for i, r in enumerate(regimes) if get_rulebook(r).zone == z), None) for z in zones]
    day_text = Memo(date.isoformat)  # launch dates and last days: the same few thousand dates, each written once
    seen: dict[object, list[str]] = {}
    silent = [""] * len(texts)

    def said(row: ScanRow, flags: tuple[str, ...]) -> list[str]:
        key = (tuple((c.day, c.calendar) for c in row.closed), row.dst_gap, row.after_maximum, flags, row.historic)
        if key not in seen:  # neighbouring launch dates share their notes: each is worded once
            seen[key] = [sep.join(words(row)) for words, sep in zip(wording, separators, strict=True)]
        return seen[key]

    def lines(rows: Sequence[ScanRow]) -> str:
        # Column by column (each a list built in one pass), then zipped into lines.
        expiries = [row.expiry for row in rows]
        row_legs = [row.legs for row in rows]  # in the order of the regimes; empty without an expiry
        flags = [row.flags for row in rows]
        columns: list[list[str]] = [[day_text[row.launch] for row in rows], iso_many(expiries, None, day_text)]
        for z, leg in zip(zones, leg_of, strict=True):
            local = expiries if leg is None else [legs[leg].local if legs else None for legs in row_legs]
            columns.append(iso_many(local, z, day_text))
        for i in range(len(regimes)):
            columns.append([str(legs[i].business_days) if legs else "" for legs in row_legs])
        for i in range(len(regimes)):
            columns.append([day_text[legs[i].last_day] if legs else "" for legs in row_legs])
        columns.append([" ".join(f) for f in flags])
        notes_by_row = [said(row, f) if f else silent for row, f in zip(rows, flags, strict=True)]
        columns += [[n[t] and csv_field(n[t]) for n in notes_by_row] for t in range(len(texts))]
        # Only the notes can hold a comma, a quote or a line break (dates, numbers and flag codes cannot):
        # they are quoted as the csv module would, and the lines joined directly, much faster than its writer.
        return "".join(f"{line}\r\n" for line in map(",".join, zip(*columns, strict=True)))

    for start in range(0, len(rows), PIECE_ROWS):
        yield lines(rows[start : start + PIECE_ROWS])


def csv_field(text: str) -> str:
    """``text`` as the csv module's default dialect writes a field (quoted only when it must be)."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


PIECE = 200  # rows per piece of a long table (drawn one after the other, with progress)
NOTES_MIN = 24  # columns the notes need beside fixed-width columns (else the table wraps its cells)


def scan_tables(
    rows: Sequence[ScanRow],
    regimes: Sequence[str],
    zones: Sequence[str],
    locs: Sequence[Localizer],
    width: int = 120,
    progress: Callable[[int, int], None] | None = None,
) -> list[list[Table]]:
    """Per language, the table (launch date, the expiry in every zone, each leg's count, what to watch) in
    pieces of PIECE rows: every piece has the same column widths, so they read as one table, and a scan of
    thousands of dates is drawn piece by piece instead of in one long silence. When fixed widths would not
    leave the notes NOTES_MIN columns of a ``width``-column table, it is one table that wraps its cells.
    ``progress(done, total)`` hears about every row built and every piece drawn (see :func:`draw_pieces`)."""
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    from ..i18n.formats import format_clock, format_date, zone_label

    total = 2 * len(rows) * len(locs)  # every row built, then drawn
    out = []
    for n, loc in enumerate(locs):
        lines = []
        for k, row in enumerate(rows):
            lines.append((_cells(loc, row, regimes, zones, format_date, format_clock), _style(row)))
            if progress is not None and k % PIECE == 0:
                progress(n * len(rows) + k, total)
        headers = [
            loc._(N_("Launch (day 1)")),
            *(zone_label(loc, z, header=True) for z in zones),
            *(loc.text(Msg(N_("{regime}: days"), regime=r)) for r in regimes),
            loc._(N_("To watch")),
        ]
        # Fixed widths for every column but the last (the notes fold into what is left).
        widths = [max([cell_len(h), *(cell_len(cells[i]) for cells, _ in lines)]) for i, h in enumerate(headers[:-1])]
        title = Text(
            loc.text(Msg(N_("Earliest expiry for each launch date: {regimes}"), regimes=Items(regimes, "comma")))
        )
        fixed = sum(widths) + 2 * len(headers) + NOTES_MIN <= width  # 2: a column's padding
        if not fixed:  # cells that wrap: each time on its own line, so "12:00 midnight" stays whole
            lines = [
                (_cells(loc, row, regimes, zones, format_date, format_clock, "\n"), s)
                for row, (_, s) in zip(rows, lines, strict=True)
            ]
        step = PIECE if fixed else max(len(lines), 1)
        pieces = []
        for start in range(0, max(len(lines), 1), step):
            first = start == 0
            table = Table(
                title=title if first else None,
                show_header=first,
                show_edge=False,
                box=box.SIMPLE_HEAVY,
                title_style="heading",
            )
            for i, header in enumerate(headers[:-1]):
                justify: JustifyMethod = "right" if i > len(zones) else "left"
                # The lead zone's column is never narrower than its longest time ("12:00 midnight").
                least = max((cell_len(c[i].split("\n")[-1]) for c, _ in lines), default=0) if i == 1 else None
                size = widths[i] if fixed else None
                if not fixed and i > len(zones):  # a count: as narrow as its header's longest word ("us-14d:")
                    size = max([*map(cell_len, header.split(" ")), *(cell_len(c[i]) for c, _ in lines)])
                table.add_column(header, width=size, min_width=least, no_wrap=fixed, justify=justify)
            table.add_column(headers[-1], overflow="fold")
            for cells, style in lines[start : start + step]:
                table.add_row(*map(Text, cells), style=style)  # Text: a "[" in a name is not markup
            pieces.append(table)
        out.append(pieces)
    return out


def _cells(
    loc: Localizer,
    row: ScanRow,
    regimes: Sequence[str],
    zones: Sequence[str],
    format_date: Callable[..., str],
    format_clock: Callable[..., tuple[date, str]],
    sep: str = " ",
) -> list[str]:
    legs = {leg.regime: leg for leg in row.legs}
    cells = [format_date(loc, row.launch)]
    lead: date | None = None
    for z in zones:
        if row.expiry is None:
            cells.append("")
            continue
        day, clock = format_clock(loc, row.expiry, z)
        if lead is None:
            lead = day
            cells.append(f"{format_date(loc, day)}{sep}{clock}")
        else:
            cells.append(clock if day == lead else f"{format_date(loc, day, 'short')}{sep}{clock}")
    cells += [str(legs[r].business_days) if r in legs else "" for r in regimes]
    cells.append(loc.pgettext("separator between the parts of a trace", "; ").join(map(loc.text, notes(row, zones))))
    return cells


def _style(row: ScanRow) -> str:
    flags = row.flags
    if MAXIMUM in flags or NO_MINIMUM in flags:
        return "breach"
    if DST in flags:
        return "dst"
    return "half" if HOLIDAY in flags else ""


def draw_pieces(
    console: Console, pieces: Sequence[Sequence[Table]], progress: Callable[[int, int], None] | None = None
) -> None:
    """Print each language's pieces one after the other (a blank line between languages)."""
    rows = sum(table.row_count for language in pieces for table in language)
    done = 0
    for n, language in enumerate(pieces):
        if n:
            console.print()
        for table in language:
            console.print(table)
            done += table.row_count
            if progress is not None:
                progress(rows + done, 2 * rows)


__all__ = ["csv_field", "draw_pieces", "notes", "scan_csv", "scan_json", "scan_tables"]
