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

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import DeadlinesError, DealFileError
from ..model import AMENDMENT_KINDS
from ..text import N_, Items, Msg
from ..timeutil import WallTime
from ..tomlfile import Table, TomlFile, choices, read_text_file, toml_value
from ..zones import market_zone
from .model import (
    COUNTED,
    DAY1S,
    EVIDENCE,
    KINDS,
    LAST_CLOSING,
    PHASES,
    REQUIRES,
    UNITS,
    Option,
    Rule,
    Rulebook,
    waits,
)

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
    "absent",
    "back",
    "extendable",
    "calendar",
    "window",
    "extends",
    "subsequent_like",
}
OPTION_KEYS = {"name", "since"}
VERSION_KEYS = {
    "since",
    "until",
    "in_force",
    "n",
    "time",
    "citation",
    "label",
    "optional",
    "absent",
    "anchor",
    "back",
    "calendar",
}
BOOK_KEYS = {
    "id",
    "offer",
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
    "warn_closed_days",
    "edition_from",
    "editions",
}
EDITION_KEYS = {"since", "until", "label"}
# Rules counted from another rule; the start of a subsequent period too, when the deal gives no date.


def _in_rule(rule: str, detail: Msg) -> Msg:
    return Msg(N_("rule '{rule}': {detail}"), rule=rule, detail=detail)


def _in_edition(number: int, detail: Msg) -> Msg:
    return Msg(N_("edition {number}: {detail}"), number=number, detail=detail)


def _in_version(rule: str, number: int, detail: Msg) -> Msg:
    return Msg(N_("rule '{rule}', version {number}: {detail}"), rule=rule, number=number, detail=detail)


def _rule(rules: Table, key: str) -> Rule:
    """One ``[rules.<key>]`` table, each value checked on its own (references are checked afterwards)."""
    table = rules.table(key, partial(_in_rule, key))
    assert table is not None  # TOML has no null: a key is there with a value
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
        raise table.fail(N_("'n_max' ({n_max}) must not be less than 'n' ({n})"), "n_max", n_max=n_max, n=n)
    if kind in ("expiry", "given"):  # chosen, searched from the minimums, or given: nothing here counts it
        for field in ("n", "n_max", "unit", "day1", *(("time",) if kind == "expiry" else ())):
            if field in table.data:
                template = N_("'{key}' has no effect on a rule of kind {kind}")
                raise table.fail(template, field, key=field, kind=toml_value(kind))
    amendments = table.data.get("amendments")
    if amendments is not None and (
        not isinstance(amendments, list) or not amendments or any(a not in AMENDMENT_KINDS for a in amendments)
    ):
        template = N_("'{key}' must be a list of amendment kinds ({known}), not {value}")
        raise table.fail(
            template, "amendments", key="amendments", known=choices(AMENDMENT_KINDS), value=toml_value(amendments)
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
        time=table.parsed("time", WallTime.parse, "time"),
        option=_option(table),
        replaces=table.string("replaces"),
        limit=table.string("limit"),
        requires=requires,
        amendments=tuple(amendments or ()),
        staff_position=bool(table.flag("staff_position")),
        each_extension=bool(table.flag("each_extension")),
        absent=bool(table.flag("absent")),
        back=bool(table.flag("back")),
        extendable=bool(table.flag("extendable")),
        calendar=_calendar_id(table),
        window=table.count("window"),
        extends=bool(table.flag("extends")),
        subsequent_like=bool(table.flag("subsequent_like")),
        phase=phase,
        versions=_versions(table, key, n_max),
    )


def _calendar_id(table: Table) -> str | None:
    """A rule's own ``calendar`` (an id of a shipped calendar), or None."""
    value = table.string("calendar")
    if value is None:
        return None
    from ..calendars import calendar_ids

    known = calendar_ids()
    if value not in known:
        template = N_("'{key}' must be a calendar id ({known}), not {value}")
        raise table.fail(template, "calendar", key="calendar", known=Items(known, "comma"), value=toml_value(value))
    return value


