"""Zendesk escalations happen on whole hours.

Why: the build turns each escalation step into a Zendesk automation.
Automations run once an hour and count whole hours: "hours since created
greater than N" holds from the first hourly run after N hours have passed, so
the automation fires between N and N+1 hours after the ticket opens, never
before N. Zendesk's own example is the default automation "Close ticket 4 days
after status is set to solved" (hours since solved greater than 96): it fires
on the run at which the ticket reaches the 96-hour mark (Zendesk Help Center,
"Using the Hours since condition in automations",
https://support.zendesk.com/hc/en-us/articles/4408836495130). The build uses
the whole hour the step falls in: a step due at 2h30m gets N = 2 and fires
between 2h and 3h, up to 30 minutes before or after it is due. A step due on a
whole hour fires up to an hour late, never early, like any hourly automation
(the manifest notes it); one due off the hour can also fire early, which this
rule reports. Active when the zendesk target is requested.

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
from compiler.plan.helpdesk import hourly_window, priority_levels
from compiler.plan.plan import shared_plan
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.units import duration_text

CODE = "PB503"
NAME = "zendesk-escalation-whole-hours"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether to round the step up or down is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if "zendesk" not in ctx.targets:
        return
    levels = priority_levels(book, "zendesk")
    due: dict[int, list[str]] = {}
    for prio in shared_plan(book).priorities:
        if prio.id not in levels:
            continue
        for step in prio.steps:
            hours, early, late = hourly_window(step.offset)
            if early > 0.5:
                due.setdefault(step.edge.index, []).append(
                    f"{prio.id}: due {duration_text(step.offset)}, fires between {hours}h and {hours + 1}h, "
                    f"up to {duration_text(early)} early or {duration_text(late)} late"
                )
    for edge in book.escalation:
        if edge.index in due:
            yield ctx.finding(
                edge.where("after"),
                "Zendesk automations run once an hour and count whole hours since the ticket opened, and this step "
                f"is not due on a whole hour, so it can fire before it is due ({'; '.join(due[edge.index])})",
                "make the step's time from the ticket's start a whole number of hours",
            )
