"""PB410-PB412 on an understaffed playbook (tests/fixtures/understaffed.yaml) and on a healthy one."""

from __future__ import annotations

from compiler.lint import RuleSettings, lint_path
from tests.helpers import EXAMPLES, ROOT, TODAY, at

UNDERSTAFFED = str(ROOT / "tests" / "fixtures" / "understaffed.yaml")


def findings():  # type: ignore[no-untyped-def]
    return lint_path(UNDERSTAFFED, RuleSettings(today=TODAY)).findings


def test_service_level_shortfall_points_at_the_planned_agents():
    result = findings()
    assert at(result, "PB410") == [(16, 48)]
    message = next(f.message for f in result if f.code == "PB410")
    assert message.startswith("phone 09:00: 20 agents answer 50.7% in 20s; 80% in 20s needs 23 agents")


def test_occupancy_above_the_cap_is_reported_also_when_the_service_level_is_met():
    assert at(findings(), "PB411") == [(16, 48), (18, 49), (31, 48)]


def test_unstable_queue_is_an_error_and_not_also_a_shortfall():
    result = findings()
    assert at(result, "PB412") == [(17, 48), (25, 48)]
    assert (17, 48) not in at(result, "PB410") + at(result, "PB411")


def test_well_staffed_forecast_is_quiet():
    result = lint_path(str(EXAMPLES / "online-care"), RuleSettings(today=TODAY)).findings
    assert at(result, "PB410") == at(result, "PB411") == at(result, "PB412") == []
