"""No data lost, ever: a killed build leaves the previous output, lint never writes, output never varies."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

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
        staging = list(tmp_path.glob(".out.new-*"))
    slow.send_signal(signal.SIGKILL)
    slow.wait()
    assert staging, "the build never started writing"
    assert _tree(out) == before  # killed mid-write: nothing of the new build is visible
    assert _playbook(*_build_args(EXAMPLES / "online-care", out)).wait() == 0
    assert _tree(out) != before and sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_output_killed_between_two_renames_is_restored_by_the_next_build(tmp_path):
    # Where directories cannot be exchanged atomically, a kill between the two
    # renames leaves only `.out.old-*`; the next build puts it back first.
    (tmp_path / ".out.old-x1").mkdir()
    (tmp_path / ".out.old-x1" / "kept.txt").write_bytes(b"previous")
    (tmp_path / ".out.new-x2").mkdir()
    output._sweep(str(tmp_path), "out")
    assert _tree(tmp_path / "out") == {"kept.txt": b"previous"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_swapping_without_an_atomic_exchange_keeps_old_or_new(tmp_path, monkeypatch):
    monkeypatch.setattr(output, "_exchange", lambda first, second: False)
    output.write_atomic(str(tmp_path / "out"), {"a.txt": b"old"})
    output.write_atomic(str(tmp_path / "out"), {"b/c.txt": b"new"})
    assert _tree(tmp_path / "out") == {"b/c.txt": b"new"}
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
    assert {name.split("/")[1] for name in runs[0] if name.startswith("out/")} == set(targets.TARGETS)
