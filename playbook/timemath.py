"""Time maths every layer shares: time-zone offsets, and the open time of a week of windows.

The one place that asks a time zone for its UTC offset (the business-time engine,
the help-desk schedules and the model's weekly figures all come here).
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from typing import Any

from playbook.units import Duration

WEEK_MINUTES = 7 * 1440


@functools.cache
def zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


# Names a system points at a zone of its choosing (the machine's own, its POSIX default): read
# with one, the same playbook would mean other hours on another machine.
MACHINE_ZONES = frozenset({"localtime", "posixrules"})


def known_zone(name: object) -> bool:
    """Whether `name` is an IANA time zone that means the same on every machine."""
    if not isinstance(name, str) or name in MACHINE_ZONES:
        return False
    try:
        zone(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


@functools.cache
def _zone_names() -> dict[str, str]:
    """Every IANA time zone name, by its lower-case form."""
    return {name.lower(): name for name in zoneinfo.available_timezones() - MACHINE_ZONES}


def zone_like(name: object) -> str | None:
    """The time zone a misspelt name most likely means ('europe/london', 'Europe/Londn')."""
    zones = _zone_names()
    text = str(name).strip().lower().replace(" ", "_")
    if text in zones:
        return zones[text]
    import difflib

    found = difflib.get_close_matches(text, list(zones), n=1, cutoff=0.8)
    return zones[found[0]] if found else None


def utc_offset(name: str | zoneinfo.ZoneInfo, timestamp: float) -> int:
    """The zone's UTC offset in seconds at an instant (POSIX seconds)."""
    tz = zone(name) if isinstance(name, str) else name
    delta = dt.datetime.fromtimestamp(timestamp, tz).utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


@functools.lru_cache(maxsize=256)
def standard_offset_minutes(name: str, year: int) -> int:
    """The zone's standard (winter) offset in a year: the smaller of its January and July offsets."""
    offsets = [dt.datetime(year, month, 1, 12, tzinfo=zone(name)).utcoffset() for month in (1, 7)]
    return min(int(o.total_seconds()) // 60 for o in offsets if o is not None)


@functools.lru_cache(maxsize=1024)
def weekly_union_seconds(windows: tuple[tuple[str, int, int, int], ...], year: int) -> float:
    """Open seconds in a week of (time zone, day, start, end) windows, overlaps counted once.

    Each window is placed on the UTC week at its zone's standard offset, so the
    figure does not depend on the season.
    """
    spans: list[tuple[int, int]] = []
    for timezone, day, first, last in windows:
        shift = standard_offset_minutes(timezone, year)
        start = (day * 1440 + first - shift) % WEEK_MINUTES
        spans.extend(_wrap(start, start + min(last - first, WEEK_MINUTES), WEEK_MINUTES))
    return 60.0 * _union_length(spans)


def _wrap(start: int, end: int, period: int) -> list[tuple[int, int]]:
    if end <= period:
        return [(start, end)]
    return [(start, period), (0, end - period)]


def _union_length(spans: list[tuple[int, int]]) -> int:
    total, reach = 0, None
    for start, end in sorted(spans):
        if reach is None or start > reach:
            total += end - start
            reach = end
        elif end > reach:
            total += end - reach
            reach = end
    return total


def seconds_on(duration: Duration, calendar: Any, clock: str) -> float:
    """A duration in seconds on `clock`: on 'business', business seconds of `calendar` (a model Calendar, or None),
    where a day is its average open day and a week its open hours."""
    if duration.business:
        clock = "business"
    if clock == "calendar" or calendar is None or not duration.is_days:
        return duration.nominal_seconds
    return duration.seconds_with(calendar.business_day_seconds(), calendar.weekly_seconds())
