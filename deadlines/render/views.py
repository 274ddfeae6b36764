"""Calendar and rulebook views: ``deadlines calendar ID... [--year Y | --month YYYY-MM]`` and
``deadlines rules [ID]``, as rich tables (or JSON), in one language or two. They return text or renderables;
the command line decides where they go and with which exit status."""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..calendars import RuleCalendar, get_calendar
from ..errors import InputError
from ..i18n import Localizer
from ..i18n.formats import format_date
from ..rules import Rule, Rulebook
from ..rules.model import present_spans
from ..text import N_, Msg, Plural, Term, WallClock
from .table import plain_text


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    month: bool


def parse_period(year: str | None, month: str | None, today: date) -> Period:
    try:
        if month is not None:
            y, m = (int(part) for part in month.split("-"))
            return Period(date(y, m, 1), date(y, m, _calendar.monthrange(y, m)[1]), True)
        y = int(year) if year is not None else today.year
        return Period(date(y, 1, 1), date(y, 12, 31), False)
    except (ValueError, OverflowError):  # OverflowError: a year too large for a date (99999999999999999999)
        if month is not None:
            raise InputError("invalid month '{value}': expected YYYY-MM", value=month) from None
        raise InputError("invalid year '{value}': expected YYYY", value=year) from None


def _closures(cal: RuleCalendar, period: Period) -> dict[date, tuple[str, Any]]:
    """Closed weekdays and half days of ``cal`` in ``period``: day -> (kind, label)."""
    cal._check_range(period.first, period.last)  # outside the calendar's coverage: a clear error
    out: dict[date, tuple[str, Any]] = {}
    for closure in cal.closure_list(period.first, period.last):
        out.setdefault(closure.day, ("closed", closure.label))  # "Christmas Day (observed)" on a substitute day
    for day, early in sorted(cal.early_closes.items()):
        if period.first <= day <= period.last:
            close = WallClock(early.close.hour, early.close.minute, cal.zone)
            label = Msg(N_("{name} (closes at {time})"), name=Term(early.name), time=close)
            out.setdefault(day, ("half", label))
    for day, notice in sorted(cal.notices.items()):
        if period.first <= day <= period.last:
            out.setdefault(day, ("counted", Msg(N_("{name}: counted as a business day"), name=Term(notice.name))))
    return out


def closures_table(loc: Localizer, cals: list[RuleCalendar], period: Period) -> Table:
    found = {cal.id: _closures(cal, period) for cal in cals}
    days = sorted({d for per in found.values() for d in per})
    title = Msg(
        N_("Closed days from {first} to {last}"),
        first=period.first,
        last=period.last,
    )
    table = Table(title=Text(loc.text(title)), box=box.SIMPLE_HEAVY, title_style="heading")
    table.add_column(loc._(N_("Date")), no_wrap=True)
    for cal in cals:
        table.add_column(Text(f"{loc.text(Term(cal.name))} ({cal.id})"), overflow="fold")
    for day in days:
        cells: list[Text] = []
        for cal in cals:
            # A day closed in one calendar may be a weekend day of another (a Saturday holiday in Werktage).
            other = ("weekend", Term(N_("weekend"))) if day.weekday() in cal.weekend else ("open", Term(N_("open")))
            kind, label = found[cal.id].get(day, other)
            style = {"closed": "closed", "half": "half", "weekend": "past"}.get(kind, "citation")
            cells.append(Text(loc.text(label), style=style))
        table.add_row(format_date(loc, day), *cells)
    if not days:
        table.caption = Text(loc._(N_("No closed weekday in this period.")))
    return table


