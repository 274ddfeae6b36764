"""The timetable deal teams circulate, as a Word document (.docx): the cells of the HTML page
(:func:`deadlines.render.html.timetables`), one table per language, landscape A4.

python-docx is imported only here, when this format is asked for. The file is reproducible: the document's
core properties carry the launch date rather than the time of writing, and the zip entries a fixed
timestamp, so the same schedule and languages give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from .. import __version__
from ..i18n import Localizer
from ..schedule import Schedule
from .html import Timetable, document_title, launch_day, timetables

if TYPE_CHECKING:
    from docx.document import Document

# The oldest time a zip entry can carry (1 January 1980): the same in every file written.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def to_docx(schedule: Schedule, locs: Sequence[Localizer], today: date | None = None, show_all: bool = False) -> bytes:
    """The .docx file's bytes, one section per language (in the order of ``locs``)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    tables = timetables(schedule, locs, today, show_all)
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(12))
    normal = document.styles["Normal"]
    normal.font.size = Pt(9)
    title = document_title(tables)
    document.add_heading(title, level=0)
    for table in tables:
        _section(document, table, len(tables) > 1)
    launch = launch_day(schedule) or date(2000, 1, 1)
    stamp = datetime(launch.year, launch.month, launch.day, tzinfo=UTC)
    props = document.core_properties
    props.title = title
    props.author = props.last_modified_by = f"deadlines {__version__}"
    props.language = tables[0].lang
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _section(document: Document, table: Timetable, bilingual: bool) -> None:
    from docx.shared import Pt

    first = len(document.paragraphs)
    if bilingual:
        document.add_heading(table.language, level=1)
    if table.caption:
        document.add_paragraph(table.caption).runs[0].italic = True
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(header).bold = True
    _repeat_header(grid.rows[0])
    for line in table.lines:
        cells = grid.add_row().cells
        texts = [line.date, line.day, line.count, line.event, *line.times, line.reference]
        for cell, text in zip(cells, texts, strict=True):
            cell.text = text
        if line.marks:
            mark = cells[3].paragraphs[0].add_run(f" ({table.separator.join(line.marks)})")
            mark.italic = True
            mark.bold = line.style == "breach"
    for text in table.below:
        document.add_paragraph(text).runs[0].font.size = Pt(8)
    for word, message in table.notes:
        paragraph = document.add_paragraph(style="List Bullet")
        # the template's words around the severity word, which is bold: "{severity}: {message}"
        before, _, after = table.note.partition("{severity}")
        if before:
            paragraph.add_run(before.format(message=message))
        paragraph.add_run(word).bold = True
        paragraph.add_run(after.format(message=message))
    # Word checks the spelling of each section in its own language (a French table is not English).
    cells = [p for row in grid.rows for cell in row.cells for p in cell.paragraphs]
    _language([*document.paragraphs[first:], *cells], table.lang.replace("_", "-"))


def _repeat_header(row: object) -> None:
    """The header row printed again at the top of every page the table runs onto (w:tblHeader)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _language(paragraphs: Sequence[object], code: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for paragraph in paragraphs:
        for run in paragraph.runs:  # type: ignore[attr-defined]
            language = OxmlElement("w:lang")
            language.set(qn("w:val"), code)
            run._r.get_or_add_rPr().append(language)


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry's timestamp fixed (python-docx stamps them with the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
