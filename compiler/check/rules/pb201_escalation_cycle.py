"""Escalation steps must not form a loop.

Why: a ticket that escalates from A to B and back to A is never in front of
someone with more authority; help desks either loop notifications forever or
silently stop. The cycle is printed as a path, with where each step is written.

Bad:
    escalation:
      - {from: team-lead, to: service-manager, after: 1h}
      - {from: service-manager, to: team-lead, after: 1h}

Good:
    escalation:
      - {from: team-lead, to: service-manager, after: 1h}
      - {from: service-manager, to: vp-operations, after: 3h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.graph import cycles, escalation_graph
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB201"
NAME = "escalation-cycle"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which step to remove, or whom to escalate to instead, is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for loop in cycles(escalation_graph(book)):
        nodes = [e.source for e in loop] + [loop[0].source]
        if len(nodes) > 12:  # the related locations list every step; the message shows the loop's ends
            nodes = [*nodes[:5], f"… ({len(nodes) - 10} more)", *nodes[-5:]]
        path = " -> ".join(nodes)
        closing = max(loop, key=lambda e: e.index)
        yield ctx.finding(
            closing.where("to"),
            f"escalation loops back: {path}",
            "remove one of these steps, or point it at someone outside the loop, so that escalation ends with someone",
            [(e.loc, f"{e.source} -> {e.target} after {e.after}") for e in loop],
        )
