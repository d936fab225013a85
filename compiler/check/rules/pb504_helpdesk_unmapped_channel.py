"""Every channel needs a help-desk channel code in each help-desk target.

Why: SLA policies are scoped by channel (Zendesk via_id, Freshdesk ticket
source). A channel the product cannot name gets no SLA policy at all, so its
tickets silently run without targets. Zendesk has no documented via_id for
native messaging; Freshdesk has no social, SMS or messaging source. Map such a
channel with `helpdesk.<target>.channels`. Active for the requested zendesk or
freshdesk targets.

Bad:
    channels:
      whatsapp: {type: messaging}
    priorities:
      P1: {title: Outage, zendesk: urgent, freshdesk: 4}
    sla:
      P1: {acknowledge: 1h}

Good:
    channels:
      whatsapp: {type: messaging}
    priorities:
      P1: {title: Outage, zendesk: urgent, freshdesk: 4}
    sla:
      P1: {acknowledge: 1h}
    helpdesk:
      zendesk: {channels: {whatsapp: [74]}}    # Zendesk's WhatsApp via_id
      freshdesk: {channels: {whatsapp: [7]}}   # arrives as chat in this account
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.plan.helpdesk import channel_codes, facts_of, requested
from playbook.findings import Finding, Location
from playbook.model import Playbook

CODE = "PB504"
NAME = "helpdesk-unmapped-channel"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "the codes depend on the help-desk account"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for target in requested(ctx.targets):
        code_name = facts_of(target).channel_code_name
        for cid, codes in channel_codes(book, target).items():
            if codes:
                continue
            channel = book.channels[cid]
            yield ctx.finding(
                Location(*book.raw["channels"].key_loc(cid)),
                f"channel {cid!r} ({channel.type or 'no type'}) has no {target} {code_name}, "
                "so no SLA policy covers it",
                f"add helpdesk.{target}.channels.{cid}: [the {code_name} values your account uses]",
            )
