"""Where a key is written in a TOML file: the line an error about it points to.

:mod:`tomllib` returns values without their positions; deal files and rulebooks report every problem at
the line of its key, so this finds it in the text. A table is named by its dotted path as in its header
(``expiry``, ``rules.payment``), an entry of an array of tables by its index (0: the first
``[[rules.payment.versions]]``), a key by its dotted path inside the table (``date``, ``option.since``).

>>> text = '[rules.a]\\nkind = "start"\\noption.name = "x"\\n'
>>> lines = TomlLines(text + '[[rules.a.versions]]\\nn = 1\\n[[rules.a.versions]]\\nn = 2\\n')
>>> lines.find("rules.a", None, "option.name"), lines.find("rules.a.versions", 1, "n"), lines.find("rules.b")
(3, 7, None)
"""

from __future__ import annotations

import re
from functools import cached_property

# A table header, [name] or [[name]] (compiled when a file first has an error to place: see TomlLines).
HEADER = r"[ \t]*\[(\[?)[ \t]*([^\[\]#]+?)[ \t]*\]"
_DOT = r"[ \t]*\.[ \t]*"


def _name(header: str) -> str:
    """A header's table path as tomllib reads it: ``[ rules . "a" ]`` is ``rules.a``."""
    return ".".join(part.strip("\"'") for part in re.split(_DOT, header))


class TomlLines:
    """The table headers of a TOML text, and the line of a key inside a table. Read only when a line is asked
    for: a file that loads without an error is never split into lines."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def headers(self) -> list[tuple[int, str, bool]]:
        """(line index, table path, is an array of tables) of every table header, in order."""
        header = re.compile(HEADER)
        return [(i, _name(m[2]), bool(m[1])) for i, line in enumerate(self.lines) if (m := header.match(line))]

    def find(self, table: str = "", entry: int | None = None, key: str | None = None) -> int | None:
        """The 1-based line of ``key`` between the table's header and the next one (without a key, or when
        it is not written there: of the header; None at the top level, or for a table that has no line)."""
        if table:
            same = [i for i, name, array in self.headers if name == table and array == (entry is not None)]
            if len(same) <= (entry or 0):
                # No header: an inline table or dotted keys in the table above it, at the line that holds it.
                parent, _, child = table.rpartition(".")
                return self.find(parent, None, f"{child}.{key}" if key else child)
            start = same[entry or 0]
        else:
            start = -1
        end = next((i for i, _, _ in self.headers if i > start), len(self.lines))
        if key:
            parts = key.split(".")
            # The whole dotted key, else the line that holds its start (``option = {...}`` for option.name).
            for n in range(len(parts), 0, -1):
                dotted = r"[ \t]*\.[ \t]*".join(rf"[\"']?{re.escape(p)}[\"']?" for p in parts[:n])
                pattern = re.compile(rf"[ \t]*{dotted}[ \t]*[=.]")
                for i in range(start + 1, end):
                    if pattern.match(self.lines[i]):
                        return i + 1
            sub = f"{table}.{parts[0]}" if table else parts[0]
            if len(parts) > 1 and any(name == sub for _, name, _ in self.headers):  # [rules.a.option]
                return self.find(sub, None, ".".join(parts[1:]))
            full = f"{table}.{key}" if table else key  # a sub-table: [expiry.key] or [key]
            for i, name, _ in self.headers:
                if name == full:
                    return i + 1
        return start + 1 if table else None


__all__ = ["HEADER", "TomlLines"]
