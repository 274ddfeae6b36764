"""Relative time in words, "in 3 days" / "dans 3 jours", "3 days ago" / "il y a 3 jours", from pendulum's
locale data (imported only when a time left is drawn).

pendulum serves for the words only, never to compute an instant (its DST handling differs from zoneinfo's:
see the design notes in the README). We do not call ``diff_for_humans``: against a reference day other
than the real clock (``--today``) it says "3 days after" / "3 jours après", not "in 3 days"; and it
rounds, "2 weeks" for 17 days, "24 years" for 8,900 days, where a deadline's days must stay exact. We
take the same locale patterns it uses (``translations.relative``) with its CLDR plural rule, and the
count we computed.
"""

from __future__ import annotations

from functools import cache
from typing import Any

UNITS = ("day", "hour", "minute")


@cache
def _locale(lang: str) -> Any:
    from pendulum.locales.locale import Locale

    return Locale.load(lang)


def relative(lang: str, amount: int, unit: str = "day") -> str:
    """``amount`` ``unit``s from now in words: in the future when positive, in the past when negative.

    >>> relative("en", 3), relative("fr", 3), relative("en", -1), relative("fr", -17)
    ('in 3 days', 'dans 3 jours', '1 day ago', 'il y a 17 jours')
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    locale = _locale(lang)
    n = abs(amount)
    pattern: str = locale.get(f"translations.relative.{unit}.{'past' if amount < 0 else 'future'}.{locale.plural(n)}")
    return pattern.format(n)
