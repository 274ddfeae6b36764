"""Typed reading of a TOML file a user writes: deal files and rulebooks.

Every problem is a :class:`~deadlines.errors.DealFileError` with the file and the line of the key it is
about (found by :class:`~deadlines.tomllines.TomlLines`): a syntax error, an unknown key (with the keys
that are known), a value of the wrong type (quoted as TOML writes it), or one its parser rejects. A
string where a list is expected is never read letter by letter.

>>> file = TomlFile("x.toml", '[expiry]\\ndate = 5\\n')
>>> Table(file, file.loads()).table("expiry").string("date")
Traceback (most recent call last):
...
deadlines.errors.DealFileError: x.toml, line 2: 'date' in [expiry] must be a string, not 5
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar, cast

from .errors import DeadlinesError, DealFileError
from .text import N_, Items, Msg, Translations, plain
from .tomllines import TomlLines

if TYPE_CHECKING:
    import tomllib
    from pathlib import Path

T = TypeVar("T")
S = TypeVar("S", bound=str)

# What a value must be, by kind: the message for a key of a table whose messages do not name it (the top
# level, a rulebook's rule: its context says which), and, where there is one, for a key in [section].
EXPECTED: dict[str, tuple[str, str | None]] = {
    "string": (
        N_("'{key}' must be a string, not {value}"),
        N_("'{key}' in [{section}] must be a string, not {value}"),
    ),
    "strings": (
        N_("'{key}' must be a list of strings, not {value}"),
        N_("'{key}' in [{section}] must be a list of strings, not {value}"),
    ),
    # One string where a list is expected: the list it should be.
    "list": (
        N_("'{key}' must be a list, such as [{value}]"),
        N_("'{key}' in [{section}] must be a list, such as [{value}]"),
    ),
    "boolean": (
        N_("'{key}' must be true or false, not {value}"),
        N_("'{key}' in [{section}] must be true or false, not {value}"),
    ),
    "count": (N_("'{key}' must be a whole number, 0 or more, not {value}"), None),
    "date": (N_("'{key}' must be a date (YYYY-MM-DD), not {value}"), None),
    # A value that is no date at all, where a string is read by the date parser (its own message).
    "day": (N_("'{key}' must be a date (YYYY-MM-DD)"), None),
    "time": (N_("'{key}' must be a time of day, HH:MM (24:00: the end of the day), not {value}"), None),
}

_TOML_WHERE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


class TomlFile:
    """A TOML text being read: the name errors give it, and where its keys are written."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.text, self.where = path, text, TomlLines(text)

    def loads(self) -> dict[str, Any]:
        """Its values, or its syntax error at its line and column."""
        import tomllib

        try:
            return tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            raise _syntax_error(self.path, self.text, exc) from None


