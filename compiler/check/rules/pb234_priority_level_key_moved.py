"""A priority's help-desk levels go under `levels:`, keyed by target.

Why: the playbook language names no product; a priority says what level it
has in each help desk in one mapping, `levels: {zendesk: urgent, freshdesk: 4}`,
so a new help-desk target needs no new priority key. The old spelling, a key per
product beside the title (`zendesk: urgent`), is still read the same way; move
it under `levels:` (when both are written, `levels:` wins).

Bad:
    priorities:
      P1: {title: Outage, zendesk: urgent, freshdesk: 4}

Good:
    priorities:
      P1: {title: Outage, levels: {zendesk: urgent, freshdesk: 4}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB234"
NAME = "priority-level-key-moved"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
# Certain, but a move of keys between mappings: more than an edit of one written value can say.
MANUAL_FIX = "the keys move into a new mapping, which edits of single values cannot express"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for priority in book.priorities.values():
        moved = priority.moved_level_keys()
        if not moved:
            continue
        written = ", ".join(f"{key}: {priority.raw[key]}" for key in moved)
        yield ctx.finding(
            priority.where(moved[0], at_key=True),
            f"{priority.id} writes its help-desk levels as keys of their own ({written})",
            f"write them as 'levels: {{{written}}}' instead",
            [(priority.where(key, at_key=True), f"also moves under levels: {key}") for key in moved[1:]],
        )
