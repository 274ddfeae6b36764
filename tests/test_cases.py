"""Worked examples as data: every ``tests/cases/<dir>/*.toml`` is a deal and the answers it must give.

The format is described in ``tests/cases/README.md``. Each case file is read strictly (an unknown key, a
value of the wrong type or an expectation without its ``source`` is an error naming the file), its deal is
computed with :func:`deadlines.engine.compute`, and every expectation is compared: all the differences of a
case are reported together, each with the expected value, the value computed and the source of the
expected value.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from deadlines.deal import load_deal, parse_deal
from deadlines.engine import compute
from deadlines.errors import DeadlinesError
from deadlines.model import Deal
from deadlines.schedule import Event, Schedule
from deadlines.timeutil import zone

CASES = Path(__file__).resolve().parent / "cases"
REGIMES = ("us-14d", "us-13e4", "fr-amf", "fr-amf-simplified", "uk-code", "ch-uev", "de-wpug")
CROSS_BORDER = "cross-border"  # the directory of deals with more than one regime
LANGS = ("en", "fr")
STATUSES = ("ok", "breach", "relieved", "info")


class CaseError(Exception):
    """A case file that is not a valid case: the message names the file and the key."""


# -- reading a case file ------------------------------------------------------------------------------


def _is_day(value: object) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _instant(value: object) -> datetime | None:
    """An aware datetime from a TOML offset date-time or an ISO string (``2002-09-12T16:00Z``), else None."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime) and value.utcoffset() is not None:
        return value
    return None


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


# key -> (what it must be, a check)
TYPES: dict[str, tuple[str, Any]] = {
    "str": ("a string", lambda v: isinstance(v, str) and v.strip() != ""),
    "day": ("a date (YYYY-MM-DD, no quotes)", _is_day),
    "bool": ("true or false", lambda v: isinstance(v, bool)),
    "int": ("a whole number", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "instant": ("a date-time with its offset or Z (2002-09-12T16:00:00Z)", lambda v: _instant(v) is not None),
    "strings": ("a list of strings", _strings),
}
TOP = {
    "title": "str",
    "note": "str",
    "deal_file": "str",
    "today": "day",
    "lang": "str",
    "reversed_too": "bool",
}
TOP_TABLES = {"deal", "expect", "warning", "breaches"}
EXPECT = {
    "event": "str",
    "source": "str",
    "note": "str",
    "at": "instant",
    "day": "day",
    "business_day": "int",
    "kind": "str",
    "status": "str",
    "breaches": "strings",
    "estimate": "bool",
    "observed": "bool",
    "approximate": "bool",
    "in_force": "bool",
    "computed_day": "day",
    "days_left": "str",
    "absent": "bool",
}
# What an [[expect]] can check besides its event's presence: the Event attribute of each key.
CHECKS = ("at", "day", "business_day", "kind", "status", "breaches", "estimate", "observed", "approximate")
CHECKS += ("in_force", "computed_day", "days_left", "absent")
WARNING = {"code": "str", "event": "str", "contains": "str", "present": "bool", "source": "str", "note": "str"}
BREACHES = {"codes": "strings", "source": "str", "note": "str"}


@dataclass
class Expect:
    event: str
    source: str
    checks: dict[str, Any]


@dataclass
class ExpectWarning:
    code: str
    source: str
    event: str | None = None
    contains: str | None = None
    present: bool = True


@dataclass
class Case:
    path: Path
    title: str
    deals: list[Deal]  # the deal, and with reversed_too the same deal with its offers in reverse order
    expects: list[Expect] = field(default_factory=list)
    warnings: list[ExpectWarning] = field(default_factory=list)
    breaches: tuple[list[str], str] | None = None  # (codes, source)
    today: date | None = None
    lang: str = "en"

    @property
    def name(self) -> str:
        return self.path.relative_to(CASES).as_posix() if self.path.is_relative_to(CASES) else self.path.name


def _checked(where: str, table: object, keys: dict[str, str], required: tuple[str, ...] = ()) -> dict[str, Any]:
    """``table`` with only ``keys``, each of its type, and every ``required`` key present."""
    if not isinstance(table, dict):
        raise CaseError(f"{where}: a table is expected, not {type(table).__name__}")
    unknown = sorted(set(table) - set(keys))
    if unknown:
        raise CaseError(f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(keys))})")
    for key in required:
        if key not in table:
            raise CaseError(f"{where}: {key!r} is required")
    for key, value in table.items():
        what, ok = TYPES[keys[key]]
        if not ok(value):
            raise CaseError(f"{where}: {key!r} must be {what}, not {value!r}")
    return table


