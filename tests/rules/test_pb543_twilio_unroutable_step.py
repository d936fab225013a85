from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: desk}
escalation:
  - {from: desk, to: vendor, after: 15m}
  - {from: desk, to: lead, after: 30m}
contacts:
  desk: {name: Desk, kind: role, email: d@x.example}
  vendor: {name: Vendor hotline, kind: vendor, phone: "+15550100"}
  lead: {name: Lead, email: l@x.example}
"""


def test_a_step_to_a_vendor_is_reported_at_its_to(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("twilio",))
    assert at(result.findings, "PB543") == [(5, 22)]


def test_service_lines_are_not_agents_either(tmp_path):
    text = TEXT.replace("kind: vendor", "kind: service")
    assert at(lint_text(tmp_path, text, targets=("twilio",)).findings, "PB543") == [(5, 22)]


def test_quiet_without_the_twilio_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("salesforce",)).findings, "PB543") == []
