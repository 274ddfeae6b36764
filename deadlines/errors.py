"""Typed errors: every failure a user can cause is one of these, caught once at the CLI edge.

Each class carries a message template with named placeholders and the values that fill it, so the
presentation layer can translate the template whole (never assembled from fragments).
"""

from __future__ import annotations

from typing import Any


class DeadlinesError(Exception):
    """Base class for errors caused by input: exit status 2 at the CLI."""

    template = "{detail}"

    def __init__(self, template: str | None = None, /, **params: Any) -> None:
        if template is not None:
            self.template = template
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)


class InputError(DeadlinesError):
    """Malformed or impossible input (dates, numbers, options)."""


class UnknownIdError(DeadlinesError):
    """An unknown calendar, regime, zone or event id; suggests the closest known one."""

    template = "unknown {kind} '{value}'{hint}"

    def __init__(self, kind: str, value: str, known: list[str]) -> None:
        import difflib

        close = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(sorted(known))})"
        super().__init__(kind=kind, value=value, hint=hint)


class CoverageError(DeadlinesError):
    """A date outside the years a calendar has verified data for: never guessed."""

    template = "{day} is outside the coverage of calendar {calendar} ({first} to {last})"


class NonexistentTimeError(DeadlinesError):
    """A local wall time skipped by a daylight-saving change (spring forward)."""

    template = (
        "{local} does not exist in {zone}: clocks jump from {before} to {after} that day; give a time outside the gap"
    )


class AmbiguousTimeError(DeadlinesError):
    """A local wall time that happens twice (fall back); the user must say which."""

    template = (
        "{local} happens twice in {zone}: first at {first} and again at {second}; "
        "add the UTC offset (e.g. '{local}{first_offset}') to choose"
    )


class DealFileError(DeadlinesError):
    """A deal or rulebook file that cannot be read or does not follow the schema."""

    template = "{path}: {detail}"
