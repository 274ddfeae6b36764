"""Schedules as files: JSON, CSV, Markdown, iCalendar, HTML and SVG (and plain text), in one language or two.

Every format is built from the rows the terminal table shows (:mod:`deadlines.render.rows`) or from the
schedule's JSON, so files and table agree. Outputs are deterministic: the same schedule, languages and
``today`` give the same bytes (the iCalendar export has no clock-dependent stamp).

:func:`write_output` writes a file atomically (a temporary file in the same directory, then a rename): an
existing file is kept unless ``force``, and a failed write leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ..errors import DeadlinesError, InputError, file_kind, os_reason
from ..i18n import LANGUAGES, Localizer
from ..schedule import Event, Schedule
from ..text import N_, Items, terminal_safe
from ..timeutil import iso_local, iso_utc

if TYPE_CHECKING:
    from pathlib import Path

    from .rows import Row, Rows

# The table formats import rows, CLDR formats and rich when they run: JSON needs none of them.

FORMATS = ("json", "csv", "md", "ics", "html", "svg", "txt", "notice")


def export_schedule(
    schedule: Schedule,
    fmt: str,
    locs: Sequence[Localizer],
    today: date | None = None,
    width: int = 120,
    *,
    reminders: Sequence[timedelta] = (),
) -> str:
    """The schedule as the text of a ``fmt`` file, in the languages of ``locs`` (the first leads).

    ``today`` adds the "days left" column to the formats that show the table (md, svg, txt) and marks the
    HTML rows past or upcoming; JSON, CSV and iCalendar do not depend on it. ``width`` is the table width of
    svg and txt; ``reminders`` the iCalendar alarms (durations before each deadline). (The Word document is
    bytes: :func:`deadlines.render.docx.to_docx`.)
    """
    if not locs:
        raise ValueError("export_schedule needs at least one language")
    if fmt == "json":
        return to_json(schedule, locs)
    if fmt == "csv":
        return to_csv(schedule, locs)
    if fmt == "md":
        return to_markdown(schedule, locs, today)
    if fmt == "ics":
        from .ics import to_ics

        return to_ics(schedule, locs, reminders)
    if fmt == "html":
        from .html import to_html

        return to_html(schedule, locs, today)
    if fmt in ("svg", "txt"):
        return _rich_export(schedule, fmt, locs, today, width)
    if fmt == "notice":
        from .notice import to_notice

        return to_notice(schedule, locs)
    raise InputError(N_("unknown output format '{value}' (known: {known})"), value=fmt, known=Items(FORMATS, "comma"))


def _schedule_rows(schedule: Schedule, loc: Localizer, today: date | None = None) -> Rows:
    from .rows import schedule_rows

    return schedule_rows(schedule, loc, today)


# -- JSON ----------------------------------------------------------------------------------------------


# The words of an event, as its JSON gives them in the first language: repeated for each other language.
_EVENT_WORDS = ("label", "rule", "trace", "note")


def to_json(schedule: Schedule, locs: Sequence[Localizer]) -> str:
    """The schedule's JSON with its words in the first language (ISO dates) and the label in every language.

    With two languages (``--lang en,fr``) the fields stay those of the first, and each event gains
    ``text`` (the other language -> its ``label``, ``rule``, ``trace``, ``note``, ``count``, ``breaches`` and
    ``waived`` messages), each warning ``messages`` (the other language -> its message), and the schedule
    ``langs``, every language in order."""
    text = Localizer(locs[0].lang, cldr=False).text
    labels = {lang: Localizer(lang, cldr=False).text for lang in LANGUAGES}
    data = {"lang": locs[0].lang.words, **schedule.to_json(text=text, labels=labels)}
    if len(locs) > 1:
        data = {"lang": data.pop("lang"), "langs": [loc.lang.words for loc in locs], **data}
        for loc in locs[1:]:
            other = schedule.to_json(text=Localizer(loc.lang, cldr=False).text)
            for event, words in zip(data["events"], other["events"], strict=True):
                event.setdefault("text", {})[loc.lang.words] = _event_words(words)
            for warning, words in zip(data["warnings"], other["warnings"], strict=True):
                warning.setdefault("messages", {})[loc.lang.words] = words["message"]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _event_words(event: dict[str, Any]) -> dict[str, Any]:
    """The words of one event's JSON (in one language): what a second language repeats."""
    words = {key: event[key] for key in _EVENT_WORDS if key in event}
    if "count" in event:
        words["count"] = event["count"]["text"]
    for key in ("breaches", "waived"):
        if event[key]:
            words[key] = [{"code": b["code"], "rule": b["rule"], "message": b["message"]} for b in event[key]]
    return words


