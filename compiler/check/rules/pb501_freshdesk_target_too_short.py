"""A Freshdesk SLA target cannot be shorter than 15 minutes.

Why: Freshdesk refuses response and resolution targets under 900 seconds, so the
build raises such a target to 15 minutes: looser than the playbook promises.
Active when the freshdesk target is requested (`--target freshdesk`).

Bad:
    sla:
      P1: {acknowledge: 5m, resolve: 4h}

Good:
    sla:
      P1: {acknowledge: 15m, resolve: 4h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.helpdesk import below_minimum, facts_of
from playbook.findings import Edit, Finding
from playbook.model import Playbook
from playbook.units import duration_text

CODE = "PB501"
NAME = "freshdesk-target-too-short"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
TARGET = "freshdesk"


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
