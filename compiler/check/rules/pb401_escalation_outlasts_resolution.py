"""The escalation chain must complete within the priority's resolution target.

Why: escalation exists to get a ticket resolved in time. A step that fires
after the resolution deadline tells the Service Manager about a breach that
has already happened. When the steps and the target count on the same clock
this is a plain comparison; when they mix clocks (a business-hours step on a
calendar-hours target, or `hours: calendar` on one target), it depends on when
the ticket opens, so every opening time of an ordinary week is tried (each
opening and closing of the calendar, and a 15-minute grid) and the worst case
is reported.

With `sla_policies:`, every policy's resolution target for the priority is
checked (on each calendar the policy can pick), since a ticket that policy
takes climbs the same ladder: an emergency policy that resolves P3 in 24 hours
next to a P3 step after two days is reported, naming the policy. The steps
count on the priority's calendar, the target on the policy's.

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
from compiler.plan.plan import PriorityPlan, SlaCell, Step, policy_cells
from compiler.time.timing import later, step_times
from playbook.findings import Finding
from playbook.model import Calendar, Playbook

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
        if book.policies:
            yield from _policies(book, ctx, plan)
            continue
        seen: set[int] = set()
        for channel in [None, *book.channels]:
            resolve = plan.cells(channel).get("resolve")
            if resolve is None or id(resolve.source) in seen:
                continue
            seen.add(id(resolve.source))
            overridden = channel is not None and "resolve" in book.sla[plan.id].channels.get(channel, {})
            finding = _check_one(book, ctx, plan, resolve, f" on {channel}" if overridden else "", plan.calendar)
            if finding is not None:
                yield finding


def _policies(book: Playbook, ctx: Context, plan: PriorityPlan) -> Iterator[Finding]:
    """Each SLA policy's resolution target for the priority, on every calendar the policy can pick."""
    for policy in book.policies:
        values = policy.calendar.values() if policy.calendar is not None else [None]
        for value in values:
            resolve = policy_cells(book, policy, plan.priority, value).get("resolve")
            if resolve is None:
                continue
            calendar = book.calendars.get(resolve.calendar) if resolve.calendar else None
            picked = f" on calendar {resolve.calendar}" if len(values) > 1 else ""
            finding = _check_one(book, ctx, plan, resolve, f" (SLA policy {policy.id}{picked})", calendar)
            if finding is not None:
                yield finding
                break  # one finding per policy: the same steps, the same fix


def _check_one(
    book: Playbook, ctx: Context, plan: PriorityPlan, resolve: SlaCell, on: str, target_calendar: Calendar | None
) -> Finding | None:
    """`target_calendar`: what the resolution target counts business hours on (a policy's may differ)."""
    clocks = {resolve.clock} | {s.clock for s in plan.steps}
    calendar = plan.calendar
    related = [(resolve.source.loc, f"resolution target {resolve.text} ({resolve.clock} hours)")]
    same_hours = target_calendar is calendar or resolve.clock == "calendar" or _always(target_calendar)
    if same_hours and (len(clocks) == 1 or calendar is None or calendar.always):
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
    worst = _worst_opening(book, ctx, plan, resolve, target_calendar)
    if worst is None:
        return None
    opened, step, fires, due = worst
    zone = next(c.timezone for c in (calendar, target_calendar) if c is not None and not c.always)
    return ctx.finding(
        step.edge.where("after"),
        f"{plan.id}{on} opened {when(opened, zone)} {zone} (the worst case in a week): the step to {step.target} "
        f"fires {when(fires, zone)}, {duration(fires - due)} after the resolution deadline {when(due, zone)} "
        f"({resolve.text}, {resolve.clock} hours)",
        "count the escalation delays and the resolution target on the same clock, or shorten the delays",
        related,
    )


def _always(calendar: Calendar | None) -> bool:
    return calendar is None or calendar.always


def _worst_opening(
    book: Playbook, ctx: Context, plan: PriorityPlan, resolve: SlaCell, target_calendar: Calendar | None
) -> tuple[float, Step, float, float] | None:
    """The opening time in an ordinary week whose last step fires furthest past the resolution deadline."""
    steps_on = None if _always(plan.calendar) else weekly_pattern(plan.calendar)  # type: ignore[arg-type]
    due_on = None if _always(target_calendar) else weekly_pattern(target_calendar)  # type: ignore[arg-type]
    anchor = plan.calendar if steps_on is not None else target_calendar
    assert anchor is not None
    start = monday_of(ctx.today, anchor.timezone)
    spans = [span for hours in (steps_on, due_on) if hours is not None for span in hours.intervals(start, start + WEEK)]
    worst: tuple[float, Step, float, float] | None = None
    for opened in _candidates(spans, start, int(ctx.options["grid_minutes"])):
        due = later(due_on, opened, resolve.seconds, resolve.clock)
        if due is None:
            continue
        for step, _, fires in step_times(plan, opened, steps_on):
            if fires is not None and fires - due > _SLACK and (worst is None or fires - due > worst[2] - worst[3]):
                worst = (opened, step, fires, due)
    return worst


def _candidates(spans: list[tuple[float, float]], start: float, grid_minutes: int) -> list[float]:
    """Opening times to try: a grid over the week plus just before and after every opening and closing."""
    found = {start + minute * 60.0 for minute in range(0, 7 * 1440, max(1, grid_minutes))}
    for lo, hi in spans:
        found.update((lo - 60, lo, lo + 60, hi - 60, hi, hi + 60))
    return sorted(found)
