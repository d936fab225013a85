"""A TaskRouter task must still exist when an escalation step is due.

Why: a task waits unassigned for at most its `Timeout`: 24 hours unless the
flow that creates it sets more, and never more than two weeks (Task resource,
CreateTask Timeout, up to 1,209,600 s). A step due later is never reached: a
warning past the task timeout (option `task_timeout`, seconds, default 86400;
raise it to what your flow sets), an error past two weeks. Active when the
twilio target is requested (`--target twilio`).

Bad:
    escalation:
      - {from: desk, to: lead, after: 3w}

Good:
    escalation:
      - {from: desk, to: lead, after: 12h}
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.plan import shared_plan
from compiler.plan.taskrouter import DEFAULT_TASK_TIMEOUT, MAX_TASK_TIMEOUT
from playbook.findings import Finding, Severity
from playbook.model import Playbook
from playbook.units import duration_text

CODE = "PB544"
NAME = "twilio-ladder-outlives-task"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {"task_timeout": DEFAULT_TASK_TIMEOUT}
MANUAL_FIX = "which steps to shorten is the team's decision"
TARGET = "twilio"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if TARGET not in ctx.targets:
        return
    latest: dict[int, float] = {}
    for prio in shared_plan(book).priorities:
        for step in prio.steps:
            latest[step.edge.index] = max(latest.get(step.edge.index, 0.0), step.offset)
    for edge in book.escalation:
        offset = latest.get(edge.index, 0.0)
        if offset <= min(float(ctx.options["task_timeout"]), MAX_TASK_TIMEOUT):
            continue
        finding = ctx.finding(
            edge.where("after"),
            f"this step is due {duration_text(offset)} after the task is created"
            + (
                ", past TaskRouter's two-week maximum task timeout: the task is gone by then"
                if offset > MAX_TASK_TIMEOUT
                else f", past the tasks' {duration_text(float(ctx.options['task_timeout']))} timeout"
            ),
            "shorten the ladder"
            if offset > MAX_TASK_TIMEOUT
            else f"create the tasks with a Timeout of at least {int(offset) + 1} seconds and set this rule's "
            "task_timeout option to it",
        )
        yield dataclasses.replace(finding, severity=Severity.ERROR) if offset > MAX_TASK_TIMEOUT else finding
