"""Event ids: one place names the events an extension or an amendment gives, for the deal's checks and
for the engine alike (an observation names the event the engine will make)."""

from __future__ import annotations


def extended_key(expiry_key: str, i: int) -> str:
    """The key of the ``i``-th expiry that was scheduled, then extended: ``extended_key("expiry", 1)`` is
    ``"expiry-extended-1"`` (the event id is ``<regime>.<key>``)."""
    return f"{expiry_key}-extended-{i}"


def numbered_key(rule_key: str, i: int) -> str:
    """The key of the event a rule gives for the ``i``-th amendment or extension: ``numbered_key("price-change",
    1)`` is ``"price-change-1"``. Relief and citations still name the rule's own key."""
    return f"{rule_key}-{i}"
