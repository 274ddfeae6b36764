"""The engine's output: events as UTC instants with their zone, citation and counting trace.

Nothing here knows a language or a colour: labels, traces and warnings are English templates with
their values (:mod:`deadlines.text`), which :mod:`deadlines.i18n` renders in the user's language and
:mod:`deadlines.render` draws.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from .records import Record
from .text import Items, Msg, Term
from .timeutil import iso_local, iso_utc

if TYPE_CHECKING:
    from .calendars import Count

Render = Callable[[Any], str]


NO_PARAMS: Mapping[str, Any] = MappingProxyType({})


def _msg(self: Breach | Warning) -> Msg:
    """The message, kept as its English template and values so that each language translates it whole."""
    return Msg(self.template, **self.params)


def _message(self: Breach | Warning) -> str:
    """The English message."""
    return str(_msg(self))


class Breach(NamedTuple):
    """A rule an event breaks: its stable ``code``, the ``rule`` it breaks (a citation), the message, and the
    relief that waives it, if any (the event is then *relieved*, not *in breach*)."""

    code: str
    rule: str
    template: str
    params: Mapping[str, Any] = NO_PARAMS
    waived_by: str | None = None

    @property
    def msg(self) -> Msg:
        return _msg(self)

    @property
    def message(self) -> str:
        return _message(self)

    def to_json(self, text: Render = str) -> dict[str, Any]:
        data = {"code": self.code, "rule": text(Term(self.rule)), "message": text(self.msg)}
        if self.waived_by is not None:
            data["relief"] = self.waived_by
        return data


class Event(Record):
    """One dated step of the timetable.

    ``day`` is the local day the deadline belongs to in the regime's zone (an end-of-day deadline keeps
    the day it ends), ``instant`` the exact moment in UTC.
    """

    def __init__(
        self,
        id: str,
        regime: str,
        key: str,
        label: str,  # the rulebook's English label (a catalog msgid)
        day: date,
        instant: datetime,
        zone: str,
        rule: str,
        kind: str,
        trace: Msg | Items,
        count: Count | None = None,
        business_day: int | None = None,
        evidence: str = "K",
        estimate: bool = False,
        in_force: bool = True,
        range_end: date | None = None,
        observed: bool = False,
        approximate: bool = False,
        computed_day: date | None = None,
        computed_instant: datetime | None = None,  # the rule's instant, when an observation replaced it
        note: Msg | None = None,
        status: str = "ok",  # ok | breach | relieved | info
        breaches: list[Breach] | None = None,
    ) -> None:
        self.id, self.regime, self.key, self.label = id, regime, key, label
        self.day, self.instant, self.zone = day, instant, zone
        self.rule, self.kind, self.trace, self.count = rule, kind, trace, count
        self.business_day, self.evidence, self.estimate, self.in_force = business_day, evidence, estimate, in_force
        self.range_end = range_end
        self.observed, self.approximate = observed, approximate
        self.computed_day, self.computed_instant = computed_day, computed_instant
        self.note, self.status = note, status
        # The rules this event breaks (status "breach"), or breaks with relief (status "relieved").
        self.breaches: list[Breach] = [] if breaches is None else breaches

    @property
    def unwaived(self) -> list[Breach]:
        """The breaches no relief waives: the reasons the event's status is "breach"."""
        return [b for b in self.breaches if b.waived_by is None]

    @property
    def waived(self) -> list[Breach]:
        return [b for b in self.breaches if b.waived_by is not None]

    def to_json(
        self, zones: list[str], text: Render = str, labels: Mapping[str, Render] | None = None
    ) -> dict[str, Any]:
        """The event for scripts: ISO instants, and its words rendered by ``text`` (English by default);
        ``labels`` adds the label in each language (``{"en": ..., "fr": ...}``)."""
        data: dict[str, Any] = {
            "id": self.id,
            "regime": self.regime,
            "label": text(Term(self.label)),
            "kind": self.kind,
            "date": self.day.isoformat(),
            "local": iso_local(self.instant, self.zone),
            "utc": iso_utc(self.instant),
            "zone": self.zone,
            "times": {z: iso_local(self.instant, z) for z in zones},
            "rule": text(Term(self.rule)),
            "evidence": self.evidence,
            "trace": text(self.trace),
            "business_day": self.business_day,
            "estimate": self.estimate,
            "observed": self.observed,
            "status": self.status,
            "breaches": [b.to_json(text) for b in self.unwaived],
            "waived": [b.to_json(text) for b in self.waived],
        }
        if labels:
            data["labels"] = {lang: render(Term(self.label)) for lang, render in labels.items()}
        if self.count is not None:
            data["count"] = {**self.count.as_dict(), "text": text(self.count.message())}
        if self.range_end is not None:
            data["range"] = [self.day.isoformat(), self.range_end.isoformat()]
        if self.observed:
            data["approximate"] = self.approximate
            data["computed_date"] = self.computed_day.isoformat() if self.computed_day else None
        if not self.in_force:
            data["in_force"] = False
        if self.note:
            data["note"] = text(self.note)
        return data


class Warning(NamedTuple):
    """Something the user must hear: a DST-mismatch week, a counted closure, relief, or a breach.

    ``code`` is stable for scripts; ``template`` and ``params`` let the presentation layer translate the
    message whole.
    """

    code: str
    template: str
    params: Mapping[str, Any] = NO_PARAMS
    severity: str = "warning"  # info | warning | breach
    event: str | None = None

    @property
    def msg(self) -> Msg:
        return _msg(self)

    @property
    def message(self) -> str:
        return _message(self)

    def to_json(self, text: Render = str) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "severity": self.severity, "message": text(self.msg)}
        if self.event:
            data["event"] = self.event
        return data


class Schedule(Record):
    """The timetable of a deal: its events in order and what the user must hear."""

    def __init__(
        self, name: str, regimes: list[str], zones: list[str], events: list[Event], warnings: list[Warning]
    ) -> None:
        self.name, self.regimes, self.zones, self.events, self.warnings = name, regimes, zones, events, warnings

    @property
    def breaches(self) -> list[Warning]:
        return [w for w in self.warnings if w.severity == "breach"]

    def event(self, event_id: str) -> Event:
        for event in self.events:
            if event.id == event_id:
                return event
        from .errors import UnknownEventError

        raise UnknownEventError(event_id, [event.id for event in self.events])

    def to_json(
        self, text: Render = str, labels: Mapping[str, Render] | None = None, lang: str | None = None
    ) -> dict[str, Any]:
        """The schedule for scripts: ISO instants, and its words in ``lang`` (``"fr"``; English by default)
        or as ``text`` renders them, with each label in every language when ``labels`` (or ``lang``) is given."""
        if lang is not None:  # the words through the catalogs: loaded only when asked for
            from .i18n import LANGUAGES, Localizer, parse_langs

            text = Localizer(parse_langs(lang)[0], cldr=False).text
            labels = {code: Localizer(code, cldr=False).text for code in LANGUAGES}
        return {
            "deal": self.name,
            "regimes": self.regimes,
            "zones": self.zones,
            "events": [e.to_json(self.zones, text, labels) for e in self.events],
            "warnings": [w.to_json(text) for w in self.warnings],
            "ok": not self.breaches,
        }


# The name scripts import: ``from deadlines import *`` must not shadow Python's own ``Warning``.
ScheduleWarning = Warning
