"""An escalation step for some customers must be one the target can keep to those customers.

Why: a step with `segments:` notifies only for the tickets of those customer
segments ("the Technical Account Manager joins Enterprise P1s"). Applied to
every ticket it would call the TAM for customers who have none, so a build
never does that: Zendesk automations and Freshdesk time triggers carry the
segment's conditions, the runbooks and checklists say whose tickets the step
is for, and a target that cannot select a segment's tickets leaves the step
out, which this rule reports. The on-call tools (PagerDuty, Opsgenie), the chat
messages (Slack, Teams), Salesforce entitlements, ServiceNow SLA notifications
and Twilio TaskRouter serve every ticket of a priority alike; Freshdesk's time
triggers test tags, ticket types and sources only (a segment on organization
tags, or a stand-in company segment, cannot be tested there); Zendesk selects
what its SLA policy filters can. What each product can do is `[ladder]` in its
`targets/<name>/facts.toml`. Steps after such a step are for the same customers
and are reported with it. Active for the requested targets that render the
escalation ladder: build such a step for the products that can keep it to its
customers (`-t zendesk`, or `-t freshdesk` for a segment on tags), or, if
every customer should get it, drop `segments`.

Bad:
    segments:
      enterprise: {title: Enterprise plan, organization_tags: plan_enterprise}
    escalation:
      - {from: desk, to: tam, after: 1h, segments: [enterprise]}

Good:
    segments:
      enterprise: {title: Enterprise plan, organization_tags: plan_enterprise}
    escalation:
      - {from: desk, to: tam, after: 1h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.helpdesk import channel_codes
from compiler.plan.plan import Step, shared_plan
from compiler.plan.scopes import rule_conditions, segment_scope
from compiler.plan.targetfacts import TargetFacts, facts
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB560"
NAME = "escalation-segment-not-expressible"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "how a product recognises a segment's tickets depends on the account"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if not any(edge.segments for edge in book.escalation):
        return
    scoped: dict[int, list[Step]] = {}
    for prio in shared_plan(book).priorities:
        for step in prio.steps:
            if step.segments:
                scoped.setdefault(step.edge.index, []).append(step)
    for edge in book.escalation:
        steps = scoped.get(edge.index, [])
        segments = list(dict.fromkeys(s for step in steps for s in step.segments))
        for target in sorted(ctx.targets) if steps else ():
            found = facts(target)
            ladder = found.data.get("ladder") if found is not None else None
            why = _gap(book, found, ladder, segments) if found is not None and isinstance(ladder, dict) else ""
            if why:
                yield ctx.finding(
                    edge.where("segments"),
                    f"{found.title} leaves out step {edge.source} -> {edge.target}, which is for "
                    f"{' or '.join(segments)} tickets only: {why}",
                    f"leave {found.title} out of the build for this step (the runbooks show it), define the "
                    "segment by conditions the product tests, or drop segments if every customer should get it",
                )


def _gap(book: Playbook, found: TargetFacts, ladder: dict, segments: list[str]) -> str:
    """Why the target cannot keep a step to these segments' tickets; '' when it can."""
    if ladder.get("segments") != "conditions":
        return str(ladder.get("why", "it cannot select a segment's tickets"))
    codes = channel_codes(book, found.name)
    problems = []
    for segment in segments:
        if found.policy_shape == "keys":
            _, why = rule_conditions(book, segment, found, codes)
            if why:
                problems.append(f"its time triggers cannot test segment {segment}: {why}")
        else:
            scope = segment_scope(book, segment, found, codes)
            if not scope.expressible:
                problems.append(f"it cannot select segment {segment}: {'; '.join(scope.problems)}")
    return "; ".join(problems)
