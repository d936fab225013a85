"""`playbook build --target zendesk --target freshdesk` end to end: success, refusal, atomicity, determinism."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.helpers import ROOT
from tests.targets.support import EXAMPLE_PATHS


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("example", sorted(EXAMPLE_PATHS))
def test_build_writes_one_folder_per_target_with_a_manifest(example, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(EXAMPLE_PATHS[example]), "--target", "zendesk", "--target", "freshdesk", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "zendesk" / "manifest.json").is_file()
    assert (out / "freshdesk" / "manifest.json").is_file()


def test_the_helpdesk_group_builds_both_targets(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE_PATHS["minimal"]), "-t", "helpdesk", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [".playbook-output", "freshdesk", "zendesk"]


def test_a_failed_build_leaves_the_previous_output_untouched(tmp_path):
    out = tmp_path / "out"
    runner = CliRunner()
    assert (
        runner.invoke(main, ["build", str(EXAMPLE_PATHS["field-service"]), "-t", "helpdesk", "-o", str(out)]).exit_code
        == 0
    )  # noqa: E501
    before = _tree(out)
    broken = tmp_path / "broken.yaml"
    broken.write_text("playbook: x\npriorities:\n  P1: {title: Down, owner: nobody}\n")
    result = runner.invoke(main, ["build", str(broken), "-t", "zendesk", "-o", str(out)])
    assert result.exit_code == 1
    assert "nothing built" in result.output
    assert _tree(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []


def test_target_warnings_are_shown_during_a_build(tmp_path):
    result = CliRunner().invoke(
        main, ["build", str(EXAMPLE_PATHS["online-care"]), "-t", "freshdesk", "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 0
    assert "PB501" in result.stderr


def test_lint_with_a_target_runs_that_targets_rules():
    runner = CliRunner()
    plain = runner.invoke(main, ["lint", str(EXAMPLE_PATHS["field-service"])])
    targeted = runner.invoke(main, ["lint", str(EXAMPLE_PATHS["field-service"]), "--target", "zendesk"])
    assert "PB503" not in plain.output
    assert "PB503" in targeted.output
    assert runner.invoke(main, ["lint", str(EXAMPLE_PATHS["minimal"]), "--target", "nope"]).exit_code == 2


def test_targets_lists_both_help_desks_and_the_group():
    output = CliRunner().invoke(main, ["targets"]).output
    assert "zendesk" in output and "freshdesk" in output and "helpdesk     = zendesk + freshdesk" in output


def test_two_builds_are_byte_identical_whatever_the_hash_seed(tmp_path):
    trees = []
    for seed in ("1", "12345"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        args = [
            sys.executable,
            "-m",
            "cli",
            "build",
            str(EXAMPLE_PATHS["online-care"]),
            "-t",
            "helpdesk",
            "-o",
            str(out),
        ]
        subprocess.run(args, cwd=ROOT, env=env, check=True, capture_output=True)
        trees.append(_tree(out))
    assert trees[0] == trees[1]
    assert len(trees[0]) > 40


def test_a_build_that_fails_while_writing_leaves_the_previous_output_untouched(tmp_path, monkeypatch):
    import targets.shared.output

    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(EXAMPLE_PATHS["minimal"]), "-t", "zendesk", "-o", str(out)]).exit_code == 0
    before = _tree(out)

    def disk_full(staging: str, out_dir: str) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(targets.shared.output, "_swap", disk_full)
    result = runner.invoke(main, ["build", str(EXAMPLE_PATHS["field-service"]), "-t", "helpdesk", "-o", str(out)])
    assert result.exit_code == 2 and "no space left on device" in result.output
    assert _tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
