"""Two help-desk SLA policies must not cover the same channel code.

Why: the build makes one SLA policy per group of channels with the same
targets, scoped by channel code. Zendesk and Freshdesk apply the first policy
that matches, so when two channels with different targets map to the same code
(say two email channels), the second policy never applies. Give such channels
the same targets, or distinct codes with `helpdesk.<target>.channels`. Active
for the requested zendesk or freshdesk targets.

Bad:
    channels:
      email: {}
      vip-email: {type: email}
    sla:
      P1: {acknowledge: 1h, channels: {vip-email: {acknowledge: 15m}}}

Good:
    channels:
      email: {}
      vip-email: {type: email}
    sla:
      P1: {acknowledge: 15m}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.helpdesk import facts_of, overlaps, policy_groups, requested
from compiler.plan.plan import shared_plan
from playbook.findings import Finding, Location
from playbook.model import Playbook

CODE = "PB505"
NAME = "helpdesk-policy-overlap"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether the channels should differ in codes or in targets is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    targets = requested(ctx.targets)
    if not targets:
        return
    plan = shared_plan(book)
    channels = book.raw["channels"] if "channels" in book.raw else None
    for target in targets:
        code_name = facts_of(target).channel_code_name
        for first, later, shared in overlaps(policy_groups(plan, target)):
            where = Location(*channels.key_loc(later.channels[0]))
            codes = ", ".join(str(code) for code in shared)
            yield ctx.finding(
                where,
                f"in {target}, the SLA policy for {', '.join(later.channels)} shares {code_name} "
                f"{codes} with the one for {', '.join(first.channels)}, which matches first and shadows it",
                f"give these channels distinct helpdesk.{target}.channels codes, or the same SLA targets",
                [(Location(*channels.key_loc(first.channels[0])), "the policy that wins")],
            )
