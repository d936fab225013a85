"""A priority that posts to the status page needs an update cadence.

Why: customers reading a status page want to know when they will hear more.
The statuspage target's templates promise the next update within the
priority's `update_every`; without one, they promise nothing. With
`sla_policies:`, a policy's `update_every` or `periodic_update` for the priority
counts (the templates promise the fastest). Active for the requested
statuspage target.

Bad:
    priorities:
      P1: {title: Down, status_page: true}
    sla:
      P1: {acknowledge: 15m, resolve: 4h}

Good:
    priorities:
      P1: {title: Down, status_page: true}
    sla:
      P1: {acknowledge: 15m, update_every: 30m, resolve: 4h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.policyview import update_cadences

CODE = "PB517"
NAME = "statuspage-without-update-cadence"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "how often the status page promises updates is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if "statuspage" not in ctx.targets:
        return
    for priority in book.priorities.values():
        if priority.status_page and not update_cadences(book, priority.id):
            yield ctx.finding(
                priority.where("status_page"),
                f"{priority.id} posts to the status page but has no update_every, so its templates cannot say when "
                "the next update comes",
                f"add update_every (or periodic_update) to {priority.id}'s targets in an SLA policy"
                if book.policies
                else f"add sla.{priority.id}.update_every",
            )
