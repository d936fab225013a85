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
from compiler.plan.helpdesk import FRESHDESK_MIN_TARGET, duration_text, freshdesk_metrics, written_targets
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB501"
NAME = "freshdesk-target-too-short"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if "freshdesk" not in ctx.targets:
        return
    for priority, target in written_targets(book, freshdesk_metrics(book)):
        seconds = book.seconds(target.duration, priority, target.hours)
        if seconds < FRESHDESK_MIN_TARGET:
            yield ctx.finding(
                target.loc,
                f"{priority.id}: {target.duration} is under Freshdesk's 15-minute minimum "
                f"(the build uses 15m, {duration_text(FRESHDESK_MIN_TARGET - seconds)} looser)",
                "use 15m or more, or watch this target outside Freshdesk",
            )
