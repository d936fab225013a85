"""A ServiceNow SLA definition cannot time a next reply or mitigation.

Why: an SLA definition stops when the incident matches a condition. The
servicenow build stops acknowledge when the incident leaves New, resolve
(requester_wait, agent_work) when it is resolved, closed or canceled, and
restarts update_every at each customer-visible comment. No incident state or
field marks a reply to the customer's latest message, or the impact
contained, so next_reply and mitigate targets have no SLA definition: the
build notes each one. Active when the servicenow target is requested
(`--target servicenow`); the metrics it can measure come from `[metrics]` in
`targets/servicenow/facts.toml`.

Bad:
    sla:
      P1: {acknowledge: 15m, mitigate: 1h, resolve: 4h}

Good:
    sla:
      P1: {acknowledge: 15m, resolve: 4h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.targetfacts import facts
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.policyview import written_targets

CODE = "PB551"
NAME = "servicenow-metric-not-expressible"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether to track the target outside ServiceNow or drop it is the team's decision"
TARGET = "servicenow"
ELSEWHERE = ("answer",)  # a telephony measure: the contact centre tracks it, not an incident SLA


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    found = facts(TARGET)
    if TARGET not in ctx.targets or found is None:
        return
    metrics = found.data.get("metrics", {})
    for written in written_targets(book):
        if written.metric in metrics or written.metric in ELSEWHERE:
            continue
        where = f"SLA policy {written.policy.id}: " if written.policy is not None else ""
        yield ctx.finding(
            written.target.loc,
            f"{where}{written.priority} {written.metric} {written.target.duration.text}: no incident state marks it "
            "met, so ServiceNow has no SLA definition for it",
            "track this target outside ServiceNow (the build notes it in manifest.json), or leave it out",
        )
