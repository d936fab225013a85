"""A Zendesk SLA target cannot be shorter than one minute.

Why: Zendesk SLA targets are whole minutes (`policy_metrics[].target`), at
least 1, so the build raises a target under a minute to 1 minute: looser than
the playbook promises. (Longer targets that are not whole minutes are rounded
down, which is stricter, and only noted in the manifest.) Active when the
zendesk target is requested (`--target zendesk`).

Bad:
    sla:
      P1: {acknowledge: 30s, resolve: 4h}

Good:
    sla:
      P1: {acknowledge: 1m, resolve: 4h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.helpdesk import below_minimum, facts_of
from playbook.findings import Edit, Finding
from playbook.model import Playbook
from playbook.units import duration_text

CODE = "PB507"
NAME = "zendesk-target-too-short"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
TARGET = "zendesk"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if TARGET not in ctx.targets:
        return
    title = facts_of(TARGET).title
    for priority, target, seconds, minimum in below_minimum(book, TARGET):
        yield ctx.finding(
            target.loc,
            f"{priority.id}: {target.duration} is under {title}'s {minimum // 60}-minute minimum "
            f"(the build uses {duration_text(minimum)}, {duration_text(minimum - seconds)} looser)",
            f"use {duration_text(minimum)} or more, or watch this target outside {title}",
            fix=[Edit(target.loc, target.duration.text, duration_text(minimum))],
        )
