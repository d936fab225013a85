"""A playbook with compliance rules must name its privacy and security contacts.

Why: once a playbook states compliance rules (identity checks, card-data
redaction, recording retention, a deadline for data-access requests), agents
will receive requests and reports those rules are about: "send me my data",
"I think my account was breached". `organisation.privacy_contact` and
`organisation.security_contact` say where those go; without them the requests
wait in a general queue while the legal deadline runs. Playbooks without a
`compliance:` section are not checked.

Bad:
    organisation: {name: Acme Support}
    compliance: {data_access_requests: 30d}

Good:
    organisation: {name: Acme Support, privacy_contact: dpo, security_contact: security-desk}
    compliance: {data_access_requests: 30d}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook

CODE = "PB222"
NAME = "missing-privacy-or-security-contact"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}

_ROLES = (("privacy_contact", "data-access and privacy requests"), ("security_contact", "security reports"))


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if book.compliance is None:
        return
    organisation = book.organisation
    where = book.where("organisation", at_key=True) if organisation else book.where("compliance", at_key=True)
    for key, purpose in _ROLES:
        if organisation is not None and getattr(organisation, key):
            continue
        yield ctx.finding(
            where,
            f"the playbook has compliance rules but no {key.replace('_', ' ')} for {purpose}",
            f"add '{key}: <contact id>' under 'organisation:'",
            [(book.where("compliance", at_key=True), "compliance rules")],
        )
