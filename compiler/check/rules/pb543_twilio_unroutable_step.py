"""A TaskRouter task can only go to Flex agents, not to vendors or service lines.

Why: TaskRouter assigns a task to a worker, an agent logged in to Flex. An
escalation step to a contact of kind `vendor` or `service` (a payments
provider's hotline, an outsourced team's number) cannot be a target of the
workflow, so the build leaves the step out of it; reach them from an on-call
tool or the help desk instead. Active when the twilio target is requested
(`--target twilio`).

Bad:
    escalation:
      - {from: desk, to: payments, after: 15m}
    contacts:
      desk: {name: Desk, kind: role}
      payments: {name: Payments Co hotline, kind: vendor}

Good:
    escalation:
      - {from: desk, to: liaison, after: 15m}
    contacts:
      desk: {name: Desk, kind: role}
      liaison: {name: Payments liaison, kind: person, email: liaison@acme-support.com, verified: 2026-11-20}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.targetfacts import facts
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB543"
NAME = "twilio-unroutable-step"
SEVERITY = "info"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "who contacts the vendor is the team's decision"
TARGET = "twilio"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if TARGET not in ctx.targets:
        return
    found = facts(TARGET)
    kinds = set(found.data["taskrouter"]["unroutable_kinds"]) if found else set()
    for edge in book.escalation:
        contact = book.contacts.get(edge.target)
        if contact is not None and contact.kind in kinds:
            yield ctx.finding(
                edge.where("to"),
                f"{edge.target} is a {contact.kind}, not a Flex agent: TaskRouter cannot route a task to them, so "
                "the Twilio workflow leaves this step out",
                "escalate to a person who contacts them, or rely on an on-call or help-desk target for this step",
            )
