"""Saving a deal file the user wrote: only what changed is edited, the rest of the document is theirs.

A deal file is a lawyer's document: comments citing the source of every date, ``note`` keys, the names
they chose (``commence`` or ``open`` for day 1, ``at`` or ``date`` + ``time``), the order of their keys.
:func:`edit_deal_text` changes the text of the file (with tomlkit, a round-trip TOML editor) so that it
reads back to the new deal, and leaves everything else byte for byte: a value is changed in place under
the key the file used, a table the deal gained is added at the end of its array (a new section where
:func:`~deadlines.deal.dump_deal` puts it), a table the deal lost is removed (the comments at its end,
which introduce the next table, stay). New values are written as :func:`~deadlines.deal.dump_deal` writes
them. :func:`save_deal` checks that the text reads back to the deal, then writes it atomically.

>>> from datetime import date
>>> from deadlines.deal import parse_deal
>>> text = "# from the offer to purchase\\n[[offer]]\\nregime = 'us-14d'\\ncommence = 2002-07-16  # day 1\\n"
>>> old = parse_deal(text)
>>> new = parse_deal(text.replace("07-16", "07-17"))
>>> print(edit_deal_text(text, old, new), end="")
# from the offer to purchase
[[offer]]
regime = 'us-14d'
commence = 2002-07-17  # day 1
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar, cast

from .deal import (
    amendment_lines,
    dump_deal,
    leg_lines,
    observed_lines,
    parse_deal,
    relief_lines,
    subsequent_lines,
    top_lines,
    when_lines,
)
from .errors import DeadlinesError, file_kind, os_reason
from .model import Deal
from .text import N_
from .timeutil import END_OF_DAY, WallTime

if TYPE_CHECKING:
    from tomlkit.container import Container
    from tomlkit.items import AoT, Item, Table
    from tomlkit.toml_document import TOMLDocument

T = TypeVar("T")

# The sections in the order dump_deal writes them: a new one goes before the first that follows it.
SECTIONS = ("offer", "expiry", "extended", "subsequent", "amendment", "observed", "relief")
# A key the deal no longer has is removed, unless it holds what its absence means.
ABSENT = {"approximate": False, "note": "", "source": "", "name": "", "show": [], "options": [], "notes": []}
TIME_KEYS = {"date", "time", "zone", "at"}

Fit = Callable[["Container", dict[str, "Item"]], dict[str, "Item"]]


def new_deal_text(deal: Deal) -> str:
    """The text of a new deal file for ``deal`` (no file yet: there is nothing of the user's to keep)."""
    return "# A deal file for deadlines (https://pypi.org/project/deadlines/)\n\n" + dump_deal(deal)


def edit_deal_text(text: str, old: Deal, new: Deal) -> str:
    """``text``, the deal file that reads as ``old``, edited to read as ``new``: what the change does not
    touch (comments, blank lines, the order and names of keys, notes) stays byte for byte."""
    if old == new:
        return text
    import tomlkit

    body = text.removeprefix("\ufeff")
    doc = tomlkit.parse(body)
    _Editor(doc, new).run(old)
    return text[: len(text) - len(body)] + _same_ending(body, doc.as_string())


def save_deal(path: str | Path, text: str | None, old: Deal | None, new: Deal, *, overwrite: bool = True) -> Path:
    """Save ``new`` to the deal file ``path``, and return the file written.

    ``text`` is the file as it was read (``old`` is what it read as): it is edited by
    :func:`edit_deal_text`; with ``text`` None a new file is written (:func:`new_deal_text`). The text must
    read back to ``new``, or nothing is written. A symbolic link is followed (the file it leads to is
    rewritten, the link stays); a read-only file is refused, never replaced; the file keeps its mode; the
    new text takes the file's place in one step (a temporary file in its directory, then a rename). With
    ``overwrite`` False (save as, without asking) a file that exists is refused.
    """
    from .render.export import create_file, replace_file

    name = str(path)
    result = new_deal_text(new) if text is None or old is None else edit_deal_text(text, old, new)
    try:
        again: Deal | None = parse_deal(result, name)
    except DeadlinesError:
        again = None
    if again != new:
        raise DeadlinesError(N_("{path} not saved: the file would not read back to the same deal"), path=name)
    target = Path(os.path.realpath(name))  # a link is followed: the file it leads to is the deal file
    try:
        mode: int | None = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise DeadlinesError(N_("cannot write {path}: {reason}"), path=name, reason=os_reason(error)) from None
    if mode is not None:
        if not overwrite:
            raise DeadlinesError(N_("{path} not saved: a file of that name exists"), path=name)
        if not stat.S_ISREG(mode):
            raise DeadlinesError(N_("cannot write {path}: {reason}"), path=name, reason=file_kind(mode))
        if not os.access(target, os.W_OK):
            raise DeadlinesError(N_("cannot save {path}: the file is read-only"), path=name)
    try:
        if mode is None:
            create_file(target, result.encode("utf-8"))
        else:
            replace_file(target, result.encode("utf-8"))
    except FileExistsError:
        raise DeadlinesError(N_("{path} not saved: a file of that name exists"), path=name) from None
    except OSError as error:
        raise DeadlinesError(N_("cannot write {path}: {reason}"), path=name, reason=os_reason(error)) from None
    return target


def _same_ending(before: str, after: str) -> str:
    """``after`` ending with the line breaks ``before`` ended with (a table removed or added at the end
    leaves or brings a blank line)."""
    ending = before[len(before.rstrip("\r\n")) :]
    return after.rstrip("\r\n") + ending if after.strip() else after


class _Editor:
    """The edits that make a parsed deal file read as ``new``."""

    def __init__(self, doc: TOMLDocument, new: Deal) -> None:
        from .rules import default_expiry, get_rulebook

        self.doc, self.new = doc, new
        self.zone = default_expiry(get_rulebook(leg.regime) for leg in new.legs).zone

    def run(self, old: Deal) -> None:
        new = self.new
        _edit_keys(self.doc, _items(top_lines(new)), {"name", "show", "options", "notes"})
        self.array("offer", old.legs, new.legs, leg_lines, _leg_fit, {"regime", "start", "commence", "open"})
        expiry = when_lines(new.expiry, new.expiry_time) if new.expiry or new.expiry_time else None
        self.section("expiry", expiry, _time_fit(self.zone, None), TIME_KEYS)
        wall = new.expiry.wall if new.expiry else None
        extended_zone = new.expiry.zone if new.expiry else self.zone
        extend = _time_fit(extended_zone, wall)
        self.array("extended", old.extended, new.extended, lambda at: when_lines(at, None), extend, TIME_KEYS)
        subsequent = subsequent_lines(new.subsequent) if new.subsequent else None
        self.section("subsequent", subsequent, _time_fit(self.zone, None), TIME_KEYS | {"start"})
        amendment_keys = {"kind", "date", "regime", "note"}
        self.array("amendment", old.amendments, new.amendments, amendment_lines, None, amendment_keys)
        observed_keys = {"event", "date", "time", "zone", "approximate", "source"}
        self.array("observed", old.observed, new.observed, observed_lines, None, observed_keys)
        self.array("relief", old.relief, new.relief, relief_lines, None, {"regime", "rules", "citation", "note"})

    def section(self, key: str, lines: list[str] | None, fit: Fit, keys: set[str]) -> None:
        """The table [key], edited to hold ``lines`` (removed when None; added where it belongs)."""
        table = self.doc.get(key)
        if lines is None:
            if table is not None:
                _remove(self.doc, key)
            return
        if not _is_table(table):  # missing, or an inline table: written anew
            if table is not None:
                _remove(self.doc, key)
            self.add(key, f"[{key}]", [lines])
            return
        _edit_keys(table.value, fit(table.value, _items(lines)), keys)

    def array(
        self,
        key: str,
        olds: Sequence[T],
        news: Sequence[T],
        lines: Callable[[T], list[str]],
        fit: Fit | None,
        keys: set[str],
    ) -> None:
        """The array of tables [[key]], whose entries read as ``olds``, edited to read as ``news``."""
        from tomlkit.items import AoT

        entries = self.doc.get(key)
        if entries is not None and (not isinstance(entries, AoT) or len(entries) != len(olds)):
            _remove(self.doc, key)  # an array of inline tables: written anew
            entries = None
        if not news:
            if entries is not None:
                _remove(self.doc, key)
            return
        if entries is None:
            self.add(key, f"[[{key}]]", [lines(item) for item in news])
            return
        picked = _align(olds, news)
        for index in sorted(set(range(len(olds))) - {i for i in picked if i is not None}, reverse=True):
            _remove_entry(self.doc, key, entries, index)
        for position, (item, was) in enumerate(zip(news, picked, strict=True)):
            wanted = _items(lines(item))
            if was is None:
                if position:
                    _blank_after(entries[position - 1])
                table = _new_tables(f"[[{key}]]", [lines(item)], key)
                entries.insert(position, table.body[0])
                continue
            table = entries[position]
            _edit_keys(table.value, fit(table.value, wanted) if fit else wanted, keys)

    def add(self, key: str, header: str, tables: list[list[str]]) -> None:
        """A section the file did not have, before the first section that follows it in dump_deal's order."""
        item = _new_tables(header, tables, key)
        body = self.doc.body
        later = SECTIONS[SECTIONS.index(key) + 1 :]
        for index, (name, _) in enumerate(body):
            if name is not None and name.key in later:
                self.doc._insert_at(index, key, item)  # tomlkit's own insertion: kept in step with its map
                return
        if body and _is_table(body[-1][1]):
            _blank_after(body[-1][1])
        self.doc.append(key, item)


def _items(lines: list[str]) -> dict[str, Item]:
    """The values of ``lines`` (``key = value``, as dump_deal writes them), spelled as they are written."""
    import tomlkit

    doc = tomlkit.parse("".join(line + "\n" for line in lines))
    return {key: cast("Item", doc.item(key)) for key in doc}


def _new_tables(header: str, tables: list[list[str]], key: str) -> Any:
    """The table (or array of tables) ``header`` with each of ``tables`` as its lines, a blank line after."""
    import tomlkit

    text = "".join(f"{header}\n" + "".join(line + "\n" for line in lines) + "\n" for lines in tables)
    return tomlkit.parse(text).item(key)


def _is_table(item: object) -> TypeGuard[Table]:
    """A table with its own header (not an inline table, nor one made only of dotted keys)."""
    from tomlkit.items import Table

    return isinstance(item, Table) and not bool(item.is_super_table())


def _edit_keys(container: Container, wanted: dict[str, Item], keys: set[str]) -> None:
    """``container``'s keys (among ``keys``) made to hold ``wanted``: a key that already reads the same is
    left as it is; a new key goes after the table's last key (before the blank lines and the comments that
    introduce the next table)."""
    current = container.unwrap()
    for key in [k for k in current if k in keys and k not in wanted]:
        if current[key] != ABSENT.get(key, ()):
            container.remove(key)
    for key, item in wanted.items():
        if key in current:
            if not _same(key, current[key], item.unwrap()):
                container[key] = item
            continue
        last = max((i for i, (name, _) in enumerate(container.body) if name is not None), default=None)
        if last is None:  # no key yet: after the comments that open the table
            last = -1
            while last + 1 < len(container.body) and _is_comment(container.body[last + 1][1]):
                last += 1
        if last + 1 < len(container.body):
            container._insert_at(last + 1, key, item)
        else:
            container.append(key, item)


def _is_comment(item: object) -> bool:
    from tomlkit.items import Comment

    return isinstance(item, Comment)


def _same(key: str, current: Any, wanted: Any) -> bool:
    if key == "options" and isinstance(current, list):
        return bool(sorted(current) == wanted)
    if key == "time" and isinstance(current, str):
        try:
            return WallTime.parse(current) == WallTime.parse(wanted)
        except DeadlinesError:
            return False
    return bool(current == wanted and type(current) is type(wanted))


def _leg_fit(table: Container, wanted: dict[str, Item]) -> dict[str, Item]:
    """Day 1 under the name the offer gives it (``commence``, ``open`` or ``start``)."""
    current = table.unwrap()
    name = next((k for k in ("start", "commence", "open") if k in current), "start")
    return {name if key == "start" else key: item for key, item in wanted.items()}


def _time_fit(zone: str, wall: WallTime | None) -> Fit:
    """A chosen time in the keys the table uses: ``at`` kept as ``at``; the zone or the time left out where
    the file leaves them out and they are what its absence means (``zone``: the deal's usual expiry zone,
    ``time``: ``wall`` or the end of the day)."""

    def fit(table: Container, wanted: dict[str, Item]) -> dict[str, Item]:
        current = table.unwrap()
        out = dict(wanted)
        if "zone" not in current and "zone" in out and out["zone"].unwrap() == zone:
            del out["zone"]
        if "date" in out and "at" in current:
            at = f"{out['date'].unwrap().isoformat()} {out['time'].unwrap()}"
            rest = {k: v for k, v in out.items() if k not in ("date", "time")}
            return {**_items([f"at = {_quoted(at)}"]), **rest}
        if "date" in out and "time" not in current and out["time"].unwrap() == str(wall or END_OF_DAY):
            del out["time"]
        return out

    return fit


def _quoted(text: str) -> str:
    from .tomlfile import toml_value

    return toml_value(text)


def _align(olds: Sequence[T], news: Sequence[T]) -> list[int | None]:
    """For each new entry, the old entry (its index) edited into it, or None for a new table: an equal
    entry first, then the one at the same place. Entries keep their order (else each is matched to the
    one at its place)."""
    picked: list[int | None] = [None] * len(news)
    used: set[int] = set()
    for j, item in enumerate(news):
        i = next((i for i, was in enumerate(olds) if i not in used and was == item), None)
        if i is not None:
            picked[j] = i
            used.add(i)
    for j in range(len(news)):
        if picked[j] is None and j < len(olds) and j not in used:
            picked[j] = j
            used.add(j)
    order = [i for i in picked if i is not None]
    if order != sorted(order):
        return [j if j < len(olds) else None for j in range(len(news))]
    return picked


def _remove(doc: TOMLDocument, key: str) -> None:
    """Remove the section ``key``, keeping the comments at its end (they introduce the next table)."""
    from tomlkit.items import AoT

    item = doc.item(key)
    last = item.body[-1] if isinstance(item, AoT) and item.body else item
    _keep_closing_comments(doc, last, _previous(doc, key))
    doc.remove(key)


def _remove_entry(doc: TOMLDocument, key: str, entries: AoT, index: int) -> None:
    previous = entries[index - 1] if index else _previous(doc, key)
    _keep_closing_comments(doc, entries[index], previous)
    del entries[index]
    if not len(entries):
        doc.remove(key)


def _previous(doc: TOMLDocument, key: str) -> Table | None:
    """The table just before the section ``key`` (the last of an array of tables), if a table is."""
    from tomlkit.items import AoT

    before = None
    for name, item in doc.body:
        if name is not None and name.key == key:
            break
        before = item
    if isinstance(before, AoT) and before.body:
        before = before.body[-1]
    return before if _is_table(before) else None


def _keep_closing_comments(doc: TOMLDocument, table: Any, previous: Table | None) -> None:
    """Move the comments that end ``table`` (and the blank lines among them) to the end of ``previous``."""
    if not _is_table(table) or previous is None:
        return
    body = table.value.body
    start = len(body)
    while start and body[start - 1][0] is None:
        start -= 1
    closing = body[start:]
    if not any(_is_comment(item) for _, item in closing):
        return
    while closing and not _is_comment(closing[0][1]):
        closing = closing[1:]
    for _, item in closing:
        previous.value.append(None, item)


def _blank_after(table: Any) -> None:
    """A blank line at the end of ``table``, so the table added after it stands apart."""
    import tomlkit

    if _is_table(table) and not table.as_string().endswith("\n\n"):
        table.add(tomlkit.nl())