def _tables(where: str, data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise CaseError(f"{where}: {key!r} must be an array of tables, [[{key}]]")
    return value


def toml_text(table: dict[str, Any]) -> str:
    """``table`` (a deal: keys, tables and arrays of tables) written back as TOML text, checked to read back
    to the same values: the deal of a case is then read by :func:`parse_deal`, as a deal file is."""
    lines: list[str] = []
    tables: list[tuple[str, dict[str, Any]]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            tables.append((f"[{_key(key)}]", value))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            tables += [(f"[[{_key(key)}]]", v) for v in value]
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for header, body in tables:
        lines += ["", header, *(f"{_key(k)} = {_value(v)}" for k, v in body.items())]
    text = "\n".join(lines) + "\n"
    if tomllib.loads(text) != table:  # never a different deal in silence
        raise CaseError(f"its [deal] does not write back as the same TOML:\n{text}")
    return text


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date | time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    return repr(value)  # int, float


def read_case(path: Path, text: str | None = None) -> Case:
    """The case in ``path`` (or in ``text``, named ``path``), checked strictly."""
    where = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8") if text is None else text)
    except tomllib.TOMLDecodeError as exc:
        raise CaseError(f"{where}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(TOP) - TOP_TABLES)
    if unknown:
        allowed = ", ".join(sorted(set(TOP) | TOP_TABLES))
        raise CaseError(f"{where}: unknown key {unknown[0]!r} (allowed at the top: {allowed})")
    top = _checked(where, {k: v for k, v in data.items() if k in TOP}, TOP, ("title",))
    lang = top.get("lang", "en")
    if lang not in LANGS:
        raise CaseError(f"{where}: 'lang' must be one of {', '.join(LANGS)}, not {lang!r}")
    deals = _deals(path, where, data, top)
    case = Case(path, top["title"], deals, today=top.get("today"), lang=lang)
    for i, item in enumerate(_tables(where, data, "expect"), 1):
        at = f"{where}: [[expect]] #{i}"
        item = _checked(at, item, EXPECT, ("event", "source"))
        if item["event"].count(".") != 1:
            raise CaseError(f"{at}: 'event' is an event id, regime.key (us-14d.expiry), not {item['event']!r}")
        checks = {k: v for k, v in item.items() if k in CHECKS}
        if not checks:
            raise CaseError(f"{at}: nothing to check for {item['event']} (give at least one of {', '.join(CHECKS)})")
        if checks.get("absent") is False or ("absent" in checks and len(checks) > 1):
            raise CaseError(f"{at}: 'absent = true' says the event is not in the schedule: nothing else to check")
        if "status" in checks and checks["status"] not in STATUSES:
            raise CaseError(f"{at}: 'status' must be one of {', '.join(STATUSES)}")
        if "days_left" in checks and case.today is None:
            raise CaseError(f"{at}: 'days_left' needs 'today' at the top of the case")
        if "at" in checks:
            checks["at"] = _instant(checks["at"])
        case.expects.append(Expect(item["event"], item["source"], checks))
    for i, item in enumerate(_tables(where, data, "warning"), 1):
        item = _checked(f"{where}: [[warning]] #{i}", item, WARNING, ("code", "source"))
        item.pop("note", None)
        case.warnings.append(ExpectWarning(**item))
    if "breaches" in data:
        item = _checked(f"{where}: [breaches]", data["breaches"], BREACHES, ("codes", "source"))
        case.breaches = (item["codes"], item["source"])
    if not (case.expects or case.warnings or case.breaches):
        raise CaseError(f"{where}: no [[expect]], [[warning]] or [breaches]: the case checks nothing")
    ids = [e.event for e in case.expects]
    if len(set(ids)) != len(ids):
        twice = next(i for i in ids if ids.count(i) > 1)
        raise CaseError(f"{where}: {twice} is expected twice: give all its checks in one [[expect]]")
    _check_directory(path, where, deals[0])
    return case


def _deals(path: Path, where: str, data: dict[str, Any], top: dict[str, Any]) -> list[Deal]:
    """The case's deal from its ``[deal]`` table or its ``deal_file``, and, with ``reversed_too``, the same
    deal with its ``[[offer]]`` tables in reverse order."""
    if ("deal" in data) == ("deal_file" in top):
        raise CaseError(f"{where}: give the deal either as a [deal] table or as deal_file, one of them")
    if "deal_file" in top:
        if top.get("reversed_too"):
            raise CaseError(f"{where}: 'reversed_too' needs the deal as a [deal] table")
        try:
            return [load_deal(path.parent / top["deal_file"])]
        except DeadlinesError as exc:
            raise CaseError(f"{where}: its deal_file is refused: {exc}") from None
    table = data["deal"]
    if not isinstance(table, dict):
        raise CaseError(f"{where}: 'deal' must be a table, [deal]")
    tables = [table]
    if top.get("reversed_too"):
        offers = table.get("offer")
        if not isinstance(offers, list) or len(offers) < 2:
            raise CaseError(f"{where}: 'reversed_too' needs a deal with two [[deal.offer]] or more")
        tables.append({**table, "offer": offers[::-1]})
    deals = []
    for i, item in enumerate(tables):
        name = f"{where} [deal]" + (" (offers reversed)" if i else "")
        try:
            deals.append(parse_deal(toml_text(item), name))
        except DeadlinesError as exc:
            raise CaseError(f"{where}: its [deal] is refused: {exc}") from None
    return deals


def _check_directory(path: Path, where: str, deal: Deal) -> None:
    """A case sits in the directory of its deal's one regime, or in cross-border/ when it has several."""
    if not path.is_relative_to(CASES):
        return
    regimes = [leg.regime for leg in deal.legs]
    expected = regimes[0] if len(regimes) == 1 else CROSS_BORDER
    if path.parent.name != expected:
        raise CaseError(f"{where}: a deal with {', '.join(regimes)} belongs in tests/cases/{expected}/")


# -- comparing ------------------------------------------------------------------------------------------


def _show(value: Any, event: Event | None = None) -> str:
    if isinstance(value, datetime):
        local = value if event is None else value.astimezone(zone(event.zone))
        text = local.isoformat(timespec="minutes")
        return text.replace("+00:00", "Z") if event is None else f"{text} ({event.zone})"
    if isinstance(value, date):
        return value.isoformat()
    return repr(value)


def _got(event: Event, key: str, case: Case) -> Any:
    if key == "breaches":
        return [b.code for b in event.unwaived]
    if key == "days_left":
        from deadlines.i18n import Localizer
        from deadlines.render.rows import days_left

        assert case.today is not None
        return days_left(Localizer(case.lang), event.day, case.today)[0]
    return event.instant if key == "at" else getattr(event, key)


def _same_at(expected: datetime, event: Event) -> bool:
    """The same instant; with an offset other than Z, also that offset in the event's own zone (so that
    ``2002-09-12T18:00:00+02:00`` for a Paris event says 18:00 Paris, not only 16:00 UTC)."""
    if event.instant != expected:
        return False
    offset = expected.utcoffset()
    return not offset or event.instant.astimezone(zone(event.zone)).utcoffset() == offset


def differences(case: Case, schedule: Schedule, label: str = "") -> list[str]:
    """Every expectation of ``case`` that ``schedule`` does not meet, each as a line naming the file."""
    head = f"{case.name}{label}"
    out: list[str] = []
    events = {e.id: e for e in schedule.events}
    for expect in case.expects:
        event = events.get(expect.event)
        if expect.checks.get("absent"):
            if event is not None:
                out.append(
                    f"{head}: event {expect.event} is in the schedule, expected absent (source: {expect.source})"
                )
            continue
        if event is None:
            known = ", ".join(sorted(events))
            out.append(f"{head}: event {expect.event} is missing (source: {expect.source}); the events: {known}")
            continue
        for key, want in expect.checks.items():
            got = _got(event, key, case)
            same = _same_at(want, event) if key == "at" else got == want
            if not same:
                shown = (_show(want), _show(got, event)) if key == "at" else (_show(want), _show(got))
                out.append(
                    f"{head}: {expect.event} {key}: expected {shown[0]}, got {shown[1]} (source: {expect.source})"
                )
    if case.warnings:
        from deadlines.i18n import Localizer

        text = Localizer(case.lang, cldr=False).text
        for want in case.warnings:
            found = [
                w
                for w in schedule.warnings
                if w.code == want.code
                and (want.event is None or w.event == want.event)
                and (want.contains is None or want.contains in text(w.msg))
            ]
            if bool(found) != want.present:
                what = " ".join(
                    part
                    for part in (
                        want.code,
                        f"on {want.event}" if want.event else "",
                        f"containing {want.contains!r}" if want.contains else "",
                    )
                    if part
                )
                got = "; ".join(f"{w.code} ({w.event}): {text(w.msg)}" for w in schedule.warnings) or "none"
                expected = "expected" if want.present else "not expected"
                out.append(f"{head}: warning {what} {expected} (source: {want.source}); the warnings: {got}")
    if case.breaches is not None:
        codes, source = case.breaches
        got = sorted(w.code for w in schedule.breaches)
        if got != sorted(codes):
            out.append(f"{head}: breaches: expected {sorted(codes)}, got {got} (source: {source})")
    return out


# -- the tests ------------------------------------------------------------------------------------------


def case_files() -> list[Path]:
    return sorted(CASES.glob("*/*.toml"))


@pytest.mark.parametrize("path", case_files(), ids=lambda p: p.relative_to(CASES).as_posix())
def test_case(path: Path) -> None:
    try:
        case = read_case(path)
    except CaseError as exc:
        pytest.fail(f"{path.relative_to(CASES).as_posix()}: {exc}", pytrace=False)
    problems: list[str] = []
    for i, deal in enumerate(case.deals):
        problems += differences(case, compute(deal), " (offers reversed)" if i else "")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_the_cases_cover_every_regime_and_the_seed() -> None:
    files = case_files()
    assert {p.parent.name for p in files} == {*REGIMES, CROSS_BORDER}
    rulebooks = CASES.parent.parent / "deadlines" / "rules"
    assert {p.stem for p in rulebooks.glob("*.toml")} == set(REGIMES)  # a new regime comes with its cases
    seed = (CASES.parent.parent / "examples" / "serono-genset-2002.toml").resolve()
    deal_files = [tomllib.loads(p.read_text(encoding="utf-8")).get("deal_file") for p in files]
    assert seed in {(p.parent / f).resolve() for p, f in zip(files, deal_files, strict=True) if f}


# -- the reader refuses what it cannot check --------------------------------------------------------------

GOOD = """
title = "Business day 20 from Mon 4 May 2026"

[deal]
[[deal.offer]]
regime = "us-14d"
start = 2026-05-04

[[expect]]
event = "us-14d.expiry"
day = 2026-06-01
at = 2026-06-02T00:00:00-04:00
source = "domain notes sec. 1.2"
"""


def _read(text: str) -> Case:
    return read_case(Path("case.toml"), text)


def test_a_good_case_reads_and_passes() -> None:
    case = _read(GOOD)
    assert differences(case, compute(case.deals[0])) == []


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (("title = ", "titel = "), "unknown key 'titel'"),
        (('source = "domain notes sec. 1.2"\n', ""), "'source' is required"),
        (('source = "domain notes sec. 1.2"', 'source = ""'), "'source' must be a string"),
        (("day = 2026-06-01", 'day = "2026-06-01"'), "'day' must be a date"),
        (("day = 2026-06-01", "dya = 2026-06-01"), "unknown key 'dya'"),
        (("at = 2026-06-02T00:00:00-04:00", "at = 2026-06-02T00:00:00"), "'at' must be a date-time with its offset"),
        (('event = "us-14d.expiry"', 'event = "expiry"'), "an event id"),
        (("start = 2026-05-04", "start = 2026-05-04\nstrat = 1"), "its [deal] is refused"),
        (("[deal]", 'deal_file = "x.toml"\n[deal]'), "either as a [deal] table or as deal_file"),
        (("[[expect]]", "reversed_too = true\n[[expect]]"), "unknown key 'reversed_too'"),
    ],
)
def test_a_bad_case_is_refused(change: tuple[str, str], fragment: str) -> None:
    assert change[0] in GOOD
    with pytest.raises(CaseError) as refused:
        _read(GOOD.replace(*change, 1))
    assert fragment in str(refused.value) and "case.toml" in str(refused.value)


def test_a_case_that_checks_nothing_is_refused() -> None:
    with pytest.raises(CaseError, match="checks nothing"):
        _read(GOOD.split("[[expect]]")[0])
    with pytest.raises(CaseError, match="nothing to check"):
        _read(GOOD.replace("day = 2026-06-01\nat = 2026-06-02T00:00:00-04:00\n", ""))


def test_a_mismatch_names_the_file_the_event_both_values_and_the_source() -> None:
    wrong = _read(GOOD.replace("day = 2026-06-01", "day = 2026-06-02").replace("-04:00", "+02:00"))
    [day, at] = differences(wrong, compute(wrong.deals[0]))
    expected = "case.toml: us-14d.expiry day: expected 2026-06-02, got 2026-06-01"
    assert day == f"{expected} (source: domain notes sec. 1.2)"
    assert "expected 2026-06-02T00:00+02:00, got 2026-06-02T00:00-04:00 (America/New_York)" in at
    missing = _read(GOOD.replace('"us-14d.expiry"', '"us-14d.expiration"'))
    [line] = differences(missing, compute(missing.deals[0]))
    assert line.startswith("case.toml: event us-14d.expiration is missing (source: domain notes sec. 1.2)")


def test_a_utc_instant_checks_the_instant_only() -> None:
    utc = _read(GOOD.replace("2026-06-02T00:00:00-04:00", "2026-06-02T04:00:00Z"))
    assert differences(utc, compute(utc.deals[0])) == []
    as_string = _read(GOOD.replace("2026-06-02T00:00:00-04:00", '"2026-06-02T04:00Z"'))
    assert differences(as_string, compute(as_string.deals[0])) == []


def test_the_deal_is_written_back_as_the_same_toml() -> None:
    table = tomllib.loads(GOOD)["deal"]
    assert tomllib.loads(toml_text(table)) == table
    deal = {"name": 'a "b"', "offer": [{"regime": "us-14d", "start": date(2026, 5, 4)}], "show": ["Asia/Tokyo"]}
    assert tomllib.loads(toml_text(deal)) == deal


def test_reversed_too_computes_the_offers_in_both_orders() -> None:
    text = GOOD.replace("[[expect]]", '[[deal.offer]]\nregime = "fr-amf"\nstart = 2026-05-04\n\n[[expect]]', 1).replace(
        "[deal]", "reversed_too = true\n\n[deal]"
    )
    case = _read(text)
    assert [[leg.regime for leg in d.legs] for d in case.deals] == [["us-14d", "fr-amf"], ["fr-amf", "us-14d"]]
    assert case.deals[1].replace(legs=case.deals[1].legs[::-1]) == case.deals[0]
