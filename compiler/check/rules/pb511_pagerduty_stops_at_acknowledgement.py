"""PagerDuty stops escalating once an incident is acknowledged.

Why: a PagerDuty escalation rule fires only while the incident is
unacknowledged. A ladder step that should bring someone in while the
incident is not yet mitigated or resolved (`when: unmitigated` or the
default `unresolved`) does not happen in PagerDuty after someone
acknowledges: the incident commander has to bring them in. Opsgenie can
(its `if-not-closed` condition). Active for the requested pagerduty target,
for priorities with `page: true`.

Bad:
    priorities:
      P1: {title: Down, owner: desk, hours: calendar, page: true}
    escalation:
      - {from: desk, to: boss, after: 30m, when: unresolved}
    contacts:
      desk: {name: Desk, email: desk@acme.example}
      boss: {name: Boss, email: boss@acme.example}

Good:
    priorities:
      P1: {title: Down, owner: desk, hours: calendar, page: true}
    escalation:
      - {from: desk, to: boss, after: 30m, when: unacknowledged}
    contacts:
      desk: {name: Desk, email: desk@acme.example}
      boss: {name: Boss, email: boss@acme.example}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._oncall import names, paged, reach_loc, requested
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB511"
NAME = "pagerduty-stops-at-acknowledgement"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether the step is meant for unacknowledged or unresolved incidents is the team's decision"
WORDS = {"unmitigated": "not mitigated", "unresolved": "not resolved"}


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    # Products whose facts say escalation stops at the first acknowledgement (PagerDuty).
    stopping = [f for f in requested(ctx.targets, "oncall") if f.after_acknowledgement is False]
    if not stopping:
        return
    for prio in paged(book):
        for node in prio.nodes:
            reach = node.reach
            if reach.step is None or reach.when == "unacknowledged" or not node.pages:
                continue
            yield ctx.finding(
                reach_loc(book, prio, reach, "when" if "when" in reach.step.edge.raw else "to"),
                f"{prio.id}: {reach.node!r} should be brought in while the incident is {WORDS[reach.when]}, but "
                f"{names(stopping)} stops escalating at the first acknowledgement",
                "use when: unacknowledged if that is what you mean; otherwise the incident commander brings them in "
                "(the build notes it)",
            )
