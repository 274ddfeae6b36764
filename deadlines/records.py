"""Mutable records without the cost of a dataclass at start-up.

A dataclass generates and compiles its methods when its module is imported: half a millisecond a class,
a quarter of a cold ``deadlines schedule``. The immutable records are named tuples; the mutable ones (an
event the engine marks, a deal a script edits) write their ``__init__`` and share equality and ``repr``
from here, both from the instance's attributes as a dataclass's would be.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import repeat
from typing import Any, Self, TypeVar

T = TypeVar("T", bound=tuple[Any, ...])
K = TypeVar("K")
V = TypeVar("V")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while thousands of records (small objects that never form cycles) are made
    or written, or a command makes its modules and records and exits: the collector would only walk them
    again and again (a tenth of a timetable's run, or of a long scan). Memory goes back at the exit."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def columns(cls: type[T], *fields: Iterable[Any]) -> list[T]:
    """Named tuples of type ``cls`` made from one iterable per field (all fields, in order; a constant one
    is ``itertools.repeat``), in C: ``tuple.__new__`` skips the class's generated ``__new__``, a Python
    function a scan would call tens of thousands of times (twice the cost)."""
    return list(map(tuple.__new__, repeat(cls), zip(*fields, strict=False)))


class Memo(dict[K, V]):
    """A dict that works out a missing value with ``work`` and keeps it: a scan writes the same few
    thousand dates and a few times of day tens of thousands of times, and looks them up in C."""

    def __init__(self, work: Callable[[K], V]) -> None:
        super().__init__()
        self.work = work

    def __missing__(self, key: K) -> V:
        value = self[key] = self.work(key)
        return value


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


class Value:
    """An immutable record: the attributes named in ``__slots__``, set once by ``__init__`` (through
    :meth:`_init`); equality, hashing and ``repr`` over them, in that order, as a frozen dataclass's."""

    __slots__: tuple[str, ...] = ()

    def _init(self, **values: Any) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: {type(self).__name__} is immutable (use replace)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: {type(self).__name__} is immutable")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Value)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        """Copied and pickled through ``__init__`` (its arguments are the fields, in order)."""
        return type(self), self._values()

    def replace(self, **changes: Any) -> Self:
        """A copy with ``changes``, checked as a new one would be (``dataclasses.replace``)."""
        return type(self)(**{name: getattr(self, name) for name in self.__slots__} | changes)
