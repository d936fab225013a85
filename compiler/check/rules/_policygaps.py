"""What PB520-PB522 share: the help-desk gaps of the SLA policies (compiler.plan.helpdesk.policy_gaps), as findings."""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._time import plan_of
from compiler.plan.helpdesk import gap_location, policy_gaps, requested
from playbook.findings import Finding
from playbook.model import Playbook


def gap_findings(book: Playbook, ctx: Context, kinds: tuple[str, ...], hint: str) -> Iterator[Finding]:
    if not book.policies:
        return
    for target in requested(ctx.targets):
        for gap in policy_gaps(plan_of(book), target):
            if gap.rule in kinds:
                yield ctx.finding(gap_location(gap), f"SLA policy {gap.policy.id}: {gap.message}", hint)
