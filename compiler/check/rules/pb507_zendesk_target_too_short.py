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
from compiler.plan.helpdesk import ZENDESK_METRICS, ZENDESK_MIN_TARGET, duration_text, written_targets
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB507"
NAME = "zendesk-target-too-short"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if "zendesk" not in ctx.targets:
        return
    for priority, target in written_targets(book, tuple(ZENDESK_METRICS)):
        seconds = book.seconds(target.duration, priority, target.hours)
        if seconds < ZENDESK_MIN_TARGET:
            yield ctx.finding(
                target.loc,
                f"{priority.id}: {target.duration} is under Zendesk's 1-minute minimum "
                f"(the build uses 1m, {duration_text(ZENDESK_MIN_TARGET - seconds)} looser)",
                "use 1m or more, or watch this target outside Zendesk",
            )
