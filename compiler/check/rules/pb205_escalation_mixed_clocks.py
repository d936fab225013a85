"""Along one escalation path, every delay counts on the same clock.

Why: on a priority that counts calendar hours with a business-hours calendar
(`hours: calendar`), a delay in `bh` or `bd` counts business hours and any other
delay calendar hours. Runbooks, Zendesk automations and Freshdesk rules all
count a step from the ticket's start, on one clock: 1bd and then 4h is neither
12.5 business hours nor 12.5 elapsed hours from the start (the second step
could even come before the first). Such a path has no single meaning, so the
step is an error until its path uses one clock. Branches that never follow one
another may use different clocks.

Bad:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}}
    priorities:
      P3: {title: Minor, calendar: office, hours: calendar, owner: desk}
    escalation:
      - {from: desk, to: lead, after: 1bd}
      - {from: lead, to: manager, after: 4h}

Good:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}}
    priorities:
      P3: {title: Minor, calendar: office, hours: calendar, owner: desk}
    escalation:
      - {from: desk, to: lead, after: 1bd}
      - {from: lead, to: manager, after: 4bh}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._time import plan_of
from compiler.plan.plan import Step
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB205"
NAME = "escalation-mixed-clocks"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which clock the path counts on is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    mixed: dict[int, tuple[Step, list[tuple[str, Step]]]] = {}
    for plan in plan_of(book).priorities:
        arriving: dict[str, list[Step]] = {}
        for step in plan.steps:
            arriving.setdefault(step.target, []).append(step)
        for step in plan.steps:
            before = next((s for s in arriving.get(step.source, []) if s.clock != step.clock), None)
            if before is not None:
                mixed.setdefault(step.edge.index, (step, []))[1].append((plan.id, before))
    for step, cases in mixed.values():
        priorities = ", ".join(pid for pid, _ in cases)
        before = cases[0][1]
        yield ctx.finding(
            step.edge.where("after"),
            f"{priorities}: this step counts {step.clock} hours ({_text(step)}), but the step before it counts "
            f"{before.clock} hours ({_text(before)}); runbooks and help desks count a step from the ticket's start "
            "on one clock, so this path has no single meaning",
            "count every delay on this path in business hours (bh, bd) or none of them",
            [(before.edge.where("after"), f"the step to {before.target}, in {before.clock} hours")],
        )


def _text(step: Step) -> str:
    return step.edge.after.text if step.edge.after else "0m"
