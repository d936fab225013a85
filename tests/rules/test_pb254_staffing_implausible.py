from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
staffing:
"""


def test_occupancy_above_the_cap_fires_at_occupancy(tmp_path):
    result = lint_text(tmp_path, BASE + "  shrinkage: 30%\n  occupancy: 98%\n")
    assert at(result.findings, "PB254") == [(6, 14)]


def test_tiny_shrinkage_fires_at_shrinkage(tmp_path):
    result = lint_text(tmp_path, BASE + "  shrinkage: 5%\n  occupancy: 80%\n")
    assert at(result.findings, "PB254") == [(5, 14)]


def test_options_move_the_limits(tmp_path):
    text = BASE + "  shrinkage: 30%\n  occupancy: 93%\n"
    assert at(lint_text(tmp_path, text, options={"PB254": {"max_occupancy": 95}}).findings, "PB254") == []


def test_usual_values_are_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  shrinkage: 30%-35%\n  occupancy: 75%-85%\n")
    assert at(result.findings, "PB254") == []
