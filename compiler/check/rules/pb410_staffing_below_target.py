"""The agents planned for an interval must be enough to meet the channel's service level.

Why: a forecast that plans 20 agents where Erlang C needs 23 promises a service
level the floor cannot deliver; it shows up weeks later as abandoned calls and
missed SLAs. `playbook staffing` prints the full table. Live channels use
Erlang C; chat with concurrency divides the handle time by the concurrency
(an approximation); channels whose target is far longer than the handle time
(email) are a backlog, checked only by PB411 and PB412. `agents` counts
agents on the queue in that interval (after shrinkage).

Bad:
    channels:
      phone: {service_level: 80% in 20s}
    staffing:
      forecast:
        phone:
          interval: 30m
          handle_time: 6m
          intervals:
            - {start: "09:00", volume: 90, agents: 20}   # 18 Erlangs: 51% in 20s

Good:
    channels:
      phone: {service_level: 80% in 20s}
    staffing:
      forecast:
        phone:
          interval: 30m
          handle_time: 6m
          intervals:
            - {start: "09:00", volume: 90, agents: 23}   # 85.6% in 20s
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._staffing import planned_rows
from playbook.findings import Edit, Finding
from playbook.model import Playbook
from playbook.units import format_seconds

CODE = "PB410"
NAME = "staffing-below-target"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for planned in planned_rows(book):
        row, level = planned.row, planned.basis.level
        if planned.unstable or row.planned_service_level is None or level is None:
            continue  # unstable queues are PB412; backlog channels only have an occupancy cap (PB411)
        if row.planned_service_level + 1e-9 >= level:
            continue
        yield ctx.finding(
            planned.where,
            f"{planned.name}: {planned.planned} agents answer {row.planned_service_level * 100:.1f}% in "
            f"{format_seconds(planned.basis.target or 0)}; {planned.target_text()} needs {row.required} agents "
            f"({planned.basis.label})",
            f"plan at least {row.required} agents on the queue ({row.scheduled} scheduled with "
            f"{planned.basis.shrinkage * 100:g}% shrinkage), or relax the channel's service level",
            fix=[Edit(planned.where, str(planned.planned), str(row.required))],
        )
