"""Contact details must have been verified recently.

Why: a phone number nobody has dialled in months is how a P1 at 3 a.m. ends in
voicemail. Each contact with a phone or email carries `verified: YYYY-MM-DD`;
this rule fires when it is missing or older than `max_age_days`. A playbook
marked `template: true` holds placeholder contacts that nobody can dial, so it
is not checked.

Bad:
    contacts:
      duty-manager: {name: Duty Manager, phone: "+442079460000", verified: 2025-01-10}

Good:
    contacts:
      duty-manager: {name: Duty Manager, phone: "+442079460000", verified: 2026-11-20}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB220"
NAME = "contact-not-verified"
SEVERITY = "warning"
OPTIONS = {"max_age_days": 7}
MANUAL_FIX = "only a person can check that the details still reach someone"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if book.template:
        return
    limit = int(ctx.options["max_age_days"])
    for contact in book.contacts.values():
        if not (contact.phone or contact.email):
            continue
        if contact.verified is None:
            yield ctx.finding(
                contact.loc,
                f"contact {contact.id!r} has no 'verified' date",
                "call or email them, then add 'verified:' with the day you did (YYYY-MM-DD)",
            )
            continue
        age = (ctx.today - contact.verified).days
        if age > limit:
            yield ctx.finding(
                contact.where("verified"),
                f"contact {contact.id!r} was last verified {age} days ago (limit {limit})",
                "check the phone number and email still reach them, then set 'verified:' to the day you checked",
            )
