"""The checks every deal passes, however it was built: deal file, command line, the app's form or Python.

:func:`build_deal` makes a deal and checks it: the deal-file reader, the command line and the app's form
all use it, and :func:`~deadlines.engine.compute` runs :func:`check_deal` again (a ``Deal`` a script made
directly, or changed since), so the four ways in cannot drift apart. A problem is a
:class:`DealProblem` that says where in the deal it is (``[[observed]]`` number 2, key ``event``): a deal
file turns that into its line; elsewhere the message names the thing itself.

What is checked: every reference resolves (a regime of an amendment, relief or observation is one of the
deal's, a relieved rule exists, an observed event is an event of this deal), nothing contradicts itself
(an expiry given twice, one event observed twice, an observation of a date the deal itself sets), and
nothing is silently ignored (a subsequent period for regimes that have none is refused; an amendment no
rule of a leg counts, or relief from a rule that does not apply, is noted). Zones follow
:mod:`deadlines.zones`.

The notes are :class:`Notice` records, not the schedule's warnings: this module sits between the model and
the engine, which turns them into warnings of the schedule.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import DeadlinesError, InputError, closest
from .ids import extended_key, numbered_key
from .text import N_, Items, Msg, Term

if TYPE_CHECKING:
    from .model import Deal
    from .rules import Rule, Rulebook


class Notice(NamedTuple):  # a tuple, not a dataclass: this module is on every command's start-up path
    """Something about the deal the timetable must say: ``code`` is stable for scripts, ``template`` and
    ``params`` translate whole, ``event`` is the id of the event it concerns."""

    code: str
    template: str
    params: dict[str, Any]
    severity: str = "warning"  # info | warning
    event: str | None = None


class DealProblem(InputError):
    """A check of the deal that failed, and where: ``section`` is the deal file's table (``""`` for the top
    level), ``index`` the entry of an array of tables, ``key`` the key."""

    def __init__(self, section: str, index: int | None, key: str | None, template: str | Msg, /, **params: Any) -> None:
        if isinstance(template, Msg):
            super().__init__(template.template, **template.params)
        else:
            super().__init__(template, **params)
        self.section, self.index, self.key = section, index, key


class _Leg(NamedTuple):
    regime: str
    book: Rulebook
    rules: list[Rule]  # in force for the leg's edition date and the deal's options
    edition: date  # the date that chose them: the leg's start, or the event the rulebook's edition_from names


def _wrap(section: str, index: int | None, key: str | None, exc: DeadlinesError) -> DealProblem:
    return DealProblem(section, index, key, exc.msg)


def _zones(deal: Deal) -> None:
    from .zones import display_zone, market_zone

    def check(section: str, index: int | None, key: str, name: str, market: bool = True) -> None:
        try:
            (market_zone if market else display_zone)(name)
        except DeadlinesError as exc:
            raise _wrap(section, index, key, exc) from None

    for name in deal.show_zones:
        check("", None, "show", name, market=False)
    if deal.expiry is not None:
        check("expiry", None, "zone", deal.expiry.zone)
    if deal.expiry_time is not None:
        check("expiry", None, "zone", deal.expiry_time.zone)
    for i, at in enumerate(deal.extended):
        check("extended", i, "zone", at.zone)
    if deal.subsequent is not None:
        for where in (deal.subsequent.expiry, deal.subsequent.expiry_time):
            if where is not None:
                check("subsequent", None, "zone", where.zone)
    for i, obs in enumerate(deal.observed):
        if obs.zone is not None:  # a fact may be timestamped in UTC (a newswire, a filing's acceptance time)
            check("observed", i, "zone", obs.zone, market=False)


def _legs(deal: Deal) -> list[_Leg]:
    from .rules import get_rulebook

    if not deal.legs:
        raise DealProblem("", None, None, N_("a deal needs at least one regime"))
    legs: list[_Leg] = []
    for i, leg in enumerate(deal.legs):
        try:
            book = get_rulebook(leg.regime)
        except DeadlinesError as exc:
            raise _wrap("offer", i, "regime", exc) from None
        if any(other.regime == leg.regime for other in legs):
            raise DealProblem("offer", i, "regime", N_("regime '{regime}' is given twice"), regime=leg.regime)
        edition = book.edition_day(leg.start, {o.event: o.day for o in deal.observed})
        legs.append(_Leg(leg.regime, book, book.in_force(edition, deal.options), edition))
    return legs


def _regime_of(section: str, index: int, regime: str, legs: list[_Leg]) -> _Leg:
    """The leg ``regime`` names, or the error naming the deal's regimes (and the closest)."""
    for leg in legs:
        if leg.regime == regime:
            return leg
    ids = [leg.regime for leg in legs]
    close = closest(regime, ids)
    if close is not None:
        raise DealProblem(
            section,
            index,
            "regime",
            N_("regime '{value}' is not one of this deal's (did you mean '{close}'?)"),
            value=regime,
            close=close,
        )
    raise DealProblem(
        section,
        index,
        "regime",
        N_("regime '{value}' is not one of this deal's ({known})"),
        value=regime,
        known=Items(ids, "comma"),
    )


