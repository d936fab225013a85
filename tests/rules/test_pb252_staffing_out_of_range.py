from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
staffing:
"""


def test_full_shrinkage_fires_at_shrinkage(tmp_path):
    result = lint_text(tmp_path, BASE + "  shrinkage: 100%\n  occupancy: 80%\n")
    assert at(result.findings, "PB252") == [(5, 14)]


def test_occupancy_above_100_fires_at_occupancy(tmp_path):
    result = lint_text(tmp_path, BASE + "  shrinkage: 30%\n  occupancy: 80%-110%\n")
    assert at(result.findings, "PB252") == [(6, 14)]


def test_fraction_instead_of_percentage_fires(tmp_path):
    result = lint_text(tmp_path, BASE + "  occupancy: 0.85\n")
    assert at(result.findings, "PB252") == [(5, 14)]
    assert "not a percentage" in next(f.message for f in result.findings if f.code == "PB252")


def test_possible_percentages_are_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  shrinkage: 30%-35%\n  occupancy: 75%-85%\n")
    assert at(result.findings, "PB252") == []
