"""Helpers for the PB40x rules: weekly patterns without holidays, reference weeks, local-time text."""

from __future__ import annotations

import datetime as dt
import functools
import weakref
import zoneinfo

from compiler.plan.plan import Plan, shared_plan
from compiler.time.businesstime import FIRST_YEAR, LAST_YEAR, BusinessCalendar, engine, localize
from playbook.model import Calendar, Playbook
from playbook.units import format_seconds

WEEK = 7 * 86400
MAX_YEARS = 10  # a calendar is checked for at most this many of its years


def checked_years(first: int, last: int) -> list[int]:
    """The years to check: within the engine's range, and at most MAX_YEARS of them."""
    first = max(first, FIRST_YEAR)
    return list(range(first, min(last, first + MAX_YEARS - 1, LAST_YEAR) + 1))


_CLOSED: weakref.WeakKeyDictionary[Calendar, dict[float, tuple[float, float] | None]] = weakref.WeakKeyDictionary()


def plan_of(book: Playbook) -> Plan:
    """The book's plan, built once for all the rules that need it."""
    return shared_plan(book)


def weekly_pattern(calendar: Calendar) -> BusinessCalendar:
    """The calendar's hours with no holidays: what an ordinary week looks like (cached)."""
    return engine(calendar).without_holidays()


@functools.lru_cache(maxsize=4096)
def monday_of(day: dt.date, zone: str) -> float:
    """00:00 local time on the Monday of `day`'s week."""
    monday = day - dt.timedelta(days=day.weekday())
    return localize(dt.datetime.combine(monday, dt.time()), zone).timestamp()


def when(instant: float, zone: str, *, date: bool = True) -> str:
    moment = dt.datetime.fromtimestamp(instant, zoneinfo.ZoneInfo(zone))
    return moment.strftime("%a %Y-%m-%d %H:%M" if date else "%a %H:%M")


def span(start: float, end: float, zone: str) -> str:
    return f"{when(start, zone)} to {when(end, zone, date=False)} {zone}"


def zones_of(calendar: Calendar) -> list[str]:
    found = [calendar.timezone] if calendar.windows or not calendar.regions else []
    found += [region.timezone for region in calendar.regions]
    return list(dict.fromkeys(found))


def longest_closed(calendar: Calendar, start: float) -> tuple[float, float] | None:
    """The longest stretch in an ordinary fortnight from `start` when the calendar is closed."""
    known = _CLOSED.setdefault(calendar, {})
    if start not in known:
        spans = weekly_pattern(calendar).intervals(start, start + 2 * WEEK)
        gaps = [(spans[i][1], spans[i + 1][0]) for i in range(len(spans) - 1)]
        known[start] = max(gaps, key=lambda g: g[1] - g[0], default=None)
    return known[start]


def duration(seconds: float) -> str:
    return format_seconds(seconds)
