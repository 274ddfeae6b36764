"""One contract every calendar runs (as exchange_calendars' ExchangeCalendarTestBase): parametrized over every
calendar id of the registry, fed by its answers CSV ``tests/calendars/<id>.csv``.

The CSVs are written by ``tests/calendars/generate.py`` from independent oracles (exchange_calendars, holidays,
plus the days of mourning and executive orders named there), never from our code; their header comments say
which. Adding a calendar = its data file, its registry line and its CSV: every check below then runs on it.

Also here: the data files' schema (clear errors at the line of the key), the names the message extractor
must see, and the substitute-day mechanism (UK Christmas and Boxing Day) against holidays.UK.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deadlines.calendars import aliases, calendar_ids, get_calendar, resolve_id
from deadlines.calendars.loader import DATA, NAMES_MODULE, calendar_files, parse_calendar, render_names
from deadlines.errors import DealFileError

ANSWERS = Path(__file__).resolve().parent / "calendars"
IDS = calendar_ids()


@dataclass(frozen=True)
class Answers:
    first: date
    last: date
    open: time
    close: time | None
    closed: frozenset[date]
    early: dict[date, time]
    counted: frozenset[date]
    weekend: tuple[int, ...] = (5, 6)  # the header's "weekend:" (German Werktage: Sunday alone)

    def is_open(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.closed


def _hhmm(text: str) -> time | None:
    hour, minute = (int(x) for x in text.split(":"))
    return None if hour == 24 else time(hour, minute)


@cache
def answers(cal_id: str) -> Answers:
    lines = (ANSWERS / f"{cal_id}.csv").read_text(encoding="utf-8").splitlines()
    header = {k.strip(): v.strip() for line in lines if line.startswith("# ") for k, _, v in [line[2:].partition(":")]}
    first, last = (date.fromisoformat(x) for x in header["range"].split(".."))
    opens, closes = header["session"].split("-")
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    weekend = tuple(names.index(x.strip()) for x in header.get("weekend", "saturday, sunday").split(","))
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    assert rows and all(r["source"] for r in rows), f"{cal_id}.csv: every row names its source"
    by_kind: dict[str, list[dict[str, str]]] = {"closed": [], "early-close": [], "counted": []}
    for row in rows:
        by_kind[row["kind"]].append(row)  # an unknown kind fails here
    return Answers(
        first=first,
        last=last,
        open=_hhmm(opens) or time(0),
        close=_hhmm(closes),
        closed=frozenset(date.fromisoformat(r["date"]) for r in by_kind["closed"]),
        early={date.fromisoformat(r["date"]): _hhmm(r["close"]) or time(0) for r in by_kind["early-close"]},
        counted=frozenset(date.fromisoformat(r["date"]) for r in by_kind["counted"]),
        weekend=weekend,
    )


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# -- the registry and the files --------------------------------------------------------------------------
def test_every_calendar_has_a_data_file_and_answers():
    assert sorted(IDS) == calendar_files()
    assert sorted(p.stem for p in ANSWERS.glob("*.csv")) == sorted(IDS)


def test_every_alias_resolves():
    for alias, cal_id in aliases().items():
        assert resolve_id(alias) == cal_id and resolve_id(alias.upper()) == cal_id
        assert cal_id in IDS


@pytest.mark.parametrize("cal_id", IDS)
def test_data_file_loads_and_validates(cal_id):
    path = Path(DATA, f"{cal_id}.toml")
    data = parse_calendar(path.read_text(encoding="utf-8"), str(path))
    assert data.id == cal_id
    ZoneInfo(data.zone)
    cal = get_calendar(cal_id)
    assert (cal.id, cal.zone, cal.first, cal.last) == (cal_id, data.zone, data.first, data.last)
    # every fact has its name and its source
    for closures in cal.closures.values():
        assert all(c.name.strip() and c.source.strip() for c in closures)
    assert all(e.name.strip() and e.source.strip() for e in cal.early_closes.values())
    assert all(n.name.strip() and n.source.strip() and n.policy.strip() for n in cal.notices.values())
    assert all(s.source.strip() for s in cal.session_hours)
    assert all(s.source.strip() and cal.first <= s.until <= cal.last for s in cal.secondary)


# -- the contract: every calendar against its answers ------------------------------------------------------
@pytest.mark.parametrize("cal_id", IDS)
def test_coverage_and_session_hours(cal_id):
    cal, ans = get_calendar(cal_id), answers(cal_id)
    assert (cal.first, cal.last) == (ans.first, ans.last)
    assert (cal.open, cal.close) == (ans.open, ans.close)
    for day in (ans.first, ans.last, date(2002, 7, 16), date(2026, 6, 1)):
        hours = cal.hours(day)
        assert (hours.open, hours.close) == (ans.open, ans.close)


@pytest.mark.parametrize("cal_id", IDS)
def test_closed_and_open_days_match_answers(cal_id):
    cal, ans = get_calendar(cal_id), answers(cal_id)
    days = _days(ans.first, ans.last)
    assert cal.weekend == ans.weekend
    closed_weekdays = {d for d in days if d.weekday() not in ans.weekend and not cal.is_business_day(d)}
    assert not any(cal.is_business_day(d) for d in days if d.weekday() in ans.weekend), "a weekend day is open"
    assert sorted(closed_weekdays - ans.closed) == [], "closed in ours, open in the answers"
    assert sorted(ans.closed - closed_weekdays) == [], "open in ours, closed in the answers"
    # each closed weekday has its name(s), and nothing else has one
    assert all(cal.closed_names(d) for d in closed_weekdays)


@pytest.mark.parametrize("cal_id", IDS)
def test_early_closes_match_answers(cal_id):
    cal, ans = get_calendar(cal_id), answers(cal_id)
    ours = {d: cal.early_close(d).close for d in _days(ans.first, ans.last) if cal.early_close(d) is not None}
    assert ours == ans.early
    for day, close in ours.items():
        assert cal.is_business_day(day)
        assert cal.open < close and (cal.close is None or close < cal.close)


@pytest.mark.parametrize("cal_id", IDS)
def test_counted_days_match_answers(cal_id):
    cal, ans = get_calendar(cal_id), answers(cal_id)
    assert set(cal.notices) == ans.counted
    assert all(cal.is_business_day(d) for d in ans.counted)


@pytest.mark.parametrize("cal_id", IDS)
def test_next_and_previous_business_day(cal_id):
    cal, ans = get_calendar(cal_id), answers(cal_id)
    days = _days(ans.first, ans.last)
    open_days = [d for d in days if ans.is_open(d)]
    k = 0  # open_days[k] is the first open day after the day looked at
    for day in days[:-7]:
        while open_days[k] <= day:
            k += 1
        assert cal.next_business_day(day) == open_days[k]
        assert cal.next_business_day(day, inclusive=True) == (day if ans.is_open(day) else open_days[k])
    k = len(open_days) - 1
    for day in reversed(days[7:]):
        while open_days[k] >= day:
            k -= 1
        assert cal.previous_business_day(day) == open_days[k]
        assert cal.previous_business_day(day, inclusive=True) == (day if ans.is_open(day) else open_days[k])


@pytest.mark.parametrize("cal_id", IDS)
def test_add_and_count_are_inverses(cal_id):
    cal, ans = get_calendar(cal_id), answers(cal_id)
    open_days = [d for d in _days(ans.first, ans.last) if ans.is_open(d)]
    assert cal.count(ans.first, ans.last) == len(open_days)
    for day in _days(ans.first + timedelta(days=40), ans.last - timedelta(days=40))[::13]:
        for n in (1, 2, 5, 10, 20, 25):
            later = cal.add(day, n)
            assert cal.count(day + timedelta(days=1), later) == n
            assert cal.add(later, -n) == cal.previous_business_day(day, inclusive=True)
            assert cal.nth(day, n) == cal.add(cal.previous_business_day(day), n)
        if ans.is_open(day):
            assert cal.add(cal.add(day, 20), -20) == day


# -- the names the extractor must see -----------------------------------------------------------------------
def test_names_module_is_current():
    """names.py is what ``python -m deadlines.calendars.names`` writes from the data files."""
    assert NAMES_MODULE.read_text(encoding="utf-8") == render_names()


def test_extractor_finds_every_name_of_the_data_files():
    from babel.messages.extract import extract_from_file

    from deadlines.calendars.loader import load_calendar_data

    found = {message for _, message, _, _ in extract_from_file("python", str(NAMES_MODULE), keywords={"N_": None})}
    wanted = {m for cal_id in calendar_files() for m in load_calendar_data(cal_id).messages()}
    assert wanted and wanted <= found
    assert {"Christmas Eve half day", "Day after Thanksgiving half day", "Good Friday"} <= wanted


def test_every_name_of_the_data_files_is_translated():
    from babel.messages.pofile import read_po

    from deadlines.calendars.loader import load_calendar_data

    po = Path(__file__).resolve().parents[1] / "deadlines/locale/fr/LC_MESSAGES/deadlines.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for cal_id in calendar_files():
        for message in load_calendar_data(cal_id).messages():
            entry = catalog.get(message)
            assert entry is not None and entry.string and not entry.fuzzy, message


# -- the schema: a broken file never loads, and says where --------------------------------------------------
def _file(cal_id: str, first: str, last: str, holidays: str) -> str:
    """A calendar file with London hours over ``first``..``last`` and the ``holidays`` given."""
    head = f'id = "{cal_id}"\nname = "Test"\nzone = "Europe/London"\nfirst = {first}\nlast = {last}\nsource = "tests"\n'
    session = f'\n[[sessions]]\nfrom = {first}\nopen = "08:00"\nclose = "16:30"\nsource = "tests"\n'
    return head + session + holidays


def _holiday(name: str, month: int, day: int, source: str = "tests") -> str:
    rule = f'name = "{name}"\nmonth = {month}\nday = {day}\nobservance = "next-free-weekday"\nsource = "{source}"\n'
    return "\n[[holidays]]\n" + rule


GOOD = _file("test", "2020-01-01", "2029-12-31", _holiday("Christmas Day", 12, 25))


def parse_calendar_file(cal_id: str):
    """A shipped calendar's data, read from its file."""
    path = Path(DATA, f"{cal_id}.toml")
    return parse_calendar(path.read_text(encoding="utf-8"), str(path))


WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def test_a_good_file_loads():
    data = parse_calendar(GOOD, "test.toml")
    assert data.build().is_business_day(date(2026, 12, 24))
    assert data.weekend == (5, 6) and data.build().weekend == (5, 6)  # Saturday and Sunday unless it says


def test_a_weekend_of_its_own():
    # A Friday-Saturday week (written in any order): Sunday 27 December 2026 open, Friday 25 closed by the week
    text = GOOD.replace('source = "tests"\n', 'source = "tests"\nweekend = ["saturday", "friday"]\n', 1)
    cal = parse_calendar(text, "test.toml").build()
    assert cal.weekend == (4, 5) and cal.unit == "trading"
    assert cal.is_business_day(date(2026, 12, 27)) and not cal.is_business_day(date(2026, 12, 25))
    assert cal.closed_names(date(2026, 12, 25)) == ()  # Christmas on a weekly closed day: not a closure
    # beside same_as: the facts of the calendar copied, with its own week
    copy = parse_calendar('id = "x"\nname = "X"\nsame_as = "de-hessen"\nweekend = ["sunday"]\n', "x.toml")
    assert copy.weekend == (6,) and copy.holidays == parse_calendar_file("de-hessen").holidays
    with pytest.raises(DealFileError, match=r"x.toml, line 4: 'weekend' must be one of .*, not \"Sunday\""):
        parse_calendar('id = "x"\nname = "X"\nsame_as = "de-hessen"\nweekend = ["Sunday"]\n', "x.toml")


