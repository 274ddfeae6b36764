"""Rulebooks: one TOML file per regime next to this module, loaded into typed records and checked.

A practitioner adjusts a rule by editing its TOML file (numbers, times, labels, citations, versions);
the engine reads only what is here. See ``us-14d.toml`` for the field reference. The regimes are the
files: a new ``<id>.toml`` here is a new regime.

>>> REGIMES
('fr-amf', 'fr-amf-simplified', 'us-13e4', 'us-14d')
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..errors import UnknownIdError
from .model import Option, Rule, Rulebook
from .schema import load_rulebook, parse_rulebook

_HERE = Path(__file__).parent

# The rulebook files' ids, in the order of their names (the order `deadlines regimes` lists them).
REGIMES: tuple[str, ...] = tuple(sorted(path.stem for path in _HERE.glob("*.toml")))


@cache
def get_rulebook(regime: str) -> Rulebook:
    """The rulebook shipped for ``regime`` (``us-14d``, ``us-13e4``, ``fr-amf``, ``fr-amf-simplified``)."""
    if regime not in REGIMES:
        raise UnknownIdError("regime", regime, list(REGIMES))
    return load_rulebook(_HERE / f"{regime}.toml", f"{regime}.toml")


__all__ = ["REGIMES", "Option", "Rule", "Rulebook", "get_rulebook", "load_rulebook", "parse_rulebook"]
