"""A routing rule that sets a priority must route faster than that priority's acknowledge target.

Why: a ticket cannot be acknowledged before it reaches a team. If a rule
routes safety tickets as P1 within 30 minutes but P1 must be acknowledged
within 15, every such ticket is born late. Compared on the priority's clock,
against the acknowledge target of the rule's channel when it names one.

Bad:
    sla:
      P1: {acknowledge: 15m, resolve: 4h}
    routing:
      - {category: safety, team: coordinators, priority: P1, within: 30m}

Good:
    sla:
      P1: {acknowledge: 15m, resolve: 4h}
    routing:
      - {category: safety, team: coordinators, priority: P1, within: 5m}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB214"
NAME = "routing-slower-than-acknowledge"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for route in book.routing:
        priority = book.priorities.get(route.priority or "")
        sla = book.sla.get(route.priority or "")
        if route.within is None or priority is None or sla is None:
            continue
        target = sla.target("acknowledge", route.channel)
        if target is None:
            continue
        within = book.seconds(route.within, priority)
        if within <= book.seconds(target.duration, priority, target.hours):
            continue
        where = f" on {route.channel}" if route.channel else ""
        yield ctx.finding(
            route.where("within"),
            f"this rule routes {priority.id} tickets within {route.within}, "
            f"but {priority.id} must be acknowledged{where} within {target.duration}",
            f"route within at most {target.duration}",
            [(target.loc, f"{priority.id} acknowledge{where}")],
        )