def test_a_copy_may_cite_its_own_grounds():
    """German Werktage rest on the pre-2024 text of the WpÜG, not on § 2(9)'s Arbeitstage that de-hessen cites."""
    copied = parse_calendar_file("de-hessen")
    werktage = parse_calendar_file("de-hessen-werktage")
    assert werktage.source != copied.source and "Werktag" in werktage.source and "2023" in werktage.source
    assert werktage.holidays == copied.holidays
    with pytest.raises(DealFileError, match=r"x.toml, line 4: 'source' is empty"):
        parse_calendar('id = "x"\nname = "X"\nsame_as = "de-hessen"\nsource = " "\n', "x.toml")


def test_a_bad_weekend_is_said_in_french():
    from deadlines.i18n import Localizer

    with pytest.raises(DealFileError) as err:
        parse_calendar(GOOD.replace('source = "tests"\n', 'source = "tests"\nweekend = []\n', 1), "test.toml")
    text = Localizer("fr").text(err.value.msg)
    assert "doit énumérer d’un à six jours différents de la semaine" in text, text


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (('observance = "next-free-weekday"', 'observance = "sunday-to-monday"'), 18, "'observance' must be one of"),
        (("day = 25", "day = 25\neaster = 1"), 14, "a date rule is 'month' and 'day'"),
        (("day = 25", "day = 32"), 17, "'day' must be a whole number from 1 to 31, not 32"),
        (("month = 12\nday = 25", "month = 2\nday = 30"), 17, "month 2 has no day 30"),
        (('id = "test"', 'id = "other"'), 1, "'id' must be the file's name without .toml"),
        (('close = "16:30"', 'close = "07:00"'), 11, "a session closes after it opens"),
        (("from = 2020-01-01", "from = 2021-01-01"), 9, "the first session starts on 'first'"),
        (('zone = "Europe/London"', 'zone = "CET"'), 3, "'zone'"),
        (("month = 12\n", "month = 12\nsince = 2030\nuntil = 2025\n"), 17, "'since' (2030) is after 'until' (2025)"),
        (("[[holidays]]", "[[holiday]]"), 14, "unknown key 'holiday' at the top level"),
        (('source = "tests"\n', 'source = "tests"\nweekend = ["sundy"]\n'), 7, "'weekend' must be one of"),
        (('source = "tests"\n', 'source = "tests"\nweekend = "sunday"\n'), 7, "'weekend' must be a list"),
        (('source = "tests"\n', 'source = "tests"\nweekend = []\n'), 7, "'weekend' must list from one to six"),
        (('source = "tests"\n', f'source = "tests"\nweekend = {list(WEEK)}\n'.replace("'", '"')), 7, "from one to six"),
        (('source = "tests"\n', 'source = "tests"\nweekend = ["sunday", "sunday"]\n'), 7, "six different days"),
    ],
)
def test_a_broken_file_says_where(change, line, words):
    old, new = change
    assert old in GOOD
    with pytest.raises(DealFileError) as err:
        parse_calendar(GOOD.replace(old, new, 1), "test.toml")
    message = str(err.value)
    assert words in message, message
    assert message.startswith(f"test.toml, line {line}: "), message


