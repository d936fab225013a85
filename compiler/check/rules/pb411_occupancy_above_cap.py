"""The agents planned for an interval must keep occupancy within the cap.

Why: occupancy is the share of an agent's time spent handling contacts. Above
the cap in `staffing.occupancy` (the upper bound of e.g. '75%-85%') agents get
no breathing room between contacts; burnout and attrition follow, and the
service level collapses at the first surprise. Occupancy = traffic (Erlangs)
÷ agents on the queue.

Bad:
    channels:
      phone: {service_level: 80% in 20s}
    staffing:
      occupancy: 75%-85%
      forecast:
        phone:
          interval: 30m
          handle_time: 6m
          intervals:
            - {start: "10:00", volume: 500, agents: 110}   # 100 Erlangs: 91% occupancy

Good:
    channels:
      phone: {service_level: 80% in 20s}
    staffing:
      occupancy: 75%-85%
      forecast:
        phone:
          interval: 30m
          handle_time: 6m
          intervals:
            - {start: "10:00", volume: 500, agents: 118}   # 85%

Large queues meet a service level at high occupancy (110 agents answer 86%
in 20 seconds here), which is why the cap is checked on its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._staffing import planned_rows
from playbook.findings import Edit, Finding
from playbook.model import Playbook

CODE = "PB411"
NAME = "occupancy-above-cap"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for planned in planned_rows(book):
        cap, occupancy = planned.basis.occupancy_cap, planned.row.planned_occupancy
        if planned.unstable or cap is None or occupancy is None or occupancy <= cap + 1e-9:
            continue
        needed = -(-planned.row.traffic // cap)
        yield ctx.finding(
            planned.where,
            f"{planned.name}: {planned.planned} agents run at {occupancy * 100:.1f}% occupancy, "
            f"above the {cap * 100:g}% cap",
            f"plan at least {int(needed)} agents on the queue, or raise the cap in staffing.occupancy",
            fix=[Edit(planned.where, str(planned.planned), str(int(needed)))],
        )
