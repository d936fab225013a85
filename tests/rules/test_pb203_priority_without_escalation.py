from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage, owner: a}
  P2: {title: Major, owner: a}
contacts:
  a: {name: A, email: a@corp.test}
  b: {name: B, email: b@corp.test}
escalation:
  - {from: a, to: b, after: 30m, priorities: [P1]}
"""


def test_priority_whose_tickets_never_leave_the_owner_fires_at_the_priority(tmp_path):
    assert at(lint_text(tmp_path, BASE).findings, "PB203") == [(4, 3)]


def test_priority_without_owner_or_steps_fires(tmp_path):
    text = BASE.replace("P2: {title: Major, owner: a}", "P2: {title: Major}")
    assert at(lint_text(tmp_path, text).findings, "PB203") == [(4, 3)]


def test_every_priority_escalated_is_quiet(tmp_path):
    text = BASE + "  - {from: a, to: b, after: 4h, priorities: [P2]}\n"
    assert at(lint_text(tmp_path, text).findings, "PB203") == []
