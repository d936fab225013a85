"""The shift model on a reference week: people on shift per minute, in the playbook's time zone.

Shared by PB268 (coverage) and PB269 (hand-over). Minute 0 is Monday 00:00;
calendars in other zones are moved by their standard (winter) offsets, like
the business-day figures, so the answer does not depend on the season.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

from playbook.model import Calendar, Playbook
from playbook.operations import Shift
from playbook.units import DAYS

WEEK = 7 * 1440
REFERENCE_YEAR = 2026


@functools.cache
def standard_offset(zone: str) -> int:
    """Minutes east of UTC in winter (the smaller of January's and July's offsets)."""
    tz = zoneinfo.ZoneInfo(zone)
    offsets = [dt.datetime(REFERENCE_YEAR, month, 1, 12, tzinfo=tz).utcoffset() for month in (1, 7)]
    return min(int(o.total_seconds()) // 60 for o in offsets if o is not None)


def staffed(shifts: list[Shift]) -> list[int]:
    """People on shift in each minute of the week."""
    week = [0] * WEEK
    for shift in shifts:
        for day in shift.days:
            for minute in range(day * 1440 + shift.start, day * 1440 + shift.end):
                week[minute % WEEK] += shift.staff
    return week


def open_minutes(book: Playbook, calendar: Calendar) -> list[bool]:
    """Whether the calendar is open in each minute of the playbook's week (holidays aside)."""
    if calendar.always:
        return [True] * WEEK
    week = [False] * WEEK
    home = standard_offset(book.timezone)
    for zone, window in calendar.all_windows():
        shift = home - standard_offset(zone)
        for minute in range(window.day * 1440 + window.start, window.day * 1440 + window.end):
            week[(minute + shift) % WEEK] = True
    return week


def spans(minutes: list[int]) -> list[tuple[int, int]]:
    """Consecutive runs of the given minutes of the week, as (start, end)."""
    found: list[tuple[int, int]] = []
    for minute in sorted(minutes):
        if found and found[-1][1] == minute:
            found[-1] = (found[-1][0], minute + 1)
        else:
            found.append((minute, minute + 1))
    if len(found) > 1 and found[0][0] == 0 and found[-1][1] == WEEK:
        found[0] = (found[-1][0] - WEEK, found[0][1])
        found.pop()
    return found


def clock(minute: int) -> str:
    """'mon 06:30' for a minute of the week."""
    minute %= WEEK
    day, rest = divmod(minute, 1440)
    return f"{DAYS[day]} {rest // 60:02d}:{rest % 60:02d}"


def hours(minutes: int) -> str:
    """'30m', '2h', '1h30m'."""
    whole, rest = divmod(minutes, 60)
    if not whole:
        return f"{rest}m"
    return f"{whole}h{rest:02d}m" if rest else f"{whole}h"