# -- CSV -----------------------------------------------------------------------------------------------


def csv_columns(zones: Sequence[str]) -> list[str]:
    """The header row: stable English keys for scripts; ``local:ZONE`` is ISO 8601, ``text:ZONE`` the words;
    ``breaches`` the codes of the rules the event breaks (separated by spaces), ``breach_messages`` their
    messages (one a line)."""
    return [
        "id",
        "regime",
        "lang",
        "label",
        "rule",
        "date",
        "utc",
        "zone",
        *(f"local:{z}" for z in zones),
        *(f"text:{z}" for z in zones),
        "business_day",
        "count",
        "status",
        "estimate",
        "observed",
        "trace",
        "note",
        "breaches",
        "breach_messages",
    ]


def to_csv(schedule: Schedule, locs: Sequence[Localizer]) -> str:
    """One row per event and language (all rows of the first language, then the second's)."""
    import csv  # here, not at the top: only this format needs it

    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(csv_columns(schedule.zones))
    for loc in locs:
        for row in _schedule_rows(schedule, loc).rows:
            event = row.event
            writer.writerow(
                [
                    event.id,
                    event.regime,
                    loc.lang.words,
                    row.label,
                    row.rule,
                    event.day.isoformat(),
                    iso_utc(event.instant),
                    event.zone,
                    *(iso_local(event.instant, z) for z in schedule.zones),
                    *_full_times(loc, event, schedule.zones),
                    "" if event.business_day is None else str(event.business_day),
                    row.count,
                    event.status,
                    _bool(event.estimate),
                    _bool(event.observed),
                    row.trace,
                    row.note,
                    " ".join(b.code for b in event.unwaived),
                    "\n".join(row.breaches),
                ]
            )
    return out.getvalue()


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _full_times(loc: Localizer, event: Event, zones: Sequence[str]) -> list[str]:
    """The instant in each zone with its own date (unlike the table, which omits a repeated date)."""
    out = []
    for zone_name in zones:
        from ..i18n.formats import format_clock, format_date

        day, clock = format_clock(loc, event.instant, zone_name)
        out.append(f"{format_date(loc, day, 'medium')} {clock}")
    return out


# -- Markdown ------------------------------------------------------------------------------------------

# Characters that Markdown (GitHub flavour) would read as syntax inside a table cell or a heading.
_MD_SPECIAL = re.compile(r"([\\`*_|<>#\[\]])")


def md_escape(text: str) -> str:
    """Text as literal Markdown: syntax characters are backslash-escaped, line breaks become ``<br>``, and
    control characters their escape, in view (:func:`~deadlines.text.terminal_safe`)."""
    lines = text.splitlines() or [""]
    return "<br>".join(_MD_SPECIAL.sub(r"\\\1", terminal_safe(line)) for line in lines)


def to_markdown(schedule: Schedule, locs: Sequence[Localizer], today: date | None = None) -> str:
    """One section per language (in the order of ``locs``): a heading, the table, the legend, the warnings."""
    sections = [_markdown_section(loc, _schedule_rows(schedule, loc, today), today, len(locs) > 1) for loc in locs]
    return "\n".join(sections)


def _markdown_section(loc: Localizer, rows: Rows, today: date | None, bilingual: bool) -> str:
    title = rows.title
    if bilingual:
        from ..i18n.cldr import language_name

        # Translators: heading of one language's section of a bilingual Markdown export, e.g. "Serono (English)"
        heading = N_("{title} ({language})")
        title = loc._(heading).format(title=title, language=language_name(loc.lang.locale))
    lines = [f"## {md_escape(title)}", ""]
    # The columns of the terminal table: the event (with its count, rule and note), one per zone, and the
    # days left when there is a today.
    n_zones = len(rows.zones)
    with_days_left = today is not None
    headers = rows.headers[: 1 + n_zones] + (rows.headers[-1:] if with_days_left else [])
    lines.append("| " + " | ".join(md_escape(h) for h in headers) + " |")
    lines.append("| " + " | ".join(["---"] * (1 + n_zones) + (["---:"] if with_days_left else [])) + " |")
    for row in rows.rows:
        cells = [_markdown_event_cell(loc, row), *(md_escape(t) for t in row.times)]
        if with_days_left:
            cells.append(md_escape(row.days_left))
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", md_escape(rows.legend), ""]
    if rows.warnings:
        lines += [f"### {md_escape(loc._(N_('Warnings')))}", ""]
        for severity, code, message in rows.warnings:
            # Translators: one warning in a Markdown export: its severity word, its code and its message
            line = N_("{severity} ({code}): {message}")
            template = loc._(line)
            from .rows import SEVERITY

            word = loc._(SEVERITY.get(severity, N_("note")))
            lines.append(
                "- " + template.format(severity=f"**{md_escape(word)}**", code=f"`{code}`", message=md_escape(message))
            )
        lines.append("")
    return "\n".join(lines)


