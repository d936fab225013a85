"""Status updates must come more often than the resolution target.

Why: `update_every` promises the customer news at that cadence while the
ticket is open. If it is longer than the resolution target, the first update is
due only after the ticket should already be solved: the cadence was probably
written in the wrong unit (`4d` for `4h`) or for another priority.

Bad:
    sla:
      P1: {acknowledge: 15m, update_every: 8h, resolve: 4h}

Good:
    sla:
      P1: {acknowledge: 15m, update_every: 30m, resolve: 4h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import comparable, pairs_per_channel
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB212"
NAME = "update-slower-than-resolve"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "how often customers hear from the team is the team's promise"
PER_POLICY = True


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for pid, priority in book.priorities.items():
        for channel, update, resolve in pairs_per_channel(book, pid, "update_every", "resolve"):
            slower = book.seconds(update.duration, priority, update.hours) > book.seconds(
                resolve.duration, priority, resolve.hours
            )
            if not slower or not comparable(book, priority, update, resolve):
                continue
            where = f" on {channel}" if channel else ""
            yield ctx.finding(
                update.loc,
                f"{pid} updates every {update.duration}{where}, but must be resolved within {resolve.duration}",
                "make 'update_every' shorter than 'resolve', or remove it if no updates are promised",
                [(resolve.loc, f"{pid} resolve{where}")],
            )
