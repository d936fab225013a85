"""The composite GitHub Action: its shape, its lint step's script run for real in bash, its conditions
evaluated for the events it meets, and the README's workflow snippet against the tag it names."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests import gha
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
    assert "continue-on-error" not in upload  # a real upload failure (e.g. no permission) stays visible
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


def _shim(tmp_path: Path) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "playbook"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cli "$@"\n')
    shim.chmod(0o755)
    return bin_dir


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines()) if path.exists() else {}


def run_job(
    tmp_path: Path, github: dict, lint_exit: int, upload_sarif: str = "true", action: dict = ACTION
) -> dict[str, str]:
    """The action's steps after the lint, as the runner takes them: step name -> 'skipped', 'ok' or 'failed'.

    Conditions go through the expression evaluator, scripts run in bash; the upload
    fails when the token is read-only, as code scanning answers then.
    """
    contexts = {
        "github": github,
        "inputs": {"upload-sarif": upload_sarif},
        "steps": {"lint": {"outputs": {"exit-code": str(lint_exit), "sarif-written": "true"}}},
    }
    read_only = github["actor"] == "dependabot[bot]" or (
        github["event_name"] == "pull_request"
        and github["event"]["pull_request"]["head"]["repo"]["full_name"] != github["repository"]
    )
    results: dict[str, str] = {}
    succeeded = True  # setup, install and lint (the lint step itself always exits 0)
    steps = action["runs"]["steps"]
    for spec in steps[[s["name"] for s in steps].index("Lint") + 1 :]:
        name = spec["name"]
        if not gha.step_runs(spec.get("if"), contexts, succeeded):
            results[name] = "skipped"
            continue
        if "uses" in spec:
            assert spec["uses"].startswith("github/codeql-action/upload-sarif@")
            ok = not read_only
        else:
            output = tmp_path / f"output-{len(results)}"
            env = {k: gha.render(str(v), contexts) for k, v in spec.get("env", {}).items()}
            done = subprocess.run(
                ["bash", "-e", "-c", spec["run"]],
                env={**os.environ, **env, "GITHUB_OUTPUT": str(output)},
                capture_output=True,
                text=True,
            )
            ok = done.returncode == 0
            if spec.get("id"):
                contexts["steps"][spec["id"]] = {"outputs": _outputs(output)}
            if "::notice" in done.stdout:
                results["notice"] = done.stdout
        results[name] = "ok" if ok else "failed"
        succeeded = succeeded and ok
    return results


def _github(event: str, head: str = "acme/support", actor: str = "dana") -> dict:
    pull = {"pull_request": {"head": {"repo": {"full_name": head}}}} if event.startswith("pull_request") else {}
    return {"event_name": event, "repository": "acme/support", "actor": actor, "event": pull}


UPLOAD = "Upload SARIF to code scanning"
FAIL = "Fail when lint failed"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("event", "head", "actor"),
    [
        ("push", "", "dana"),
        ("pull_request", "acme/support", "dana"),
        ("pull_request_target", "someone/support", "dana"),  # runs in the base repository, token writable
    ],
)
def test_sarif_is_uploaded_where_the_token_may_write(tmp_path, event, head, actor):
    results = run_job(tmp_path, _github(event, head, actor), lint_exit=0)
    assert results[UPLOAD] == "ok" and results[FAIL] == "skipped" and "notice" not in results


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("head", "actor"), [("someone/support", "someone"), ("acme/support", "dependabot[bot]")], ids=["fork", "dependabot"]
)
def test_a_read_only_token_skips_the_upload_so_a_passing_lint_passes(tmp_path, head, actor):
    passed = run_job(tmp_path, _github("pull_request", head, actor), lint_exit=0)
    assert passed[UPLOAD] == "skipped"
    assert "failed" not in passed.values()
    assert "SARIF not uploaded: this run's token is read-only" in passed["notice"]
    failed = run_job(tmp_path, _github("pull_request", head, actor), lint_exit=1)
    assert failed[UPLOAD] == "skipped" and failed[FAIL] == "failed"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_upload_sarif_false_skips_the_upload_silently(tmp_path):
    results = run_job(tmp_path, _github("push"), lint_exit=0, upload_sarif="false")
    assert results[UPLOAD] == "skipped" and "notice" not in results and "failed" not in results.values()


README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_workflow() -> dict:  # type: ignore[type-arg]
    section = README.split("\n### GitHub Actions\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(# \.github/workflows/.*?)```", section, flags=re.DOTALL)
    assert block is not None, "the README's workflow snippet is missing"
    return yaml.safe_load(block.group(1))


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout")
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def released(rev: str) -> str:
    """The revision holding the release the README names, checked against the version it says it is.

    The tag when this clone has it; otherwise HEAD, the release to be tagged: a clone of
    main alone (as CI makes) carries no tags, and the README must still hold for it.
    """
    found = _git("rev-parse", "--verify", "--quiet", f"refs/tags/{rev}^{{commit}}")
    ref = f"refs/tags/{rev}" if found.returncode == 0 else "HEAD"
    version = tomllib.loads(_git("show", f"{ref}:pyproject.toml").stdout)["project"]["version"]
    assert rev == f"v{version}", f"the README names {rev}, but {ref}'s pyproject.toml says version {version}"
    return ref


def test_readme_workflow_uses_a_released_action_with_the_fork_guard(tmp_path):
    workflow = readme_workflow()
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}
    steps = workflow["jobs"]["lint"]["steps"]
    ours = next(step for step in steps if step.get("uses", "").startswith("OWNER/playbook@"))
    rev = ours["uses"].split("@", 1)[1]
    action = yaml.safe_load(_git("show", f"{released(rev)}:action.yml").stdout)
    inputs = action["inputs"]
    assert set(ours["with"]) <= set(inputs)
    assert {name for name, spec in inputs.items() if spec.get("required")} <= set(ours["with"])
    fork = run_job(tmp_path, _github("pull_request", "someone/support", "someone"), lint_exit=0, action=action)
    assert "failed" not in fork.values(), f"the action at {rev} fails a fork's pull request whose lint passed"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_readme_workflow_inputs_lint_a_repository_as_written(tmp_path):
    """The snippet's `with:` through the lint step of the action at its tag, in a user's repository."""
    ours = next(s for s in readme_workflow()["jobs"]["lint"]["steps"] if s.get("uses", "").startswith("OWNER/"))
    rev = ours["uses"].split("@", 1)[1]
    lint = next(
        s
        for s in yaml.safe_load(_git("show", f"{released(rev)}:action.yml").stdout)["runs"]["steps"]
        if s["name"] == "Lint"
    )
    repo = tmp_path / "repo"
    (repo / "support" / "playbook").mkdir(parents=True)
    (repo / ".git").mkdir()
    shutil.copy(KNOWN / "playbook.yaml", repo / "support" / "playbook" / "playbook.yaml")
    env = {**os.environ, "PATH": f"{_shim(tmp_path)}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    (repo / "ci").mkdir()
    subprocess.run(
        ["playbook", "lint", "support/playbook", "--write-baseline", "ci/playbook-baseline.json"],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )
    outputs = tmp_path / "github-output"
    contexts = {"inputs": {"sarif-file": "playbook-lint.sarif", **ours["with"]}}
    step_env = {k: gha.render(str(v), contexts) for k, v in lint["env"].items()}
    done = subprocess.run(
        ["bash", "-e", "-c", lint["run"]],
        env={**env, **step_env, "GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": ""},
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert _outputs(outputs) == {"exit-code": "0", "sarif-written": "true"}, done.stdout + done.stderr
    assert json.loads((repo / "playbook-lint.sarif").read_text())["version"] == "2.1.0"