def _markdown_event_cell(loc: Localizer, row: Row) -> str:
    head = md_escape(loc._(N_("{regime}: {label}")).format(regime=row.regime, label=row.label))
    if row.marks:
        head += f" [{md_escape(loc.pgettext('separator between the parts of a trace', '; ').join(row.marks))}]"
    parts = [head, *([md_escape(row.count)] if row.count else []), md_escape(row.rule)]
    if row.note:
        parts.append(md_escape(row.note))
    return "<br>".join(parts)


# -- SVG and plain text (the rich table) ----------------------------------------------------------------


def _svg_format() -> str:
    """rich's SVG template without its web fonts: the @font-face rules load Fira Code from a CDN, which a
    picture sent round a deal team must not fetch. The text asks for fonts installed locally instead."""
    import re as _re

    from rich._export_format import CONSOLE_SVG_FORMAT

    template = _re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=_re.S)
    template = _re.sub(r"\s*<!-- Generated with Rich [^>]*-->", "", template)
    return template.replace(
        "font-family: Fira Code, monospace;",
        'font-family: "Fira Code", Menlo, "DejaVu Sans Mono", Consolas, "Liberation Mono", monospace;',
    )


def _rich_export(schedule: Schedule, fmt: str, locs: Sequence[Localizer], today: date | None, width: int) -> str:
    from .table import make_console, plain_text, print_schedule

    if fmt == "txt":
        return plain_text(lambda console: print_schedule(schedule, locs, console, today), width)
    # Colours are the point of this picture. NO_COLOR (a terminal setting) does not reach it: rich 15 strips
    # colours only when writing to the terminal, not from the recorded segments that export_svg reads.
    console = make_console(width, record=True, file=io.StringIO(), color_system="truecolor", force_terminal=True)
    print_schedule(schedule, locs, console, today)
    title = " / ".join(dict.fromkeys(schedule.name or loc._(N_("Offer timetable")) for loc in locs))
    title = terminal_safe(title)  # the title of the picture: no control character
    return console.export_svg(title=title, code_format=_svg_format())


# -- Writing -------------------------------------------------------------------------------------------


def check_output(path: str | Path, force: bool = False, keep: Sequence[str | Path] = ()) -> None:
    """Refuse (:class:`DeadlinesError`) to write ``path`` unless the write can only create a new regular file
    or, with ``force``, replace a regular file or a symbolic link itself (never its target).

    Refused even with ``force``: a directory, a device, a FIFO or a socket; a name ending in a path separator
    (``newdir/`` names a directory, not a file); a name the system cannot take (too long); a missing
    directory; any of the files in ``keep`` (the deal file), by whatever path or link it is named.
    """
    name = str(path)
    if name == "":
        raise DeadlinesError(N_("--output needs a file name (or - for standard output)"))
    if name == "-":
        return
    try:
        mode: int | None = os.lstat(name).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise DeadlinesError(N_("cannot write {path}: {reason}"), path=name, reason=os_reason(error)) from None
    if mode is not None and stat.S_ISLNK(mode):  # a link may be replaced, unless it leads to a directory,
        with contextlib.suppress(OSError):  # a device, a FIFO or a socket (/dev/stdout): refused as they are
            mode = os.stat(name).st_mode
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise DeadlinesError(N_("cannot write {path}: {reason}"), path=name, reason=file_kind(mode))
    system = os.path.realpath(os.path.dirname(name) or ".")
    if any(system == top or system.startswith(top + "/") for top in ("/dev", "/proc", "/sys")):
        # /dev/stdout may be a link to a regular file: never replace the system's own names
        raise DeadlinesError(
            N_("cannot write {path}: files in {directory} are not written (- writes to standard output)"),
            path=name,
            directory=system,
        )
    if name.endswith(tuple(filter(None, (os.sep, os.altsep)))):
        raise DeadlinesError(
            N_("cannot write {path}: a file name cannot end with '{separator}'"), path=name, separator=name[-1]
        )
    for kept in keep:
        with contextlib.suppress(OSError):
            if os.path.samefile(name, kept):
                raise DeadlinesError(N_("cannot write {path}: it is the deal file"), path=name)
    directory = os.path.dirname(name) or "."
    if not os.path.isdir(directory):
        raise DeadlinesError(
            N_("cannot write {path}: directory {directory} does not exist"), path=name, directory=directory
        )
    if mode is not None and not force:
        raise DeadlinesError(N_("{path} exists: add --force to overwrite it"), path=name)