def _option(rule: Table) -> Option | None:
    value = rule.data.get("option")
    if value is None:
        return None
    if not isinstance(value, dict):
        template = N_("'option' must be a table with 'name' (and 'since'), not {value}")
        raise rule.fail(template, "option", value=toml_value(value))
    option = Table(rule.file, value, f"{rule.name}.option", None, rule.context, "option.")
    option.keys(OPTION_KEYS)
    return Option(option.text("name"), option.day("since", "date"))


def _versions(rule: Table, key: str, n_max: int | None) -> tuple[dict[str, Any], ...]:
    out = []
    periods: list[tuple[date, date, set[str], int]] = []
    for i, version in enumerate(rule.tables("versions")):
        version.context = partial(_in_version, key, i + 1)
        version.keys(VERSION_KEYS)
        since, until = _period(version)
        start, end = since or date.min, until or date.max
        fields = set(version.data) - {"since", "until"}
        for other_start, other_end, other_fields, j in periods:
            both = sorted(fields & other_fields)
            if both and start < other_end and other_start < end:  # two values for one day: which applies?
                template = N_(
                    "'{key}' is also set by version {other} for some of the same dates: give each day one value"
                )
                raise version.fail(template, both[0], key=both[0], other=j)
        periods.append((start, end, fields, i + 1))
        n = version.count("n")
        if n is not None and n_max is not None and n_max < n:
            raise version.fail(N_("'n_max' ({n_max}) must not be less than 'n' ({n})"), "n", n_max=n_max, n=n)
        version.parsed("time", WallTime.parse, "time")
        for text in ("label", "citation", "anchor"):
            version.string(text)
        _calendar_id(version)
        for flag in ("in_force", "optional", "absent", "back"):
            version.flag(flag)
        checked = dict(version.data)
        checked.update({k: v for k, v in (("since", since), ("until", until)) if v is not None})
        out.append(checked)
    return tuple(out)


def _period(version: Table) -> tuple[date | None, date | None]:
    """``since`` and ``until``, the first before the second."""
    since, until = version.day("since", "date"), version.day("until", "date")
    if since is not None and until is not None and since >= until:
        template = N_("'since' ({since}) must be before 'until' ({until})")
        raise version.fail(template, "since", since=since, until=until)
    return since, until


def _refuse(file: TomlFile, rule: str, key: str | None, template: str, /, **params: Any) -> DealFileError:
    """The error ``template`` about ``key`` of rule ``rule``, at the key's line."""
    return Table(file, {}, f"rules.{rule}", None, partial(_in_rule, rule)).fail(template, key, **params)


