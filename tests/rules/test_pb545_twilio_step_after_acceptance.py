from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: desk}
escalation:
  - {from: desk, to: lead, after: 30m, when: unmitigated}
  - {from: desk, to: boss, after: 1h, when: unacknowledged}
  - {from: lead, to: boss, after: 1h}
contacts:
  desk: {name: Desk, kind: role, email: d@x.example}
  lead: {name: Lead, email: l@x.example}
  boss: {name: Boss, email: b@x.example}
"""


def test_only_written_out_states_after_acceptance_are_reported(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("twilio",))
    assert at(result.findings, "PB545") == [(5, 46)]


def test_quiet_without_the_twilio_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("salesforce",)).findings, "PB545") == []
