"""The composite GitHub Action: its shape, and its lint step's script run for real in bash."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
KNOWN = ROOT / "tests" / "fixtures" / "ci" / "known"


def step(name: str) -> dict:  # type: ignore[type-arg]
    return next(s for s in ACTION["runs"]["steps"] if s["name"] == name)


def test_action_installs_lints_and_uploads_sarif():
    assert ACTION["runs"]["using"] == "composite"
    uses = [s.get("uses", "") for s in ACTION["runs"]["steps"]]
    assert uses[0].startswith("actions/setup-python@")
    assert '"$GITHUB_ACTION_PATH"' in step("Install playbook")["run"]
    upload = step("Upload SARIF to code scanning")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    assert upload["if"].startswith("always()")
    assert step("Fail when lint failed")["if"] == "steps.lint.outputs.exit-code != '0'"


def test_every_input_is_used_and_documented():
    text = (ROOT / "action.yml").read_text()
    for name, spec in ACTION["inputs"].items():
        assert spec["description"]
        assert f"inputs.{name}" in text


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_lint_step_script_writes_sarif_and_reports_the_exit_code(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "playbook"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cli "$@"\n')
    shim.chmod(0o755)
    outputs = tmp_path / "github-output"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": "",
        "PLAYBOOK_PATHS": f"{KNOWN} {ROOT / 'examples' / 'minimal.yaml'}",
        "PLAYBOOK_ARGS": "--fail-on error",
        "PLAYBOOK_SARIF": str(tmp_path / "out.sarif"),
    }
    done = subprocess.run(["bash", "-e", "-c", step("Lint")["run"]], env=env, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "::error file=" in done.stdout
    assert outputs.read_text().splitlines() == ["exit-code=1", "sarif-written=true"]
    assert json.loads(Path(env["PLAYBOOK_SARIF"]).read_text())["version"] == "2.1.0"
