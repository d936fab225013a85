"""An SLA policy's condition must test fields a ServiceNow incident has.

Why: the servicenow build writes each SLA policy as SLA definitions whose
start condition is the policy's selector as an encoded query on the
incident. Incidents have a company (organizations), an assignment group
(groups), a channel (`contact_type`: email, phone, web as self-service, chat,
messaging as virtual agent) and custom `u_` columns (fields), but no tags,
organization tags, ticket forms, ticket types or brands, and no channel for
social or SMS. A condition on those cannot be written, so the build leaves
the policy out (its tickets get the SLA definitions of a later policy) and
notes it. Without `sla_policies:`, channels whose targets differ are told
apart by `contact_type` in the same way. Active when the servicenow target is
requested (`--target servicenow`); which fields exist comes from
`targets/servicenow/facts.toml`.

Bad:
    segments:
      vip: {title: VIP, tags: vip}
    sla_policies:
      - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 15m, resolve: 4h}}}
      - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 1h, resolve: 8h}}}

Good:
    segments:
      vip: {title: VIP, organizations: [Fabrikam]}
    sla_policies:
      - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 15m, resolve: 4h}}}
      - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 1h, resolve: 8h}}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._time import plan_of
from compiler.plan.helpdesk import sla_policies
from compiler.plan.targetfacts import facts
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.policies import ATTRIBUTES, resolve

CODE = "PB550"
NAME = "servicenow-condition-not-expressible"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which incident field tells those tickets apart depends on the instance"
TARGET = "servicenow"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    found = facts(TARGET)
    if TARGET not in ctx.targets or found is None:
        return
    fields = found.policy_fields
    types = found.data.get("contact_type", {})
    for policy in book.policies:
        if policy.when is None:
            continue
        missing: list[str] = []
        for condition in resolve(policy.when, book.segments).conditions():
            what = ATTRIBUTES.get(condition.attribute, condition.attribute.replace("_", " "))
            if condition.attribute not in fields:
                missing.append(f"{what} {' or '.join(condition.values)}")
            elif condition.attribute == "channels":
                missing += [
                    f"channel {c}"
                    for c in condition.values
                    if c in book.channels and book.channels[c].type not in types
                ]
        if missing:
            yield ctx.finding(
                policy.where("when"),
                f"SLA policy {policy.id}: a ServiceNow incident has no field for {', '.join(dict.fromkeys(missing))}, "
                "so the servicenow build leaves the policy out",
                "select the policy's tickets by organization, group, channel or a custom field",
            )
    if book.policies or len(sla_policies(plan_of(book))) < 2:
        return
    for cid, channel in book.channels.items():
        if channel.type not in types:
            yield ctx.finding(
                channel.loc,
                f"channel {cid} ({channel.type}) has no ServiceNow incident channel (contact_type), and its SLA "
                "targets differ from other channels', so the servicenow build has no SLA definitions for it",
                "give the channel the same SLA targets as the others, or a type ServiceNow has (email, phone, web, "
                "chat, messaging)",
            )
