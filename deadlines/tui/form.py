"""The app's form as text fields, and the deal they describe (both ways).

Kept apart from the widgets so the parsing is plain Python: every field is short text a deal team types
("us-14d, fr-amf", "2002-09-12 12:00", "price 2002-08-20"), and every mistake names its field, so the app
can mark it and say why in the current language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import TypeVar

from ..checks import DealProblem, rebuild
from ..errors import AmbiguousTimeError, DeadlinesError, InputError
from ..i18n import Localizer
from ..model import AMENDMENT_KINDS, Amendment, Deal, ExpiryTime, Leg, LocalTime, Subsequent
from ..text import At
from ..timeutil import WallTime, parse_date, parse_local, zone
from ..zones import display_zone, market_zone

T = TypeVar("T")
FIELDS = ("regimes", "starts", "expiry", "sub_start", "sub_end", "amendments", "zones")
# The amendment keywords of the form: the model's kinds and "extension" (the expiry moves later).
KEYWORDS = (*AMENDMENT_KINDS, "extension")
_SPLIT = re.compile(r"\s*[,;]\s*")


@dataclass
class Form:
    """The text of every field, as shown and typed."""

    regimes: str = ""
    starts: str = ""
    expiry: str = ""
    subsequent: bool = False
    sub_start: str = ""
    sub_end: str = ""
    amendments: str = ""
    zones: str = ""


class FieldError(Exception):
    """A field that does not parse: which one, and the error to show."""

    def __init__(self, field: str, error: DeadlinesError) -> None:
        super().__init__(error.message)
        self.field = field
        self.error = error


def keyword(loc: Localizer, kind: str) -> str:
    """The word for ``kind`` in the amendments field (one word, no spaces) in ``loc``'s language."""
    words = {
        "price": loc.pgettext("amendment keyword", "price"),
        "percentage": loc.pgettext("amendment keyword", "percentage"),
        "fee": loc.pgettext("amendment keyword", "fee"),
        "material": loc.pgettext("amendment keyword", "material"),
        "extension": loc.pgettext("amendment keyword", "extension"),
    }
    return words[kind]


def _kinds(locs: list[Localizer]) -> dict[str, str]:
    """Every keyword the user may type (English ids and each language's words) -> kind."""
    out = {k: k for k in KEYWORDS}
    for loc in locs:
        out.update({keyword(loc, k).casefold(): k for k in KEYWORDS})
    return out


def _items(text: str) -> list[str]:
    return [item for item in _SPLIT.split(text.strip()) if item]


def _when(text: str, default_zone: str) -> tuple[LocalTime | None, ExpiryTime | None]:
    """``YYYY-MM-DD HH:MM [zone]``, ``YYYY-MM-DD`` (24:00) or ``HH:MM [zone]`` (the day is computed)."""
    parts = text.split()
    zone_name = default_zone
    if len(parts) > 1 and not re.match(r"[\d+-]", parts[-1]):
        zone_name = parts.pop()
        market_zone(zone_name)  # unknown zones fail here, with a suggestion
    if not parts:
        raise InputError("invalid date and time '{value}': expected 'YYYY-MM-DD HH:MM'", value=text)
    if re.fullmatch(r"\d{1,2}:\d{2}", parts[0]) and len(parts) == 1:
        return None, ExpiryTime(WallTime.parse(parts[0]), zone_name)
    if len(parts) == 1:
        return LocalTime(parse_date(parts[0]), WallTime(24, 0), zone_name), None
    day, wall, offset = parse_local(" ".join(parts))
    return LocalTime(day, wall, zone_name, offset), None


# The field that shows each part of a deal, for a check of the whole deal (checks.py) that fails.
_FIELD_OF = {"offer": "regimes", "expiry": "expiry", "extended": "amendments", "subsequent": "sub_start"}
_FIELD_OF |= {"amendment": "amendments", "": "zones", "observed": "regimes", "relief": "regimes"}


def _field(name: str, parse: Callable[[], T]) -> T:
    """Run ``parse`` and tag any input error with the field it came from (a check of the deal as a whole,
    with the field showing the part it is about)."""
    try:
        return parse()
    except DealProblem as exc:
        field = "sub_end" if exc.section == "subsequent" and exc.key in ("zone", "date", "time", "at") else None
        if exc.section == "" and exc.key != "show":
            field = "regimes"  # options, or the deal as a whole
        raise FieldError(field or _FIELD_OF.get(exc.section, name), exc) from None
    except DeadlinesError as exc:
        raise FieldError(name, exc) from None


