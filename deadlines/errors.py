"""Typed errors: every failure a user can cause is one of these, caught once at the CLI edge.

Each class carries a message template with named placeholders and the values that fill it, so the
presentation layer can translate the template whole (never assembled from fragments).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from .text import N_, Msg


class DeadlinesError(Exception):
    """Base class for errors caused by input: exit status 2 at the CLI."""

    template = N_("{detail}")

    def __init__(self, template: str | None = None, /, **params: Any) -> None:
        if template is not None:
            self.template = template
        self.params = params
        super().__init__(self.message)

    @property
    def msg(self) -> Msg:
        """The message to translate: the template and its values."""
        return Msg(self.template, **self.params)

    @property
    def message(self) -> str:
        """The English message."""
        return str(self.msg)


class InputError(DeadlinesError):
    """Malformed or impossible input (dates, numbers, options)."""


def closest(value: str, known: Sequence[str]) -> str | None:
    """The known id nearest ``value``, if one is near enough to suggest ("did you mean ...?")."""
    import difflib  # only on the way to an error

    found = difflib.get_close_matches(value, list(known), n=1, cutoff=0.5)
    return found[0] if found else None


class UnknownIdError(DeadlinesError):
    """An unknown calendar, regime, zone or event id; suggests the closest known one."""

    TEMPLATES: ClassVar[dict[str, tuple[str, str]]] = {
        "calendar": (
            N_("unknown calendar '{value}' (did you mean '{close}'?)"),
            N_("unknown calendar '{value}' (known: {known})"),
        ),
        "regime": (
            N_("unknown regime '{value}' (did you mean '{close}'?)"),
            N_("unknown regime '{value}' (known: {known})"),
        ),
        "event": (
            N_("this schedule has no event '{value}' (did you mean '{close}'?)"),
            N_("this schedule has no event '{value}' (its events: {known})"),
        ),
        "time zone": (
            N_("unknown time zone '{value}' (did you mean '{close}'?)"),
            # Hundreds of zones: a list would bury the message, so name the form and two examples.
            N_("unknown time zone '{value}': give an IANA name such as Europe/Paris or America/New_York"),
        ),
    }

    def __init__(self, kind: str, value: str, known: list[str]) -> None:
        from .text import Items

        close = closest(value, known)
        suggest, listing = self.TEMPLATES[kind]
        self.kind = kind
        if close is not None:
            super().__init__(suggest, value=value, close=close)
        else:
            super().__init__(listing, value=value, known=Items(sorted(known), "comma"))


class UnknownEventError(UnknownIdError, KeyError):
    """``Schedule.event`` with an id the schedule does not have: a KeyError, as a lookup's failure is in
    Python, that suggests the closest id."""

    def __init__(self, value: str, known: list[str]) -> None:
        super().__init__("event", value, known)

    def __str__(self) -> str:  # KeyError would show the repr of the first argument
        return self.message


class CoverageError(DeadlinesError):
    """A date outside the years a calendar has verified data for: never guessed."""

    template = N_("{day} is outside the coverage of calendar {calendar} ({first} to {last})")


class NonexistentTimeError(DeadlinesError):
    """A local wall time skipped by a daylight-saving change (spring forward)."""

    template = N_(
        "{local} does not exist in {zone}: clocks jump from {before} to {after} that day; give a time outside the gap"
    )


class AmbiguousTimeError(DeadlinesError):
    """A local wall time that happens twice (fall back); the user must say which."""

    template = N_(
        "{local} happens twice in {zone}: first at {first} and again at {second}; "
        "add the UTC offset (e.g. '{local}{first_offset}') to choose"
    )


class DealFileError(DeadlinesError):
    """A deal or rulebook file that cannot be read or does not follow the schema."""

    template = N_("{path}: {detail}")

    def __init__(self, path: str, detail: Msg | str, line: int | None = None, column: int | None = None) -> None:
        if line is None:
            super().__init__(path=path, detail=detail)
        elif column is None:
            super().__init__(N_("{path}, line {line}: {detail}"), path=path, line=line, detail=detail)
        else:
            template = N_("{path}, line {line}, column {column}: {detail}")
            super().__init__(template, path=path, line=line, column=column, detail=detail)


def os_reason(error: OSError) -> Msg | str:
    """Why a file operation failed, in words: the common reasons translated, the system's words for the
    rarer ones (its ``strerror``, in English)."""
    import errno

    reasons = {
        errno.ENAMETOOLONG: N_("file name too long"),
        errno.EACCES: N_("permission denied"),
        errno.EPERM: N_("permission denied"),
        errno.ENOSPC: N_("no space left on device"),
        errno.EROFS: N_("read-only file system"),
        errno.ENOTDIR: N_("a part of the path is not a directory"),
        errno.EISDIR: N_("it is a directory"),
        errno.EBADF: N_("it is closed"),
        errno.EDQUOT: N_("disk quota exceeded"),
        errno.EIO: N_("input/output error"),
    }
    template = reasons.get(error.errno or 0)
    if template is not None:
        return Msg(template)
    return error.strerror or error.__class__.__name__


def file_kind(mode: int) -> Msg:
    """What a file that is not a regular file is, in words (from its ``st_mode``)."""
    import stat

    if stat.S_ISDIR(mode):
        return Msg(N_("it is a directory"))
    if stat.S_ISFIFO(mode):
        return Msg(N_("it is a named pipe (FIFO), not a regular file"))
    if stat.S_ISSOCK(mode):
        return Msg(N_("it is a socket, not a regular file"))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Msg(N_("it is a device, not a regular file"))
    return Msg(N_("it is not a regular file"))
