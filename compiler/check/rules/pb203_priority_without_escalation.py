"""Every priority needs an escalation step that takes the ticket away from its owner.

Why: escalation is what happens when the first person cannot or does not act.
A priority whose tickets never leave their owner (no step applies to it, or no
step starts from anyone who holds it) stays with that person forever, however
late it runs. Each priority must reach at least one further step.

Bad:
    priorities:
      P1: {title: Outage, owner: coordinator}
      P2: {title: Major, owner: coordinator}
    escalation:
      - {from: coordinator, to: team-lead, after: 30m, priorities: [P1]}

Good:
    priorities:
      P1: {title: Outage, owner: coordinator}
      P2: {title: Major, owner: coordinator}
    escalation:
      - {from: coordinator, to: team-lead, after: 30m, priorities: [P1]}
      - {from: coordinator, to: team-lead, after: 4h, priorities: [P2]}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import holders, priority_loc
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB203"
NAME = "priority-without-escalation"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whom to escalate to, and after how long, is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for pid, priority in book.priorities.items():
        steps = [e for e in book.escalation if e.applies_to(pid)]
        reached = holders(book, priority)
        if reached is None:
            if not steps:
                yield ctx.finding(
                    priority_loc(book, priority),
                    f"{pid} has no escalation step: a stale {pid} ticket is never escalated",
                    f"set 'owner:' on {pid} and add an escalation step for it",
                )
            continue
        if not any(e.source in reached for e in steps):
            yield ctx.finding(
                priority_loc(book, priority),
                f"{pid} tickets never leave {priority.owner!r}: no escalation step starts from them",
                f"add a step such as '{{from: {priority.owner}, to: ..., after: ..., priorities: [{pid}]}}'",
                [(priority.where("owner"), f"{pid} starts with {priority.owner}")],
            )
