"""Rulebook files, checked as strictly as a deal file when they load.

A rulebook is data a practitioner edits, so a typo must never load: every key is known, every value has
its type and one of its allowed values, every reference (``anchor``, ``replaces``, ``limit``, the book's
``start`` and ``expiry``) names a rule of the same book, and no rules wait for each other in a loop. Each
problem is a :class:`~deadlines.errors.DealFileError` with the file, the line of the key and the key's
name.

>>> book = parse_rulebook('id = "x"', "x.toml")
Traceback (most recent call last):
...
deadlines.errors.DealFileError: x.toml: missing key 'title'
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from ..errors import DeadlinesError, DealFileError
from ..model import AMENDMENT_KINDS
from ..text import N_, Items, Msg
from ..timeutil import WallTime, parse_date
from ..tomllines import TomlLines
from ..zones import market_zone
from .model import DAY1S, EVIDENCE, KINDS, LAST_CLOSING, PHASES, REQUIRES, UNITS, Option, Rule, Rulebook

T = TypeVar("T", bound=str)

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
OPTION_KEYS = {"name", "since"}
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
# Rules counted from another rule; the start of a subsequent period too, when the deal gives no date.
COUNTED = ("minimum", "maximum", "deadline", "estimate")


def _shown(value: Any) -> str:
    """``value`` as it is written in TOML (a string in double quotes), to quote it in a message."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_shown(v)}" for k, v in value.items()) + "}"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _choices(values: tuple[str, ...]) -> Items:
    return Items([_shown(v) for v in values], "comma")