def month_grid(
    loc: Localizer, cals: list[RuleCalendar], year: int, month: int, marked: set[date] | None = None
) -> Table:
    """A Monday-first month: closed days in red, half days in yellow, the calendars' weekend days dim (a
    Saturday is open in German Werktage); ``marked`` days (a schedule's deadlines) underlined."""
    from ..i18n import cldr

    period = Period(date(year, month, 1), date(year, month, _calendar.monthrange(year, month)[1]), True)
    found = [_closures(cal, period) for cal in cals]
    title = cldr.format_skeleton("yMMMM", period.first, loc.lang.locale)
    grid = Table(title=Text(title), box=box.SIMPLE, title_style="heading", padding=(0, 1))
    names = cldr.day_names("abbreviated", loc.lang.locale)
    for weekday in range(7):
        grid.add_column(names[weekday], justify="right")
    for week in _calendar.Calendar(0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append(Text(""))
                continue
            kinds = {per[day][0] for per in found if day in per}
            style = "closed" if "closed" in kinds else "half" if "half" in kinds else ""
            # A weekly closed day of a calendar is dim, unless one closes it by name (a Werktage Saturday holiday).
            if not style and any(day.weekday() in cal.weekend for cal in cals):
                style = "past"
            if marked and day in marked:
                style = f"{style} event".strip()
            cells.append(Text(str(day.day), style=style))
        grid.add_row(*cells)
    return grid


def calendar_json(cals: list[RuleCalendar], period: Period, loc: Localizer) -> str:
    """The closed days and half days of ``cals`` in ``period`` as JSON (names in ``loc``'s language)."""
    import json

    neutral = Localizer(loc.lang, cldr=False)
    data = {
        "from": period.first.isoformat(),
        "to": period.last.isoformat(),
        "calendars": {
            cal.id: [
                {"date": d.isoformat(), "kind": kind, "name": neutral.text(label)}
                for d, (kind, label) in sorted(_closures(cal, period).items())
            ]
            for cal in cals
        },
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def calendar_blocks(cals: list[RuleCalendar], period: Period, locs: list[Localizer]) -> list[RenderableType]:
    """One block per language: the month grid (for a month) and the closures, named."""
    blocks: list[RenderableType] = []
    for loc in locs:
        parts: list[RenderableType] = []
        if period.month:
            parts.append(month_grid(loc, cals, period.first.year, period.first.month))
        parts.append(closures_table(loc, cals, period))
        blocks.append(Group(*parts))
    return blocks


def _count_text(loc: Localizer, book: Rulebook, rule: Rule) -> str:
    if rule.kind in ("start", "expiry") or not rule.n:
        return ""
    unit: str = rule.unit
    if unit in ("business", "settlement"):
        cal = get_calendar(rule.calendar or (book.calendar if unit == "business" else book.settlement_calendar))
        unit = cal.unit
    amount = loc.text(_amount(unit, rule.n))
    if rule.n_max:
        amount = loc.text(Msg(N_("{low} to {high}"), low=amount, high=loc.text(_amount(unit, rule.n_max))))
    if rule.calendar:  # a count in another calendar than the book's (German Werktage until 2023)
        amount = loc.text(Msg(N_("{amount} ({calendar})"), amount=amount, calendar=rule.calendar))
    if rule.kind == "amendment" and rule.window is not None:
        extended = book.rules[rule.anchor or book.expiry]
        return loc.text(
            Msg(
                N_("{amount} after {anchor}, for an amendment published in its last {window} calendar days"),
                amount=amount,
                anchor=Term(extended.label),
                window=rule.window,
            )
        )
    if rule.kind == "amendment":
        return loc.text(Msg(N_("{amount} from the announcement of the change (its day is day 1)"), amount=amount))
    if rule.anchor == "last-closing":
        return loc.text(Msg(N_("{amount} after the last closing"), amount=amount))
    anchor = book.rules.get(rule.anchor or book.start)
    if anchor is None:
        return amount
    first = N_("{amount} from {anchor} (its day is day 1)") if rule.day1 == "anchor" else N_("{amount} after {anchor}")
    if rule.back:
        first = N_("{amount} before {anchor}")
    return loc.text(Msg(first, amount=amount, anchor=Term(anchor.label)))


# The fields of a rule's version that change how it is counted (shown with the version's dates).
COUNTED_FIELDS = {"n", "calendar", "anchor", "back"}


def _amount(unit: str, n: int) -> Plural:
    if unit == "business":
        return Plural("{n} business day", "{n} business days", n)
    if unit == "trading":
        return Plural("{n} trading day", "{n} trading days", n)
    if unit == "working":
        return Plural("{n} working day", "{n} working days", n)
    if unit == "calendar":
        return Plural("{n} calendar day", "{n} calendar days", n)
    if unit == "weeks":
        return Plural("{n} week", "{n} weeks", n)
    return Plural("{n} month", "{n} months", n)


def rules_table(loc: Localizer, book: Rulebook, on: date | None) -> Table:
    rules = book.in_force(on, set()) if on else list(book.rules.values())
    title = Msg(
        N_("{title} ({id}): calendar {calendar}, {zone}"),
        title=Term(book.title),
        id=book.id,
        calendar=book.calendar,
        zone=book.zone,
    )
    table = Table(title=Text(loc.text(title)), box=box.SIMPLE_HEAVY, show_lines=True, title_style="heading")
    table.add_column(loc._(N_("Rule")), ratio=2, overflow="fold")
    table.add_column(loc._(N_("Period")), ratio=2, overflow="fold")
    table.add_column(loc._(N_("Time")), no_wrap=True)
    table.add_column(loc._(N_("Citation")), ratio=3, overflow="fold")
    table.add_column(loc._(N_("Source")), no_wrap=True)
    for rule in rules:
        label = Text(loc.text(Term(rule.label)))
        label.append(f"\n{rule.key}", style="citation")
        if rule.option:
            label.append("\n" + loc.text(Msg(N_("option: {name}"), name=rule.option.name)), style="estimate")
        if not rule.in_force:
            label.append("\n" + loc._(N_("not in force")), style="past")
        spans = None if on else present_spans(rule)
        if spans:  # a step of one edition of the rules only
            label.append("\n" + "; ".join(loc.text(_span(since, until)) for since, until in spans), style="estimate")
        time = loc.text(WallClock(rule.time.hour, rule.time.minute, book.zone)) if rule.time else ""
        period, citation = _count_text(loc, book, rule), loc.text(Term(rule.citation))
        for version in () if on else rule.versions:  # what an edition of the rules counts and cites, dated
            if version.get("absent"):
                continue
            dates = loc.text(_span(version.get("since"), version.get("until")))
            if COUNTED_FIELDS & set(version):
                counted = _count_text(loc, book, rule.as_of(version.get("since", date.min)))
                period += "\n" + loc.text(Msg(N_("{dates}: {period}"), dates=dates, period=counted))
            if "citation" in version:
                cited = Term(version["citation"])
                citation += "\n" + loc.text(Msg(N_("{dates}: {period}"), dates=dates, period=cited))
        table.add_row(label, period, time, citation, rule.evidence)
    caption = [loc._(N_("Source: V primary text, V2 secondary source, K believed, P market practice."))]
    if book.editions and book.edition_from:
        # Which rules apply: by the date of the event the book names (else the offer's start).
        event = Term(book.rules[book.edition_from].label)
        caption.append(loc.text(Msg(N_("The edition depends on the date of {event}."), event=event)))
        caption += [
            loc.text(Msg(N_("{dates}: {edition}"), dates=_span(since, until), edition=Term(label)))
            for since, until, label in book.editions
        ]
    table.caption = Text("\n".join(caption))
    return table


def _span(since: date | None, until: date | None) -> Msg:
    """A span of dates of the rules: "before 5 July 2021", "from 5 July 2021", or both ends."""
    if since is None and until is not None:
        return Msg(N_("before {day}"), day=until)
    if until is None and since is not None:
        return Msg(N_("from {day}"), day=since)
    return Msg(N_("from {since} to the day before {until}"), since=since, until=until)


def rules_json(books: list[Rulebook], on: date | None, loc: Localizer) -> str:
    """The rules of ``books`` (as in force for an offer starting ``on``, else every rule) as JSON."""
    import json

    neutral = Localizer(loc.lang, cldr=False)
    data = [
        {
            "id": book.id,
            "title": neutral.text(Term(book.title)),
            "calendar": book.calendar,
            "zone": book.zone,
            "rules": [
                {
                    "key": r.key,
                    "kind": r.kind,
                    "label": neutral.text(Term(r.label)),
                    "n": r.n or None,
                    "unit": r.unit,
                    "calendar": r.calendar,  # its own calendar, when not the book's (German Werktage)
                    "back": r.back,  # counted back from the anchor (the last day to amend: before the end)
                    "window": r.window,  # an amendment in the end's last days extends the expiry by law
                    "extends": r.extends,  # a date the deal gives that becomes a later expiry by law
                    "subsequent_like": r.subsequent_like,
                    # what an edition of the rules changes, with its dates (none with --on: already applied)
                    "versions": []
                    if on
                    else [
                        {k: _iso(v) if k in ("since", "until") else v for k, v in version.items()}
                        for version in r.versions
                    ],
                    "time": str(r.time) if r.time else None,
                    "citation": neutral.text(Term(r.citation)),
                    "evidence": r.evidence,
                    "in_force": r.in_force,
                    "option": r.option.name if r.option else None,
                    # the dates of the rules this step belongs to, when it is not in every edition
                    "dates": None
                    if on or (spans := present_spans(r)) is None
                    else [{"since": _iso(a), "until": _iso(b)} for a, b in spans],
                }
                for r in (book.in_force(on, set()) if on else book.rules.values())
            ],
        }
        for book in books
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def rules_blocks(books: list[Rulebook], on: date | None, locs: list[Localizer]) -> list[RenderableType]:
    return [Group(*(rules_table(loc, book, on) for book in books)) for loc in locs]


def rulebook_checked(path: str, loc: Localizer) -> str:
    """The line saying the rulebook file ``path`` is sound (``deadlines rules --check``); its first problem
    is raised otherwise, with its line."""
    from ..rules import load_rulebook

    book = load_rulebook(path)
    found = Plural(
        "{path}: {n} rule, no problems found",
        "{path}: {n} rules, no problems found",
        n=len(book.rules),
        path=path,
    )
    return loc.text(found)


def blocks_text(blocks: Sequence[RenderableType], width: int) -> str:
    """The blocks as plain text ``width`` columns wide, for a file."""
    return plain_text(lambda console: draw_blocks(blocks, console), width)


def draw_blocks(blocks: Sequence[RenderableType], console: Console) -> None:
    """One block per language, stacked."""
    for i, block in enumerate(blocks):
        if i:
            console.print()
        console.print(block)


__all__ = [
    "blocks_text",
    "calendar_blocks",
    "calendar_json",
    "draw_blocks",
    "rulebook_checked",
    "rules_blocks",
    "rules_json",
]
