"""Each priority needs a Case Priority value of its own in Salesforce.

Why: the Salesforce build selects a priority's milestones by `Case.Priority`,
a picklist whose standard values are High, Medium and Low, given to priorities
by rank. A fourth priority has no value left, and two priorities on one value
cannot keep their own targets: the build gives that value the milestones of the
more urgent one and notes the other as left out. Name another picklist value
(add it to Case Priority first) with `levels: {salesforce: ...}`. Active when
the salesforce target is requested (`--target salesforce`).

Bad:
    priorities:
      P1: {title: Down}
      P2: {title: Degraded}
      P3: {title: Minor}
      P4: {title: Question}

Good:
    priorities:
      P1: {title: Down, levels: {salesforce: Critical}}
      P2: {title: Degraded, levels: {salesforce: High}}
      P3: {title: Minor, levels: {salesforce: Medium}}
      P4: {title: Question, levels: {salesforce: Low}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.helpdesk import level_problems
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB540"
NAME = "salesforce-priority-value"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "the picklist value is the Salesforce org's, and only its admin can add one"
TARGET = "salesforce"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if TARGET not in ctx.targets:
        return
    for problem in level_problems(book, TARGET):
        priority = problem.priority
        where = priority.level_where(TARGET) if TARGET in priority.levels else priority.where(None)
        related = [(problem.shares_with.where(None), f"{problem.shares_with.id} has it")] if problem.shares_with else []
        message = problem.message.replace(
            "salesforce has 3 priority levels", "Salesforce's Case Priority has 3 standard values"
        )
        yield ctx.finding(
            where,
            f"{message}: its milestones are left out of the Salesforce build",
            "add a value to the Case Priority picklist and name it with levels: {salesforce: VALUE}",
            related,
        )
