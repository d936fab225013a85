"""Opsgenie rotations hand over on the hour or the half hour.

Why: Opsgenie accepts a rotation's start minute only as 0 or 30 and moves any
other time to the nearest one itself. The build sends the half hour before
(so nobody's turn starts late) and notes it; this rule shows the rota.
Active for the requested opsgenie target, for rotas a paged priority uses.

Bad:
    priorities:
      P1: {title: Down, owner: duty, hours: calendar, page: true}
    contacts:
      duty: {name: Duty manager, kind: role}
      ama: {name: Ama, email: ama@acme.example}
    rotas:
      duty-managers: {covers: duty, members: [ama], start: 2026-11-30, handoff: "09:15", every: 1w}

Good:
    priorities:
      P1: {title: Down, owner: duty, hours: calendar, page: true}
    contacts:
      duty: {name: Duty manager, kind: role}
      ama: {name: Ama, email: ama@acme.example}
    rotas:
      duty-managers: {covers: duty, members: [ama], start: 2026-11-30, handoff: "09:30", every: 1w}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._oncall import paged, requested
from compiler.plan.oncall.paging import used_rotas
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB514"
NAME = "opsgenie-handoff-half-hour"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether to hand over earlier or later is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    # Products whose facts limit the minutes a rotation may start on (Opsgenie: :00 and :30).
    limited = [f for f in requested(ctx.targets, "oncall") if f.handoff_minutes]
    rotas = used_rotas(book, paged(book)) if limited else []
    for facts in limited:
        allowed = facts.handoff_minutes
        for rota in rotas:
            minute = rota.handoff % 60
            if minute in allowed:
                continue
            kept = max(m for m in allowed if m <= minute)
            yield ctx.finding(
                rota.where("handoff"),
                f"rota {rota.id!r} hands over at :{minute:02d}; {facts.title} starts rotations on "
                f"{' or '.join(f':{m:02d}' for m in allowed)} only (the build sends :{kept:02d})",
                "move the hand-over to the hour or the half hour",
            )
