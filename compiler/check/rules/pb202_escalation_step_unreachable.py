"""An escalation step must start from someone who can hold the ticket.

Why: a step `from: service-manager` only fires if a ticket of that priority
ever reaches the service manager. If the priority's owner never escalates to
them, the step is dead text: the ladder the ops lead believes in is not the one
that runs. A ticket reaches a node from the priority's `owner` by following the
steps that apply to it; a team passes its tickets to its members and lead.
Priorities without an `owner` are not checked (nobody knows where they start).

Bad:
    priorities:
      P1: {title: Outage, owner: coordinator}
    escalation:
      - {from: team-lead, to: service-manager, after: 1h, priorities: [P1]}

Good:
    priorities:
      P1: {title: Outage, owner: coordinator}
    escalation:
      - {from: coordinator, to: team-lead, after: 30m, priorities: [P1]}
      - {from: team-lead, to: service-manager, after: 1h, priorities: [P1]}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import holders
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB202"
NAME = "escalation-step-unreachable"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "who passes the ticket to this person is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    reach = {pid: holders(book, priority) for pid, priority in book.priorities.items()}
    for edge in book.escalation:
        applies = [pid for pid in book.priorities if edge.applies_to(pid)]
        known = [pid for pid in applies if reach[pid] is not None]
        if not known or len(known) < len(applies):
            continue
        if any(edge.source in reach[pid] for pid in known):  # type: ignore[operator]
            continue
        owners = sorted({book.priorities[pid].owner for pid in known})  # type: ignore[type-var]
        yield ctx.finding(
            edge.where("from"),
            f"no {', '.join(known)} ticket ever reaches {edge.source!r}, so this step never fires",
            f"add a step that passes the ticket from {' or '.join(owners)} to {edge.source!r}, "
            "or change 'from' to someone on the ladder",
            [(book.priorities[pid].where("owner"), f"{pid} starts with {book.priorities[pid].owner}") for pid in known],
        )