def _references(file: TomlFile, rules: dict[str, Rule], expiry: str) -> None:
    """Every reference names a rule of the book that can be counted from, and each rule has what the engine
    reads for its kind (and nothing it would ignore)."""
    for rule in rules.values():
        key = rule.key
        subsequent_start = rule.kind == "start" and rule.phase == "subsequent"
        # A start, a date the deal gives, or the amendments an amendment rule extending the expiry counts, may
        # be checked against a deadline that falls before it.
        limited = rule.kind in ("start", "given") or (rule.kind == "amendment" and rule.window is not None)
        for field in ("anchor", "replaces", "limit"):
            name = getattr(rule, field)
            if name is None or (field == "anchor" and name == LAST_CLOSING):
                continue
            if name == key:
                raise _refuse(file, key, field, N_("'{key}' cannot name the rule itself"), key=field)
            if name not in rules:
                known = [*rules, LAST_CLOSING] if field == "anchor" else list(rules)
                import difflib  # only on the way to an error

                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                if close:
                    template = N_("'{key}' must name a rule of this rulebook, not {value} (did you mean '{close}'?)")
                    raise _refuse(file, key, field, template, key=field, value=toml_value(name), close=close[0])
                template = N_("'{key}' must name a rule of this rulebook, not {value}")
                raise _refuse(file, key, field, template, key=field, value=toml_value(name))
            if field == "replaces":
                continue
            other = rules[name]
            if other.kind == "amendment":
                template = N_("'{key}' names {value}, an amendment rule: it has no date to count from")
                raise _refuse(file, key, field, template, key=field, value=toml_value(name))
            if other.requires == "subsequent" and rule.requires != "subsequent":
                template = N_(
                    "'{key}' names {value}, which exists only with a subsequent period: add requires = \"subsequent\""
                )
                raise _refuse(file, key, field, template, key=field, value=toml_value(name))
            if other.option is not None and (rule.option is None or rule.option.name != other.option.name):
                template = N_("'{key}' names {value}, which exists only with option {option}")
                raise _refuse(file, key, field, template, key=field, value=toml_value(name), option=other.option.name)
        # An amendment rule with a window extends the expiry it is anchored on (checked in _phases).
        counted = rule.kind in COUNTED or subsequent_start or (rule.kind == "amendment" and rule.window is not None)
        if rule.anchor is None and counted:
            template = N_("a rule of kind {kind} needs 'anchor' (the rule it is counted from)")
            raise _refuse(file, key, "kind", template, kind=toml_value(rule.kind))
        for field, used in (("anchor", counted), ("limit", limited), ("amendments", rule.kind == "amendment")):
            if getattr(rule, field) and not used:
                if rule.kind == "start" and rule.phase == "initial":
                    template = N_("'{key}' has no effect on the start of the initial phase (day 1 comes from the deal)")
                else:
                    template = N_("'{key}' has no effect on a rule of kind {kind}")
                raise _refuse(file, key, field, template, key=field, kind=toml_value(rule.kind))
        if rule.subsequent_like and (rule.kind not in COUNTED or rule.requires == "subsequent"):
            template = N_("'{key}' marks a period counted without a subsequent period: it has no effect here")
            raise _refuse(file, key, "subsequent_like", template, key="subsequent_like")
        if rule.extends and rule.kind != "given":
            template = N_("'{key}' has no effect on a rule of kind {kind}")
            raise _refuse(file, key, "extends", template, key="extends", kind=toml_value(rule.kind))
        if rule.window is not None and rule.kind != "amendment":
            template = N_("'{key}' has no effect on a rule of kind {kind}")
            raise _refuse(file, key, "window", template, key="window", kind=toml_value(rule.kind))
        if rule.window is not None:
            _check_window(file, rule, rules, expiry)
        if rule.kind == "amendment" and not rule.amendments:
            template = N_("a rule of kind {kind} needs 'amendments' (one or more of {known})")
            raise _refuse(file, key, "kind", template, kind=toml_value(rule.kind), known=choices(AMENDMENT_KINDS))
        if rule.back and (rule.unit not in ("calendar", "business") or rule.kind not in COUNTED):
            template = N_(
                "'back' counts calendar or business days back from the anchor: it needs unit = \"calendar\" or "
                '"business"'
            )
            raise _refuse(file, key, "back", template)
        if rule.calendar is not None and rule.unit != "business":
            template = N_("'{key}' is the calendar of a count in business days: it needs unit = \"business\"")
            raise _refuse(file, key, "calendar", template, key="calendar")
        if rule.replaces is not None and rule.option is None:
            template = N_("'replaces' needs 'option': the rule named is replaced only when the deal chooses the option")
            raise _refuse(file, key, "replaces", template)
        if rule.phase == "subsequent" and rule.requires != "subsequent":
            raise _refuse(file, key, "phase", N_('phase = "subsequent" needs requires = "subsequent"'))


def _check_window(file: TomlFile, rule: Rule, rules: dict[str, Rule], expiry: str) -> None:
    """An amendment that extends the expiry by law (§ 21(5) WpÜG): anchored on the expiry, a window of at
    least one day, nothing the extension does not read, and a limit that is a last day counted back from it."""
    key = rule.key
    assert rule.window is not None
    if rule.anchor != expiry:
        template = N_("'window' is for an amendment that extends the expiry: it needs anchor = {expiry}")
        raise _refuse(file, key, "window", template, expiry=toml_value(expiry))
    if rule.window < 1:
        raise _refuse(file, key, "window", N_("'{key}' must be at least 1 day, not {value}"), key="window", value=0)
    if rule.n < 1:
        raise _refuse(file, key, "n", N_("'{key}' must be at least 1, not {value}"), key="n", value=rule.n)
    ignored = (
        ("time", rule.time),
        ("n_max", rule.n_max),
        ("each_extension", rule.each_extension),
        ("requires", rule.requires),
        ("staff_position", rule.staff_position),
        ("extendable", rule.extendable),
    )
    for field, value in ignored:
        if value:
            template = N_("'{key}' has no effect on an amendment that extends the expiry (it keeps the end's time)")
            raise _refuse(file, key, field, template, key=field)
    limit = rules.get(rule.limit) if rule.limit else None
    if limit is not None and not (limit.back and limit.anchor == expiry):
        template = N_("'{key}' of an amendment that extends the expiry must be a last day counted back from {expiry}")
        raise _refuse(file, key, "limit", template, key="limit", expiry=toml_value(expiry))


