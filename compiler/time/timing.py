"""Wall-clock times of a priority's deadlines and escalation steps for one opening time.

Shared by `playbook simulate` and the PB4xx rules. A duration on a business
clock goes through the business-time engine; a calendar-clock one is elapsed
time. An escalation step fires at its plan offset on its own clock (see
compiler/plan/plan.py), the same figure every build target compiles.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.plan.plan import PriorityPlan, Step
from compiler.time.businesstime import LIMIT, BusinessCalendar, NoBusinessTime, engine
from playbook.model import Calendar, Playbook, SlaTarget


def later(calendar: Calendar | BusinessCalendar | None, start: float, seconds: float, clock: str) -> float | None:
    """`start` plus `seconds` on `clock`; None when that is never (or after LAST_YEAR)."""
    if clock == "calendar" or calendar is None:
        return start + seconds if start + seconds < LIMIT else None
    hours = engine(calendar) if isinstance(calendar, Calendar) else calendar
    try:
        return hours.add(start, seconds)
    except NoBusinessTime:
        return None


@dataclass(frozen=True)
class Target:
    """One SLA target of a priority on a channel, in seconds on its clock."""

    metric: str
    seconds: float
    clock: str
    text: str
    source: SlaTarget


def targets(book: Playbook, plan: PriorityPlan, channel: str | None) -> dict[str, Target]:
    """metric -> target for `channel` (None: the priority's own targets)."""
    priority = plan.priority
    sla = book.sla.get(priority.id)
    found: dict[str, Target] = {}
    for metric in ("acknowledge", "update_every", "mitigate", "resolve"):
        target = sla.target(metric, channel) if sla else None
        if target is not None:
            seconds = book.seconds(target.duration, priority, target.hours)
            found[metric] = Target(metric, seconds, book.clock_of(priority, target), target.duration.text, target)
    return found


def step_times(
    plan: PriorityPlan, opened: float, calendar: Calendar | BusinessCalendar | None = None
) -> list[tuple[Step, str, float | None]]:
    """(step, clock, when it fires) for each step reached from the owners, in the plan's order.

    A step fires when its offset from the ticket's start has passed on its clock:
    what the runbooks state and the help-desk rules count, so all of them agree.
    (Along a path on one clock that is the same instant as its delay counted from
    when its `from` got the ticket; PB205 reports paths that mix clocks.)
    """
    hours = calendar if calendar is not None else plan.calendar
    return [(step, step.clock, later(hours, opened, step.offset, step.clock)) for step in plan.steps]