def deal_from_form(
    form: Form, base: Deal, locs: list[Localizer], first_expiry: Callable[[Deal], tuple[datetime, str]]
) -> Deal:
    """The deal the form describes; what the form does not show (name, relief, observed facts, options,
    notes) is kept from ``base``. Raises :class:`FieldError`.

    Extensions typed with the expiry field empty count from the earliest expiry, which only a schedule
    gives: ``first_expiry`` (the app passes :func:`deadlines.engine.first_expiry`) returns it, as an
    instant and the zone it was set in; the form itself computes nothing."""
    from ..rules import default_expiry, get_rulebook

    regimes = _items(form.regimes)
    if not regimes:
        raise FieldError("regimes", InputError("a deal needs at least one regime"))
    lead_zone = _field("regimes", lambda: default_expiry(get_rulebook(r) for r in regimes).zone)
    for regime in regimes:
        _field("regimes", partial(get_rulebook, regime))
    starts = _field("starts", lambda: [parse_date(s) for s in _items(form.starts)])
    if len(starts) not in (1, len(regimes)):
        raise FieldError(
            "starts",
            InputError(
                "give one start date, or one per regime in the same order ({regimes})", regimes=", ".join(regimes)
            ),
        )
    legs = [Leg(r, starts[i] if len(starts) > 1 else starts[0]) for i, r in enumerate(regimes)]
    zones = _items(form.zones)
    for name in zones:
        _field("zones", partial(display_zone, name))
    expiry, expiry_time = (None, None)
    if form.expiry.strip():
        expiry, expiry_time = _field("expiry", lambda: _when(form.expiry, lead_zone))
    subsequent = None
    if form.subsequent:
        start = _field("sub_start", lambda: parse_date(form.sub_start)) if form.sub_start.strip() else None
        sub_expiry, sub_time = (None, None)
        if form.sub_end.strip():
            sub_expiry, sub_time = _field("sub_end", lambda: _when(form.sub_end, lead_zone))
        subsequent = Subsequent(start, sub_expiry, sub_time)
    amendments, extensions = _field("amendments", lambda: _amendments(form.amendments, regimes, locs))
    notes = {(a.kind, a.day, a.regime): a.note for a in base.amendments}
    amendments = [a.replace(note=notes.get((a.kind, a.day, a.regime), "")) for a in amendments]
    deal = _field(
        "regimes",  # a regime given twice
        partial(
            rebuild,
            base,
            legs=legs,
            expiry=expiry,
            expiry_time=expiry_time,
            subsequent=subsequent,
            amendments=amendments,
            extended=[],
            show_zones=zones,
            # observations of an extension's events wait for the extensions (below)
            observed=base.observed if not extensions else [],
        ),
    )
    if expiry is not None:
        _field("expiry", expiry.instant)  # a time skipped or repeated by a clock change: say so here
    if subsequent is not None and subsequent.expiry is not None:
        _field("sub_end", subsequent.expiry.instant)
    if not extensions:
        return deal
    # Extensions: the expiry field is the first scheduled expiry; each extension moves it to a later day,
    # at the same time and in the same zone unless the extension gives its own.
    scheduled = expiry
    if scheduled is None:
        instant, zone_name = _field("expiry", partial(first_expiry, deal))
        scheduled = _local_time(instant, expiry_time.zone if expiry_time else zone_name)
    extended = []
    for ext in extensions:
        later = LocalTime(ext.day, ext.wall or scheduled.wall, ext.zone or scheduled.zone, ext.offset)
        before, after = scheduled.instant(), _field("amendments", later.instant)
        if after <= before:
            raise FieldError(
                "amendments",
                InputError(
                    "extension '{item}': the new expiry must come after the one it extends ({previous})",
                    item=ext.item,
                    previous=At(before, scheduled.zone),
                ),
            )
        extended.append(scheduled)
        scheduled = later
    final = partial(rebuild, deal, expiry=scheduled, expiry_time=None, extended=extended, observed=base.observed)
    return _field("amendments", final)


