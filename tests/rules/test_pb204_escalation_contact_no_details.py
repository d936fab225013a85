from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage, owner: a}
contacts:
  a: {name: A, email: a@corp.test}
  b: {name: B}
teams:
  crew: {name: Crew, members: [b]}
escalation:
"""


def test_contact_without_phone_or_email_on_a_ladder_fires_at_the_contact(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {from: a, to: b, after: 1h}\n")
    assert at(result.findings, "PB204") == [(6, 3)]
    finding = next(f for f in result.findings if f.code == "PB204")
    assert [(loc.line, loc.column) for loc, _ in finding.related] == [(10, 19)]


def test_team_with_no_email_and_unreachable_members_fires_at_the_team(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {from: a, to: crew, after: 1h}\n")
    assert at(result.findings, "PB204") == [(8, 3)]


def test_contact_off_the_ladder_is_quiet(tmp_path):
    text = BASE.replace("crew: {name: Crew,", "crew: {name: Crew, email: crew@corp.test,")
    result = lint_text(tmp_path, text + "  - {from: a, to: crew, after: 1h}\n")
    assert at(result.findings, "PB204") == []


def test_reachable_ladder_is_quiet(tmp_path):
    text = BASE.replace("b: {name: B}", "b: {name: B, phone: '+442071230000'}") + "  - {from: a, to: crew, after: 1h}\n"
    assert at(lint_text(tmp_path, text).findings, "PB204") == []