def _options(deal: Deal, legs: list[_Leg]) -> None:
    offered = sorted({r.option.name for leg in legs for r in leg.book.rules.values() if r.option})
    for name in sorted(deal.options):
        if name not in offered:
            close = closest(name, offered)
            if close is not None:
                raise DealProblem(
                    "",
                    None,
                    "options",
                    N_("unknown option '{option}' (did you mean '{close}'?)"),
                    option=name,
                    close=close,
                )
            if not offered:
                raise DealProblem(
                    "", None, "options", N_("unknown option '{option}': these regimes have no options"), option=name
                )
            raise DealProblem(
                "",
                None,
                "options",
                N_("unknown option '{option}' (known: {known})"),
                option=name,
                known=Items(offered, "comma"),
            )


def _expiry(deal: Deal, legs: list[_Leg]) -> None:
    if deal.expiry is not None and deal.expiry_time is not None:
        raise DealProblem(
            "expiry", None, None, N_("the expiry is given twice: an instant, and a time of day for the earliest day")
        )
    if deal.extended and deal.expiry is None:
        raise DealProblem(
            "extended", 0, None, N_("[[extended]] needs the [expiry] the offer was extended to (with its date)")
        )
    sub = deal.subsequent
    if sub is None:
        return
    if sub.expiry is not None and sub.expiry_time is not None:
        raise DealProblem(
            "subsequent",
            None,
            None,
            N_("the end of the subsequent period is given twice: an instant, and a time of day"),
        )
    if not any(r.phase == "subsequent" for leg in legs for r in leg.book.rules.values()):
        raise DealProblem(
            "subsequent",
            None,
            None,
            N_("{regimes}: no subsequent offering period or reopening under this regime; remove [subsequent]"),
            regimes=Items([leg.regime for leg in legs], "and"),
        )


