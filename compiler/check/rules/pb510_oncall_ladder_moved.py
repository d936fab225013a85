"""On-call tools must page each person at the time the ladder says.

Why: PagerDuty and Opsgenie count escalation delays in whole minutes, and
PagerDuty notifies its first rule as soon as an incident triggers and takes
at most ten targets a rule. A ladder step 90 seconds after the start is paged
at 1 minute; when nobody at the start can be paged, the first person who can
is paged at once instead of later. The build rounds towards paging earlier
and notes every move; this rule shows where. Active for the requested
pagerduty and opsgenie targets, for priorities with `page: true`.

Bad:
    priorities:
      P1: {title: Down, owner: desk, hours: calendar, page: true}
    escalation:
      - {from: desk, to: lead, after: 90s, when: unacknowledged}
    contacts:
      desk: {name: Desk, email: desk@acme.example}
      lead: {name: Lead, email: lead@acme.example}

Good:
    priorities:
      P1: {title: Down, owner: desk, hours: calendar, page: true}
    escalation:
      - {from: desk, to: lead, after: 2m, when: unacknowledged}
    contacts:
      desk: {name: Desk, email: desk@acme.example}
      lead: {name: Lead, email: lead@acme.example}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._oncall import paged, reach_loc, requested
from compiler.plan.oncall import opsgenie, pagerduty
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.units import format_seconds

CODE = "PB510"
NAME = "oncall-ladder-moved"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which minute each step should fire on is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    products = requested(ctx.targets, "oncall")
    if not products:
        return
    for prio in paged(book):
        reach_of = {page.key: node.reach for node in prio.nodes for page in node.pages}
        for facts in products:
            # How the product counts delays decides what it can hit (targets/<name>/facts.toml).
            convert = pagerduty.policy if facts.delays_count_from == "previous rule" else opsgenie.escalation
            product = facts.title
            for move in convert(prio.starts()).moved:
                reach = reach_of[move.target.key]
                yield ctx.finding(
                    reach_loc(book, prio, reach),
                    f"{prio.id}: {product} pages {move.target.kind} {move.target.id!r} at {move.got}m, not "
                    f"{format_seconds(move.wanted)} after the start ({move.why})",
                    "make each step's time from the start a whole number of minutes, and let someone at the "
                    "start be paged (a rota, or a person with an email)",
                )
