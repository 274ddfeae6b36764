"""Mutable records without the cost of a dataclass at start-up.

A dataclass generates and compiles its methods when its module is imported: half a millisecond a class,
a quarter of a cold ``deadlines schedule``. The immutable records are named tuples; the mutable ones (an
event the engine marks, a deal a script edits) write their ``__init__`` and share equality and ``repr``
from here, both from the instance's attributes as a dataclass's would be.
"""

from __future__ import annotations

from typing import Any


class Record:
    """Equality by type and attributes; a ``repr`` listing them. Unhashable, being mutable."""

    __hash__ = None  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return vars(self) == vars(other)

    def __repr__(self) -> str:
        fields = ", ".join(f"{key}={value!r}" for key, value in vars(self).items() if not key.startswith("_"))
        return f"{type(self).__name__}({fields})"

    def fields(self) -> dict[str, Any]:
        """The attributes, as ``dataclasses.asdict`` would list them (not deep-copied)."""
        return dict(vars(self))