def _amendments(deal: Deal, legs: list[_Leg]) -> list[Notice]:
    starts = {leg.regime: leg.start for leg in deal.legs}
    notices = []
    for i, amendment in enumerate(deal.amendments):
        scope = [_regime_of("amendment", i, amendment.regime, legs)] if amendment.regime else legs
        counted = [
            leg for leg in scope if any(r.kind == "amendment" and amendment.kind in r.amendments for r in leg.rules)
        ]
        # A leg that counts a period from the amendment needs it on or after its own day 1.
        for leg in counted or scope:
            if amendment.day < starts[leg.regime]:
                raise DealProblem(
                    "amendment",
                    i,
                    "date",
                    N_(
                        "the amendment of {day} comes before the {regime} offer started ({start}): nothing to amend yet"
                    ),
                    day=amendment.day,
                    regime=leg.regime,
                    start=starts[leg.regime],
                )
        # Scoped to one leg, a change the other legs' rules count too (a price change in a US–German offer
        # changes both: Rule 14e-1(b), § 21(1) WpÜG): said, as the other legs are left unchanged.
        others = [
            leg.regime
            for leg in legs
            if leg not in scope
            and any(r.kind == "amendment" and amendment.kind in r.amendments for r in leg.rules)
            # (unless the deal gives that leg its own amendment of the kind, within a week)
            and not any(
                a.regime == leg.regime and a.kind == amendment.kind and abs((a.day - amendment.day).days) <= 7
                for a in deal.amendments
            )
        ]
        if amendment.regime and others:
            notices.append(
                Notice(
                    "amendment-one-leg",
                    N_(
                        "the '{kind}' amendment of {day} is given for {regime} only, though the rules of {others} "
                        "count one too: they are left unchanged; if it changes the one offer, give it without a regime"
                    ),
                    {
                        "kind": amendment.kind,
                        "day": amendment.day,
                        "regime": amendment.regime,
                        "others": ", ".join(others),
                    },
                )
            )
        for leg in scope:
            if leg not in counted:
                notices.append(
                    Notice(
                        "amendment-not-counted",
                        N_(
                            "{regime}: no rule of this rulebook counts a period from a '{kind}' amendment ({day}): "
                            "none is shown"
                        ),
                        {"regime": leg.regime, "kind": amendment.kind, "day": amendment.day},
                    )
                )
    return notices


def _relief(deal: Deal, legs: list[_Leg]) -> list[Notice]:
    notices = []
    for i, relief in enumerate(deal.relief):
        leg = _regime_of("relief", i, relief.regime, legs)
        if not relief.rules:
            raise DealProblem("relief", i, "rules", N_("[[relief]] waives no rule: name the rules in 'rules'"))
        if not relief.citation.strip():
            raise DealProblem("relief", i, "citation", N_("[[relief]] needs the citation of the relief"))
        for rule in relief.rules:
            if rule not in leg.book.rules:
                close = closest(rule, list(leg.book.rules))
                if close is not None:
                    raise DealProblem(
                        "relief",
                        i,
                        "rules",
                        N_("{regime} has no rule '{value}' (did you mean '{close}'?)"),
                        regime=leg.regime,
                        value=rule,
                        close=close,
                    )
                raise DealProblem(
                    "relief",
                    i,
                    "rules",
                    N_("{regime} has no rule '{value}' (see 'deadlines rules {regime}')"),
                    regime=leg.regime,
                    value=rule,
                )
            if relief.rules.count(rule) > 1:
                raise DealProblem("relief", i, "rules", N_("'{value}' is named twice in 'rules'"), value=rule)
            if rule == leg.book.start:  # day 1 is the deal's own fact: no rule is broken by it
                raise DealProblem(
                    "relief",
                    i,
                    "rules",
                    N_(
                        "{regime}.{value} is the offer's own first day, not a rule to waive: name the rule to waive "
                        "(see 'deadlines rules {regime}')"
                    ),
                    regime=leg.regime,
                    value=rule,
                )
            applies = any(r.key == rule and r.in_force for r in leg.rules) and (
                deal.subsequent is not None
                or "subsequent" not in (leg.book.rules[rule].requires, leg.book.rules[rule].phase)
            )
            if not applies:
                notices.append(
                    Notice(
                        "relief-unused",
                        N_("{regime}: the relief from '{value}' waives nothing: that rule does not apply to this deal"),
                        {"regime": leg.regime, "value": rule},
                    )
                )
        for j, other in enumerate(deal.relief[:i]):
            both = sorted(set(other.rules) & set(relief.rules))
            if other.regime == relief.regime and both:
                raise DealProblem(
                    "relief",
                    i,
                    "rules",
                    N_("{regime}.{rule} is waived twice ([[relief]] {first} and {second}): keep one citation"),
                    regime=relief.regime,
                    rule=both[0],
                    first=j + 1,
                    second=i + 1,
                )
    return notices


