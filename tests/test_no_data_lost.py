"""No data lost, ever: a killed build leaves the previous output, lint never writes, output never varies."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import targets
from targets.shared import output
from tests.helpers import EXAMPLES, ROOT


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _stat(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file()
    }


def _playbook(*args: str, seed: str = "0", env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:  # type: ignore[no-untyped-def]
    environment = {**os.environ, "PYTHONHASHSEED": seed, **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "cli", *args], cwd=ROOT, env=environment, **kwargs)


def _build_args(source: Path, out: Path) -> list[str]:
    return ["build", str(source), *(a for name in sorted(targets.TARGETS) for a in ("-t", name)), "-o", str(out)]


def test_a_build_killed_while_writing_leaves_the_previous_output_untouched(tmp_path):
    out = tmp_path / "out"
    assert _playbook(*_build_args(EXAMPLES / "minimal.yaml", out)).wait() == 0
    before = _tree(out)
    slow = _playbook(
        *_build_args(EXAMPLES / "online-care", out),
        env={output.DELAY_VARIABLE: "0.2"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    staging: list[Path] = []
    while not any(p.is_file() for folder in staging for p in folder.rglob("*")) and time.monotonic() < deadline:
        time.sleep(0.02)
        staging = list(out.glob(".playbook-new-*"))
    slow.send_signal(signal.SIGKILL)
    slow.wait()
    assert staging, "the build never started writing"
    # Killed mid-write: nothing of the new build is visible; its half-written copy waits for the next build.
    assert {k: v for k, v in _tree(out).items() if not k.startswith(".playbook-new-")} == before
    assert _playbook(*_build_args(EXAMPLES / "online-care", out)).wait() == 0
    assert _tree(out) != before and sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert sorted(p.name for p in out.iterdir()) == sorted([output.MARKER, *targets.TARGETS])


class _Killed(BaseException):
    """Stands in for SIGKILL inside the process: the build stops where it is."""


def _kill_at_step(patch: pytest.MonkeyPatch, kill_at: int, *, undo: bool = False) -> list[int]:
    """Make the `kill_at`-th rename or directory exchange raise `_Killed` (0: none); returns the step count."""
    calls = [0]

    def counted(real):  # type: ignore[no-untyped-def]
        def step(*args):  # type: ignore[no-untyped-def]
            calls[0] += 1
            if calls[0] == kill_at:
                raise _Killed
            return real(*args)

        return step

    patch.setattr(os, "rename", counted(os.rename))
    patch.setattr(output, "_exchange", counted(output._exchange))
    if not undo:
        patch.setattr(output, "_undo", lambda out, swapping: None)  # a killed process cleans nothing up
    return calls


@pytest.mark.parametrize("can_exchange", [True, False], ids=["renameat2", "two-renames"])
def test_a_build_killed_at_any_step_of_the_swap_leaves_the_previous_output_after_the_next_build(
    tmp_path, monkeypatch, can_exchange
):
    # Killed before or after any rename of a three-target swap, and its repair killed
    # too: the next build (of another target) puts every target back as it was.
    monkeypatch.setattr(output, "_sync_files", lambda staging, paths: None)  # durability is not the point here
    if not can_exchange:
        monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    old = {"a": {"f.txt": b"old a"}, "b": {"f.txt": b"old b", "g/h.txt": b"old h"}}
    new = {"a": {"f.txt": b"new a"}, "b": {"x.txt": b"new b"}, "n": {"n.txt": b"new"}}
    output.write_targets(str(tmp_path / "probe"), old, "nowhere.yaml")
    with monkeypatch.context() as counting:
        steps = _kill_at_step(counting, 0)
        output.write_targets(str(tmp_path / "probe"), new, "nowhere.yaml")
    assert steps[0] == (4 if can_exchange else 8)  # commit, then a and b replaced, n new
    for kill_at in range(1, steps[0] + 1):
        for repair_killed_at in (0, 1, 2):
            out = tmp_path / f"out-{kill_at}-{repair_killed_at}"
            output.write_targets(str(out), old, "nowhere.yaml")
            before = _tree(out)
            with monkeypatch.context() as killing, pytest.raises(_Killed):
                _kill_at_step(killing, kill_at)
                output.write_targets(str(out), new, "nowhere.yaml")
            if repair_killed_at:
                with monkeypatch.context() as killing, contextlib.suppress(_Killed):
                    _kill_at_step(killing, repair_killed_at, undo=True)
                    output._repair(str(out))
            output.write_targets(str(out), {"c": {"c.txt": b"c"}}, "nowhere.yaml")
            after = _tree(out)
            assert after.pop("c/c.txt") == b"c" and after.pop(f"c/{output.MARKER}")
            assert after == before, (kill_at, repair_killed_at)
            assert sorted(p.name for p in out.iterdir()) == [output.MARKER, "a", "b", "c"]


def test_swapping_without_an_atomic_exchange_keeps_old_or_new(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    out = tmp_path / "out"
    output.write_targets(str(out), {"t": {"a.txt": b"old"}}, "nowhere.yaml")
    output.write_targets(str(out), {"t": {"b/c.txt": b"new"}}, "nowhere.yaml")
    assert sorted(_tree(out / "t")) == [output.MARKER, "b/c.txt"] and (out / "t/b/c.txt").read_bytes() == b"new"
    assert sorted(p.name for p in out.iterdir()) == [output.MARKER, "t"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _noisy_playbook(folder: Path) -> Path:
    """The online-care example outside `examples/` (so placeholder warnings fire) plus a file with errors."""
    shutil.copytree(EXAMPLES / "online-care", folder)
    (folder / "extra.yaml").write_text(
        "contacts:\n  duty-manager: {name: Again}\n  ghost: {name: Ghost, team: nowhere, phone: +4915112345678}\n"
        "escalation:\n  - {from: ghost, to: nobody, after: 5m}\n",
        encoding="utf-8",
    )
    return folder


FORMATS = ("text", "json", "sarif", "github", "junit")


def test_lint_never_writes_to_the_playbook(tmp_path):
    playbook = _noisy_playbook(tmp_path / "playbook")
    before = _stat(playbook)
    reports = tmp_path / "reports"
    reports.mkdir()
    args = ["lint", str(playbook), *(a for f in FORMATS for a in ("-f", f"{f}:{reports / f}"))]
    assert _playbook(*args, stdout=subprocess.DEVNULL).wait() == 1
    assert _playbook("lint", str(playbook / "playbook.yaml"), stdout=subprocess.DEVNULL).wait() in (0, 1)
    assert _stat(playbook) == before  # same files, same bytes, same modification times
    assert sorted(p.name for p in reports.iterdir()) == sorted(FORMATS)


def test_every_lint_format_and_every_target_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    playbook = _noisy_playbook(tmp_path / "noisy")
    runs = []
    for index, seed in enumerate(("0", "4242", "0")):
        folder = tmp_path / f"run{index}"
        folder.mkdir()
        lint = ["lint", str(playbook), *(a for f in FORMATS for a in ("-f", f"{f}:{folder / ('lint.' + f)}"))]
        build = _build_args(EXAMPLES / "online-care", folder / "out")
        jobs = [_playbook(*lint, seed=seed, stdout=subprocess.DEVNULL), _playbook(*build, seed=seed)]
        assert [job.wait() for job in jobs] == [1, 0]
        runs.append(_tree(folder))
    assert runs[0] == runs[1] == runs[2]
    assert {f"lint.{f}" for f in FORMATS} <= set(runs[0])
    assert {name.split("/")[1] for name in runs[0] if name.startswith("out/")} == {output.MARKER, *targets.TARGETS}


def test_a_large_previous_output_is_deleted_after_the_build_answers_and_before_the_next_build(tmp_path):
    out = tmp_path / "out"
    old = {"t": {f"old{i:04d}.txt": b"old" for i in range(output.DETACHED_DELETE)}}
    new = {"t": {f"new{i:04d}.txt": b"new" for i in range(output.DETACHED_DELETE)}}
    output.write_targets(str(out), old, "nowhere.yaml")
    output.write_targets(str(out), new, "nowhere.yaml")  # the old files are deleted by a detached process
    assert sorted(_tree(out / "t")) == sorted([output.MARKER, *new["t"]])
    # The next build into the folder takes its lock only once that deletion is done.
    output.write_targets(str(out), {"u": {"u.txt": b"u"}}, "nowhere.yaml")
    assert sorted(p.name for p in out.iterdir()) == [output.MARKER, "t", "u"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
