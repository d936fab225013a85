"""The SLA policies must end with a fallback: a policy without `when`.

Why: help desks apply the first SLA policy whose conditions match a ticket.
A ticket that matches none gets no SLA at all: no deadline, no breach, no
escalation, and it is missing from every compliance report. The last policy,
written without `when`, catches every ticket no earlier policy took; Freshdesk
calls it the default policy.

Bad:
    segments:
      enterprise: {title: Enterprise plan, organization_tags: plan_enterprise}
    sla_policies:
      - id: enterprise
        title: Enterprise plan
        when: {segment: enterprise}
        targets:
          P1: {acknowledge: 15m, resolve: 4h}

Good:
    segments:
      enterprise: {title: Enterprise plan, organization_tags: plan_enterprise}
    sla_policies:
      - id: enterprise
        title: Enterprise plan
        when: {segment: enterprise}
        targets:
          P1: {acknowledge: 15m, resolve: 4h}
      - id: standard
        title: Everyone else
        targets:
          P1: {acknowledge: 1h, resolve: 8h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB271"
NAME = "policy-fallback-missing"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "the fallback's targets are the team's promise"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if not book.policies or any(policy.fallback for policy in book.policies):
        return
    last = book.policies[-1]
    yield ctx.finding(
        last.loc,
        "no SLA policy is a fallback, so a ticket that matches no policy's 'when' gets no SLA",
        "add a last policy without 'when' for every other ticket",
    )
