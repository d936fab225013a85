from tests.helpers import at, lint_text

BASE = """\
playbook: t
calendars:
  office: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:00"}}
priorities:
  P1: {title: A, levels: {zendesk: urgent, freshdesk: 4}}
segments:
  vip: {title: VIP, tags: vip}
sla_policies:
  - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 15m, resolve: 4h}}}
  - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 1h, resolve: 8h}}}
"""


def test_tags_without_a_stand_in_fire_for_freshdesk_at_when(tmp_path):
    result = lint_text(tmp_path, BASE, targets=("freshdesk",))
    assert at(result.findings, "PB520") == [(9, 33)]
    finding = next(f for f in result.findings if f.code == "PB520")
    assert finding.message.startswith("SLA policy vip: Freshdesk SLA policies cannot select tickets by tag (vip)")


def test_zendesk_filters_tags(tmp_path):
    assert at(lint_text(tmp_path, BASE, targets=("zendesk",)).findings, "PB520") == []


def test_a_stand_in_makes_it_expressible(tmp_path):
    text = BASE + "helpdesk:\n  freshdesk:\n    segments:\n      vip: {company_segments: VIP}\n"
    assert at(lint_text(tmp_path, text, targets=("freshdesk",)).findings, "PB520") == []


def test_a_policy_calendar_fires_for_freshdesk_at_calendar(tmp_path):
    text = BASE.replace("title: Everyone else,", "title: Everyone else, calendar: office,")
    text += "helpdesk:\n  freshdesk:\n    segments:\n      vip: {company_segments: VIP}\n"
    result = lint_text(tmp_path, text, targets=("freshdesk",))
    assert at(result.findings, "PB520") == [(10, 48)]
    assert "ticket's group's hours" in next(f for f in result.findings if f.code == "PB520").message


def test_without_a_help_desk_target_it_is_quiet(tmp_path):
    assert at(lint_text(tmp_path, BASE).findings, "PB520") == []
