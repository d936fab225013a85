"""Where a ticket stands against its SLA at a moment: met, breached, at risk or on track, per metric.

Deadlines are the ones `simulate` shows (same targets, same clocks). What is done
counts as done for the earlier milestones too: a resolved ticket is also mitigated
and acknowledged, a mitigated one acknowledged. Status updates are a cadence: the
first is due `update_every` after opening (update 1 in `simulate`), each next one
`update_every` after the previous update, until the ticket is resolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from compiler.plan.plan import PriorityPlan, SlaCell
from compiler.time.businesstime import engine
from compiler.time.timing import end_of_business_day, later
from playbook.model import Playbook

# Less than this share of a target left counts as at risk (the help-desk views warn at a quarter too).
AT_RISK_SHARE = 0.25
MILESTONES = ("acknowledge", "mitigate", "resolve")
# Policy metrics that end with a milestone: the requester's wait and the agents' work end at resolution.
ENDS_WITH = {"requester_wait": "resolve", "agent_work": "resolve"}
# What is judged, in the order a ticket meets it; a cadence (update_every or periodic_update) update by update.
JUDGED = ("acknowledge", "update_every", "periodic_update", "mitigate", "requester_wait", "agent_work", "resolve")
CADENCES = ("update_every", "periodic_update")


@dataclass(frozen=True)
class MetricStatus:
    metric: str
    target: SlaCell
    status: str  # "met", "breached", "at_risk" or "on_track"
    due: float | None  # UTC seconds; None when the calendar never gives the time
    done: float | None  # when it was done, if it was
    left: float | None  # seconds on the target's clock from `done` (or now) to `due`; negative: late
    number: int = 0  # update_every: the update this is about (1 = the first)
    late: int = 0  # update_every: updates that came late


@dataclass(frozen=True)
class Progress:
    """What has happened to the ticket (UTC seconds), as the agent reports it."""

    acknowledged: float | None = None
    mitigated: float | None = None
    resolved: float | None = None
    updates: Sequence[float] = ()

    def done(self, metric: str) -> float | None:
        """When `metric` was done: its own time or a later milestone's, whichever came first."""
        order = {"acknowledge": self.acknowledged, "mitigate": self.mitigated, "resolve": self.resolved}
        metric = ENDS_WITH.get(metric, metric)
        later_ones = MILESTONES[MILESTONES.index(metric) :]
        times = [order[m] for m in later_ones if order[m] is not None]
        return min(times) if times else None  # type: ignore[type-var]


def status(
    book: Playbook, plan: PriorityPlan, channel: str | None, opened: float, now: float, progress: Progress
) -> list[MetricStatus]:
    """The status of each SLA target of the priority on `channel`, in the order a ticket meets them.

    With SLA policies, `plan` is the ticket's view (`compiler.time.simulate.sla_view`): its policy's
    targets on the policy's calendar. One cadence is judged (update_every, else periodic_update), as
    `simulate` gives one series of updates; an end-of-business-day target is due when `simulate` says.
    """
    found = plan.cells(channel)
    result = []
    cadence = next((m for m in CADENCES if m in found), None)
    for metric in JUDGED:
        if metric not in found or (metric in CADENCES and metric != cadence):
            continue
        target = found[metric]
        if metric in CADENCES:
            result.append(_cadence(plan, target, opened, now, progress))
            continue
        if target.eod is not None:
            due = end_of_business_day(plan.calendar, opened, target.eod)
        else:
            due = later(plan.calendar, opened, target.seconds, target.clock)
        result.append(_judge(plan, metric, target, due, progress.done(metric), now))
    return result


def clock_seconds(plan: PriorityPlan, clock: str, start: float, end: float) -> float:
    """Seconds from `start` to `end` on `clock` (negative when `end` comes first)."""
    if clock == "calendar" or plan.calendar is None:
        return end - start
    return engine(plan.calendar).between(start, end)


def _judge(
    plan: PriorityPlan, metric: str, target: SlaCell, due: float | None, done: float | None, now: float, number: int = 0
) -> MetricStatus:
    if due is None:
        return MetricStatus(metric, target, "met" if done is not None else "on_track", None, done, None, number)
    if done is not None:
        left = clock_seconds(plan, target.clock, done, due)
        return MetricStatus(metric, target, "met" if done <= due else "breached", due, done, left, number)
    left = clock_seconds(plan, target.clock, now, due)
    if now > due:
        verdict = "breached"
    elif left < AT_RISK_SHARE * target.seconds:
        verdict = "at_risk"
    else:
        verdict = "on_track"
    return MetricStatus(metric, target, verdict, due, None, left, number)


def _cadence(plan: PriorityPlan, target: SlaCell, opened: float, now: float, progress: Progress) -> MetricStatus:
    end = progress.resolved if progress.resolved is not None else now
    previous, late, number = opened, 0, 1
    for update in sorted(u for u in progress.updates if u <= end):
        due = later(plan.calendar, previous, target.seconds, target.clock)
        if due is not None and update > due:
            late += 1
        previous, number = update, number + 1
    due = later(plan.calendar, previous, target.seconds, target.clock)
    if progress.resolved is not None:
        # Resolution ends the cadence: it needed no update after it, only none missing before it.
        missed = due is not None and progress.resolved > due
        verdict = "breached" if late or missed else "met"
        left = clock_seconds(plan, target.clock, progress.resolved, due) if due is not None else None
        return MetricStatus(target.metric, target, verdict, due, progress.resolved, left, number, late + missed)
    current = _judge(plan, target.metric, target, due, None, now, number)
    if late and current.status != "breached":
        return MetricStatus(target.metric, target, "breached", due, None, current.left, number, late)
    return MetricStatus(target.metric, target, current.status, due, None, current.left, number, late)
