"""Routing needs a default rule.

Why: routing is first match wins; a ticket that matches no rule (a new
category, a missing tag) lands in no team's queue and nobody's SLA clock is
watched for it. End the list with `{default: true, team: ...}`.

Bad:
    routing:
      - {category: billing, team: billing}

Good:
    routing:
      - {category: billing, team: billing}
      - {default: true, team: coordinators}
    teams:
      coordinators: {name: Coordinators, email: desk@acme-support.com}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB261"
NAME = "no-default-route"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which team takes the remaining tickets is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if not book.routing or any(route.default for route in book.routing):
        return
    yield ctx.finding(
        book.where("routing", at_key=True),
        "no routing rule catches tickets that match none of the others",
        "add '- {default: true, team: <team>}' as the last routing rule, naming a team defined under 'teams:' "
        "that has members or an email",
    )
