"""An escalation ladder as Twilio TaskRouter workflow targets, and back.

The plan's steps count from when their `from` node got the ticket, and a
step's `offset` is its time from the ticket's start (see `compiler.plan.plan`).
Everyone notified stays on the ticket: at any moment the holders are the
owners plus every step's target whose offset has passed.

A TaskRouter filter is a list of targets; a task waits in one target until
`timeout` runs out, then moves to the next. The timeouts are cumulative: "the
queue timeout is now the sum of Q1 and Q2 timeouts", measured from the task's
creation ("based on the current age of the Task") -- twilio.com/docs/taskrouter/
task-evaluation. So target k is left when the task is `sum(timeout[0..k])`
seconds old, and target k+1 starts at that age.

One rung per distinct start time: the workers eligible from that moment are
everyone notified by then, so notification stays cumulative although the task
moves. `timeouts` and `starts` convert between the two readings exactly
(whole seconds, the unit of `timeout`); the Twilio target and its tests check
that the workflow's timeouts add back up to the ladder's times.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from compiler.plan.plan import PriorityPlan, Step

# A task lives at most two weeks unassigned; 24 hours unless its creator sets `Timeout`
# (Task resource, CreateTask `Timeout`: "Can be up to a maximum of 2 weeks (1,209,600
# seconds). The default value is 24 hours (86,400 seconds)").
MAX_TASK_TIMEOUT = 1_209_600
DEFAULT_TASK_TIMEOUT = 86_400


@dataclass(frozen=True)
class Rung:
    """From `start` seconds after the task was created, these nodes may take it (cumulative)."""

    start: int
    holders: tuple[str, ...]  # in the order they were first notified
    steps: tuple[Step, ...] = field(default=())  # the steps that start this rung (none for the first)


def whole_seconds(seconds: float) -> int:
    """A ladder time in TaskRouter's whole seconds, rounded down: never later than the playbook."""
    return max(0, math.floor(seconds + 1e-9))


def rungs(prio: PriorityPlan, routable: set[str] | None = None, first: tuple[str, ...] = ()) -> list[Rung]:
    """The priority's ladder as TaskRouter rungs: the owners (and `first`) at 0, then one rung per start time.

    Only nodes in `routable` (when given) can take a task; steps to other nodes
    are left out here (the target says so). A step that adds nobody new adds no rung.
    """
    holders: list[str] = []
    held: set[str] = set()  # the same nodes, for a membership test that stays cheap on a ladder of every team
    for node in (*first, *prio.owners):
        if node not in held and (routable is None or node in routable):
            holders.append(node)
            held.add(node)
    # Each rung's start, its steps, and how many holders it has (known when the next rung opens): the
    # holders' tuple is built once per rung, not once per step (a ladder of every team has hundreds).
    opened: list[int] = [0]
    steps: list[list[Step]] = [[]]
    counts: list[int] = []
    for step in prio.common_steps():
        if routable is not None and step.target not in routable:
            continue
        start = whole_seconds(step.offset)
        new = step.target not in held
        if new:
            holders.append(step.target)
            held.add(step.target)
        if start == opened[-1]:
            steps[-1].append(step)
        elif new:
            counts.append(len(holders) - 1)
            opened.append(start)
            steps.append([step])
    counts.append(len(holders))
    return [Rung(s, tuple(holders[:n]), tuple(st)) for s, n, st in zip(opened, counts, steps, strict=True)]


def timeouts(starts: list[int]) -> list[int | None]:
    """Each target's `timeout` for rungs starting at `starts` (ascending, the first 0); the last has none."""
    if not starts or starts[0] != 0:
        raise ValueError("the first rung starts when the task is created")
    gaps: list[int | None] = []
    for here, following in zip(starts, starts[1:], strict=False):
        if following <= here:
            raise ValueError(f"rungs must start later and later: {here} then {following}")
        gaps.append(following - here)
    return [*gaps, None]


def starts(timeouts_: list[int | None]) -> list[int]:
    """When each target starts, from the targets' timeouts: TaskRouter's cumulative reading."""
    found = [0]
    for timeout in timeouts_[:-1]:
        if timeout is None or timeout <= 0:
            raise ValueError("every target but the last needs a positive timeout")
        found.append(found[-1] + timeout)
    return found
