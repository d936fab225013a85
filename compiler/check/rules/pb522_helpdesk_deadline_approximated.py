"""End-of-business-day deadlines and band upper ends are approximated or left out by the help desks.

Why: neither help desk has a deadline "by the end of the business day": the
build gives such a target one business day per day counted, which is later
than the playbook for every ticket opened after the day starts. A band's
upper end ("resolve within 24-72 hours": 72 hours is the latest acceptable)
becomes a Zendesk breach notice for resolution metrics only, since no ticket
condition shows that a reply is still missing, and never in Freshdesk, whose
SLA escalations are one block for every priority of a policy. What is not
compiled is still in the runbooks and in `playbook simulate`; this finding
says where the help desk promises less. Active for the requested zendesk or
freshdesk targets.

Bad:
    calendars:
      office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}
    priorities:
      P1: {title: A, calendar: office}
    sla_policies:
      - id: rest
        title: Everyone
        targets:
          P1: {acknowledge: eod, resolve: 3bd}

Good:
    calendars:
      office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}
    priorities:
      P1: {title: A, calendar: office}
    sla_policies:
      - id: rest
        title: Everyone
        targets:
          P1: {acknowledge: 4h, resolve: 3bd}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._policygaps import gap_findings
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB522"
NAME = "helpdesk-deadline-approximated"
SEVERITY = "info"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "a deadline other than the written one is the team's promise to make"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    yield from gap_findings(
        book,
        ctx,
        ("deadline",),
        "keep the deadline in the runbooks and watch it in a help-desk view, or write a duration",
    )
