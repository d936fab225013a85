from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: desk, hours: calendar}
escalation:
  - {from: desk, to: lead, after: 30m, note: NOTE}
contacts:
  desk: {name: Desk}
  lead: {name: NAME}
"""


def test_a_name_too_long_for_a_slack_heading_is_reported_at_the_step(tmp_path):
    result = lint_text(tmp_path, TEXT.replace("NAME", "L" * 140), targets=("slack",))
    assert at(result.findings, "PB518") == [(5, 5)]
    [finding] = [f for f in result.findings if f.code == "PB518"]
    assert "its heading has 166 characters (Slack: 150)" in finding.message


def test_a_note_near_the_section_limit_is_reported(tmp_path):
    result = lint_text(tmp_path, TEXT.replace("NOTE", "n" * 2900).replace("NAME", "Lead"), targets=("slack",))
    assert [f.message for f in result.findings if f.code == "PB518"] == [
        "the Slack message for P1 escalation step 1 (desk -> lead) is shortened: its note is near or over 3000 "
        "characters"
    ]


def test_quiet_for_short_text_and_for_teams(tmp_path):
    assert at(lint_text(tmp_path, TEXT.replace("NAME", "Lead"), targets=("slack",)).findings, "PB518") == []
    assert at(lint_text(tmp_path, TEXT.replace("NAME", "L" * 140), targets=("teams",)).findings, "PB518") == []
