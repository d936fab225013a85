"""Every metric of an SLA policy must be one the help desk has.

Why: the help desks measure a fixed set of SLA metrics. Zendesk has no
mitigation metric; Freshdesk has only first response, next response (with its
next-response feature) and resolution, so periodic updates, requester wait
and agent work have no place there. Two playbook metrics that compile to the
same help-desk metric (`update_every` and `periodic_update` in Zendesk, by
default) cannot both be held: the build keeps the precisely named one.
Whatever a policy promises that the help desk cannot measure is measured
nowhere unless someone knows: each is a finding naming the policy, and a
note in the build. Answer speed is never a help-desk SLA (it is a channel
service level) and is not reported. Active for the requested zendesk or
freshdesk targets.

Bad:
    sla_policies:
      - id: rest
        title: Everyone
        targets:
          P1: {acknowledge: 15m, periodic_update: 1h, resolve: 4h}

Good:
    sla_policies:
      - id: rest
        title: Everyone
        targets:
          P1: {acknowledge: 15m, resolve: 4h}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._policygaps import gap_findings
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB521"
NAME = "helpdesk-metric-not-expressible"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether to measure the metric elsewhere or drop it is the team's decision"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    yield from gap_findings(
        book,
        ctx,
        ("metric",),
        "measure this metric outside the help desk (reports, views), or remove it from the policy",
    )
