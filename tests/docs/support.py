"""Shared helpers for the document-target tests: compile a playbook, render a target."""

from __future__ import annotations

import textwrap
from pathlib import Path

import targets
from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.plan.plan import Plan, build_plan
from tests.helpers import EXAMPLES, TODAY


def plan_for(path: Path | str) -> Plan:
    result = lint_path(str(path), RuleSettings(today=TODAY))
    assert not result.has_errors(), [str(f.message) for f in result.findings]
    assert result.book is not None
    return build_plan(result.book)


def example_plan(name: str) -> Plan:
    return plan_for(EXAMPLES / name)


def plan_from_text(tmp_path: Path, text: str) -> Plan:
    path = tmp_path / "playbook.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return plan_for(path)


def render(target: str, plan: Plan) -> dict[str, bytes]:
    return targets.load(target).render(plan)
