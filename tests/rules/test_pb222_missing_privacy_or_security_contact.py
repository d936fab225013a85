from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
contacts:
  dpo: {name: DPO, email: dpo@acme-support.com, verified: 2026-11-25}
  sec: {name: Security, email: sec@acme-support.com, verified: 2026-11-25}
compliance: {data_access_requests: 30d}
"""


def test_compliance_without_privacy_contact_fires_at_organisation(tmp_path):
    result = lint_text(tmp_path, BASE + "organisation: {name: Acme, security_contact: sec}\n")
    assert at(result.findings, "PB222") == [(8, 1)]
    assert "privacy contact" in next(f.message for f in result.findings if f.code == "PB222")


def test_compliance_without_organisation_fires_once_naming_both_contacts(tmp_path):
    result = lint_text(tmp_path, BASE)
    assert at(result.findings, "PB222") == [(7, 1)]
    finding = next(f for f in result.findings if f.code == "PB222")
    assert "no privacy contact for data-access and privacy requests or security contact" in finding.message
    assert (
        finding.hint == "add 'privacy_contact:' and 'security_contact:' under 'organisation:', naming contacts defined "
        "under 'contacts:'"
    )


def test_free_text_notes_alone_are_not_compliance_rules(tmp_path):
    text = BASE.replace(
        "compliance: {data_access_requests: 30d}", "compliance: {notes: [Never read a card number aloud.]}"
    )
    assert at(lint_text(tmp_path, text).findings, "PB222") == []


def test_identity_verification_switched_off_is_not_a_rule(tmp_path):
    text = BASE.replace("compliance: {data_access_requests: 30d}", "compliance: {identity_verification: false}")
    assert at(lint_text(tmp_path, text).findings, "PB222") == []


def test_both_contacts_named_is_quiet(tmp_path):
    text = BASE + "organisation: {name: Acme, privacy_contact: dpo, security_contact: sec}\n"
    assert at(lint_text(tmp_path, text).findings, "PB222") == []


def test_playbook_without_compliance_rules_is_quiet(tmp_path):
    text = BASE.replace("compliance: {data_access_requests: 30d}\n", "") + "organisation: {name: Acme}\n"
    assert at(lint_text(tmp_path, text).findings, "PB222") == []
