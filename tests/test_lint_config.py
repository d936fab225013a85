"""The lint configuration file: discovery, severities, options, ignores, presets, and its errors (exit 2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.helpers import ROOT

KNOWN = ROOT / "tests" / "fixtures" / "ci" / "known"


def lint(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["lint", *args], env={"GITHUB_ACTIONS": "", "GITHUB_STEP_SUMMARY": ""})


def codes(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {f["code"]: f["severity"] for f in json.loads(result.output)["findings"]}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository holding the known-findings playbook under playbooks/known."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(KNOWN, tmp_path / "playbooks" / "known")
    return tmp_path


def test_config_is_found_upward_and_sets_severity_off_and_options(repo):
    (repo / ".playbook.yaml").write_text(
        "rules:\n  PB201: off\n  priority-order-inverted: warning\n  PB220: {max_age_days: 10000}\n"
    )
    result = lint(str(repo / "playbooks" / "known"), "-f", "json")
    assert codes(result) == {"PB210": "warning"}
    assert result.exit_code == 0
    assert json.loads(result.output)["playbooks"][0]["config"].endswith(".playbook.yaml")


def test_search_stops_at_the_repository_root(repo):
    (repo.parent / ".playbook.yaml").write_text("rules: {PB201: off}\n")
    try:
        assert "PB201" in codes(lint(str(repo / "playbooks" / "known"), "-f", "json"))
    finally:
        (repo.parent / ".playbook.yaml").unlink()


def test_pyproject_tool_section_is_read(repo):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.playbook]\nfail_on = "warning"\n')
    (repo / "playbooks" / "known" / "playbook.yaml").write_text(
        (KNOWN / "playbook.yaml")
        .read_text()
        .replace("acknowledge: 4h", "acknowledge: 1h")
        .replace("lead, to: desk", "lead, to: lead2")
    )
    (repo / "playbooks" / "known" / "more.yaml").write_text(
        "contacts:\n  lead2: {name: L2, kind: role, email: l2@acme-support.com, verified: 2026-11-20}\n"
    )
    result = lint(str(repo / "playbooks" / "known"), "-f", "json")
    assert codes(result) == {"PB220": "warning"}
    assert result.exit_code == 1
    assert lint(str(repo / "playbooks" / "known"), "--fail-on", "error").exit_code == 0


def test_per_path_and_per_rule_ignores(repo):
    # Each file's patterns are relative to that file.
    (repo / ".playbook.yaml").write_text("ignore: ['playbooks/**/contacts.yaml']\n")
    (repo / "playbooks" / ".playbook.yaml").write_text(
        "extends: ../.playbook.yaml\nrules:\n  PB201: {ignore: ['known/playbook.yaml']}\n"
    )
    document = json.loads(lint(str(repo / "playbooks" / "known"), "-f", "json").output)
    assert [f["code"] for f in document["findings"]] == ["PB210"]
    assert sorted(f["suppression"]["kind"] for f in document["suppressed"]) == ["config", "config"]


def test_strict_preset_fails_on_warnings(repo):
    (repo / ".playbook.yaml").write_text("extends: strict\nrules: {PB201: off, PB210: off}\n")
    assert lint(str(repo / "playbooks" / "known")).exit_code == 1
    (repo / ".playbook.yaml").write_text("rules: {PB201: off, PB210: off}\n")
    assert lint(str(repo / "playbooks" / "known")).exit_code == 0


def test_explicit_config_file_wins(repo, tmp_path):
    (repo / ".playbook.yaml").write_text("rules: {PB201: off}\n")
    other = tmp_path / "other.yaml"
    other.write_text("rules: {PB220: off}\n")
    assert set(codes(lint(str(repo / "playbooks" / "known"), "--config", str(other), "-f", "json"))) == {
        "PB201",
        "PB210",
    }


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("rules:\n  PB220: {max_age_dayz: 3}\n", "2:11", "unknown option 'max_age_dayz'"),
        ("rules:\n  PB220: {max_age_days: soon}\n", "2:25", "expected a whole number, got 'soon'"),
        ("rules:\n  PB999: off\n", "2:3", "no rule 'PB999'"),
        ("rules:\n  PB102: off\n", "2:3", "is an input check and cannot be configured"),
        ("rules:\n  PB220: loud\n", "2:10", "is not a severity"),
        ("fail_on: sometimes\n", "1:10", "'sometimes' is not one of"),
        ("rulez: {}\n", "1:1", "unknown key"),
        ("extends: stricter\n", "1:10", "no such preset or file 'stricter'"),
        ("rules: [\n", "2:1", "invalid YAML"),
    ],
)
def test_invalid_config_is_exit_2_with_its_location(repo, text, where, message):
    (repo / ".playbook.yaml").write_text(text)
    result = lint(str(repo / "playbooks" / "known"))
    assert result.exit_code == 2, result.output
    assert ".playbook.yaml" in result.output and message in result.output
    assert "PB300 invalid-config" in result.output
    assert f"  {where}  error  " in result.output
    assert "nothing was linted" in result.output


def test_invalid_config_names_line_and_column(repo):
    (repo / ".playbook.yaml").write_text("# team settings\nrules:\n  PB220: {max_age_dayz: 3}\n")
    result = lint(str(repo / "playbooks" / "known"))
    assert "  3:11  error  rules.PB220: unknown option 'max_age_dayz'" in result.output
    assert "hint: did you mean 'max_age_days'?" in result.output


def test_extends_loop_is_reported(repo):
    (repo / ".playbook.yaml").write_text("extends: .playbook.yaml\n")
    result = lint(str(repo / "playbooks" / "known"))
    assert result.exit_code == 2 and "loops back" in result.output


def test_invalid_pyproject_section_is_exit_2(repo):
    (repo / "pyproject.toml").write_text('[tool.playbook]\nfail_on = "never"\n')
    result = lint(str(repo / "playbooks" / "known"))
    assert result.exit_code == 2
    assert "pyproject.toml" in result.output and "'never' is not one of" in result.output


def test_empty_config_means_defaults(repo):
    (repo / ".playbook.yaml").write_text("# nothing configured yet\n")
    assert set(codes(lint(str(repo / "playbooks" / "known"), "-f", "json"))) == {"PB201", "PB210", "PB220"}


def test_build_uses_the_same_configuration_as_lint(repo, tmp_path):
    out = tmp_path / "out"
    args = ["build", str(repo / "playbooks" / "known"), "--target", "runbook", "--out", str(out)]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 1 and "nothing built" in refused.output
    (repo / ".playbook.yaml").write_text("rules: {PB201: warning, PB210: warning}\n")
    built = CliRunner().invoke(main, args)
    assert built.exit_code == 0, built.output
    assert (out / "runbook").is_dir()
    (repo / ".playbook.yaml").write_text("rules: {PB201: loud}\n")
    assert CliRunner().invoke(main, args).exit_code == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n", "1:1  error  the top level: expected a mapping, got a list"),
        ("rules: {PB220: {ignore: x}}\n", "1:25  error  rules.PB220.ignore: expected a list, got 'x'"),
        (
            "rules: {PB220: {severity: loud}}\n",
            "rules.PB220.severity: 'loud' is not one of 'error', 'warning', 'info', 'off'",
        ),
    ],
)
def test_schema_errors_in_the_config_read_plainly(repo, text, message):
    (repo / ".playbook.yaml").write_text(text)
    result = lint(str(repo / "playbooks" / "known"))
    assert result.exit_code == 2
    assert message in result.output
