"""The engine: rulebooks + calendars -> a schedule of UTC instants with citations and traces.

- :mod:`.plan`: the order a rulebook's rules run in, worked out (and checked) from their anchors, with the
  shared cross-border expiries as explicit steps;
- :mod:`.counting`: counting days on a calendar, a rule's time of day, the search for a common expiry
  (shared with :mod:`deadlines.scan`);
- :mod:`.core`: runs the plan for a deal's legs: their starts, counted rules and amendments;
- :mod:`.expiry`: the shared expiry of each phase (chosen and checked, or the earliest that fits every
  leg), extensions, and the notices of sessions and of clocks out of step;
- :mod:`.observed`: observed facts over computed dates, checked against their rules;
- :mod:`.state`: what the parts share: each leg's state, and the diagnostics (warnings, and breaches on
  each event's row) collected in one object.
"""

from __future__ import annotations

from ..rules import default_expiry
from .core import compute, first_expiry, local_time
from .counting import (
    count_day,
    earliest_instant,
    last_day,
    last_local_day,
    last_local_days,
    open_everywhere,
    rule_wall,
)

__all__ = [
    "compute",
    "count_day",
    "default_expiry",
    "earliest_instant",
    "first_expiry",
    "last_day",
    "last_local_day",
    "last_local_days",
    "local_time",
    "open_everywhere",
    "rule_wall",
]
