"""Session hours with effective dates: the engine reads the hours in force on the day it looks at.

A synthetic exchange (the shipped calendars have one session from 1995, no sourced change found yet):
10:00-17:00 until 2019, 09:00-17:30 from 1 January 2020. An expiry at 09:30 local time comes before the
opening in 2019 (the last trading day is the day before) and after it in 2021.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from deadlines.calendars import RuleCalendar
from deadlines.calendars.loader import parse_calendar
from deadlines.engine.counting import last_local_day, rule_wall
from deadlines.rules.model import Rule
from deadlines.timeutil import WallTime

EXCHANGE = """
id = "XTST"
name = "Test exchange"
zone = "Europe/Paris"
first = 2015-01-01
last = 2025-12-31
source = "a test"

[[sessions]]
from = 2015-01-01
open = "10:00"
close = "17:00"
source = "a test"

[[sessions]]
from = 2020-01-01
open = "09:00"
close = "17:30"
source = "a test"

[[adhoc_early_closes]]
name = "Christmas Eve"
dates = [2018-12-24, 2021-12-24]
close = "14:05"
source = "a test"
"""

PARIS = ZoneInfo("Europe/Paris")


def _cal() -> RuleCalendar:
    return parse_calendar(EXCHANGE, "XTST.toml").build()


def test_the_hours_of_the_day() -> None:
    cal = _cal()
    assert cal.hours(date(2019, 12, 31))[1:3] == (time(10, 0), time(17, 0))
    assert cal.hours(date(2020, 1, 1))[1:3] == (time(9, 0), time(17, 30))


def test_an_expiry_before_the_opening_ends_the_previous_trading_day() -> None:
    cal = _cal()
    # Wednesday 12 June 2019, 09:30: before the 10:00 opening -> Tuesday 11 June.
    assert last_local_day(cal, datetime(2019, 6, 12, 9, 30, tzinfo=PARIS)) == date(2019, 6, 11)
    # Tuesday 15 June 2021, 09:30: after the 09:00 opening -> that day.
    assert last_local_day(cal, datetime(2021, 6, 15, 9, 30, tzinfo=PARIS)) == date(2021, 6, 15)


def test_a_rule_timed_at_the_close_follows_the_close_of_its_day() -> None:
    cal = _cal()
    at_close_2018 = Rule("closing", "maximum", "Closing", "a test", "K", time=WallTime(17, 0))
    at_close_2021 = Rule("closing", "maximum", "Closing", "a test", "K", time=WallTime(17, 30))
    # On an early-close day a rule timed at that day's regular close moves to the early close...
    assert rule_wall(at_close_2018, cal, date(2018, 12, 24))[0] == WallTime(14, 5)
    assert rule_wall(at_close_2021, cal, date(2021, 12, 24))[0] == WallTime(14, 5)
    # ...and a rule timed at another hour than that day's close keeps its time.
    assert rule_wall(at_close_2021, cal, date(2018, 12, 24))[0] == WallTime(17, 30)
