"""Help-desk priority mappings must follow the playbook's priority order.

Why: priorities are listed most urgent first, and the levels they map to in
each help desk (Zendesk `low` .. `urgent`, Freshdesk 1 low .. 4 urgent) must go
the same way. If P3 maps to `high` and P2 to `normal`, help-desk views, SLA
policies and reports treat the less urgent tier as the more urgent one.

Bad:
    priorities:
      P2: {title: Major, levels: {zendesk: normal, freshdesk: 2}}
      P3: {title: Minor, levels: {zendesk: high, freshdesk: 3}}

Good:
    priorities:
      P2: {title: Major, levels: {zendesk: high, freshdesk: 3}}
      P3: {title: Minor, levels: {zendesk: normal, freshdesk: 2}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.targetfacts import facts
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB231"
NAME = "helpdesk-priority-inverted"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which level each priority gets is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for target in sorted({t for p in book.priorities.values() for t in p.levels}):
        yield from _inversions(book, ctx, target)


def _inversions(book: Playbook, ctx: Context, target: str) -> Iterator[Finding]:
    target_facts = facts(target)
    if target_facts is None:
        return
    urgency = {p.id: target_facts.urgency(p.levels[target]) for p in book.priorities.values() if target in p.levels}
    mapped = [p for p in book.priorities.values() if urgency.get(p.id) is not None]
    for higher, lower in zip(mapped, mapped[1:], strict=False):
        if urgency[lower.id] >= urgency[higher.id]:  # type: ignore[operator]
            continue
        title = target_facts.title
        yield ctx.finding(
            lower.level_where(target),
            f"{lower.id} maps to {title} {lower.levels[target]!r}, "
            f"above the more urgent {higher.id} ({higher.levels[target]!r})",
            f"map priorities to {title} levels in the playbook's order (most urgent first)",
            [(higher.level_where(target), f"{higher.id}'s {target} level")],
        )
