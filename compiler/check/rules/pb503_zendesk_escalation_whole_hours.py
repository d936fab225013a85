"""Zendesk escalations happen on whole hours.

Why: the build turns each escalation step into a Zendesk automation, and
automations run once an hour with conditions in whole hours since the ticket
was created. A step due at 30m or 2h30m is compiled to the whole hour before it
(0h, 2h), so it may fire up to an hour early, never late. Active when the
zendesk target is requested.

Bad:
    escalation:
      - {from: coordinator, to: team-lead, after: 30m}

Good:
    escalation:
      - {from: coordinator, to: team-lead, after: 1h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.helpdesk import duration_text, priority_levels, whole_hours
from compiler.plan.plan import build_plan
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB503"
NAME = "zendesk-escalation-whole-hours"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if "zendesk" not in ctx.targets:
        return
    levels = priority_levels(book, "zendesk")
    due: dict[int, list[str]] = {}
    for prio in build_plan(book).priorities:
        if prio.id not in levels:
            continue
        for step in prio.steps:
            hours = whole_hours(step.offset)
            if hours * 3600 != round(step.offset):
                due.setdefault(step.edge.index, []).append(f"{prio.id}: {duration_text(step.offset)} -> {hours}h")
    for edge in book.escalation:
        if edge.index in due:
            yield ctx.finding(
                edge.where("after"),
                "Zendesk automations count whole hours since the ticket opened, and this step is not due on one "
                f"(rounded down: {'; '.join(due[edge.index])})",
                "make the step's time from the ticket's start a whole number of hours",
            )