def test_a_rule_without_a_source_is_refused():
    text = GOOD.replace('observance = "next-free-weekday"\nsource = "tests"\n', "")
    with pytest.raises(DealFileError, match=r"test.toml, line 14: missing key 'source'"):
        parse_calendar(text, "test.toml")


def test_an_unknown_same_as_is_refused():
    with pytest.raises(DealFileError, match=r"line 3: 'same_as' must be one of .*, not \"XTKS\""):
        parse_calendar('id = "x"\nname = "X"\nsame_as = "XTKS"\n', "x.toml")


# -- substitute days that skip the year's other holidays (UK: XLON) ---------------------------------
# Banking and Financial Dealings Act 1971, Schedule 1 (England and Wales): 27 December when 25 or 26 December
# is a Sunday, 28 December when either is a Saturday; New Year's Day by royal proclamation, on the Monday after
# when it is a weekend (europe-uk-de-ch-nl.md sec. 5.1: "Christmas and Boxing Day with weekend substitutes 27/28 Dec").
UK = _file(
    "uk",
    "1995-01-01",
    "2035-12-31",
    _holiday("New Year's Day", 1, 1, "Banking and Financial Dealings Act 1971, Schedule 1 (by proclamation)")
    + _holiday("Christmas Day", 12, 25, "Christmas Day (common law); a substitute day when on a weekend")
    + _holiday("Boxing Day", 12, 26, "Banking and Financial Dealings Act 1971, Schedule 1"),
)


@pytest.fixture(scope="module")
def uk():
    return parse_calendar(UK, "uk.toml").build()


@pytest.mark.parametrize(
    ("year", "closed"),
    [
        # 25 Dec 2021 a Saturday, 26 a Sunday: Christmas -> Monday 27, Boxing Day -> Tuesday 28 (the 27th taken)
        (2021, {date(2021, 12, 27): "Christmas Day", date(2021, 12, 28): "Boxing Day"}),
        # 25 Dec 2022 a Sunday, 26 a Monday (Boxing Day itself): Christmas -> Tuesday 27
        (2022, {date(2022, 12, 26): "Boxing Day", date(2022, 12, 27): "Christmas Day"}),
        # 2027 as 2021
        (2027, {date(2027, 12, 27): "Christmas Day", date(2027, 12, 28): "Boxing Day"}),
    ],
)
def test_uk_christmas_substitutes(uk, year, closed):
    december = uk.closure_list(date(year, 12, 20), date(year, 12, 31))
    assert {c.day: c.name for c in december} == closed
    own = {"Christmas Day": 25, "Boxing Day": 26}
    assert all(c.observed == (c.day.day != own[c.name]) for c in december)
    # a substitute is named as one: "Christmas Day (observed)"
    assert uk.closed_names(date(year, 12, 27)) == ("Christmas Day (observed)",)


def test_uk_substitutes_match_holidays_uk(uk):
    hol = pytest.importorskip("holidays")
    theirs = hol.UK(subdiv="ENG", years=range(1995, 2036))
    names = ("New Year's Day", "Christmas Day", "Boxing Day")
    expected = {d for d, name in theirs.items() if d.weekday() < 5 and name.removesuffix(" (observed)") in names}
    ours = {d for d in _days(date(1995, 1, 1), date(2035, 12, 31)) if d.weekday() < 5 and not uk.is_business_day(d)}
    assert ours == expected
