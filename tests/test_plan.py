"""The engine's plan: the order a leg's rules run in, with the shared expiries between segments.

The anchors come from the rulebooks (deadlines/rules/*.toml): in us-14d, `minimum-expiry` counts from
`commencement` (Rule 14e-1(a)), `payment` from `expiry` (Rule 14e-1(c)), `sop-start` from
`results-announcement` (Rule 14d-11), `sop-payment` from `sop-expiry`.
"""

from __future__ import annotations

from datetime import date
from itertools import chain, combinations

import pytest

from deadlines.engine.plan import PHASES, leg_plan
from deadlines.rules import REGIMES, get_rulebook
from deadlines.rules.model import waits


def test_us_offer_rules_fall_before_and_after_the_shared_expiries() -> None:
    book = get_rulebook("us-14d")
    rules = book.in_force(date(2026, 5, 4), set())
    plan = leg_plan(rules, book.expiry, subsequent=True)
    where = {key: n for n, keys in enumerate(plan.segments) for key in keys}
    assert where["commencement"] == 0 and where["minimum-expiry"] == 0
    assert where["payment"] == 1 and where["sop-start"] == 1
    assert where["sop-payment"] == 2
    assert plan.segments[0].index("commencement") < plan.segments[0].index("minimum-expiry")
    # Without a subsequent period its rules are left out, and nothing comes after a second expiry.
    alone = leg_plan(rules, book.expiry, subsequent=False)
    assert len(alone.segments) == 2 and "sop-start" not in chain.from_iterable(alone.segments)


def _option_sets(regime: str) -> list[set[str]]:
    names = sorted({r.option.name for r in get_rulebook(regime).rules.values() if r.option is not None})
    return [set(c) for n in range(len(names) + 1) for c in combinations(names, n)]


@pytest.mark.parametrize("regime", sorted(REGIMES))
@pytest.mark.parametrize("subsequent", [False, True])
@pytest.mark.parametrize("start", [date(1999, 6, 1), date(2002, 7, 16), date(2026, 5, 4)])
def test_every_rule_runs_after_what_it_waits_for(regime: str, subsequent: bool, start: date) -> None:
    book = get_rulebook(regime)
    for options in _option_sets(regime):
        rules = book.in_force(start, options)
        plan = leg_plan(rules, book.expiry, subsequent)
        phases = PHASES[: len(plan.segments) - 1]
        position = {key: (n, i) for n, keys in enumerate(plan.segments) for i, key in enumerate(keys)}
        by_key = {r.key: r for r in rules}
        graph = waits(by_key, book.expiry)
        for key, (segment, index) in position.items():
            for target, _ in graph[key]:
                rule = by_key.get(target)
                if rule is None:
                    continue
                if rule.kind == "expiry":
                    if rule.phase in phases:
                        assert segment > phases.index(rule.phase), (regime, key, target)
                elif target in position:
                    assert position[target] < (segment, index), (regime, key, target)
        # The shared expiry of a phase comes after its start, minimums and maximums.
        for rule in rules:
            if rule.key in position and rule.kind in ("start", "minimum", "maximum") and rule.phase in phases:
                assert position[rule.key][0] <= phases.index(rule.phase), (regime, rule.key)
