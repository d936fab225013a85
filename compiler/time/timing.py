"""Wall-clock times of a priority's deadlines and escalation steps for one opening time.

Shared by `playbook simulate` and the PB4xx rules. A duration on a business
clock goes through the business-time engine; a calendar-clock one is elapsed
time. An escalation step fires at its plan offset on its own clock (see
compiler/plan/plan.py), the same figure every build target compiles.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from compiler.plan.plan import PriorityPlan, Step
from compiler.time.businesstime import LIMIT, BusinessCalendar, NoBusinessTime, engine, localize
from playbook.model import Calendar


def later(calendar: Calendar | BusinessCalendar | None, start: float, seconds: float, clock: str) -> float | None:
    """`start` plus `seconds` on `clock`; None when that is never (or after LAST_YEAR)."""
    if clock == "calendar" or calendar is None:
        return start + seconds if start + seconds < LIMIT else None
    hours = engine(calendar) if isinstance(calendar, Calendar) else calendar
    try:
        return hours.add(start, seconds)
    except NoBusinessTime:
        return None


def end_of_business_day(calendar: Calendar | None, opened: float, extra_days: int) -> float | None:
    """When the business day the ticket is opened on ends ('eod'), or `extra_days` business days later.

    The business day is the local date (in the calendar's time zone) of the first
    open moment at or after opening; it ends at the calendar's last open moment
    that date. None without business hours.
    """
    if calendar is None or calendar.always:
        return None
    hours = engine(calendar)
    zone = zoneinfo.ZoneInfo(calendar.timezone)
    try:
        cursor, end = opened, opened
        for _ in range(extra_days + 1):
            cursor = hours.next_open(cursor)
            date = dt.datetime.fromtimestamp(cursor, zone).date()
            midnight = localize(dt.datetime.combine(date + dt.timedelta(days=1), dt.time()), calendar.timezone)
            spans = hours.intervals(cursor, midnight.timestamp())
            end = spans[-1][1] if spans else cursor
            cursor = midnight.timestamp()
        return end
    except NoBusinessTime:
        return None


def step_times(
    plan: PriorityPlan,
    opened: float,
    calendar: Calendar | BusinessCalendar | None = None,
    steps: list[Step] | None = None,
) -> list[tuple[Step, str, float | None]]:
    """(step, clock, when it fires) for each step reached from the owners, in the plan's order.

    A step fires when its offset from the ticket's start has passed on its clock:
    what the runbooks state and the help-desk rules count, so all of them agree.
    (Along a path on one clock that is the same instant as its delay counted from
    when its `from` got the ticket; PB205 reports paths that mix clocks.)
    """
    hours = calendar if calendar is not None else plan.calendar
    ladder = plan.steps if steps is None else steps  # one ticket's (its segments decide), else every step
    return [(step, step.clock, later(hours, opened, step.offset, step.clock)) for step in ladder]
