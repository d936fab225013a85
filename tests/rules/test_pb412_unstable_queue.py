"""PB412 on an understaffed playbook and on a healthy one."""

from __future__ import annotations

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from tests.helpers import EXAMPLES, ROOT, TODAY, at

UNDERSTAFFED = str(ROOT / "tests" / "fixtures" / "understaffed.yaml")  # shared by PB410-PB412


def findings():  # type: ignore[no-untyped-def]
    return lint_path(UNDERSTAFFED, RuleSettings(today=TODAY)).findings


def test_unstable_queue_is_an_error_and_not_also_a_shortfall():
    result = findings()
    assert at(result, "PB412") == [(17, 48), (25, 48)]
    assert (17, 48) not in at(result, "PB410") + at(result, "PB411")


def test_well_staffed_forecast_is_quiet():
    result = lint_path(str(EXAMPLES / "online-care"), RuleSettings(today=TODAY)).findings
    assert at(result, "PB412") == []
