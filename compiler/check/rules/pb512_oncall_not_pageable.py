"""Everyone on a paged ladder must be someone an on-call tool can page.

Why: PagerDuty and Opsgenie page users (found by email) and schedules. A
ladder node is paged through the rota that covers it, a person through their
email, a team through its members. A role without a rota, a vendor hotline
or a person without an email cannot be paged: the build leaves that step to
the incident commander, as a manual step with its time. Active for the
requested pagerduty and opsgenie targets, for priorities with `page: true`.

Bad:
    priorities:
      P1: {title: Down, owner: duty, hours: calendar, page: true}
    escalation:
      - {from: duty, to: boss, after: 30m, when: unacknowledged}
    contacts:
      duty: {name: Duty manager, kind: role, email: duty@acme.example}
      boss: {name: Boss, email: boss@acme.example}

Good:
    priorities:
      P1: {title: Down, owner: duty, hours: calendar, page: true}
    escalation:
      - {from: duty, to: boss, after: 30m, when: unacknowledged}
    contacts:
      duty: {name: Duty manager, kind: role, email: duty@acme.example}
      boss: {name: Boss, email: boss@acme.example}
      ama: {name: Ama, email: ama@acme-support.com, verified: 2026-11-20}
    rotas:
      duty-managers: {covers: duty, members: [ama], start: 2026-11-30, handoff: "09:00", every: 1w}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._oncall import names, paged, reach_loc, requested
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB512"
NAME = "oncall-not-pageable"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "who takes the role, or whether the step stays manual, is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    products = requested(ctx.targets, "oncall")
    if not products:
        return
    for prio in paged(book):
        for node in prio.manual():
            yield ctx.finding(
                reach_loc(book, prio, node.reach, "to"),
                f"{prio.id}: {names(products)} cannot page {node.reach.node!r}: {node.why_not}",
                "add a rota that covers it, give the person an email, or keep the step manual (the build lists it "
                "with its time)",
            )
