"""Is a calendar open at a moment, when does that change, and which holidays fall near it."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from compiler.time.businesstime import WEEK, NoBusinessTime, engine
from playbook.findings import Location
from playbook.model import Calendar

_YEAR = 366 * 86400.0  # look no further than this for a change or a holiday


@dataclass(frozen=True)
class Holiday:
    date: dt.date
    name: str
    loc: Location  # the playbook entry that closes the day


def zones(calendar: Calendar) -> list[str]:
    """The time zones whose local dates and windows the calendar follows."""
    found = [calendar.timezone] if calendar.windows or not calendar.regions else []
    return list(dict.fromkeys(found + [region.timezone for region in calendar.regions]))


def state_at(calendar: Calendar, instant: float) -> tuple[bool, float | None]:
    """(open at `instant`, when that next changes); None when it does not change within a year."""
    if calendar.always:
        return True, None
    hours = engine(calendar)
    if hours.empty:
        return False, None
    if not hours.is_open(instant):
        try:
            found = hours.next_open(instant)
        except NoBusinessTime:
            return False, None
        return False, found if found - instant <= _YEAR else None
    end = instant
    while end - instant <= _YEAR:
        spans = hours.intervals(end, end + WEEK)
        if not spans or spans[0][0] > end:
            return True, end
        if spans[0][1] < end + WEEK:
            return True, spans[0][1]
        end = spans[0][1]  # open for the whole week scanned: look on
    return True, None


def holidays_between(calendar: Calendar, first: dt.date, last: dt.date) -> list[Holiday]:
    """The days the calendar is closed for a holiday from `first` to `last` (inclusive), in date order."""
    found = [
        Holiday(h.date, h.name or "holiday", h.loc)
        for h in calendar.holidays
        if h.date is not None and first <= h.date <= last
    ]
    named = [h for h in calendar.holidays if h.country]
    if named:
        from playbook.publicholidays import holiday_names  # only calendars with public holidays pay for it

        for entry in named:
            region = entry.country + (f"-{entry.subdivision}" if entry.subdivision else "")
            found.extend(
                Holiday(day, f"{name} ({region})", entry.loc)
                for day, name in holiday_names(entry.country, entry.subdivision, first.year, last.year)
                if first <= day <= last
            )
    return sorted(found, key=lambda h: (h.date, h.name))


def local_dates(calendar: Calendar, instant: float) -> list[dt.date]:
    """The local date of `instant` in each of the calendar's zones."""
    return list(
        dict.fromkeys(dt.datetime.fromtimestamp(instant, zoneinfo.ZoneInfo(zone)).date() for zone in zones(calendar))
    )