@dataclass(frozen=True)
class _Extension:
    item: str  # as typed, for messages
    day: date
    wall: WallTime | None
    offset: timedelta | None
    zone: str | None


def _local_time(instant: datetime, zone_name: str) -> LocalTime:
    """``instant`` as the wall time users write in ``zone_name`` (00:00 is 24:00 of the day before; the
    UTC offset kept when the wall time happens twice that night)."""
    local = instant.astimezone(zone(zone_name))
    if (local.hour, local.minute) == (0, 0):
        at = LocalTime(local.date() - timedelta(days=1), WallTime(24, 0), zone_name)
    else:
        at = LocalTime(local.date(), WallTime(local.hour, local.minute), zone_name)
    try:
        at.instant()
    except AmbiguousTimeError:
        at = at.replace(offset=local.utcoffset())
    return at


def _amendments(text: str, regimes: list[str], locs: list[Localizer]) -> tuple[list[Amendment], list[_Extension]]:
    kinds = _kinds(locs)
    amendments, extensions = [], []
    for item in _items(text):
        words = item.split()
        kind = kinds.get(words[0].casefold())
        if kind is None or len(words) < 2:
            raise InputError(
                "amendment '{item}': expected a kind ({kinds}), a date and optionally a regime",
                item=item,
                kinds=", ".join(keyword(locs[0], k) for k in KEYWORDS),
            )
        day = parse_date(words[1])
        rest = words[2:]
        if kind == "extension":
            wall = offset = zone_name = None
            if rest and re.match(r"\d{1,2}:\d{2}", rest[0]):
                day, wall, offset = parse_local(f"{words[1]} {rest.pop(0)}")
            if rest:
                zone_name = rest.pop(0)
                market_zone(zone_name)
            if rest:
                raise InputError("extension '{item}': expected a date, then optionally a time and a zone", item=item)
            extensions.append(_Extension(item, day, wall, offset, zone_name))
            continue
        regime = rest.pop(0) if rest else None
        if rest or (regime is not None and regime not in regimes):
            raise InputError(
                "amendment '{item}': the regime must be one of the deal's ({regimes})",
                item=item,
                regimes=", ".join(regimes),
            )
        amendments.append(Amendment(kind, day, regime))
    return amendments, extensions


def form_from_deal(deal: Deal, loc: Localizer) -> Form:
    """The fields showing ``deal`` (amendment keywords in ``loc``'s language)."""
    starts = {leg.start for leg in deal.legs}
    expiry = deal.extended[0] if deal.extended else deal.expiry
    items = []
    for a in deal.amendments:
        items.append(" ".join([keyword(loc, a.kind), a.day.isoformat(), *([a.regime] if a.regime else [])]))
    if deal.extended and deal.expiry is not None:
        previous = deal.extended[0]
        for later in [*deal.extended[1:], deal.expiry]:
            # Always the time (and the zone when it changes): the field reads back to the same instant.
            text = _when_text(later, None, previous.zone)
            items.append(f"{keyword(loc, 'extension')} {text}")
            previous = later
    sub = deal.subsequent
    return Form(
        regimes=", ".join(leg.regime for leg in deal.legs),
        starts=", ".join(leg.start.isoformat() for leg in deal.legs)
        if len(starts) > 1
        else deal.legs[0].start.isoformat(),
        expiry=_when_text(expiry, deal.expiry_time, ""),
        subsequent=sub is not None,
        sub_start=sub.start.isoformat() if sub and sub.start else "",
        sub_end=_when_text(sub.expiry, sub.expiry_time, "") if sub else "",
        amendments=", ".join(items),
        zones=", ".join(deal.show_zones),
    )


def _when_text(at: LocalTime | None, wall: ExpiryTime | None, shown_zone: str) -> str:
    """The field text for a chosen time; the zone is written unless it is ``shown_zone``."""
    if at is not None:
        from ..timeutil import offset_text

        text = f"{at.day.isoformat()} {at.wall}{offset_text(at.offset) if at.offset is not None else ''}"
        return text if at.zone == shown_zone else f"{text} {at.zone}"
    if wall is not None:
        return str(wall.wall) if wall.zone == shown_zone else f"{wall.wall} {wall.zone}"
    return ""
