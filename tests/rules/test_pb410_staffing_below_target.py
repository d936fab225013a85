"""PB410 on an understaffed playbook and on a healthy one."""

from __future__ import annotations

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from tests.helpers import EXAMPLES, ROOT, TODAY, at

UNDERSTAFFED = str(ROOT / "tests" / "fixtures" / "understaffed.yaml")  # shared by PB410-PB412


def findings():  # type: ignore[no-untyped-def]
    return lint_path(UNDERSTAFFED, RuleSettings(today=TODAY)).findings


def test_service_level_shortfall_points_at_the_planned_agents():
    result = findings()
    assert at(result, "PB410") == [(16, 48)]
    message = next(f.message for f in result if f.code == "PB410")
    assert message.startswith("phone 09:00: 20 agents answer 50.7% in 20s; 80% in 20s needs 23 agents")


def test_well_staffed_forecast_is_quiet():
    result = lint_path(str(EXAMPLES / "online-care"), RuleSettings(today=TODAY)).findings
    assert at(result, "PB410") == []
