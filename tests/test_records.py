"""The records that replaced dataclasses on the start-up path keep what a dataclass gave their users."""

from __future__ import annotations

import copy
import pickle
from datetime import date

import pytest

from deadlines.errors import InputError
from deadlines.model import Deal, Leg, LocalTime
from deadlines.timeutil import WallTime

NOON = LocalTime(date(2002, 9, 12), WallTime(12, 0), "America/New_York")


def test_a_value_is_immutable_and_compares_by_its_fields() -> None:
    with pytest.raises(AttributeError):
        NOON.day = date(2002, 9, 13)  # type: ignore[misc]
    same = LocalTime("2002-09-12", "12:00", "America/New_York")  # normalised as it is made
    assert same == NOON and hash(same) == hash(NOON)
    assert LocalTime("2002-09-13", "12:00", "America/New_York") != NOON
    assert repr(NOON) == (
        "LocalTime(day=datetime.date(2002, 9, 12), wall=WallTime(hour=12, minute=0), zone='America/New_York', "
        "offset=None)"
    )


def test_replace_checks_the_copy_as_a_new_value() -> None:
    assert NOON.replace(day="2002-09-19").day == date(2002, 9, 19)
    with pytest.raises(InputError, match="month 2 of 2002 has 28 days"):
        NOON.replace(day="2002-02-30")


def test_values_and_deals_copy_and_pickle() -> None:
    deal = Deal([Leg("us-14d", date(2002, 7, 17))], name="Serono / Genset", expiry=NOON)
    for again in (copy.copy(deal), copy.deepcopy(deal), pickle.loads(pickle.dumps(deal))):
        assert again == deal and again is not deal
    assert deal.replace(name="other") != deal
    with pytest.raises(InputError, match=r"Deal\.legs must be a list"):
        deal.replace(legs="us-14d")


def test_a_deal_is_mutable_and_unhashable() -> None:
    deal = Deal([Leg("us-14d", date(2002, 7, 17))])
    deal.name = "changed"
    assert deal.name == "changed"
    with pytest.raises(TypeError):
        hash(deal)
