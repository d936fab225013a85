"""A playbook with compliance rules must name its privacy and security contacts.

Why: once a playbook states compliance rules (identity checks, card-data
redaction, recording retention, a deadline for data-access requests), agents
will receive requests and reports those rules are about: "send me my data",
"I think my account was breached". `organisation.privacy_contact` and
`organisation.security_contact` say where those go; without them the requests
wait in a general queue while the legal deadline runs. Free-text `notes` alone
are reminders, not rules: a `compliance:` section with only notes, like a
playbook without one, is not checked. Both contacts missing is one finding.

Bad:
    organisation: {name: Acme Support}
    compliance: {data_access_requests: 30d}

Good:
    organisation: {name: Acme Support, privacy_contact: dpo, security_contact: security-desk}
    compliance: {data_access_requests: 30d}
    contacts:
      dpo: {name: Data Protection Officer}
      security-desk: {name: Security Desk}
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
MANUAL_FIX = "who handles these requests is the organisation's decision"

_ROLES = (("privacy_contact", "data-access and privacy requests"), ("security_contact", "security reports"))
_RULES = ("identity_verification", "card_redaction", "recording_retention", "data_access_requests")


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    compliance = book.compliance
    if compliance is None:
        return
    stated = [key for key in _RULES if key in compliance.raw and compliance.raw[key] not in (None, False)]
    if not stated:
        return
    organisation = book.organisation
    missing = [(key, purpose) for key, purpose in _ROLES if organisation is None or not getattr(organisation, key)]
    if not missing:
        return
    where = book.where("organisation", at_key=True) if organisation else book.where("compliance", at_key=True)
    what = " or ".join(f"{key.replace('_', ' ')} for {purpose}" for key, purpose in missing)
    yield ctx.finding(
        where,
        f"the playbook has compliance rules but no {what}",
        "add " + " and ".join(f"'{key}:'" for key, _ in missing) + " under 'organisation:', naming contacts defined "
        "under 'contacts:'",
        [(compliance.where(stated[0], at_key=True), "compliance rules")],
    )
