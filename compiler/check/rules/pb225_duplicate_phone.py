"""Two contacts should not share one phone number.

Why: a number copied from the contact above is the classic directory mistake:
the ladder says "call the VP" and the Service Manager's phone rings again.
When two contacts really share a line (a role that forwards to one person),
say so with a suppression on one of them.

Bad:
    contacts:
      service-manager: {name: Luis Romero, phone: "+16152220102"}
      vp-operations: {name: Priya Natarajan, phone: "+16152220102"}

Good:
    contacts:
      service-manager: {name: Luis Romero, phone: "+16152220102"}
      vp-operations: {name: Priya Natarajan, phone: "+16152220103"}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Contact, Playbook

CODE = "PB225"
NAME = "duplicate-phone"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "only the team knows which of the two numbers is right"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    first: dict[str, Contact] = {}
    for contact in book.contacts.values():
        if not contact.phone:
            continue
        earlier = first.setdefault(contact.phone, contact)
        if earlier is contact:
            continue
        yield ctx.finding(
            contact.where("phone"),
            f"{contact.id!r} has the same phone number as {earlier.id!r} ({contact.phone})",
            "check which of the two numbers is right",
            [(earlier.where("phone"), f"{earlier.id}'s phone")],
        )
