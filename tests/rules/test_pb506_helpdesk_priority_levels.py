from tests.helpers import at, lint_text

FIVE = """\
playbook: t
priorities:
  P1: {title: A}
  P2: {title: B}
  P3: {title: C}
  P4: {title: D}
  P5: {title: E}
"""


def test_a_fifth_priority_fires_at_its_key(tmp_path):
    result = lint_text(tmp_path, FIVE, targets=("zendesk",))
    assert at(result.findings, "PB506") == [(7, 7)]


def test_two_priorities_on_one_level_fire_at_the_second_mapping(tmp_path):
    text = "playbook: t\npriorities:\n  P3: {title: C, zendesk: low}\n  P4: {title: D, zendesk: low}\n"
    result = lint_text(tmp_path, text, targets=("zendesk",))
    assert at(result.findings, "PB506") == [(4, 27)]


def test_quiet_without_a_helpdesk_target(tmp_path):
    assert at(lint_text(tmp_path, FIVE).findings, "PB506") == []


def test_four_priorities_are_quiet(tmp_path):
    text = FIVE.replace("  P5: {title: E}\n", "")
    assert at(lint_text(tmp_path, text, targets=("zendesk", "freshdesk")).findings, "PB506") == []
