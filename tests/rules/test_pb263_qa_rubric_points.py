from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
qa:
  rubric:
    - {item: Greeting, points: 10}
"""


def test_points_not_adding_up_to_100_fire_at_the_rubric(tmp_path):
    result = lint_text(tmp_path, BASE + "    - {item: Answer, points: 30}\n")
    assert at(result.findings, "PB263") == [(6, 5)]
    assert "add up to 40, not 100" in next(f.message for f in result.findings if f.code == "PB263")


def test_points_adding_up_to_100_are_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "    - {item: Answer, points: 90}\n")
    assert at(result.findings, "PB263") == []
