"""Every channel needs an SLA target Zendesk can hold.

Why: the build makes one Zendesk SLA policy per group of channels that share
every target. Its metrics are the acknowledge, update_every and resolve targets
of the priorities that have a Zendesk level of their own (PB506); `mitigate`
has no Zendesk metric. When a channel has none of these, its policy would have
no metrics, and Zendesk's SLA policies hold "one or more metrics" (Zendesk
Help Center, "Defining and using SLA policies",
https://support.zendesk.com/hc/en-us/articles/204770038); one without any
would still be the first policy that matches its tickets and keep later ones
from applying. So the build leaves it out, and these channels' tickets get no
SLA in Zendesk. Active when the zendesk target is requested, for a playbook
with `sla:` (SLA policies are checked by PB520-PB522).

Bad:
    channels:
      email: {}
    sla:
      P1: {mitigate: 4h}

Good:
    channels:
      email: {}
    sla:
      P1: {acknowledge: 1h, mitigate: 4h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import key_loc
from compiler.plan.helpdesk import policy_cells, policy_groups
from compiler.plan.plan import shared_plan
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB508"
NAME = "zendesk-channel-without-targets"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
TARGET = "zendesk"
MANUAL_FIX = "the target is the team's promise"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if TARGET not in ctx.targets:
        return
    plan = shared_plan(book)
    if plan.policies:
        return  # one Zendesk SLA policy per playbook policy: a policy without metrics is PB521's
    for group in policy_groups(plan, TARGET):
        if policy_cells(plan, group, TARGET):
            continue
        if group.every_channel:
            yield ctx.finding(
                key_loc(book, "sla", ""),
                "the playbook has no SLA target Zendesk can hold (acknowledge, update_every or resolve on a "
                "priority with a Zendesk level of its own), so the zendesk build makes no SLA policy and tickets "
                "get no SLA",
                "give a priority with a Zendesk level an acknowledge or resolve target",
            )
            continue
        first, *others = group.channels
        channels = ", ".join(group.channels)
        subject = f"channels {channels} have" if others else f"channel {channels} has"
        yield ctx.finding(
            key_loc(book, "channels", first),
            f"{subject} no SLA target Zendesk can hold (acknowledge, update_every or resolve on a priority with a "
            "Zendesk level of its own), so the zendesk build makes no SLA policy for them and their tickets get no SLA",
            f"give a priority with a Zendesk level an acknowledge or resolve target for {channels}",
            [(key_loc(book, "channels", cid), "same targets") for cid in others],
        )
