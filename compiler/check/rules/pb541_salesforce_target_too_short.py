"""A Salesforce milestone cannot be shorter than one minute.

Why: a milestone's `minutesToComplete` is whole minutes, at least 1, so the
build raises a target under a minute to 1 minute: looser than the playbook
promises. (Longer targets that are not whole minutes are rounded down, which
is stricter, and only noted in the manifest.) Active when the salesforce
target is requested (`--target salesforce`).

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
from compiler.plan.helpdesk import below_minimum
from playbook.findings import Edit, Finding
from playbook.model import Playbook
from playbook.units import duration_text

CODE = "PB541"
NAME = "salesforce-target-too-short"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
TARGET = "salesforce"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if TARGET not in ctx.targets:
        return
    for priority, target, seconds, minimum in below_minimum(book, TARGET):
        yield ctx.finding(
            target.loc,
            f"{priority.id}: {target.duration} is under a Salesforce milestone's 1-minute minimum "
            f"(the build uses {duration_text(minimum)}, {duration_text(minimum - seconds)} looser)",
            f"use {duration_text(minimum)} or more, or watch this target outside Salesforce",
            fix=[Edit(target.loc, target.duration.text, duration_text(minimum))],
        )