class _Table:
    """One table of a rulebook (the top level, a rule, a rule's version): typed access to its values, and
    errors at the line of a key, introduced by the rule (and version) they concern."""

    def __init__(
        self,
        book: _Book,
        data: dict[str, Any],
        table: str = "",
        entry: int | None = None,
        context: Callable[[Msg], Msg] = lambda detail: detail,
        prefix: str = "",
    ) -> None:
        self.book, self.data, self.table, self.entry, self.context = book, data, table, entry, context
        self.prefix = prefix  # how its keys are written in the table above (option.name)

    def line(self, key: str | None) -> int | None:
        return self.book.where.find(self.table, self.entry, key)

    def refuse(self, key: str | None, template: str, /, **params: Any) -> DealFileError:
        """The error ``template`` about ``key`` (without a key: about the table), at the key's line."""
        return DealFileError(self.book.path, self.context(Msg(template, **params)), self.line(key))

    def keys(self, allowed: set[str]) -> None:
        for key in self.data:
            if key not in allowed:
                known = Items(sorted(allowed), "comma")
                if self.table:
                    section = self.table if self.entry is None else f"[{self.table}]"
                    template = N_("unknown key '{key}' in [{section}] (known: {known})")
                    raise DealFileError(
                        self.book.path, Msg(template, key=key, section=section, known=known), self.line(key)
                    )
                template = N_("unknown key '{key}' at the top level (known: {known})")
                raise DealFileError(self.book.path, Msg(template, key=key, known=known), self.line(key))

    def required(self, key: str) -> None:
        if key not in self.data:
            raise self.refuse(None, N_("missing key '{key}'"), key=self.prefix + key)

    def string(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None or isinstance(value, str):
            return value
        raise self.refuse(key, N_("'{key}' must be a string, not {value}"), key=self.prefix + key, value=_shown(value))

    def text(self, key: str) -> str:
        """A string that must be there, with words in it (an empty label or citation cites nothing)."""
        self.required(key)
        value = self.string(key)
        assert value is not None
        if not value.strip():
            raise self.refuse(key, N_("'{key}' is empty"), key=key)
        return value

    def choice(self, key: str, allowed: tuple[T, ...], default: T | None) -> T | None:
        value = self.data.get(key)
        if value is None:
            return default
        if value in allowed:
            return cast(T, value)
        if len(allowed) == 2:
            first, second = (_shown(v) for v in allowed)
            template = N_("'{key}' must be {first} or {second}, not {value}")
            raise self.refuse(key, template, key=self.prefix + key, first=first, second=second, value=_shown(value))
        if len(allowed) == 1:
            template = N_("'{key}' can only be {allowed}, not {value}")
        else:
            template = N_("'{key}' must be one of {allowed}, not {value}")
        raise self.refuse(key, template, key=self.prefix + key, allowed=_choices(allowed), value=_shown(value))

    def count(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
            return value
        raise self.refuse(
            key,
            N_("'{key}' must be a whole number, 0 or more, not {value}"),
            key=self.prefix + key,
            value=_shown(value),
        )

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise self.refuse(
            key, N_("'{key}' must be true or false, not {value}"), key=self.prefix + key, value=_shown(value)
        )

    def day(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
            return value
        if isinstance(value, str):
            try:
                return parse_date(value)
            except DeadlinesError:
                pass
        template = N_("'{key}' must be a date (YYYY-MM-DD), not {value}")
        raise self.refuse(key, template, key=self.prefix + key, value=_shown(value))

    def wall(self, key: str) -> WallTime | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return WallTime.parse(value)
            except DeadlinesError:
                pass
        template = N_("'{key}' must be a time of day, HH:MM (24:00: the end of the day), not {value}")
        raise self.refuse(key, template, key=self.prefix + key, value=_shown(value))

    def period(self) -> tuple[date | None, date | None]:
        """``since`` and ``until``, the first before the second."""
        since, until = self.day("since"), self.day("until")
        if since is not None and until is not None and since >= until:
            raise self.refuse(
                "since", N_("'since' ({since}) must be before 'until' ({until})"), since=since, until=until
            )
        return since, until


class _Book:
    def __init__(self, path: str, text: str) -> None:
        self.path, self.where = path, TomlLines(text)


def _rule(book: _Book, key: str, data: Any) -> Rule:
    """One ``[rules.<key>]`` table, each value checked on its own (references are checked afterwards)."""
    if not isinstance(data, dict):
        raise _Table(book, {}).refuse(f"rules.{key}", N_("'{key}' must be a table ([{key}])"), key=f"rules.{key}")

    def context(detail: Msg) -> Msg:
        return Msg(N_("rule '{rule}': {detail}"), rule=key, detail=detail)

    table = _Table(book, data, f"rules.{key}", None, context)
    table.keys(RULE_KEYS)
    table.required("kind")
    kind = table.choice("kind", KINDS, None)
    assert kind is not None
    label, citation = table.text("label"), table.text("citation")
    requires = table.choice("requires", REQUIRES, None)
    phase = table.choice("phase", PHASES, "subsequent" if requires == "subsequent" else "initial")
    assert phase is not None
    n = table.count("n") or 0
    n_max = table.count("n_max")
    if n_max is not None and n_max < n:
        raise table.refuse("n_max", N_("'n_max' ({n_max}) must not be less than 'n' ({n})"), n_max=n_max, n=n)
    amendments = data.get("amendments")
    if amendments is not None and (
        not isinstance(amendments, list) or not amendments or any(a not in AMENDMENT_KINDS for a in amendments)
    ):
        template = N_("'{key}' must be a list of amendment kinds ({known}), not {value}")
        raise table.refuse(
            "amendments", template, key="amendments", known=_choices(AMENDMENT_KINDS), value=_shown(amendments)
        )
    return Rule(
        key=key,
        kind=kind,
        label=label,
        citation=citation,
        evidence=table.choice("evidence", EVIDENCE, "K") or "K",
        anchor=table.string("anchor"),
        unit=table.choice("unit", UNITS, "business") or "business",
        n=n,
        n_max=n_max,
        day1=table.choice("day1", DAY1S, "anchor") or "anchor",
        time=table.wall("time"),
        option=_option(book, key, data.get("option"), table),
        replaces=table.string("replaces"),
        limit=table.string("limit"),
        requires=requires,
        amendments=tuple(amendments or ()),
        staff_position=bool(table.flag("staff_position")),
        each_extension=bool(table.flag("each_extension")),
        phase=phase,
        versions=_versions(book, key, data.get("versions", []), table, n_max),
    )


def _option(book: _Book, key: str, value: Any, rule: _Table) -> Option | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        template = N_("'option' must be a table with 'name' (and 'since'), not {value}")
        raise rule.refuse("option", template, value=_shown(value))
    option = _Table(book, value, f"rules.{key}.option", None, rule.context, "option.")
    option.keys(OPTION_KEYS)
    return Option(option.text("name"), option.day("since"))


def _versions(book: _Book, key: str, value: Any, rule: _Table, n_max: int | None) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        name = f"rules.{key}.versions"
        raise rule.refuse("versions", N_("'{key}' must be an array of tables ([[{key}]])"), key=name)
    out = []
    for i, data in enumerate(value):

        def in_version(detail: Msg, number: int = i + 1) -> Msg:
            return Msg(N_("rule '{rule}', version {number}: {detail}"), rule=key, number=number, detail=detail)

        version = _Table(book, data, f"rules.{key}.versions", i, in_version)
        version.keys(VERSION_KEYS)
        since, until = version.period()
        n = version.count("n")
        if n is not None and n_max is not None and n_max < n:
            raise version.refuse("n", N_("'n_max' ({n_max}) must not be less than 'n' ({n})"), n_max=n_max, n=n)
        version.wall("time")
        for text in ("label", "citation"):
            version.string(text)
        for flag in ("in_force", "optional"):
            version.flag(flag)
        checked = dict(data)
        checked.update({k: v for k, v in (("since", since), ("until", until)) if v is not None})
        out.append(checked)
    return tuple(out)


def _refuse(book: _Book, rule: str, key: str | None, template: str, /, **params: Any) -> DealFileError:
    """The error ``template`` about ``key`` of rule ``rule``, at the key's line."""
    detail = Msg(N_("rule '{rule}': {detail}"), rule=rule, detail=Msg(template, **params))
    return DealFileError(book.path, detail, book.where.find(f"rules.{rule}", None, key))


def _references(book: _Book, rules: dict[str, Rule]) -> None:
    """Every reference names a rule of the book that can be counted from, and each rule has what the engine
    reads for its kind (and nothing it would ignore)."""
    for rule in rules.values():
        key = rule.key
        subsequent_start = rule.kind == "start" and rule.phase == "subsequent"
        for field in ("anchor", "replaces", "limit"):
            name = getattr(rule, field)
            if name is None or (field == "anchor" and name == LAST_CLOSING):
                continue
            if name == key:
                raise _refuse(book, key, field, N_("'{key}' cannot name the rule itself"), key=field)
            if name not in rules:
                known = [*rules, LAST_CLOSING] if field == "anchor" else list(rules)
                import difflib  # only on the way to an error

                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                if close:
                    template = N_("'{key}' must name a rule of this rulebook, not {value} (did you mean '{close}'?)")
                    raise _refuse(book, key, field, template, key=field, value=_shown(name), close=close[0])
                template = N_("'{key}' must name a rule of this rulebook, not {value}")
                raise _refuse(book, key, field, template, key=field, value=_shown(name))
            if field == "replaces":
                continue
            other = rules[name]
            if other.kind == "amendment":
                template = N_("'{key}' names {value}, an amendment rule: it has no date to count from")
                raise _refuse(book, key, field, template, key=field, value=_shown(name))
            if other.requires == "subsequent" and rule.requires != "subsequent":
                template = N_(
                    "'{key}' names {value}, which exists only with a subsequent period: add requires = \"subsequent\""
                )
                raise _refuse(book, key, field, template, key=field, value=_shown(name))
            if other.option is not None and (rule.option is None or rule.option.name != other.option.name):
                template = N_("'{key}' names {value}, which exists only with option {option}")
                raise _refuse(book, key, field, template, key=field, value=_shown(name), option=other.option.name)
        counted = rule.kind in COUNTED or subsequent_start
        if rule.anchor is None and counted:
            template = N_("a rule of kind {kind} needs 'anchor' (the rule it is counted from)")
            raise _refuse(book, key, "kind", template, kind=_shown(rule.kind))
        for field, used in (("anchor", counted), ("limit", subsequent_start), ("amendments", rule.kind == "amendment")):
            if getattr(rule, field) and not used:
                if rule.kind == "start" and rule.phase == "initial":
                    template = N_("'{key}' has no effect on the start of the initial phase (day 1 comes from the deal)")
                else:
                    template = N_("'{key}' has no effect on a rule of kind {kind}")
                raise _refuse(book, key, field, template, key=field, kind=_shown(rule.kind))
        if rule.kind == "amendment" and not rule.amendments:
            template = N_("a rule of kind {kind} needs 'amendments' (one or more of {known})")
            raise _refuse(book, key, "kind", template, kind=_shown(rule.kind), known=_choices(AMENDMENT_KINDS))
        if rule.replaces is not None and rule.option is None:
            template = N_("'replaces' needs 'option': the rule named is replaced only when the deal chooses the option")
            raise _refuse(book, key, "replaces", template)
        if rule.phase == "subsequent" and rule.requires != "subsequent":
            raise _refuse(book, key, "phase", N_('phase = "subsequent" needs requires = "subsequent"'))


def _phases(book: _Book, top: _Table, rules: dict[str, Rule], bodies: dict[str, Any], start: str, expiry: str) -> None:
    """The book's ``start`` and ``expiry`` name the initial phase's; one start and one expiry per phase; each
    extension's deadline is counted from the expiry."""
    for field, kind in (("start", "start"), ("expiry", "expiry")):
        name = start if field == "start" else expiry
        rule = rules.get(name)
        if rule is None or rule.kind != kind or rule.phase != "initial" or rule.option is not None:
            template = N_("'{key}' must name a rule of kind {kind} in the initial phase, not {value}")
            raise top.refuse(field, template, key=field, kind=_shown(kind), value=_shown(name))
    first: dict[tuple[str, str], str] = {}
    for rule in rules.values():
        if rule.kind in ("start", "expiry") and rule.option is None:
            other = first.setdefault((rule.kind, rule.phase), rule.key)
            if other != rule.key:
                template = N_("a second rule of kind {kind} with phase = {phase} (the first is '{other}')")
                at = "phase" if "phase" in bodies[rule.key] else "kind"
                raise _refuse(
                    book, rule.key, at, template, kind=_shown(rule.kind), phase=_shown(rule.phase), other=other
                )
        if rule.each_extension and rule.anchor != expiry:
            template = N_("'each_extension' is for a rule counted from the expiry: it needs anchor = {expiry}")
            raise _refuse(book, rule.key, "each_extension", template, expiry=_shown(expiry))
    for rule in rules.values():
        if rule.kind == "expiry" and rule.phase == "subsequent" and ("start", "subsequent") not in first:
            template = N_('the expiry of a subsequent period needs a rule of kind "start" with phase = "subsequent"')
            raise _refuse(book, rule.key, "kind", template)


def _loops(book: _Book, rules: dict[str, Rule]) -> None:
    """No rules wait for each other. Besides ``anchor`` and ``limit``, an expiry waits for its phase's start
    and for its phase's minimum and maximum (it is checked against them), and a rule counted from the
    ``last-closing`` waits for every expiry."""
    waits: dict[str, list[tuple[str, str | None]]] = {key: [] for key in rules}
    for rule in rules.values():
        if rule.anchor == LAST_CLOSING:
            waits[rule.key] += [(r.key, "anchor") for r in rules.values() if r.kind == "expiry"]
        elif rule.anchor is not None and (rule.kind in COUNTED or rule.kind == "start"):
            waits[rule.key].append((rule.anchor, "anchor"))
        if rule.limit is not None:
            waits[rule.key].append((rule.limit, "limit"))
        if rule.kind == "expiry":
            waits[rule.key] += [
                (r.key, None)
                for r in rules.values()
                if r.phase == rule.phase and r.kind in ("start", "minimum", "maximum")
            ]
    done: set[str] = set()

    def visit(key: str, path: list[tuple[str, str | None]]) -> None:
        if key in done:
            return
        keys = [k for k, _ in path]
        if key in keys:
            loop = path[keys.index(key) :]
            # Reported at the first written reference of the loop, in file order.
            at = min((step for step in loop if step[1] is not None), key=lambda step: list(rules).index(step[0]))
            names = " → ".join([*(k for k, _ in loop), key])
            template = N_("'{key}' makes rules wait for each other: {loop}")
            raise _refuse(book, at[0], at[1], template, key=at[1], loop=names)
        for target, field in waits[key]:
            visit(target, [*path, (key, field)])
        done.add(key)

    for key in rules:
        visit(key, [])


def parse_rulebook(text: str, origin: str) -> Rulebook:
    """The rulebook in ``text`` (read from ``origin``, a file name ending in ``<id>.toml``), checked."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from ..deal import _syntax_error

        raise _syntax_error(origin, text, exc) from None
    book = _Book(origin, text)
    top = _Table(book, data)
    top.keys(BOOK_KEYS)
    for key in ("id", "title", "calendar", "zone", "start", "expiry"):
        top.required(key)
    book_id, title = top.text("id"), top.text("title")
    stem = Path(origin).name.removesuffix(".toml")
    if origin.endswith(".toml") and book_id != stem:
        template = N_("'id' must be the file's name without .toml ({stem}), not {value}")
        raise top.refuse("id", template, stem=_shown(stem), value=_shown(book_id))
    from ..calendars import calendar_ids

    calendars = calendar_ids()
    calendar = top.text("calendar")
    settlement = top.string("settlement_calendar") or calendar
    for key, value in (("calendar", calendar), ("settlement_calendar", settlement)):
        if value not in calendars:
            template = N_("'{key}' must be a calendar id ({known}), not {value}")
            raise top.refuse(key, template, key=key, known=Items(calendars, "comma"), value=_shown(value))
    zone_name = top.text("zone")
    try:
        market_zone(zone_name)  # a place's clock: the policy of deadlines.zones
    except DeadlinesError as exc:
        raise top.refuse("zone", N_("'{key}': {detail}"), key="zone", detail=exc.msg) from None
    start, expiry = top.text("start"), top.text("expiry")
    default_time = top.wall("default_expiry_time")
    historic = top.day("historic_before")
    note = top.string("historic_note") or ""
    bodies = data.get("rules", {})
    if not isinstance(bodies, dict):
        raise top.refuse("rules", N_("'{key}' must be a table ([{key}])"), key="rules")
    rules = {key: _rule(book, key, body) for key, body in bodies.items()}
    _references(book, rules)
    _phases(book, top, rules, bodies, start, expiry)
    _loops(book, rules)
    return Rulebook(
        id=book_id,
        title=title,
        calendar=calendar,
        settlement_calendar=settlement,
        zone=zone_name,
        start=start,
        expiry=expiry,
        rules=rules,
        default_expiry_time=default_time or WallTime(24, 0),
        historic_before=historic,
        historic_note=note,
    )


def load_rulebook(path: str | Path, origin: str | None = None) -> Rulebook:
    """Read and check the rulebook file at ``path`` (named ``origin`` in errors: by default, the path)."""
    from ..deal import read_text_file  # a regular UTF-8 file of a reasonable size, or a one-line error

    return parse_rulebook(read_text_file(path), origin or str(path))


__all__ = ["load_rulebook", "parse_rulebook"]
