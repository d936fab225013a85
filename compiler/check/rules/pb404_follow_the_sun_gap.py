"""Follow-the-sun regions must together cover what the calendar's `coverage` promises.

Why: `coverage: 24/5` promises someone is working from the first region's
Monday morning to the last region's Friday evening without a break; `24/7`
promises no break at all. A hand-over that leaves an hour uncovered (often
only while one region is on daylight-saving time and another is not) is an
hour in which business-hours SLAs stop and nobody answers. Every week of the
calendar's `years` (or of the current year; at most ten years) is checked,
without holidays;
the first gap is reported in UTC and in each region's local time.

Bad:
    calendars:
      follow-the-sun:
        coverage: 24/5
        years: "2026"
        regions:
          americas: {timezone: America/New_York, weekly: {mon-fri: "08:00-17:00"}}
          emea: {timezone: Europe/London, weekly: {mon-fri: "08:00-17:00"}}
          apac: {timezone: Asia/Singapore, weekly: {mon-fri: "07:00-17:00"}}

Good:
    calendars:
      follow-the-sun:
        coverage: 24/5
        years: "2026"
        regions:
          americas: {timezone: America/New_York, weekly: {mon-fri: "08:00-19:00"}}
          emea: {timezone: Europe/London, weekly: {mon-fri: "08:00-17:00"}}
          apac: {timezone: Asia/Singapore, weekly: {mon-fri: "07:00-17:00"}}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._time import WEEK, checked_years, duration, weekly_pattern, when, zones_of
from playbook.findings import Finding
from playbook.model import Calendar, Playbook

CODE = "PB404"
NAME = "follow-the-sun-gap"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which region covers the gap is the team's decision"
FIVE_DAYS = 5 * 86400
# Weeks run from Saturday 12:00 UTC: every zone's weekend (UTC-12 to UTC+14) contains that instant.
_WEEK_START = dt.datetime(2000, 1, 1, 12, tzinfo=dt.UTC).timestamp()  # a Saturday


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for calendar in book.calendars.values():
        if calendar.coverage not in ("24/5", "24/7") or calendar.always:
            continue
        problems = sorted(_problems(calendar, ctx.today.year))
        if not problems:
            continue
        start, end, what = problems[0]
        weeks = len({int((s - _WEEK_START) // WEEK) for s, _, _ in problems})
        local = "; ".join(f"{zone} {when(start, zone)} to {when(end, zone, date=False)}" for zone in zones_of(calendar))
        yield ctx.finding(
            calendar.where("coverage"),
            f"calendar '{calendar.id}' promises {calendar.coverage} but {what} from {when(start, 'UTC')} to "
            f"{when(end, 'UTC', date=False)} UTC ({duration(end - start)}; {local}); "
            f"{weeks} week{'s' if weeks != 1 else ''} with gaps",
            "extend a region's hours over the gap (check both sides of each daylight-saving change)",
        )


def _span(calendar: Calendar, this_year: int) -> tuple[float, float]:
    years = checked_years(*(calendar.years or (this_year, this_year)))
    first, last = (years[0], years[-1]) if years else (this_year, this_year)
    return dt.datetime(first, 1, 1, tzinfo=dt.UTC).timestamp(), dt.datetime(last + 1, 1, 1, tzinfo=dt.UTC).timestamp()


def _problems(calendar: Calendar, this_year: int) -> Iterator[tuple[float, float, str]]:
    """(start, end, what) of each uncovered stretch starting within the calendar's years."""
    start, end = _span(calendar, this_year)
    return (p for p in _week_problems(calendar, start, end) if start <= p[0] < end)


def _week_problems(calendar: Calendar, start: float, end: float) -> Iterator[tuple[float, float, str]]:
    hours = weekly_pattern(calendar)
    first = int(_WEEK_START + ((start - _WEEK_START) // WEEK) * WEEK)
    for week in range(first, int(end), WEEK):
        spans = hours.intervals(week, week + WEEK)
        if calendar.coverage == "24/7":
            edges = [(week, week), *spans, (week + WEEK, week + WEEK)]
        else:
            if not spans:
                yield week, week + WEEK, "no region is open all week"
                continue
            if spans[-1][1] - spans[0][0] < FIVE_DAYS:
                yield spans[-1][1], spans[0][0] + FIVE_DAYS, "the regions stop short of five days"
            edges = spans
        for (_, close), (reopen, _) in zip(edges, edges[1:], strict=False):
            if reopen > close:
                yield close, reopen, "no region is open"
