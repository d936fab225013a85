from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage, owner: a}
  P2: {title: Major, owner: crew}
contacts:
  a: {name: A, email: a@corp.test}
  b: {name: B, email: b@corp.test}
  c: {name: C, email: c@corp.test}
teams:
  crew: {name: Crew, members: [b]}
escalation:
"""


def test_step_from_someone_the_ticket_never_reaches_fires_at_from(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {from: b, to: c, after: 1h, priorities: [P1]}\n")
    assert at(result.findings, "PB202") == [(12, 12)]
    assert "never fires" in next(f for f in result.findings if f.code == "PB202").message


def test_step_reached_through_an_earlier_step_is_quiet(tmp_path):
    steps = "  - {from: a, to: b, after: 30m, priorities: [P1]}\n  - {from: b, to: c, after: 1h, priorities: [P1]}\n"
    text = BASE + steps
    assert at(lint_text(tmp_path, text).findings, "PB202") == []


def test_team_owner_passes_tickets_to_its_members(tmp_path):
    text = BASE + "  - {from: b, to: c, after: 1h, priorities: [P2]}\n"
    assert at(lint_text(tmp_path, text).findings, "PB202") == []


def test_step_for_every_priority_is_quiet_when_one_priority_reaches_it(tmp_path):
    text = BASE + "  - {from: a, to: c, after: 1h}\n"
    assert at(lint_text(tmp_path, text).findings, "PB202") == []
