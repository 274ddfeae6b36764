"""The order a leg's rules run in, stated before anything is computed.

Each rule waits for others (its anchor, its limit; :func:`deadlines.rules.model.waits`). The expiries
are not computed rule by rule: a cross-border offer has one expiry instant for all its legs, set in a
shared step per phase (initial, then subsequent). So a leg's rules fall in segments: those needed before
the shared initial expiry, those that wait for it, and those that wait for the subsequent one; inside a
segment, each rule comes after the rules it waits for (in the rulebook's order otherwise). The rulebook
schema has already refused rules that wait for each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..rules import Rule
from ..rules.model import waits

PHASES = ("initial", "subsequent")


class Plan(NamedTuple):
    """Rule keys by segment: ``segments[0]`` before the shared initial expiry, ``segments[1]`` after it
    (and before the subsequent one), ``segments[2]`` after the subsequent expiry."""

    segments: tuple[tuple[str, ...], ...]


def leg_plan(rules: Sequence[Rule], expiry: str, subsequent: bool) -> Plan:
    """The plan of a leg whose rules (as in force for the deal) are ``rules``; ``expiry`` is the book's
    initial expiry; without a ``subsequent`` period, rules that require one are left out. (About thirty
    rules: worked out for each deal, in microseconds.)"""
    by_key = {rule.key: rule for rule in rules}
    return _plan(by_key, expiry, subsequent)


def _plan(rules: dict[str, Rule], expiry: str, subsequent: bool) -> Plan:
    order = list(rules)
    graph = waits(rules, expiry)
    phases = PHASES if subsequent else PHASES[:1]
    # A rule counted from the last closing waits for the last phase the deal has, not for every expiry.
    expiries = {r.key: r.phase for r in rules.values() if r.kind == "expiry" and r.phase in phases}
    segment: dict[str, int] = {}

    def place(key: str) -> int:
        if key not in segment:
            segment[key] = 0  # the schema refused loops: a visit in progress is never met again
            targets = [t for t, _ in graph[key] if t in rules]
            after = [phases.index(expiries[t]) + 1 for t in targets if t in expiries]
            after += [place(t) for t in targets if rules[t].kind != "expiry"]
            segment[key] = max(after, default=0)
        return segment[key]

    runs = [
        key
        for key, rule in rules.items()
        if rule.kind not in ("expiry", "amendment") and (rule.requires != "subsequent" or subsequent)
    ]
    for key in runs:
        place(key)
    segments: list[list[str]] = [[] for _ in range(len(phases) + 1)]
    done: set[str] = set()

    def visit(key: str) -> None:
        if key in done:
            return
        done.add(key)
        for target, _ in graph[key]:
            if target in rules and segment.get(target) == segment[key] and target in runs:
                visit(target)
        segments[segment[key]].append(key)

    for key in sorted(runs, key=order.index):
        visit(key)
    return Plan(tuple(tuple(keys) for keys in segments))
