"""Two priorities should not map to the same help-desk level.

Why: if P2 and P3 both map to Zendesk `high`, the help desk cannot tell them
apart: one SLA policy, one view, one report for two different promises. Each
target has four levels; a playbook with more tiers than that should merge some.
When `build` asks for that help desk, PB506 reports this instead, with what the
build does about it.

Bad:
    priorities:
      P2: {title: Major, levels: {zendesk: high, freshdesk: 3}}
      P3: {title: Minor, levels: {zendesk: high, freshdesk: 2}}

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
from playbook.model import Playbook, Priority

CODE = "PB233"
NAME = "helpdesk-priority-shared"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which level each priority gets is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for target in sorted({t for p in book.priorities.values() for t in p.levels}):
        target_facts = facts(target)
        if target in ctx.targets or target_facts is None:
            continue  # PB506 covers it for a requested target
        first: dict[object, Priority] = {}
        for priority in book.priorities.values():
            level = priority.levels.get(target)
            if level is None:
                continue
            earlier = first.setdefault(level, priority)
            if earlier is priority:
                continue
            yield ctx.finding(
                priority.level_where(target),
                f"{priority.id} and {earlier.id} both map to {target_facts.title} {level!r}",
                f"give each priority its own {target_facts.title} level",
                [(earlier.level_where(target), f"{earlier.id}'s {target} level")],
            )