def event_ids(deal: Deal, leg: _Leg) -> list[str]:
    """The events this deal can have for a leg: its rules as chosen options leave them, without the
    subsequent period's when the deal has none, and without amendment rules (their events are numbered,
    one per amendment, and are minimums, not things that happen)."""
    later = deal.subsequent is not None
    book = leg.book
    rules = [
        r
        for r in leg.rules
        if r.kind != "amendment" and (later or (r.phase != "subsequent" and r.requires != "subsequent"))
    ]
    ids = [f"{book.id}.{r.key}" for r in rules]
    for i in range(1, len(deal.extended) + 1):
        # Each extension's own events: the expiry it replaced, and what counts from it (14e-1(d)).
        ids += [f"{book.id}.{extended_key(book.expiry, i)}"]
        ids += [f"{book.id}.{numbered_key(r.key, i)}" for r in leg.rules if r.each_extension]
    return ids


def _rule_of(event: str, legs: list[_Leg]) -> tuple[_Leg, Rule] | None:
    """The leg and rulebook rule an event id such as ``us-14d.target-position`` names, if any."""
    for leg in legs:
        prefix = f"{leg.regime}."
        rule = leg.book.rules.get(event.removeprefix(prefix)) if event.startswith(prefix) else None
        if rule is not None:
            return leg, rule
    return None


def _set_by_the_deal(deal: Deal, legs: list[_Leg]) -> dict[str, str]:
    """The events whose dates the deal itself sets, and the part that sets each: observing another date
    for one of them would contradict the deal."""
    out = {}
    for leg in legs:
        book = leg.book
        out[f"{book.id}.{book.start}"] = f"[[offer]] {leg.regime}"
        if deal.expiry is not None:
            out[f"{book.id}.{book.expiry}"] = "[expiry]"
        for i in range(1, len(deal.extended) + 1):
            out[f"{book.id}.{extended_key(book.expiry, i)}"] = f"[[extended]] {i}"
        sub = deal.subsequent
        for rule in leg.rules:
            if sub is not None and rule.phase == "subsequent":
                if rule.kind == "start" and sub.start is not None:
                    out[f"{book.id}.{rule.key}"] = "[subsequent] start"
                if rule.kind == "expiry" and sub.expiry is not None:
                    out[f"{book.id}.{rule.key}"] = "[subsequent]"
    return out


def _observed(deal: Deal, legs: list[_Leg]) -> list[Notice]:
    notices = []
    known = [e for leg in legs for e in event_ids(deal, leg)]
    fixed = _set_by_the_deal(deal, legs)
    seen: dict[str, int] = {}
    for i, obs in enumerate(deal.observed):
        if obs.event in seen:
            raise DealProblem(
                "observed",
                i,
                "event",
                N_("'{event}' is observed twice ([[observed]] {first} and {second}): keep the one that happened"),
                event=obs.event,
                first=seen[obs.event] + 1,
                second=i + 1,
            )
        seen[obs.event] = i
        if obs.event in fixed:
            raise DealProblem(
                "observed",
                i,
                "event",
                N_("'{event}' is set by the deal itself ({where}): give its date there, not as an observation"),
                event=obs.event,
                where=fixed[obs.event],
            )
        if obs.event in known:
            continue
        found = _rule_of(obs.event, legs)
        if found is not None and deal.subsequent is None and "subsequent" in (found[1].phase, found[1].requires):
            # e.g. the app's switch for the subsequent period turned off: said, not silently dropped
            notices.append(
                Notice(
                    "observed-ignored",
                    N_("observed event '{event}' ignored: the deal has no subsequent offering period or reopening"),
                    {"event": obs.event},
                    "warning",
                    obs.event,
                )
            )
            continue
        raise DealProblem("observed", i, "event", _unknown_event(obs.event, deal, legs, known))
    return notices


