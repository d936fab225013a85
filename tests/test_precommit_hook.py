"""The README's pre-commit snippet, run for real by pre-commit in a throw-away git repository.

The configuration is the README's, word for word, except `repo:`: a local clone
of this repository stands in for its GitHub address. pre-commit clones it at the
snippet's `rev:` (a release tag) and installs that into a fresh environment,
exactly as a user's repository would; so the hook runs the released code, not
the working tree. The test is slow (an install) but it is the only proof that
the snippet and `.pre-commit-hooks.yaml` work.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.helpers import ROOT

# No dates, so the same answer any day: the snippet fails on warnings, and PB220 would
# otherwise warn as a `verified:` date ages.
BROKEN = """\
playbook: shop
priorities:
  P1: {title: Outage, owner: desk, examples: [Checkout is down]}
sla:
  P1: {acknowledge: 15m, resolve: 4h}
escalation:
  - {from: desk, to: manager, after: 30m}
  - {from: manager, to: desk, after: 30m}
# playbook: disable=PB220 reason="a test fixture without dates gives the same answer any day"
contacts:
  desk: {name: Desk, kind: role, email: desk@acme-support.com}
  manager: {name: Manager, email: manager@acme-support.com}
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


def readme_config(upstream: Path = ROOT) -> str:
    """The README's `.pre-commit-config.yaml`, with `upstream` in place of the GitHub address."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n### pre-commit\n", 1)[1].split("\n### ", 1)[0]
    block = re.search(r"```yaml\n(# \.pre-commit-config\.yaml.*?)```", section, flags=re.DOTALL)
    assert block is not None, "the README's pre-commit snippet is missing"
    text, replaced = re.subn(r"(- repo: )https://github\.com/OWNER/playbook\n", rf"\g<1>{upstream}\n", block.group(1))
    assert replaced == 1, "the snippet's repo: is not the documented https://github.com/OWNER/playbook"
    return text


def _released(rev: str, tmp_path: Path) -> Path:
    """A clone of this repository where `rev` names a release: the tag if this clone has it,
    else HEAD, the release to be tagged (a clone of main alone, as CI makes, carries no tags)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip(f"{ROOT} is not a git checkout, so pre-commit cannot clone it")
    upstream = tmp_path / "upstream"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(upstream)], check=True, capture_output=True)
    tagged = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/tags/{rev}^{{commit}}"], cwd=upstream)
    if tagged.returncode != 0:
        _git(upstream, "tag", rev, "HEAD")
    shown = subprocess.run(["git", "show", f"{rev}:pyproject.toml"], cwd=upstream, capture_output=True, text=True)
    version = tomllib.loads(shown.stdout)["project"]["version"]
    assert rev == f"v{version}", f"the README's rev: {rev} is on a commit whose pyproject.toml says {version}"
    return upstream


def test_readme_snippet_fails_on_a_broken_playbook_and_passes_once_fixed(tmp_path):
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install -e '.[test]')")
    upstream = _released(yaml.safe_load(readme_config())["repos"][0]["rev"], tmp_path)
    config = readme_config(upstream)
    repo = tmp_path / "repo"
    (repo / "support" / "playbook").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(config)
    playbook = repo / "support" / "playbook" / "playbook.yaml"
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
