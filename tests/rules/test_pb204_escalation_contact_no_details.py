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


def test_alert_recipient_without_phone_or_email_fires_at_the_contact(tmp_path):
    text = BASE + "alerts:\n  - {metric: queue_depth, above: 25, notify: b}\n"
    result = lint_text(tmp_path, text.replace("escalation:\n", ""))
    assert at(result.findings, "PB204") == [(6, 3)]
    finding = next(f for f in result.findings if f.code == "PB204")
    assert finding.message == "contact 'b' receives alerts but has no phone or email"
    assert [(loc.line, loc.column) for loc, _ in finding.related] == [(10, 46)]


def test_contact_on_a_ladder_and_notified_by_an_alert_is_one_finding(tmp_path):
    text = BASE + "  - {from: a, to: b, after: 1h}\nalerts:\n  - {metric: backlog, above: 50, notify: b}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB204") == [(6, 3)]
    finding = next(f for f in result.findings if f.code == "PB204")
    assert finding.message == "contact 'b' is on an escalation ladder and receives alerts but has no phone or email"
    assert len(finding.related) == 2


def test_routing_to_a_team_with_no_members_and_no_email_fires_at_the_team(tmp_path):
    text = BASE.replace("escalation:\n", "  night: {name: Night desk}\nrouting:\n  - {default: true, team: night}\n")
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB204") == [(9, 3)]
    finding = next(f for f in result.findings if f.code == "PB204")
    assert finding.message == "team 'night' receives routed tickets but has no members and no email"


def test_routing_to_a_team_with_members_is_quiet(tmp_path):
    text = BASE.replace("escalation:\n", "routing:\n  - {default: true, team: crew}\n")
    assert at(lint_text(tmp_path, text).findings, "PB204") == []
