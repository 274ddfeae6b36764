"""Rulebooks: one TOML file per regime, loaded into typed records, with effective-date versions.

A practitioner adjusts a rule by editing its TOML file (numbers, times, labels, citations, versions);
the engine reads only what is here. See ``us-14d.toml`` for the field reference.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import DealFileError, UnknownIdError
from ..text import N_, Msg
from ..timeutil import WallTime

KINDS = {"start", "minimum", "maximum", "expiry", "deadline", "estimate", "amendment"}
UNITS = {"business", "settlement", "calendar", "months"}
RULE_KEYS = {
    "kind",
    "anchor",
    "unit",
    "n",
    "n_max",
    "day1",
    "time",
    "label",
    "citation",
    "evidence",
    "versions",
    "option",
    "replaces",
    "requires",
    "amendments",
    "staff_position",
    "phase",
    "limit",
    "each_extension",
}
VERSION_KEYS = {"since", "until", "in_force", "n", "time", "citation", "label", "optional"}
BOOK_KEYS = {
    "id",
    "calendar",
    "settlement_calendar",
    "zone",
    "start",
    "expiry",
    "title",
    "rules",
    "default_expiry_time",
    "historic_before",
    "historic_note",
}


@dataclass(frozen=True)
class Option:
    name: str
    since: date | None = None


@dataclass(frozen=True)
class Rule:
    """One timing rule of a regime, as in force for a given offer."""

    key: str
    kind: str
    label: str  # English; the catalogs translate it (rulebooks are extracted by deadlines.i18n.extract)
    citation: str
    evidence: str
    anchor: str | None = None
    unit: str = "business"
    n: int = 0
    n_max: int | None = None
    day1: str = "anchor"
    time: WallTime | None = None
    option: Option | None = None
    replaces: str | None = None
    requires: str | None = None
    amendments: tuple[str, ...] = ()
    staff_position: bool = False
    phase: str = "initial"
    limit: str | None = None
    in_force: bool = True
    optional: bool = False
    each_extension: bool = False  # also counted from each scheduled expiry that was extended
    versions: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    def as_of(self, day: date) -> Rule:
        """The rule as in force for an offer that started on ``day``."""
        rule = self
        for version in self.versions:
            since = version.get("since", date.min)
            until = version.get("until", date.max)
            if since <= day < until:
                changes = {k: v for k, v in version.items() if k not in ("since", "until")}
                if "time" in changes:
                    changes["time"] = WallTime.parse(changes["time"])
                rule = replace(rule, **changes)
        return rule


@dataclass(frozen=True)
class Rulebook:
    id: str
    title: str
    calendar: str
    settlement_calendar: str
    zone: str
    start: str
    expiry: str
    rules: dict[str, Rule]
    default_expiry_time: WallTime
    historic_before: date | None = None
    historic_note: str = ""

    def in_force(self, day: date, options: set[str]) -> list[Rule]:
        """Rules applying to an offer that started on ``day`` with the chosen ``options``."""
        out: list[Rule] = []
        replaced: set[str] = set()
        for rule in self.rules.values():
            if rule.option is not None:
                if rule.option.name in options and (rule.option.since is None or day >= rule.option.since):
                    if rule.replaces:
                        replaced.add(rule.replaces)
                else:
                    continue
            out.append(rule.as_of(day))
        return [r for r in out if r.key not in replaced]


def _check_keys(where: str, data: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise DealFileError(where, Msg(N_("unknown key '{key}'"), key=unknown[0]))


def _parse_rule(book: str, key: str, data: dict[str, Any]) -> Rule:
    where = f"rulebook {book}, rule {key}"
    _check_keys(where, data, RULE_KEYS)
    try:
        kind = data["kind"]
        if kind not in KINDS:
            raise DealFileError(where, Msg(N_("unknown kind '{kind}'"), kind=kind))
        unit = data.get("unit", "business")
        if unit not in UNITS:
            raise DealFileError(where, Msg(N_("unknown unit '{unit}'"), unit=unit))
        versions = tuple(data.get("versions", ()))
        for version in versions:
            _check_keys(where, version, VERSION_KEYS)
        option = data.get("option")
        return Rule(
            key=key,
            kind=kind,
            label=str(data["label"]),
            citation=data["citation"],
            evidence=data.get("evidence", "K"),
            anchor=data.get("anchor"),
            unit=unit,
            n=int(data.get("n", 0)),
            n_max=data.get("n_max"),
            day1=data.get("day1", "anchor"),
            time=WallTime.parse(data["time"]) if "time" in data else None,
            option=Option(option["name"], date.fromisoformat(option["since"]) if "since" in option else None)
            if option
            else None,
            replaces=data.get("replaces"),
            limit=data.get("limit"),
            requires=data.get("requires"),
            amendments=tuple(data.get("amendments", ())),
            staff_position=bool(data.get("staff_position", False)),
            each_extension=bool(data.get("each_extension", False)),
            phase=data.get("phase", "subsequent" if data.get("requires") == "subsequent" else "initial"),
            versions=tuple(
                {k: (date.fromisoformat(v) if k in ("since", "until") else v) for k, v in ver.items()}
                for ver in versions
            ),
        )
    except KeyError as missing:
        raise DealFileError(where, Msg(N_("missing key {key}"), key=str(missing))) from None


def parse_rulebook(text: str, origin: str) -> Rulebook:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DealFileError(origin, str(exc)) from None
    _check_keys(origin, data, BOOK_KEYS)
    book = data["id"]
    rules = {key: _parse_rule(book, key, body) for key, body in data.get("rules", {}).items()}
    historic = data.get("historic_before")
    return Rulebook(
        id=book,
        title=str(data["title"]),
        calendar=data["calendar"],
        settlement_calendar=data.get("settlement_calendar", data["calendar"]),
        zone=data["zone"],
        start=data["start"],
        expiry=data["expiry"],
        rules=rules,
        default_expiry_time=WallTime.parse(data.get("default_expiry_time", "24:00")),
        historic_before=date.fromisoformat(historic) if historic else None,
        historic_note=str(data.get("historic_note", "")),
    )


REGIMES = ("us-14d", "us-13e4", "fr-amf", "fr-amf-simplified")


@cache
def get_rulebook(regime: str) -> Rulebook:
    """The rulebook shipped for ``regime`` (``us-14d``, ``us-13e4``, ``fr-amf``, ``fr-amf-simplified``)."""
    if regime not in REGIMES:
        raise UnknownIdError("regime", regime, list(REGIMES))
    text = Path(__file__).with_name(f"{regime}.toml").read_text(encoding="utf-8")
    return parse_rulebook(text, f"{regime}.toml")


__all__ = ["REGIMES", "Option", "Rule", "Rulebook", "get_rulebook", "parse_rulebook"]
