"""The agents planned for an interval must outnumber its traffic, or the queue never empties.

Why: traffic in Erlangs is how many agents the contacts would keep busy all
interval long (contacts per interval × handle time ÷ interval length). With
as many agents as Erlangs or fewer, contacts arrive faster than they are
handled: the queue, and everyone's wait, grows without bound until callers
give up. No service level is met.

Bad:
    channels:
      chat: {service_level: 90% in 60s}
    staffing:
      forecast:
        chat:
          interval: 30m
          handle_time: 10m
          intervals:
            - {start: "09:00", volume: 60, agents: 18}   # 20 Erlangs

Good:
    channels:
      chat: {service_level: 90% in 60s}
    staffing:
      forecast:
        chat:
          interval: 30m
          handle_time: 10m
          intervals:
            - {start: "09:00", volume: 60, agents: 24}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._staffing import planned_rows
from playbook.findings import Edit, Finding
from playbook.model import Playbook

CODE = "PB412"
NAME = "unstable-queue"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for planned in planned_rows(book):
        if not planned.unstable:
            continue
        yield ctx.finding(
            planned.where,
            f"{planned.name}: {planned.row.traffic:.2f} Erlangs of traffic and only {planned.planned} agents: "
            "the queue grows without end",
            f"plan at least {planned.row.required} agents on the queue for {planned.target_text()}",
            fix=[Edit(planned.where, str(planned.planned), str(planned.row.required))],
        )
