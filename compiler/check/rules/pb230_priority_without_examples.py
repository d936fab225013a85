"""Every priority needs example tickets.

Why: agents pick a priority by comparing the ticket in front of them with
examples, not by parsing a definition. A tier without examples is where
misclassified tickets end up; new hires learn priorities from these examples
(the onboarding triage exercise is generated from them).

Bad:
    priorities:
      P2: {title: Major customer impact}

Good:
    priorities:
      P2:
        title: Major customer impact
        examples: [Scheduled maintenance visit missed at a key account]
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import priority_loc
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB230"
NAME = "priority-without-examples"
SEVERITY = "warning"
OPTIONS = {"min_examples": 1}
MANUAL_FIX = "real example tickets come from the team's experience"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    wanted = int(ctx.options["min_examples"])
    for priority in book.priorities.values():
        count = len([e for e in priority.examples if str(e).strip()])
        if count >= wanted:
            continue
        where = priority.where("examples") if "examples" in priority.raw else priority_loc(book, priority)
        yield ctx.finding(
            where,
            f"{priority.id} has {count or 'no'} example ticket{'s' if count != 1 else ''} (want at least {wanted})",
            "add 'examples:' with real tickets that belong in this priority",
        )
