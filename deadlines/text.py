"""Messages that the presentation layer translates whole.

The engine and the calendars never build sentences from fragments: they return a :class:`Msg` (an English
template with named placeholders, marked for the catalog with :func:`N_`) and the values that fill it.
Values keep their type (a ``date`` stays a date, a holiday name is a :class:`Term`) so that each language
formats them its own way. ``str(msg)`` gives the English text with ISO dates, for logs and JSON.

>>> from datetime import date
>>> str(Msg(N_("{day} ({name}) is counted"), day=date(2018, 12, 24), name=Term("Christmas Eve")))
'2018-12-24 (Christmas Eve) is counted'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple, Protocol


def N_(message: str) -> str:
    """Mark a string for the catalog without translating it here (gettext's ``gettext_noop``)."""
    return message


class Term(NamedTuple):
    """A word or name that has an entry in the catalog (a holiday, a rule label, a calendar name)."""

    msgid: str
    context: str | None = None

    def __str__(self) -> str:
        return self.msgid


class Ordinal(NamedTuple):
    """The n-th unit of a count ("20th business day", "20e jour de négociation")."""

    n: int
    unit: str = "business"  # business | trading | working | calendar

    def __str__(self) -> str:
        return ORDINAL_TEMPLATES[self.unit][english_ordinal_form(self.n)].format(n=self.n)


def english_ordinal_form(n: int) -> str:
    """CLDR's English ordinal category: 1st 2nd 3rd 4th, 11th 12th 13th, 21st 22nd 23rd.

    >>> [english_ordinal_form(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111)]
    ['one', 'two', 'few', 'other', 'other', 'other', 'other', 'one', 'two', 'few', 'one', 'other']
    """
    if n % 100 in (11, 12, 13):
        return "other"
    return {1: "one", 2: "two", 3: "few"}.get(n % 10, "other")


class At(NamedTuple):
    """An instant shown in one zone: "Thu, Sep 12, 2002, 12:00 PM New York time"."""

    instant: datetime
    zone: str
    style: str = "medium"  # medium (abbreviated weekday and month) | long | short (no year)

    def __str__(self) -> str:
        """``2026-05-15 24:00 America/New_York``: the day a deadline ends keeps its date (24:00)."""
        from zoneinfo import ZoneInfo

        day, clock = wall_day_and_clock(self.instant.astimezone(ZoneInfo(self.zone)))
        return f"{day.isoformat()} {clock} {self.zone}"


def wall_day_and_clock(local: datetime) -> tuple[date, str]:
    """The day and ``HH:MM`` a local time is written with: 00:00 exactly is 24:00 of the day before (the
    end of the day a deadline falls on). Here, below every other module, for :class:`At` and
    :func:`deadlines.timeutil.day_and_clock` both."""
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return local.date() - timedelta(days=1), "24:00"
    return local.date(), f"{local:%H:%M}"


class WallClock(NamedTuple):
    """A time of day in a zone, e.g. an exchange's early close: "1:00 p.m." in New York, "13h00" in French;
    ``13:00`` in neutral text (JSON)."""

    hour: int
    minute: int
    zone: str

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


class ZoneName(NamedTuple):
    """A zone as people say it: "New York time", "heure de Paris"."""

    zone: str

    def __str__(self) -> str:
        return self.zone


class Items(NamedTuple):
    """Several values shown together.

    ``style``: ``list`` is the language's list ("A, B and C" / "A, B et C"), ``parts`` the clauses of a
    trace (separated by "; ", " ; " in French), ``comma`` and ``slash`` fixed separators.
    """

    items: Sequence[Any]
    style: str = "list"

    def __str__(self) -> str:
        return SEPARATORS.get(self.style, ", ").join(plain(i) for i in self.items)


SEPARATORS = {"parts": "; ", "slash": " / ", "comma": ", ", "list": ", "}


class Msg:
    """An English template with named placeholders, and the values that fill it. (Plain classes and named
    tuples here and in the other records read at start-up: a dataclass costs half a millisecond to define.)"""

    __slots__ = ("params", "template")
    template: str
    params: Mapping[str, Any]

    def __init__(self, template: str, /, **params: Any) -> None:
        self.template = template
        self.params = params

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Msg)
        return (self.template, self.params) == (other.template, other.params)

    __hash__ = None  # type: ignore[assignment]  # its params are a dict

    def __repr__(self) -> str:
        return f"{type(self).__name__}(template={self.template!r}, params={self.params!r})"

    def render(self, translations: Translations, value: Callable[[Any], str]) -> str:
        """Translate the template whole and format each value with ``value``."""
        return translations.gettext(self.template).format(**{k: value(v) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.render(ENGLISH, plain)


class Plural(Msg):
    """A message whose wording depends on a number (``n``): singular and plural English templates."""

    __slots__ = ("plural",)
    plural: str

    def __init__(self, singular: str, plural: str, /, n: int, **params: Any) -> None:
        super().__init__(singular, n=n, **params)
        self.plural = plural

    def render(self, translations: Translations, value: Callable[[Any], str]) -> str:
        n = self.params["n"]
        template = translations.ngettext(self.template, self.plural, n)
        return template.format(**{k: value(v) for k, v in self.params.items()})


class Translations(Protocol):
    """What :mod:`gettext` translation objects offer (and :data:`ENGLISH`, the identity)."""

    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...
    def pgettext(self, context: str, message: str, /) -> str: ...


class _English:
    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str, /) -> str:
        return message


ENGLISH: Translations = _English()


def plain(value: Any) -> str:
    """The language-neutral form of a value: ISO dates, as in the JSON output."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


# One whole template per ordinal category of the language (CLDR ordinal plural rules: English has
# one/two/few/other, French one/other); the context keeps the four English forms apart in the catalog.
ORDINAL_TEMPLATES: dict[str, dict[str, str]] = {
    "business": {
        "one": N_("{n}st business day"),
        "two": N_("{n}nd business day"),
        "few": N_("{n}rd business day"),
        "other": N_("{n}th business day"),
    },
    "trading": {
        "one": N_("{n}st trading day"),
        "two": N_("{n}nd trading day"),
        "few": N_("{n}rd trading day"),
        "other": N_("{n}th trading day"),
    },
    # A calendar open on Saturdays (German Werktage): not "business days", which a reader takes for Mon-Fri.
    "working": {
        "one": N_("{n}st working day"),
        "two": N_("{n}nd working day"),
        "few": N_("{n}rd working day"),
        "other": N_("{n}th working day"),
    },
    "calendar": {
        "one": N_("{n}st calendar day"),
        "two": N_("{n}nd calendar day"),
        "few": N_("{n}rd calendar day"),
        "other": N_("{n}th calendar day"),
    },
}


# -- text from files, shown on a terminal ----------------------------------------------------------------

# Line and field breaks become spaces: a message stays one line, a table cell keeps its layout.
_BREAKS = dict.fromkeys(map(ord, "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"), " ")
# What a terminal would obey instead of showing: C0 controls (ESC starts CSI and OSC sequences), DEL, C1
# controls, and the bidirectional overrides and isolates that reorder what follows them on the line.
_COMMANDS = "[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"  # compiled by re's cache when first used


def terminal_safe(text: str) -> str:
    """``text`` (a deal name, a note, a value echoed in an error) as data a terminal shows and never obeys:
    breaks and tabs become spaces, other control and bidirectional-override characters their escape, in
    view (``ESC`` becomes ``\\x1b``, so ``ESC[2J`` shows as ``\\x1b[2J`` and clears nothing).

    >>> terminal_safe("Acme\\x1b]0;pwned\\x07 and\\nmore\\u202e")
    'Acme\\\\x1b]0;pwned\\\\x07 and more\\\\u202e'
    """
    text = text.translate(_BREAKS)
    if re.search(_COMMANDS, text) is None:
        return text
    return re.sub(_COMMANDS, lambda m: _escape(m[0]), text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
