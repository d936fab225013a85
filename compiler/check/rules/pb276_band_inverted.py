"""A band's lower end (the SLA target) must not exceed its upper end (the latest acceptable).

Why: a band such as `resolve: 24h-72h` says the SLA target is 24 hours and
72 hours is the latest anyone accepts: the lower end is what the help desk
measures, the upper end what escalates. Written the other way round
(`72h-24h`), or with units mixed up (`2d-8h`), the escalation would come
before the target it is meant to follow. Compared in seconds on the
target's clock (on a business clock a day is the calendar's business day).

Bad:
    sla:
      P2: {acknowledge: 1h, resolve: 72h-24h}

Good:
    sla:
      P2: {acknowledge: 1h, resolve: 24h-3d}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Edit, Finding
from playbook.model import Playbook
from playbook.policyview import target_seconds, written_targets

CODE = "PB276"
NAME = "band-inverted"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for written in written_targets(book):
        upper = written.target.upper
        if upper is None:
            continue
        low, clock = target_seconds(book, written)
        high, _ = target_seconds(book, written, upper)
        if low <= high + 1e-6:
            continue
        where = f" in SLA policy {written.policy.id}" if written.policy else ""
        on = f" on {written.channel}" if written.channel else ""
        text = written.target.duration.text
        low_text, _, high_text = text.partition("-")
        swapped = f"{high_text.strip()}-{low_text.strip()}"
        yield ctx.finding(
            written.target.loc,
            f"{written.priority} {written.metric}{on}{where}: the band {text} ends before it starts ({clock} hours)",
            f"write the SLA target first and the latest acceptable time second: {swapped}",
            fix=[Edit(written.target.loc, text, swapped)],
        )
