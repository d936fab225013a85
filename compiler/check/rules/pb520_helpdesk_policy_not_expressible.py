"""An SLA policy's selector and calendar must be ones the help desk can express.

Why: each SLA policy becomes one help-desk policy that selects the same
tickets. Zendesk filters on tags, organization, form, type, group, brand and
channel, with conditions that all hold and one group of alternatives;
Freshdesk scopes by company, group, ticket source, ticket type and product
(every key holds, alternatives only within a key), and counts business hours
on the ticket's group, never on a policy's own calendar. A selector beyond
that would have to be widened or narrowed, which silently changes who gets
which targets, so the build leaves the policy out and notes it. For Freshdesk,
name a stand-in for a segment on tags, forms or fields
(`helpdesk.freshdesk.segments`). Active for the requested zendesk or
freshdesk targets.

Bad:
    segments:
      vip: {title: VIP, tags: vip}
    sla_policies:
      - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 15m, resolve: 4h}}}
      - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 1h, resolve: 8h}}}

Good:
    segments:
      vip: {title: VIP, tags: vip}
    helpdesk:
      freshdesk:
        segments:
          vip: {company_segments: VIP customers}
    sla_policies:
      - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 15m, resolve: 4h}}}
      - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 1h, resolve: 8h}}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._policygaps import gap_findings
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB520"
NAME = "helpdesk-policy-not-expressible"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "how the help desk recognises those tickets depends on the account"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    yield from gap_findings(
        book,
        ctx,
        ("selector", "calendar"),
        "select the policy's tickets with conditions the help desk has, or name a stand-in under "
        "helpdesk.freshdesk.segments; for calendars, give the groups those business hours",
    )
