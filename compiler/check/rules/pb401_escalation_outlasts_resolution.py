"""The escalation chain must complete within the priority's resolution target.

Why: escalation exists to get a ticket resolved in time. A step that fires
after the resolution deadline tells the Service Manager about a breach that
has already happened. When the steps and the target count on the same clock
this is a plain comparison; when they mix clocks (a business-hours step on a
calendar-hours target, or `hours: calendar` on one target), it depends on when
the ticket opens, so every opening time of an ordinary week is tried (each
opening and closing of the calendar, and a 15-minute grid) and the worst case
is reported.

Bad:
    calendars:
      office: {timezone: America/Chicago, weekly: {mon-fri: "09:00-17:30"}}
    priorities:
      P2: {title: Major impact, calendar: office, owner: coordinator}
    sla:
      P2: {acknowledge: 1h, resolve: {target: 24h, hours: calendar}}
    escalation:
      - {from: coordinator, to: team-lead, after: 4h}
      - {from: team-lead, to: service-manager, after: 1bd}   # Friday 16:50 ticket: Tuesday 12:20
    contacts:
      coordinator: {name: Coordinator, email: desk@example.com}
      team-lead: {name: Team Lead, email: lead@example.com}
      service-manager: {name: Service Manager, email: sm@example.com}

Good:
    calendars:
      office: {timezone: America/Chicago, weekly: {mon-fri: "09:00-17:30"}}
    priorities:
      P2: {title: Major impact, calendar: office, owner: coordinator}
    sla:
      P2: {acknowledge: 1h, resolve: 3bd}
    escalation:
      - {from: coordinator, to: team-lead, after: 4h}
      - {from: team-lead, to: service-manager, after: 1bd}
    contacts:
      coordinator: {name: Coordinator, email: desk@example.com}
      team-lead: {name: Team Lead, email: lead@example.com}
      service-manager: {name: Service Manager, email: sm@example.com}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._time import WEEK, duration, monday_of, plan_of, weekly_pattern, when
from compiler.plan.plan import PriorityPlan, SlaCell, Step
from compiler.time.timing import later, step_times
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB401"
NAME = "escalation-outlasts-resolution"
SEVERITY = "warning"
OPTIONS = {"grid_minutes": 15}
MANUAL_FIX = "whether the delays or the target should change is the team's decision"
_SLACK = 1e-6


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for plan in plan_of(book).priorities:
        if not plan.steps:
            continue
        seen: set[int] = set()
        for channel in [None, *book.channels]:
            resolve = plan.cells(channel).get("resolve")
            if resolve is None or id(resolve.source) in seen:
                continue
            seen.add(id(resolve.source))
            overridden = channel is not None and "resolve" in book.sla[plan.id].channels.get(channel, {})
            finding = _check_one(book, ctx, plan, resolve, f" on {channel}" if overridden else "")
            if finding is not None:
                yield finding


def _check_one(book: Playbook, ctx: Context, plan: PriorityPlan, resolve: SlaCell, on: str) -> Finding | None:
    clocks = {resolve.clock} | {s.clock for s in plan.steps}
    calendar = plan.calendar
    related = [(resolve.source.loc, f"resolution target {resolve.text} ({resolve.clock} hours)")]
    if len(clocks) == 1 or calendar is None or calendar.always:
        last = max(plan.steps, key=lambda s: (s.offset, s.edge.index))
        if last.offset <= resolve.seconds + _SLACK:
            return None
        return ctx.finding(
            last.edge.where("after"),
            f"{plan.id}{on}: the escalation chain reaches {last.target} {duration(last.offset)} after the ticket "
            f"opens ({resolve.clock} hours), later than the {resolve.text} resolution target",
            "shorten the escalation delays or lengthen the resolution target",
            related,
        )
    worst = _worst_opening(book, ctx, plan, resolve)
    if worst is None:
        return None
    opened, step, fires, due = worst
    zone = calendar.timezone
    return ctx.finding(
        step.edge.where("after"),
        f"{plan.id}{on} opened {when(opened, zone)} {zone} (the worst case in a week): the step to {step.target} "
        f"fires {when(fires, zone)}, {duration(fires - due)} after the resolution deadline {when(due, zone)} "
        f"({resolve.text}, {resolve.clock} hours)",
        "count the escalation delays and the resolution target on the same clock, or shorten the delays",
        related,
    )


def _worst_opening(
    book: Playbook, ctx: Context, plan: PriorityPlan, resolve: SlaCell
) -> tuple[float, Step, float, float] | None:
    assert plan.calendar is not None
    hours = weekly_pattern(plan.calendar)
    start = monday_of(ctx.today, plan.calendar.timezone)
    worst: tuple[float, Step, float, float] | None = None
    for opened in _candidates(hours.intervals(start, start + WEEK), start, int(ctx.options["grid_minutes"])):
        due = later(hours, opened, resolve.seconds, resolve.clock)
        if due is None:
            continue
        for step, _, fires in step_times(plan, opened, hours):
            if fires is not None and fires - due > _SLACK and (worst is None or fires - due > worst[2] - worst[3]):
                worst = (opened, step, fires, due)
    return worst


def _candidates(spans: list[tuple[float, float]], start: float, grid_minutes: int) -> list[float]:
    """Opening times to try: a grid over the week plus just before and after every opening and closing."""
    found = {start + minute * 60.0 for minute in range(0, 7 * 1440, max(1, grid_minutes))}
    for lo, hi in spans:
        found.update((lo - 60, lo, lo + 60, hi - 60, hi, hi + 60))
    return sorted(found)
