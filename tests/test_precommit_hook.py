"""The published pre-commit hook, run for real by pre-commit in a throw-away git repository.

pre-commit clones this repository at its HEAD commit and installs it into a
fresh environment, exactly as a user's repository would; so the hook runs the
committed code, not uncommitted edits. The test is slow (an install) but it is
the only proof that `.pre-commit-hooks.yaml` works.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

BROKEN = """\
playbook: shop
priorities:
  P1: {title: Outage, owner: desk, examples: [Checkout is down]}
sla:
  P1: {acknowledge: 15m, resolve: 4h}
escalation:
  - {from: desk, to: manager, after: 30m}
  - {from: manager, to: desk, after: 30m}
contacts:
  desk: {name: Desk, kind: role, email: desk@acme-support.com, verified: 2026-11-20}
  manager: {name: Manager, email: manager@acme-support.com, verified: 2026-11-20}
"""
NETWORK_TROUBLE = (
    "No matching distribution",
    "Could not find a version",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "failed to fetch",
    "Failed to download",
    "error sending request",  # uv, through pre-commit-uv
    "dns error",
)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=_env(repo))


def _env(repo: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(PRE_COMMIT_HOME=str(repo.parent / "pre-commit-home"), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    return env


def _run_hook(repo: Path) -> subprocess.CompletedProcess[str]:
    _git(repo, "add", "-A")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=_env(repo),
        timeout=600,
    )


def _head() -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    found = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if found.returncode != 0:
        pytest.skip(f"{ROOT} is not a git checkout, so pre-commit cannot clone it")
    return found.stdout.strip()


def test_hook_fails_on_a_broken_playbook_and_passes_once_fixed(tmp_path):
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    repo = tmp_path / "repo"
    (repo / "support").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {_head()}\n    hooks:\n"
        "      - id: playbook-lint\n        args: [support/playbook.yaml]\n"
    )
    playbook = repo / "support" / "playbook.yaml"
    playbook.write_text(BROKEN)

    broken = _run_hook(repo)
    if broken.returncode != 1 and any(marker in broken.stdout + broken.stderr for marker in NETWORK_TROUBLE):
        pytest.skip("pre-commit could not install the hook from the package registry:\n" + broken.stdout[-800:])
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "playbook lint" in broken.stdout and "Failed" in broken.stdout
    assert "PB201 escalation-cycle" in broken.stdout

    playbook.write_text(BROKEN.replace("  - {from: manager, to: desk, after: 30m}\n", ""))
    fixed = _run_hook(repo)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Passed" in fixed.stdout
