"""A more urgent priority must not have a slower target than a less urgent one.

Why: priorities are listed highest first. If P1 must be acknowledged within 1h
but P2 within 15m, agents will (rightly) work P2 tickets first, and every
report comparing priorities is upside down. Compared per SLA metric and channel,
in seconds on each priority's own clock.

Bad:
    sla:
      P1: {acknowledge: 1h}
      P2: {acknowledge: 15m}

Good:
    sla:
      P1: {acknowledge: 15m}
      P2: {acknowledge: 1h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import SLA_METRICS, Playbook

CODE = "PB210"
NAME = "priority-order-inverted"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    order = [p for p in book.priorities if p in book.sla]
    channels = [None, *book.channels]
    for higher, lower in zip(order, order[1:], strict=False):
        for metric in SLA_METRICS:
            for channel in channels:
                fast = book.sla_seconds(higher, metric, channel)
                slow = book.sla_seconds(lower, metric, channel)
                if fast is None or slow is None or fast <= slow:
                    continue
                high_target = book.sla[higher].target(metric, channel)
                low_target = book.sla[lower].target(metric, channel)
                if channel is not None and high_target is book.sla[higher].target(metric):
                    if low_target is book.sla[lower].target(metric):
                        continue  # same pair as the channel-less comparison; report once
                where = f" on {channel}" if channel else ""
                yield ctx.finding(
                    high_target.loc,
                    f"{higher} {metric}{where} is {high_target.duration}, slower than {lower}'s {low_target.duration}",
                    f"make {higher}'s target at most {lower}'s, or swap the priorities' order",
                    [(low_target.loc, f"{lower} {metric}{where}")],
                )