def _unknown_event(event: str, deal: Deal, legs: list[_Leg], known: list[str]) -> Msg:
    """Why an observed event is not one of this deal's, saying so when an option decides it."""
    found = _rule_of(event, legs)
    if found is not None:
        leg, rule = found
        option = rule.option
        if option is not None and option.name in deal.options and option.since is not None:
            return Msg(
                N_("observed event '{event}' applies only to offers starting on or after {since} (option {option})"),
                event=event,
                since=option.since,
                option=option.name,
            )
        if option is not None:
            return Msg(
                N_("observed event '{event}' applies only with option {option}"), event=event, option=option.name
            )
        if option is None and rule.as_of(leg.edition).absent:
            return Msg(
                N_("observed event '{event}' is not part of {edition}, the rules for this offer"),
                event=event,
                edition=Term(leg.book.edition_name(leg.edition)),
            )
        by = next((r for r in leg.rules if r.replaces == rule.key and r.option is not None), None)
        if by is not None and by.option is not None:
            return Msg(
                N_("observed event '{event}' is replaced by {other} under option {option}"),
                event=event,
                other=f"{leg.regime}.{by.key}",
                option=by.option.name,
            )
    regime = event.split(".", 1)[0]
    if "." in event and regime not in {leg.regime for leg in legs}:
        close = closest(regime, [leg.regime for leg in legs])
        if close is not None:
            return Msg(
                N_("observed event '{event}': regime '{value}' is not one of this deal's (did you mean '{close}'?)"),
                event=event,
                value=regime,
                close=close,
            )
    close = closest(event, known)
    if close is not None:
        return Msg(
            N_("observed event '{event}' is not an event of this deal (did you mean '{close}'?)"),
            event=event,
            close=close,
        )
    return Msg(N_("observed event '{event}' is not an event of this deal"), event=event)


def _available(deal: Deal, legs: list[_Leg]) -> list[Notice]:
    notices = []
    for leg, given in zip(legs, deal.legs, strict=True):
        for rule in leg.book.rules.values():
            opt = rule.option
            if opt and opt.name in deal.options and opt.since and given.start < opt.since:
                notices.append(
                    Notice(
                        "option-not-available",
                        N_("{regime}: option {option} applies to offers starting on or after {since}; not applied"),
                        {"regime": leg.regime, "option": opt.name, "since": opt.since},
                    )
                )
    return notices


def check_deal(deal: Deal) -> list[Notice]:
    """Check ``deal`` as a whole: raise :class:`DealProblem` for what cannot be honoured, return the
    notices for what is honoured with a remark (a chosen option not yet in force, an observation of a
    period the deal does not have, an amendment one of its legs does not count, relief that waives
    nothing)."""
    from .model import Deal

    if not isinstance(deal, Deal):
        raise InputError(N_("a Deal is needed, not {value}"), value=repr(deal)[:80])
    deal.normalize()  # a script may have changed a field since the deal was made
    legs = _legs(deal)
    _zones(deal)
    _options(deal, legs)
    _expiry(deal, legs)
    notices = _relief(deal, legs)
    notices += _available(deal, legs)
    notices += _amendments(deal, legs)
    notices += _observed(deal, legs)
    return notices


def build_deal(**fields: Any) -> Deal:
    """A checked deal: the one way the deal-file reader, the command line and the app's form make one."""
    from .model import Deal

    deal = Deal(**fields)
    check_deal(deal)
    return deal


def rebuild(deal: Deal, **changes: Any) -> Deal:
    """``deal`` with ``changes``, checked again as a whole."""
    changed = deal.replace(**changes)
    check_deal(changed)
    return changed


__all__ = ["DealProblem", "Notice", "build_deal", "check_deal", "event_ids", "rebuild"]
