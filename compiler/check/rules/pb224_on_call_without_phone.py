"""Someone on call must have a phone number.

Why: on call means reachable now, at night and at weekends; an email address
is read the next morning. A contact marked `on_call: true` needs a `phone`; an
on-call team needs at least one member or lead with one.

Bad:
    contacts:
      eng-on-call: {name: Engineering On-Call, email: eng@acme-support.com, on_call: true}

Good:
    contacts:
      eng-on-call: {name: Engineering On-Call, email: eng@acme-support.com, phone: "+442071230110", on_call: true}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB224"
NAME = "on-call-without-phone"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "only the team knows the on-call number"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for contact in book.contacts.values():
        if contact.on_call and not contact.phone:
            yield ctx.finding(
                contact.where("on_call"),
                f"{contact.id!r} is on call but has no phone number",
                "add 'phone:' in E.164 form, quoted, e.g. \"+442071230110\"",
            )
    for team in book.teams.values():
        people = [book.contacts.get(m) for m in [*team.members, *([team.lead] if team.lead else [])]]
        if team.on_call and not any(p is not None and p.phone for p in people):
            yield ctx.finding(
                team.where("on_call"),
                f"team {team.id!r} runs an on-call rota but none of its members has a phone number",
                "add the on-call phone number to a member (often a role such as 'eng-on-call')",
            )
