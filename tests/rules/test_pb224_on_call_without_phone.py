from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
contacts:
  eng: {name: Eng On-Call, email: eng@acme-support.com, on_call: true}
"""


def test_on_call_contact_without_phone_fires_at_on_call(tmp_path):
    assert at(lint_text(tmp_path, BASE).findings, "PB224") == [(5, 66)]


def test_on_call_team_without_any_phone_fires_at_the_team(tmp_path):
    text = BASE.replace(", on_call: true", "") + "teams:\n  eng-team: {name: Eng, members: [eng], on_call: true}\n"
    assert at(lint_text(tmp_path, text).findings, "PB224") == [(7, 50)]


def test_on_call_with_phone_is_quiet(tmp_path):
    text = BASE.replace("email: eng@acme-support.com", "phone: '+442071230110'")
    text += "teams:\n  eng-team: {name: Eng, members: [eng], on_call: true}\n"
    assert at(lint_text(tmp_path, text).findings, "PB224") == []
