"""Babel extraction method for rulebooks: their labels, titles and notes are catalog entries.

Rulebooks hold English text only (``label``, ``title``, ``offer``, ``historic_note``, ``citation``); the
French lives in the catalog like every other string. Configured in ``pyproject.toml`` (``[tool.babel]``) for ``pybabel
extract``; the catalog test checks that every loaded rulebook string has a translation.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from typing import IO, Any

TRANSLATED_KEYS = ("label", "title", "offer", "historic_note", "citation")
_LINE = re.compile(r"^\s*(" + "|".join(TRANSLATED_KEYS) + r")\s*=\s*(\".*\")\s*$")
_SECTION = re.compile(r"^\s*\[+\s*([^\]]+?)\s*\]+\s*$")


def extract_rulebook(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Yield ``(line, None, text, [comment])`` for each translated key of a rulebook."""
    book = ""
    section = ""
    for lineno, raw in enumerate(fileobj.read().decode("utf-8").splitlines(), 1):
        if match := _SECTION.match(raw):
            section = match.group(1)
            continue
        if raw.startswith("id ="):
            book = tomllib.loads(raw)["id"]
        if match := _LINE.match(raw):
            key, value = match.groups()
            text = tomllib.loads(f"v = {value}")["v"]
            where = f"{book} {section}".strip() if section else book
            yield lineno, None, text, [f"rulebook {where}: {key}"]
