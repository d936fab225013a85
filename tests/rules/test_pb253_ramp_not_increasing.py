from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
onboarding:
  ramp:
    - {week: 8, productivity: 70%-85%}
"""


def test_lower_goal_later_fires_at_the_later_goal(tmp_path):
    result = lint_text(tmp_path, BASE + "    - {week: 12, productivity: 60%}\n")
    assert at(result.findings, "PB253") == [(7, 7)]


def test_weeks_out_of_order_fire(tmp_path):
    result = lint_text(tmp_path, BASE + "    - {week: 4, productivity: 100%}\n")
    assert at(result.findings, "PB253") == [(7, 7)]


def test_rising_goals_are_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "    - {week: 12, productivity: 100%}\n")
    assert at(result.findings, "PB253") == []
