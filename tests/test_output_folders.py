"""`--out` is the user's folder: a build replaces only the target folders it made, refuses the rest, takes turns."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from targets.shared import output
from tests.helpers import EXAMPLES, ROOT

MINIMAL = EXAMPLES / "minimal.yaml"


def _build(*args: str) -> Result:
    return CliRunner().invoke(main, ["build", *args])


def _everything(folder: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder (None) under `folder`, hidden ones and .git included."""
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))}


def _assert_refused(result: Result, reason: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("playbook: error: --out ") and reason in lines[0], lines
    assert "built" not in result.stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A team's repository: the playbook, a README and .git."""
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "playbook.yaml")
    (folder / "README.md").write_text("# Our support playbook\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    return folder


@pytest.mark.parametrize(
    ("out", "reason"), [(".", "is the current directory"), ("..", "contains the current directory")]
)
def test_out_dot_from_a_project_folder_is_refused_and_deletes_nothing(project, monkeypatch, out, reason):
    monkeypatch.chdir(project)
    before = _everything(project.parent)
    _assert_refused(_build("playbook.yaml", "-t", "docs", "--out", out), reason)
    assert _everything(project.parent) == before


def test_out_the_playbooks_folder_is_refused_and_deletes_nothing(project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = _everything(project)
    result = _build(str(project / "playbook.yaml"), "-t", "runbook", "--out", str(project))
    _assert_refused(result, "contains the playbook")
    assert _everything(project) == before


def test_out_a_directory_playbook_itself_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(EXAMPLES / "online-care", tmp_path / "online-care")
    before = _everything(tmp_path)
    _assert_refused(_build("online-care", "-t", "runbook", "--out", "online-care"), "is the playbook")
    assert _everything(tmp_path) == before


def test_out_a_repository_root_is_refused(project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (project / "playbook.yaml").unlink()  # not the playbook's folder: refused for being a repository
    before = _everything(project)
    _assert_refused(_build(str(MINIMAL), "-t", "runbook", "--out", "project"), "is a repository root")
    assert _everything(project) == before


def test_an_output_folder_that_now_holds_a_repository_is_refused(project, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _build(str(MINIMAL), "-t", "runbook", "--out", "out").exit_code == 0
    shutil.move(project, tmp_path / "out" / "project")
    before = _everything(tmp_path / "out")
    _assert_refused(_build(str(MINIMAL), "-t", "runbook", "--out", "out"), "contains a repository root (project)")
    assert _everything(tmp_path / "out") == before


def test_out_a_folder_of_hand_written_files_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("Written by hand.\n", encoding="utf-8")
    result = _build(str(MINIMAL), "-t", "docs", "--out", "docs")
    _assert_refused(result, "is not empty and playbook did not make it")
    assert _everything(tmp_path / "docs") == {"guide.md": b"Written by hand.\n"}


def test_a_hand_written_folder_named_like_a_target_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert _build(str(MINIMAL), "-t", "zendesk", "--out", "out").exit_code == 0
    (tmp_path / "out" / "runbook").mkdir()
    (tmp_path / "out" / "runbook" / "notes.md").write_text("Mine.\n", encoding="utf-8")
    before = _everything(tmp_path / "out")
    _assert_refused(_build(str(MINIMAL), "-t", "runbook", "--out", "out"), "out/runbook was not made by playbook")
    assert _everything(tmp_path / "out") == before


def test_building_one_target_keeps_the_other_targets_folders_and_the_users_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()  # an empty folder the user made is fine too
    assert _build(str(MINIMAL), "-t", "docs", "--out", "out").exit_code == 0
    (out / "NOTES.md").write_text("Ours.\n", encoding="utf-8")
    docs = _everything(out)
    result = _build(str(MINIMAL), "-t", "site", "--out", "out")
    assert result.exit_code == 0 and result.stdout.startswith("built site into out")
    after = _everything(out)
    assert {name: after[name] for name in docs} == docs
    assert sorted(p.name for p in out.iterdir()) == [output.MARKER, "NOTES.md", "onboarding", "runbook", "site"]
    assert _build(str(MINIMAL), "-t", "docs", "--out", "out").exit_code == 0  # rebuilding keeps NOTES.md too
    assert _everything(out) == after


@pytest.mark.parametrize("umask", [0o022, 0o027], ids=["umask-022", "umask-027"])
def test_output_folders_and_files_get_the_permissions_the_umask_allows(tmp_path, monkeypatch, umask):
    monkeypatch.chdir(tmp_path)
    previous = os.umask(umask)
    try:
        result = _build(str(MINIMAL), "-t", "docs", "-t", "site", "--out", "built/out")
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    modes = {str(p.relative_to(tmp_path)): p.stat().st_mode & 0o777 for p in (tmp_path / "built").rglob("*")}
    modes["built"] = (tmp_path / "built").stat().st_mode & 0o777
    assert len(modes) > 20
    for name, mode in modes.items():
        wanted = (0o777 if (tmp_path / name).is_dir() else 0o666) & ~umask
        assert mode == wanted, f"{name}: {mode:o}, not {wanted:o}"


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build_and_exit(playbook: str, out: str, delay: str) -> None:
    os.environ[output.DELAY_VARIABLE] = delay
    os._exit(_build(playbook, "-t", "runbook", "--out", out).exit_code)


def test_two_builds_into_one_folder_at_once_leave_the_complete_output_of_one(tmp_path):
    # Two playbooks, so the result shows whose output it is; two processes (forked, to skip
    # the interpreter's start-up). The first writes slowly and the second starts while it
    # writes: without the lock the second deleted the first's half-written copy, and the
    # first, finishing last, swapped in what was left.
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    shutil.copy(MINIMAL, first)
    second.write_text(MINIMAL.read_text(encoding="utf-8").replace("Shop is down", "Shop is closed"), encoding="utf-8")
    expected = []
    for index, playbook in enumerate((first, second)):
        assert _build(str(playbook), "-t", "runbook", "--out", str(tmp_path / f"alone-{index}")).exit_code == 0
        expected.append(_tree(tmp_path / f"alone-{index}"))
    assert expected[0] != expected[1]
    out = tmp_path / "out"
    fork = multiprocessing.get_context("fork")
    for slow, fast in ((first, second), (second, first), (first, second)):
        builds = []
        for playbook, delay in ((slow, "0.03"), (fast, "0")):
            builds.append(fork.Process(target=_build_and_exit, args=(str(playbook), str(out), delay)))
            builds[-1].start()
            time.sleep(0.15)
        for build in builds:
            build.join(60)
        assert [build.exitcode for build in builds] == [0, 0]
        assert _tree(out) in expected, f"{slow.name} slow, {fast.name} fast: the folder matches neither build"


def test_a_build_waits_for_the_one_already_writing_into_the_folder(tmp_path):
    out = tmp_path / "out"
    assert _build(str(MINIMAL), "-t", "runbook", "--out", str(out)).exit_code == 0
    before = _tree(out)
    changed = tmp_path / "changed.yaml"
    changed.write_text(MINIMAL.read_text(encoding="utf-8").replace("Shop is down", "Shop is closed"), encoding="utf-8")
    with open(out / output.MARKER, "rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a build does while it writes
        waiting = subprocess.Popen(
            [sys.executable, "-m", "cli", "build", str(changed), "-t", "runbook", "--out", str(out)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        said = waiting.stderr.readline()
        while said and "waiting" not in said:  # lint's warnings come first; "" when the build ended instead
            said = waiting.stderr.readline()
        assert said == f"waiting for another build into {out}\n"
        assert waiting.poll() is None and _tree(out) == before
    stdout, _ = waiting.communicate(timeout=60)
    assert waiting.returncode == 0 and stdout.startswith("built runbook")
    assert _tree(out) != before and sorted(_tree(out)) == sorted(before)


def test_build_counts_the_files_it_wrote_in_words(tmp_path):
    # The minimal example pages nobody, so PagerDuty gets its manifest alone.
    one = _build(str(MINIMAL), "-t", "pagerduty", "--out", str(tmp_path / "out"))
    assert one.stdout == f"built pagerduty into {tmp_path / 'out'} (1 file)\n"
    two = _build(str(MINIMAL), "-t", "pagerduty", "-t", "opsgenie", "--out", str(tmp_path / "out"))
    assert two.stdout == f"built pagerduty, opsgenie into {tmp_path / 'out'} (2 files)\n"
