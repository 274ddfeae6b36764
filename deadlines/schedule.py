"""The engine's output: events as UTC instants with their zone, citation and counting trace.

Nothing here knows a language beyond the English/French labels carried from the rulebooks, and nothing
here knows a colour: rendering lives in :mod:`deadlines.render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .timeutil import iso_local, iso_utc


@dataclass
class Event:
    """One dated step of the timetable.

    ``day`` is the local day the deadline belongs to in the regime's zone (an end-of-day deadline keeps
    the day it ends), ``instant`` the exact moment in UTC.
    """

    id: str
    regime: str
    key: str
    label: dict[str, str]
    day: date
    instant: datetime
    zone: str
    rule: str
    kind: str
    trace: str
    trace_detail: dict[str, Any] | None = None
    business_day: int | None = None
    evidence: str = "K"
    estimate: bool = False
    in_force: bool = True
    range_end: date | None = None
    observed: bool = False
    approximate: bool = False
    computed_day: date | None = None
    note: str = ""
    status: str = "ok"  # ok | breach | relieved | info

    def to_json(self, zones: list[str]) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "regime": self.regime,
            "label": self.label.get("en", ""),
            "labels": self.label,
            "kind": self.kind,
            "date": self.day.isoformat(),
            "local": iso_local(self.instant, self.zone),
            "utc": iso_utc(self.instant),
            "zone": self.zone,
            "times": {z: iso_local(self.instant, z) for z in zones},
            "rule": self.rule,
            "evidence": self.evidence,
            "trace": self.trace,
            "business_day": self.business_day,
            "estimate": self.estimate,
            "observed": self.observed,
            "status": self.status,
        }
        if self.trace_detail is not None:
            data["count"] = self.trace_detail
        if self.range_end is not None:
            data["range"] = [self.day.isoformat(), self.range_end.isoformat()]
        if self.observed:
            data["approximate"] = self.approximate
            data["computed_date"] = self.computed_day.isoformat() if self.computed_day else None
        if not self.in_force:
            data["in_force"] = False
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class Warning:
    """Something the user must hear: a DST-mismatch week, a counted closure, relief, or a breach.

    ``code`` is stable for scripts; ``template`` and ``params`` let the presentation layer translate the
    message whole.
    """

    code: str
    template: str
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = "warning"  # info | warning | breach
    event: str | None = None

    @property
    def message(self) -> str:
        return self.template.format(**self.params)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "severity": self.severity, "message": self.message}
        if self.event:
            data["event"] = self.event
        return data


@dataclass
class Schedule:
    name: str
    regimes: list[str]
    zones: list[str]
    events: list[Event]
    warnings: list[Warning]

    @property
    def breaches(self) -> list[Warning]:
        return [w for w in self.warnings if w.severity == "breach"]

    def event(self, event_id: str) -> Event:
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "deal": self.name,
            "regimes": self.regimes,
            "zones": self.zones,
            "events": [e.to_json(self.zones) for e in self.events],
            "warnings": [w.to_json() for w in self.warnings],
            "ok": not self.breaches,
        }
