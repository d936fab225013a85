"""Every customer segment should have an SLA policy that names it.

Why: a segment is declared because its customers are treated differently.
With SLA policies, a segment no policy's `when` names gets whatever policy
happens to match its tickets, usually the fallback: the Enterprise plan
declared next to the others but left out of the policies gets the free
plan's targets without anyone deciding so. Name it in a policy, or remove it
when it is only used for routing and say so (`lint: {PB274: reason}`).

Bad:
    segments:
      enterprise: {title: Enterprise plan, organization_tags: plan_enterprise, tier: 1}
      premium: {title: Premium plan, organization_tags: plan_premium, tier: 2}
    sla_policies:
      - {id: enterprise, title: Enterprise, when: {segment: enterprise}, targets: {P1: {acknowledge: 15m}}}
      - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 4h}}}

Good:
    segments:
      enterprise: {title: Enterprise plan, organization_tags: plan_enterprise, tier: 1}
      premium: {title: Premium plan, organization_tags: plan_premium, tier: 2}
    sla_policies:
      - {id: enterprise, title: Enterprise, when: {segment: enterprise}, targets: {P1: {acknowledge: 15m}}}
      - {id: premium, title: Premium, when: {segment: premium}, targets: {P1: {acknowledge: 1h}}}
      - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 4h}}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import key_loc
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB274"
NAME = "segment-not-covered"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which targets a segment gets is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if not book.policies:
        return
    named = {name for policy in book.policies if policy.when for name, _ in policy.when.segments()}
    fallback = next((p for p in book.policies if p.fallback), None)
    for segment in book.segments.values():
        if segment.id in named:
            continue
        gets = f"the fallback policy {fallback.id}'s targets" if fallback else "no SLA"
        yield ctx.finding(
            key_loc(book, "segments", segment.id),
            f"no SLA policy names segment {segment.id} ({segment.title}): its tickets get whichever policy happens "
            f"to match them, or {gets}",
            f"add an SLA policy with 'when: {{segment: {segment.id}}}', or name it in an existing policy's 'when'",
        )
