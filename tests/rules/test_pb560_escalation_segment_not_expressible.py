from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: desk, hours: calendar, levels: {zendesk: urgent, freshdesk: 4}}
segments:
  enterprise: {title: Enterprise plan, organization_tags: plan_enterprise}
escalation:
  - {from: desk, to: lead, after: 1h}
  - {from: lead, to: tam, after: 1h, segments: [enterprise]}
contacts:
  desk: {name: Desk}
  lead: {name: Lead}
  tam: {name: TAM}
"""


def test_a_target_that_cannot_select_a_segment_reports_the_step_it_leaves_out(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("pagerduty",))
    assert at(result.findings, "PB560") == [(8, 48)]
    (finding,) = [f for f in result.findings if f.code == "PB560"]
    assert finding.message.startswith("PagerDuty leaves out step lead -> tam, which is for enterprise tickets only")


def test_freshdesk_reports_a_segment_its_time_triggers_cannot_test(tmp_path):
    (finding,) = [f for f in lint_text(tmp_path, TEXT, targets=("freshdesk",)).findings if f.code == "PB560"]
    assert "cannot test segment enterprise" in finding.message


def test_quiet_where_the_help_desk_can_select_the_segment(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("zendesk",)).findings, "PB560") == []
    text = TEXT.replace("organization_tags: plan_enterprise", "tags: plan_enterprise")
    assert at(lint_text(tmp_path, text, targets=("freshdesk",)).findings, "PB560") == []


def test_quiet_without_targets_and_for_steps_for_every_ticket(tmp_path):
    assert at(lint_text(tmp_path, TEXT).findings, "PB560") == []
    text = TEXT.replace(", segments: [enterprise]", "")
    assert at(lint_text(tmp_path, text, targets=("pagerduty", "slack")).findings, "PB560") == []


def test_a_step_after_a_segment_step_is_reported_too(tmp_path):
    text = TEXT.replace("contacts:\n", "  - {from: tam, to: vp, after: 1h}\ncontacts:\n  vp: {name: VP}\n")
    assert at(lint_text(tmp_path, text, targets=("slack",)).findings, "PB560") == [(8, 48), (9, 5)]
