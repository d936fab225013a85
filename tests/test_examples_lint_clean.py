"""The bundled examples are what newcomers copy: each must lint without a single finding."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli import main
from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from tests.helpers import EXAMPLES, TODAY

# What `playbook lint examples/*` sees: the shell's * skips the examples' .playbook.yaml.
PLAYBOOKS = sorted(
    p for p in EXAMPLES.iterdir() if not p.name.startswith(".") and (p.is_dir() or p.suffix in (".yaml", ".yml"))
)


def test_there_are_four_examples():
    assert [p.name for p in PLAYBOOKS] == ["field-service", "minimal.yaml", "online-care", "saas-desk"]


@pytest.mark.parametrize("path", PLAYBOOKS, ids=lambda p: p.name)
def test_example_has_no_findings(path):
    result = lint_path(str(path), RuleSettings(today=TODAY))
    assert [f"{f.location} {f.code} {f.message}" for f in result.findings] == []
    assert result.book is not None


@pytest.mark.parametrize("path", PLAYBOOKS, ids=lambda p: p.name)
def test_example_lints_clean_from_the_cli(path):
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 0, result.output
    assert "error" not in result.output


def test_all_examples_at_once_exit_zero():
    result = CliRunner().invoke(main, ["lint", *map(str, PLAYBOOKS)])
    assert result.exit_code == 0, result.output
    assert "4 playbooks checked" in result.output
