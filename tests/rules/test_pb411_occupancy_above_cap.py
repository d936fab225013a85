"""PB411 on an understaffed playbook and on a healthy one."""

from __future__ import annotations

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from tests.helpers import EXAMPLES, ROOT, TODAY, at

UNDERSTAFFED = str(ROOT / "tests" / "fixtures" / "understaffed.yaml")  # shared by PB410-PB412


def findings():  # type: ignore[no-untyped-def]
    return lint_path(UNDERSTAFFED, RuleSettings(today=TODAY)).findings


def test_occupancy_above_the_cap_is_reported_also_when_the_service_level_is_met():
    assert at(findings(), "PB411") == [(16, 48), (18, 49), (31, 48)]


def test_well_staffed_forecast_is_quiet():
    result = lint_path(str(EXAMPLES / "online-care"), RuleSettings(today=TODAY)).findings
    assert at(result, "PB411") == []
