"""A playbook holds its SLA targets in `sla:` or in `sla_policies:`, not both.

Why: `sla:` is one set of targets for every ticket; `sla_policies:` is an
ordered list of policies, each for the tickets its `when` selects, ending
with a fallback for every other ticket. With both, nobody can tell which
targets a ticket gets: `sla:` would be a second fallback, and the help desks
would receive policies the playbook never ordered. Move the `sla:` targets
into the fallback policy (the last one, without `when`).

Bad:
    sla:
      P1: {acknowledge: 1h, resolve: 8h}
    sla_policies:
      - id: vip
        title: VIP customers
        when: {tags: vip}
        targets:
          P1: {acknowledge: 15m, resolve: 4h}

Good:
    sla_policies:
      - id: vip
        title: VIP customers
        when: {tags: vip}
        targets:
          P1: {acknowledge: 15m, resolve: 4h}
      - id: standard
        title: Everyone else
        targets:
          P1: {acknowledge: 1h, resolve: 8h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB270"
NAME = "sla-policies-mixed"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "moving targets between sections is more than an edit of written values"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if book.policies and "sla" in book.raw:
        yield ctx.finding(
            book.where("sla", at_key=True),
            "this playbook has both 'sla:' and 'sla_policies:', so which targets a ticket gets is ambiguous",
            "move the 'sla:' targets into the fallback policy (the last one, without 'when') and delete 'sla:'",
            [(book.where("sla_policies", at_key=True), "the SLA policies")],
        )
