"""Holidays must not close a calendar for a whole week.

Why: when the holidays of one week fall on every day the calendar is open
(a Christmas shutdown, or a four-day week around a public holiday), that week
has no business time at all: every business-hours SLA and escalation stops
dead until the following week, which is rarely what the team means. Checked
for every week of the calendar's `years` (or, without `years`, the years of
its dated holidays; at most ten years), in the calendar's time zone.

Bad:
    calendars:
      office:
        timezone: Europe/London
        weekly: {mon-thu: "09:00-17:00"}
        years: "2026"
        holidays: [2026-12-21, 2026-12-22, 2026-12-23, 2026-12-24]

Good:
    calendars:
      office:
        timezone: Europe/London
        weekly: {mon-thu: "09:00-17:00", fri: "10:00-14:00"}
        years: "2026"
        holidays: [2026-12-21, 2026-12-22, 2026-12-23, 2026-12-24]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._time import checked_years, monday_of, weekly_pattern
from compiler.time.businesstime import engine
from playbook.findings import Finding, Location
from playbook.model import Calendar, Playbook
from playbook.publicholidays import public_holidays

CODE = "PB403"
NAME = "holidays-close-a-week"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether to open or to keep the holidays is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for calendar in book.calendars.values():
        if calendar.always or not calendar.holidays:
            continue
        for monday in _closed_weeks(calendar):
            causes = _holidays_in(calendar, monday)
            where, _ = causes[0] if causes else (calendar.where("holidays"), "")
            days = ", ".join(dict.fromkeys(text for _, text in causes))
            yield ctx.finding(
                where,
                f"calendar '{calendar.id}' has no working time in the week of Mon {monday.isoformat()}: "
                f"holidays close every open day ({days})",
                "business-hours SLAs stop for the whole week: open on another weekday (e.g. add 'fri:' hours) or drop "
                "one of these holidays",
                causes[1:],
            )


def _years(calendar: Calendar) -> list[int]:
    if calendar.years:
        return checked_years(*calendar.years)
    dated = sorted({h.date.year for h in calendar.holidays if h.date is not None})
    return [year for year in dated if year in checked_years(dated[0], dated[-1])] if dated else []


def _closed_weeks(calendar: Calendar) -> Iterator[dt.date]:
    """Mondays of the weeks, among those with a holiday, that have no business time at all."""
    years = _years(calendar)
    full, pattern = engine(calendar), weekly_pattern(calendar)
    for monday in sorted({day - dt.timedelta(days=day.weekday()) for day in _holiday_dates(calendar, years)}):
        start = monday_of(monday, calendar.timezone)
        end = monday_of(monday + dt.timedelta(days=7), calendar.timezone)
        if pattern.between(start, end) > 0 and full.between(start, end) == 0:
            yield monday


def _holiday_dates(calendar: Calendar, years: list[int]) -> set[dt.date]:
    dated = {h.date for h in calendar.holidays if h.date is not None and h.date.year in years}
    named = [(h.country, h.subdivision) for h in calendar.holidays if h.country]
    return dated | {day for year in years for day in (public_holidays(named, year) if named else ())}


def _holidays_in(calendar: Calendar, monday: dt.date) -> list[tuple[Location, str]]:
    """Each holiday entry that closes a day of that week, with the day."""
    week = [monday + dt.timedelta(days=n) for n in range(7)]
    found: list[tuple[Location, str]] = []
    for holiday in calendar.holidays:
        if holiday.date is not None and holiday.date in week:
            found.append((holiday.loc, holiday.date.isoformat()))
        elif holiday.country:
            named = public_holidays([(holiday.country, holiday.subdivision)], monday.year)
            named |= public_holidays([(holiday.country, holiday.subdivision)], week[-1].year)
            found.extend((holiday.loc, day.isoformat()) for day in week if day in named)
    return found
