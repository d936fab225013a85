"""A top priority run as an incident must name an incident commander.

Why: when the top priority is handled around the clock, posts to a status page
or has a mitigation target, it is run as an incident, and an incident without
one person in charge turns into several people each waiting for another. The
top priority (the first listed) is checked when its calendar is 24/7, it sets
`status_page: true`, or its SLA has a `mitigate` target (under `sla:` or in
any SLA policy: the policy that names one is said).

Bad:
    priorities:
      P1: {title: Outage, calendar: always, status_page: true}

Good:
    priorities:
      P1: {title: Outage, calendar: always, status_page: true, incident_commander: duty-manager}
    contacts:
      duty-manager: {name: Duty Manager, email: duty@acme-support.com, verified: 2026-11-20}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import priority_loc
from playbook.findings import Finding
from playbook.model import Playbook, Priority

CODE = "PB232"
NAME = "top-priority-without-incident-commander"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "who commands incidents is the team's decision"


def _incident_signs(book: Playbook, priority: Priority) -> list[str]:
    calendar = book.calendar_of(priority)
    sla = book.sla.get(priority.id)
    signs = []
    if calendar is not None and calendar.always:
        signs.append("runs 24/7")
    if priority.status_page:
        signs.append("posts to the status page")
    if sla is not None and (sla.target("mitigate") or any("mitigate" in c for c in sla.channels.values())):
        signs.append("has a mitigation target")
    named = [p.id for p in book.policies if "mitigate" in getattr(p.targets.get(priority.id), "targets", {})]
    if named:
        signs.append(f"has a mitigation target in SLA policy {', '.join(named)}")
    return signs


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    top = next(iter(book.priorities.values()), None)
    if top is None or top.incident_commander:
        return
    signs = _incident_signs(book, top)
    if signs:
        yield ctx.finding(
            priority_loc(book, top),
            f"{top.id} {' and '.join(signs)} but has no incident commander",
            "add 'incident_commander:' naming a contact or team of the playbook who can be reached (often a "
            "duty-manager role)",
        )
