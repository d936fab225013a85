from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: duty, hours: calendar, page: true}
escalation:
  - {from: duty, to: care, after: 10m, when: unacknowledged}
  - {from: care, to: vendor, after: 5m, when: unacknowledged}
  - {from: care, to: nobody, after: 5m, when: unacknowledged}
contacts:
  duty: {name: Duty manager, kind: role, email: duty@acme.example}
  vendor: {name: Vendor line, kind: vendor, phone: "+18005550123"}
  nobody: {name: No Email, phone: "+442079460199"}
  ama: {name: Ama, email: ama@acme.example}
teams:
  care: {name: Care, members: [ama]}
"""


def _messages(result):
    return [f.message for f in result.findings if f.code == "PB512"]


def test_roles_without_rota_vendors_and_people_without_email_are_reported(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("pagerduty", "opsgenie"))
    assert at(result.findings, "PB512") == [(3, 28), (6, 22), (7, 22)]
    assert _messages(result) == [
        "P1: Opsgenie and PagerDuty cannot page 'duty': 'duty' is a role: add a rota that covers it (people take the "
        "role in turns)",
        "P1: Opsgenie and PagerDuty cannot page 'vendor': 'vendor' is a vendor: call +18005550123 by hand",
        "P1: Opsgenie and PagerDuty cannot page 'nobody': 'nobody' has no email, which is how on-call tools find "
        "a user",
    ]


def test_a_rota_makes_a_role_pageable_and_a_team_is_paged_through_its_members(tmp_path):
    text = (
        TEXT + 'rotas:\n  duty-rota: {covers: duty, members: [ama], start: 2026-11-30, handoff: "09:00", every: 1w}\n'
    )
    result = lint_text(tmp_path, text, targets=("opsgenie",))
    assert [m.split(":")[1].strip() for m in _messages(result)] == [
        "Opsgenie cannot page 'vendor'",
        "Opsgenie cannot page 'nobody'",
    ]


def test_quiet_without_an_on_call_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("slack",)).findings, "PB512") == []
