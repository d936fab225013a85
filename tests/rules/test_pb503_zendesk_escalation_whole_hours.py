from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: desk, hours: calendar}
escalation:
  - {from: desk, to: lead, after: 30m}
  - {from: lead, to: boss, after: 30m}
contacts:
  desk: {name: Desk}
  lead: {name: Lead}
  boss: {name: Boss}
"""


def test_a_step_not_due_on_a_whole_hour_fires_at_its_delay(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("zendesk",))
    # The second step is due at 1h from the start: a whole hour, so quiet.
    assert at(result.findings, "PB503") == [(5, 35)]


def test_quiet_without_the_zendesk_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("freshdesk",)).findings, "PB503") == []


def test_whole_hours_are_quiet(tmp_path):
    text = TEXT.replace("after: 30m}", "after: 1h}")
    assert at(lint_text(tmp_path, text, targets=("zendesk",)).findings, "PB503") == []


def test_the_message_says_the_step_can_fire_early_and_late(tmp_path):
    text = TEXT.replace("after: 30m}\n  - {from: lead", "after: 150m}\n  - {from: lead")
    (finding,) = [f for f in lint_text(tmp_path, text, targets=("zendesk",)).findings if f.code == "PB503"]
    assert "can fire before it is due" in finding.message
    assert "P1: due 2h30m, fires between 2h and 3h, up to 30m early or 30m late" in finding.message