def write_output(
    text: str | bytes | Iterable[str], path: str | Path, force: bool = False, keep: Sequence[str | Path] = ()
) -> None:
    """Write ``text`` (UTF-8, line endings as given; or bytes, as they are: a .docx; or pieces of text, one
    after the other: a long scan) to ``path``, or to standard output if ``path`` is "-".

    What may be written is decided by :func:`check_output` (``force``, ``keep``); bytes are never written to
    a terminal. The text goes to a temporary file in the same directory, which then takes the file's name in
    one step (``os.replace``): readers see the old file or the new one, never a part, and nothing is left
    behind if writing fails. A symbolic link is replaced by the new file; the file it pointed to is left as
    it was.
    """
    check_output(path, force, keep)
    if str(path) == "-":
        if isinstance(text, bytes):
            _write_stdout_bytes(text)
        else:
            _write_stdout([text] if isinstance(text, str) else text)
        return
    data: bytes | Iterable[bytes]
    if isinstance(text, str | bytes):
        data = text.encode("utf-8") if isinstance(text, str) else text
    else:
        data = (piece.encode("utf-8") for piece in text)
    from pathlib import Path  # for files only: standard output goes without it

    target = Path(path)
    try:
        if force:
            replace_file(target, data)
        else:
            create_file(target, data)
    except FileExistsError:
        raise DeadlinesError(N_("{path} exists: add --force to overwrite it"), path=str(target)) from None
    except OSError as error:
        raise DeadlinesError(N_("cannot write {path}: {reason}"), path=str(target), reason=os_reason(error)) from error


def replace_file(target: Path, data: bytes | Iterable[bytes]) -> None:
    """Give ``target`` the bytes ``data`` (or its pieces, one after the other) in one step: a temporary file
    in its directory (with the mode of the regular file it replaces) takes its name (``os.replace``); a
    symbolic link named ``target`` is replaced, not followed. Raises OSError, and leaves nothing behind, if it fails."""
    tmp = _write_temporary(target.parent, data)
    try:
        with contextlib.suppress(OSError):  # keep the mode of the regular file we replace
            info = os.lstat(target)
            if stat.S_ISREG(info.st_mode):
                os.chmod(tmp, stat.S_IMODE(info.st_mode))
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def create_file(target: Path, data: bytes | Iterable[bytes]) -> None:
    """Write the new file ``target`` in one step; FileExistsError if something has that name, even if it
    appeared since it was checked. Raises OSError, and leaves nothing behind, if it fails."""
    tmp = _write_temporary(target.parent, data)
    try:
        _link_new(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _write_temporary(directory: Path, data: bytes | Iterable[bytes]) -> Path:
    """A new file next to the target, created with the user's umask (unlike mkstemp's 0600). Its name is
    short, whatever the target's: a target name near the system's limit (255 bytes) can still be written."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        import secrets

        tmp = directory / f".deadlines-{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return tmp


def _link_new(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target`` only if nothing has that name, even if a file appeared since the
    check (a hard link never replaces; FileExistsError); where hard links are not supported, check again
    and rename."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except (OSError, NotImplementedError):
        if target.exists() or target.is_symlink():
            raise FileExistsError(target) from None
        os.replace(tmp, target)


def _write_stdout(pieces: Iterable[str]) -> None:
    """Text in UTF-8, each piece as it comes, line endings as they are (an iCalendar file keeps its CRLF on
    every platform)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    for piece in pieces:
        if buffer is None:
            sys.stdout.write(piece)
        else:
            buffer.write(piece.encode("utf-8"))
    (sys.stdout if buffer is None else buffer).flush()


def _write_stdout_bytes(data: bytes) -> None:
    """A binary file (a .docx) to standard output: only to a pipe or a file, never to a terminal."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None or sys.stdout.isatty():
        raise DeadlinesError(N_("a binary file is not written to a terminal: add --output FILE"))
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()
