"""A paged priority's escalation should count elapsed time, as on-call tools do.

Why: PagerDuty and Opsgenie count escalation delays in elapsed minutes; they
know nothing of business hours. A paged priority on a business-hours clock
(an office calendar, or `bh`/`bd` delays) is paged in elapsed time: at night
or over a weekend the page comes when the playbook's clock would still be
paused. Give paged priorities a 24/7 calendar or `hours: calendar`. Active for
the requested pagerduty and opsgenie targets.

Bad:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}}
    priorities:
      P2: {title: Blocked, owner: desk, calendar: office, page: true}
    escalation:
      - {from: desk, to: lead, after: 4h}
    contacts:
      desk: {name: Desk, email: desk@acme.example}
      lead: {name: Lead, email: lead@acme.example}

Good:
    calendars:
      office: {weekly: {mon-fri: "09:00-17:00"}}
    priorities:
      P2: {title: Blocked, owner: desk, calendar: office, page: true, hours: calendar}
    escalation:
      - {from: desk, to: lead, after: 4h}
    contacts:
      desk: {name: Desk, email: desk@acme.example}
      lead: {name: Lead, email: lead@acme.example}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._oncall import names, paged, requested
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB513"
NAME = "oncall-business-clock"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which priorities page around the clock is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    products = requested(ctx.targets, "oncall")
    if not products:
        return
    for prio in paged(book):
        business = [step for step in prio.prio.steps if step.clock == "business"]
        if business:
            yield ctx.finding(
                prio.prio.priority.where("page"),
                f"{prio.id} escalates on business hours ({len(business)} step(s)), but {names(products)} count "
                "elapsed time: pages come when the playbook's clock is paused",
                "page only priorities worked around the clock (a 24/7 calendar, or hours: calendar)",
            )