def _phases(
    file: TomlFile, top: Table, rules: dict[str, Rule], bodies: dict[str, Any], start: str, expiry: str
) -> None:
    """The book's ``start`` and ``expiry`` name the initial phase's; one start and one expiry per phase; each
    extension's deadline is counted from the expiry."""
    for field, kind in (("start", "start"), ("expiry", "expiry")):
        name = start if field == "start" else expiry
        rule = rules.get(name)
        if rule is None or rule.kind != kind or rule.phase != "initial" or rule.option is not None:
            template = N_("'{key}' must name a rule of kind {kind} in the initial phase, not {value}")
            raise top.fail(template, field, key=field, kind=toml_value(kind), value=toml_value(name))
    first: dict[tuple[str, str], str] = {}
    for rule in rules.values():
        if rule.kind in ("start", "expiry") and rule.option is None:
            other = first.setdefault((rule.kind, rule.phase), rule.key)
            if other != rule.key:
                template = N_("a second rule of kind {kind} with phase = {phase} (the first is '{other}')")
                at = "phase" if "phase" in bodies[rule.key] else "kind"
                raise _refuse(
                    file, rule.key, at, template, kind=toml_value(rule.kind), phase=toml_value(rule.phase), other=other
                )
        if rule.each_extension and rule.anchor != expiry:
            template = N_("'each_extension' is for a rule counted from the expiry: it needs anchor = {expiry}")
            raise _refuse(file, rule.key, "each_extension", template, expiry=toml_value(expiry))
    for rule in rules.values():
        if rule.kind == "expiry" and rule.phase == "subsequent" and ("start", "subsequent") not in first:
            template = N_('the expiry of a subsequent period needs a rule of kind "start" with phase = "subsequent"')
            raise _refuse(file, rule.key, "kind", template)


def _loops(file: TomlFile, rules: dict[str, Rule], expiry: str) -> None:
    """No rules wait for each other (:func:`waits` says what each waits for)."""
    waits_for = waits(rules, expiry)
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
            raise _refuse(file, at[0], at[1], template, key=at[1], loop=names)
        for target, field in waits_for[key]:
            visit(target, [*path, (key, field)])
        done.add(key)

    for key in rules:
        visit(key, [])