class Table:
    """A table of a file: its name ("" for the top level; ``rules.payment`` as in its header) and, in an array
    of tables, which entry (0: the first ``[[name]]``). Its errors are at the line of their key, introduced by
    its ``context`` (a rulebook's rule) or, without one, naming its section (``'date' in [expiry] ...``);
    ``prefix`` is how its keys are written in the table above (``option.name``). (A plain class: cheaper to
    define at start-up than a dataclass.)"""

    def __init__(
        self,
        file: TomlFile,
        data: dict[str, Any] | None = None,
        name: str = "",
        entry: int | None = None,
        context: Callable[[Msg], Msg] | None = None,
        prefix: str = "",
    ) -> None:
        self.file, self.data, self.name, self.entry = file, {} if data is None else data, name, entry
        self.context, self.prefix = context, prefix

    @property
    def section(self) -> str:
        """What goes between the brackets of its header: ``expiry``, or ``[amendment]`` for ``[[amendment]]``."""
        return self.name if self.entry is None else f"[{self.name}]"

    def line(self, key: str | None = None) -> int | None:
        """The 1-based line of ``key`` between the table's header and the next one (or of the header)."""
        return self.file.where.find(self.name, self.entry, key)

    def fail(self, detail: str | Msg, key: str | None = None, /, **params: Any) -> DealFileError:
        """The error for ``detail`` (a template with ``params``, or a message) about ``key`` (without a key:
        about the table), at the key's line."""
        message = Msg(detail, **params) if isinstance(detail, str) else detail
        if self.context is not None:
            message = self.context(message)
        return DealFileError(self.file.path, message, self.line(key))

    def keys(self, allowed: set[str]) -> None:
        """Every key is one of ``allowed`` (the error lists them, with no context: the section says where)."""
        for key in self.data:
            if key not in allowed:
                template = (
                    N_("unknown key '{key}' in [{section}] (known: {known})")
                    if self.name
                    else N_("unknown key '{key}' at the top level (known: {known})")
                )
                known = Items(sorted(allowed), "comma")
                detail = Msg(template, key=key, section=self.section, known=known)
                raise DealFileError(self.file.path, detail, self.line(key))

    def wrong(self, key: str, kind: str, value: Any) -> DealFileError:
        """The error for a value that is not of ``kind`` (see :data:`EXPECTED`)."""
        top, in_section = EXPECTED[kind]
        template = in_section if in_section and self.name and self.context is None else top
        return self.fail(template, key, key=self.prefix + key, section=self.section, value=toml_value(value))

    def required(self, key: str) -> None:
        if key not in self.data:
            raise self.fail(N_("missing key '{key}'"), None, key=self.prefix + key)

    def string(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None or isinstance(value, str):
            return value
        raise self.wrong(key, "string", value)

    def text(self, key: str) -> str:
        """A string that must be there, with words in it (an empty label or citation cites nothing)."""
        self.required(key)
        value = self.string(key)
        assert value is not None
        if not value.strip():
            raise self.fail(N_("'{key}' is empty"), key, key=key)
        return value

    def strings(self, key: str) -> list[str]:
        """A list of strings (none when the key is not there)."""
        value = self.data.get(key, [])
        if isinstance(value, str):
            raise self.wrong(key, "list", value)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.wrong(key, "strings", value)
        return value

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise self.wrong(key, "boolean", value)

    def count(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            return value
        raise self.wrong(key, "count", value)

    def choice(self, key: str, allowed: tuple[S, ...], default: S | None) -> S | None:
        value = self.data.get(key)
        if value is None:
            return default
        if value in allowed:
            return cast(S, value)
        shown = toml_value(value)
        if len(allowed) == 2:
            first, second = (toml_value(v) for v in allowed)
            template = N_("'{key}' must be {first} or {second}, not {value}")
            raise self.fail(template, key, key=self.prefix + key, first=first, second=second, value=shown)
        if len(allowed) == 1:
            template = N_("'{key}' can only be {allowed}, not {value}")
        else:
            template = N_("'{key}' must be one of {allowed}, not {value}")
        raise self.fail(template, key, key=self.prefix + key, allowed=choices(allowed), value=shown)

    def check(self, key: str, parse: Callable[[str], T], text: str) -> T:
        """``parse(text)``, the value of ``key``: what it rejects is an error at the key's line."""
        try:
            return parse(text)
        except DeadlinesError as exc:
            raise self.fail(exc.msg, key) from None

    def parsed(self, key: str, parse: Callable[[str], T], kind: str | None = None) -> T | None:
        """The string at ``key`` read by ``parse``; None when there is none. A value ``parse`` rejects is an
        error in its own words, or, with a ``kind``, the one for a value that is not of that kind (as is a
        value that is not a string)."""
        value = self.data.get(key)
        if value is None:
            return None
        if kind is None:
            text = self.string(key)
            assert text is not None
            return self.check(key, parse, text)
        if isinstance(value, str):
            try:
                return parse(value)
            except DeadlinesError:
                pass
        raise self.wrong(key, kind, value)

    def day(self, key: str, kind: str = "day") -> date | None:
        """A date, written as one or as a YYYY-MM-DD string. With the ``kind`` "date", anything else is that
        kind's error; by default a string is read by the date parser (an error in its words)."""
        from .timeutil import parse_date

        value = self.data.get(key)
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        if isinstance(value, str) and kind == "day":
            return self.check(key, parse_date, value)
        return self.parsed(key, parse_date, kind)

    def table(self, key: str, context: Callable[[Msg], Msg] | None = None) -> Table | None:
        """The sub-table at ``key`` (introduced in errors by ``context``); None when there is none."""
        value = self.data.get(key)
        if value is None:
            return None
        name = f"{self.name}.{key}" if self.name else key
        if not isinstance(value, dict):
            raise self.fail(N_("'{key}' must be a table ([{key}])"), key, key=name)
        return Table(self.file, value, name, None, context)

    def tables(self, key: str) -> list[Table]:
        """The entries of the array of tables at ``key`` (none when there is none)."""
        value = self.data.get(key, [])
        name = f"{self.name}.{key}" if self.name else key
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(N_("'{key}' must be an array of tables ([[{key}]])"), key, key=name)
        return [Table(self.file, item, name, n) for n, item in enumerate(value)]


def toml_value(value: Any) -> str:
    """``value`` as TOML writes it: a string (JSON's string escapes are valid TOML basic strings), an array,
    an inline table, or a number, boolean or date (to show a value of the wrong type as it was written)."""
    import json

    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return value.isoformat()
    return plain(value)


def choices(values: tuple[str, ...]) -> Items:
    """The values a key may have, each as TOML writes it."""
    return Items([toml_value(v) for v in values], "comma")


class _EnglishDetail(Msg):
    """A message followed, where it is shown in English, by a library's own English ``detail`` (tomllib's
    description of a syntax error): no catalog has those words, so a translated message goes without."""

    def render(self, translations: Translations, value: Callable[[Any], str]) -> str:
        text = super().render(translations, value)
        if translations.gettext(self.template) != self.template:
            return text
        return f"{text} ({value(self.params['detail'])})"


def _syntax_error(path: str, text: str, exc: tomllib.TOMLDecodeError) -> DealFileError:
    """tomllib's error at its line and column; its words, English only, only in an English message."""
    message = str(exc)
    match = _TOML_WHERE.search(message)
    if match and match[1]:
        line, column = int(match[1]), int(match[2])
    else:  # at the end of the document: just after its last character
        end = len(text.rstrip())
        line, column = text.count("\n", 0, end) + 1, end - text.rfind("\n", 0, end)
    detail = message[: match.start()] if match else message
    return DealFileError(path, _EnglishDetail(N_("not valid TOML"), detail=detail), line, column)


MAX_FILE_BYTES = 1024 * 1024  # a deal file is a page of text; anything bigger is not one


def read_text_file(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """The text of the UTF-8 file ``path``, refused (:class:`DealFileError`) unless it is a regular file of at
    most ``limit`` bytes: a FIFO, a device (``/dev/zero``) or a socket is never opened for reading, so it
    can neither block nor fill the memory. Used for deal files, rulebooks and any other file a user names
    as input."""
    import os
    import stat

    from .errors import file_kind

    name = str(path)
    try:
        mode = os.stat(name).st_mode  # a socket cannot even be opened: say what it is
        if not stat.S_ISREG(mode):
            raise DealFileError(name, Msg(N_("cannot read: {reason}"), reason=file_kind(mode)))
        # O_NONBLOCK: a FIFO put in the file's place after the check does not block the open.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise DealFileError(name, Msg(N_("no such file"))) from None
    except OSError as exc:
        raise DealFileError(name, Msg(N_("cannot read: {reason}"), reason=_why(exc))) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DealFileError(name, Msg(N_("cannot read: {reason}"), reason=file_kind(info.st_mode)))
        if info.st_size > limit:
            raise DealFileError(name, _too_big(limit))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:  # it grew since fstat
            raise DealFileError(name, _too_big(limit))
        return data.decode("utf-8").removeprefix("\ufeff")  # the byte-order mark Windows editors write
    except (OSError, UnicodeDecodeError) as exc:
        raise DealFileError(name, Msg(N_("cannot read: {reason}"), reason=_why(exc))) from None
    finally:
        os.close(fd)


def _too_big(limit: int) -> Msg:
    return Msg(N_("it is larger than {size} MiB: too large for a deal file"), size=max(1, limit // (1024 * 1024)))


def _why(exc: OSError | UnicodeDecodeError) -> Msg | str:
    """Why a file cannot be read, in words (the system's own words for the rarer reasons)."""
    from .errors import os_reason

    if isinstance(exc, UnicodeDecodeError):
        byte = f"0x{exc.object[exc.start]:02X}"
        return Msg(N_("it is not UTF-8 text (byte {byte} at position {position})"), byte=byte, position=exc.start)
    return os_reason(exc)


__all__ = ["EXPECTED", "MAX_FILE_BYTES", "Table", "TomlFile", "choices", "read_text_file", "toml_value"]
