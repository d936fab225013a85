"""Each priority needs a priority level of its own in each help-desk target.

Why: Zendesk (low, normal, high, urgent) and Freshdesk (1-4) have four
priority levels, and SLA targets are set per level. A fifth priority, or two
priorities mapped to the same level, cannot keep their own targets: the build
gives the level the targets of the more urgent priority. Priorities without an
explicit `levels: {zendesk: ...}` take levels by rank, most urgent first.
Active for the requested zendesk or freshdesk targets.

Bad:
    priorities:
      P3: {title: Minor, levels: {zendesk: low}}
      P4: {title: Question, levels: {zendesk: low}}

Good:
    priorities:
      P3: {title: Minor, levels: {zendesk: normal}}
      P4: {title: Question, levels: {zendesk: low}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.helpdesk import level_problems, requested
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB506"
NAME = "helpdesk-priority-levels"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which level each priority gets is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for target in requested(ctx.targets):
        for problem in level_problems(book, target):
            priority = problem.priority
            where = priority.level_where(target) if target in priority.levels else priority.where(None)
            related = (
                [(problem.shares_with.loc, f"{problem.shares_with.id} keeps the level")] if problem.shares_with else []
            )
            yield ctx.finding(
                where,
                problem.message + "; it cannot keep its own SLA targets there",
                f"map each priority to its own {target} level, or merge priorities",
                related,
            )