def parse_rulebook(text: str, origin: str) -> Rulebook:
    """The rulebook in ``text`` (read from ``origin``, a file name ending in ``<id>.toml``), checked."""
    file = TomlFile(origin, text)
    top = Table(file, file.loads())
    top.keys(BOOK_KEYS)
    for key in ("id", "title", "calendar", "zone", "start", "expiry"):
        top.required(key)
    book_id, title = top.text("id"), top.text("title")
    stem = Path(origin).name.removesuffix(".toml")
    if origin.endswith(".toml") and book_id != stem:
        template = N_("'id' must be the file's name without .toml ({stem}), not {value}")
        raise top.fail(template, "id", stem=toml_value(stem), value=toml_value(book_id))
    from ..calendars import calendar_ids

    calendars = calendar_ids()
    calendar = top.text("calendar")
    settlement = top.string("settlement_calendar") or calendar
    for key, value in (("calendar", calendar), ("settlement_calendar", settlement)):
        if value not in calendars:
            template = N_("'{key}' must be a calendar id ({known}), not {value}")
            raise top.fail(template, key, key=key, known=Items(calendars, "comma"), value=toml_value(value))
    zone_name = top.text("zone")
    try:
        market_zone(zone_name)  # a place's clock: the policy of deadlines.zones
    except DeadlinesError as exc:
        raise top.fail(N_("'{key}': {detail}"), "zone", key="zone", detail=exc.msg) from None
    start, expiry = top.text("start"), top.text("expiry")
    default_time = top.parsed("default_expiry_time", WallTime.parse, "time")
    historic = top.day("historic_before", "date")
    note = top.string("historic_note") or ""
    warn_closed = top.flag("warn_closed_days") or False
    offer = top.string("offer") or title
    bodies = top.table("rules") or Table(file, {}, "rules")
    rules = {key: _rule(bodies, key) for key in bodies.data}
    _references(file, rules, expiry)
    _phases(file, top, rules, bodies.data, start, expiry)
    _loops(file, rules, expiry)
    edition_from = top.string("edition_from")
    if edition_from is not None and (edition_from not in rules or rules[edition_from].kind != "given"):
        template = N_("'{key}' must name a rule of kind {kind}, not {value}")
        raise top.fail(
            template, "edition_from", key="edition_from", kind=toml_value("given"), value=toml_value(edition_from)
        )
    _editions(file, rules, start, expiry)
    editions: list[tuple[date | None, date | None, str]] = []
    for i, table in enumerate(top.tables("editions")):
        table.context = partial(_in_edition, i + 1)
        table.keys(EDITION_KEYS)
        since, until = _period(table)
        if editions and (since is None or editions[-1][1] != since):
            template = N_("'since' must be the previous edition's 'until' ({until}): editions follow each other")
            raise table.fail(template, "since", until=editions[-1][1])
        editions.append((since, until, table.text("label")))
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
        warn_closed_days=warn_closed,
        historic_note=note,
        offer=offer,
        edition_from=edition_from,
        editions=tuple(editions),
    )


def _editions(file: TomlFile, rules: dict[str, Rule], start: str, expiry: str) -> None:
    """For offers of every date, what a rule counts from or is checked against is part of the rules of that
    date too (a version with ``absent`` leaves a rule out), and so are the book's start and expiry."""
    changes = sorted({v[k] for r in rules.values() for v in r.versions for k in ("since", "until") if k in v})
    for day in [date.min, *changes]:
        if day != date.min:
            when = Msg(N_("from {day}"), day=day)
        else:
            when = Msg(N_("before {day}"), day=changes[0]) if changes else Msg(N_("of any date"))
        present = {key for key, rule in rules.items() if not rule.as_of(day).absent}
        for name in (start, expiry):
            if name not in present:
                template = N_("the rules for offers {when} leave out '{rule}', the book's start or expiry")
                raise _refuse(file, name, "absent", template, when=when, rule=name)
        edition = {key: rule.as_of(day) for key, rule in rules.items() if key in present}
        for key, rule in edition.items():
            for field in ("anchor", "limit"):
                name = getattr(rule, field)
                if name is not None and name in rules and name not in present:
                    template = N_("'{key}' names {value}, which the rules for offers {when} leave out ('absent')")
                    params = {"key": field, "value": toml_value(name), "when": when}
                    version = _setting(rules[key], field, day)
                    if version is None:
                        raise _refuse(file, key, field, template, **params)
                    context = partial(_in_version, key, version + 1)
                    at = Table(file, {}, f"rules.{key}.versions", version, context)
                    raise at.fail(template, field, **params)
        if day != date.min or changes:  # a version may count a rule from another: checked as the book is
            _references(file, edition, expiry)
            _loops(file, edition, expiry)


def _setting(rule: Rule, field: str, day: date) -> int | None:
    """The index of the version of ``rule`` that sets ``field`` for offers dated ``day`` (None: the rule's own
    value applies)."""
    for i, version in enumerate(rule.versions):
        if field in version and version.get("since", date.min) <= day < version.get("until", date.max):
            return i
    return None


def load_rulebook(path: str | Path, origin: str | None = None) -> Rulebook:
    """Read and check the rulebook file at ``path`` (named ``origin`` in errors: by default, the path)."""
    return parse_rulebook(read_text_file(path), origin or str(path))


__all__ = ["load_rulebook", "parse_rulebook"]
