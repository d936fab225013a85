"""Within a priority, acknowledge <= mitigate <= resolve.

Why: a ticket cannot be resolved before someone has acknowledged it, and a
workaround (mitigation) comes before the fix. A resolution target shorter than
the acknowledgement target is a typo (`4m` for `4h`, `1d` for `1bd`) that the
help desk will enforce literally. Checked for the priority's own targets and
each channel override, in seconds on the priority's clock; a calendar-hours
target is compared with a business-hours one only where the outcome does not
depend on when the ticket is opened.

Bad:
    sla:
      P2: {acknowledge: 4h, resolve: 1h}

Good:
    sla:
      P2: {acknowledge: 1h, resolve: 4h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import comparable, pairs_per_channel
from playbook.findings import Finding
from playbook.model import Playbook, SlaTarget

CODE = "PB211"
NAME = "sla-metrics-out-of-order"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which of the two targets is wrong is the team's decision"
PER_POLICY = True

PAIRS = (("acknowledge", "mitigate"), ("mitigate", "resolve"), ("acknowledge", "resolve"))


def _pairs(book: Playbook, pid: str) -> Iterator[tuple[str, str, str | None, SlaTarget, SlaTarget]]:
    sla = book.sla[pid]
    for first, second in PAIRS:
        for channel, a, b in pairs_per_channel(book, pid, first, second):
            if second == "resolve" and first == "acknowledge" and sla.target("mitigate", channel) is not None:
                continue  # already judged through the mitigation target
            yield first, second, channel, a, b


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for pid, priority in book.priorities.items():
        if pid not in book.sla:
            continue
        for first, second, channel, a, b in _pairs(book, pid):
            longer = book.seconds(a.duration, priority, a.hours) > book.seconds(b.duration, priority, b.hours)
            if not longer or not comparable(book, priority, a, b):
                continue
            where = f" on {channel}" if channel else ""
            yield ctx.finding(
                a.loc,
                f"{pid} {first}{where} is {a.duration}, longer than its {second} target {b.duration}",
                f"{first} must come before {second}: shorten {first} or lengthen {second}",
                [(b.loc, f"{pid} {second}{where}")],
            )
