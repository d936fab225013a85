"""Write build output into the user's `--out` folder without ever losing a file playbook did not write.

`--out` belongs to the user. A build replaces only what playbook wrote itself:
one sub-folder per target, marked as playbook's by a MARKER file inside it.
The `--out` folder carries the same marker once playbook has used it; that file
is also the lock that makes two builds into one folder take turns.

Each target's folder is written in full beside the live one, synced, then swapped
in with one atomic exchange (Linux renameat2), so a reader sees the old folder
or the new one, never a mix. A build that fails or is killed leaves the previous
output: killed while writing, its half-written copy is deleted by the next
build; killed while swapping several targets in, the next build swaps back the
ones already done (a journal records which folders are the new ones).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping

from playbook.source import UsageError

# Seconds to pause after each file: lets a test kill a build while it writes.
DELAY_VARIABLE = "PLAYBOOK_WRITE_DELAY"
MARKER = ".playbook-output"
_ROOT_NOTE = (
    b"This folder holds output of `playbook build`. A build replaces only its targets' sub-folders\n"
    b"(each marked by a .playbook-output file); anything else here is left alone.\n"
    b"This file also keeps two builds into this folder from running at once.\n"
)
_TARGET_NOTE = "Made by `playbook build --target {target}`: the next build of that target replaces this whole folder.\n"
# Being written: a killed build's copy is deleted by the next build.
_STAGING = ".playbook-new-"
# Written and synced, being swapped in: a killed build's swaps are undone by the next build.
_SWAPPING = ".playbook-swap-"
_JOURNAL = "journal.json"
# From this many files written, the previous output is deleted by a detached process (see _delete_detached);
# below it, deleting takes less than forking.
DETACHED_DELETE = 1_000


def replace_file(path: str, content: str) -> None:
    """Write one text file whole or not at all: a reader (a CI upload step) never sees half a report."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    staging = os.path.join(folder, f".playbook-{secrets.token_hex(8)}")
    # Not mkstemp, which makes the file 0600: a report, schema or playbook gets the umask's permissions.
    handle = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(staging, path)
    except BaseException:
        if os.path.exists(staging):
            os.unlink(staging)
        raise


class Refused(UsageError):
    """`--out` names a folder that is not playbook's to write; the message says why and what to do, in one line."""


def check(out_dir: str, playbook: str, targets: Iterable[str]) -> None:
    """Raise `Refused` unless building `targets` into `out_dir` can only replace what playbook wrote."""
    out = os.path.realpath(out_dir)
    own = "build into a new or empty folder of its own, such as --out out"
    for what, path in (("the current directory", os.getcwd()), ("the playbook", playbook)):
        real = os.path.realpath(path)
        if real == out:
            raise Refused(f"--out {out_dir} is {what}; {own}")
        if os.path.commonpath([real, out]) == out:
            raise Refused(f"--out {out_dir} contains {what} ({path}); {own}")
    if not os.path.lexists(out):
        return
    if not os.path.isdir(out):
        raise Refused(f"--out {out_dir} is not a folder; {own}")
    if os.path.lexists(os.path.join(out, ".git")):
        raise Refused(f"--out {out_dir} is a repository root; {own}")
    entries = sorted(os.listdir(out))
    if entries and MARKER not in entries:
        raise Refused(f"--out {out_dir} is not empty and playbook did not make it (it has no {MARKER}); {own}")
    for entry in entries:
        if os.path.lexists(os.path.join(out, entry, ".git")):
            raise Refused(f"--out {out_dir} contains a repository root ({entry}); {own}")
    for target in targets:
        folder = os.path.join(out, target)
        if os.path.lexists(folder) and (os.path.islink(folder) or not os.path.isfile(os.path.join(folder, MARKER))):
            raise Refused(
                f"--out {out_dir}: {os.path.join(out_dir, target)} was not made by playbook (it has no {MARKER}); "
                "move it away or build into another folder"
            )


def write_targets(
    out_dir: str,
    outputs: Mapping[str, Mapping[str, bytes]],
    playbook: str,
    on_wait: Callable[[], None] | None = None,
) -> None:
    """Replace `out_dir/<target>` with exactly `outputs[target]` (relative path -> bytes) for each target.

    Nothing else in `out_dir` is touched. Raises `Refused` (before writing
    anything) when `out_dir` is not playbook's to write; see `check`. Another
    build into the same folder is waited for, calling `on_wait` first.
    """
    check(out_dir, playbook, outputs)
    out = os.path.realpath(out_dir)
    os.makedirs(out, exist_ok=True)
    with _locked(out, on_wait):
        _repair(out)
        check(out_dir, playbook, outputs)  # again under the lock: what another build left is now settled
        staging = tempfile.mkdtemp(prefix=_STAGING, dir=out)
        try:
            count = _stage(staging, outputs)
            swapping = os.path.join(out, _SWAPPING + os.path.basename(staging)[len(_STAGING) :])
            os.rename(staging, swapping)  # the commit point: from here a killed build is undone, not deleted
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        try:
            for target in sorted(outputs):
                _swap(os.path.join(swapping, target), os.path.join(out, target))
        except BaseException:
            with contextlib.suppress(OSError):  # if undoing fails too, the next build's repair does it
                _undo(out, swapping)
            raise
        # Done: from here on the swap folder holds only previous output, never something to undo.
        os.unlink(os.path.join(swapping, _JOURNAL))
        _sync_directory(swapping)
        if count < DETACHED_DELETE or not _delete_detached(swapping):
            shutil.rmtree(swapping, ignore_errors=True)
        _sync_directory(out)


@contextlib.contextmanager
def _locked(out: str, on_wait: Callable[[], None] | None) -> Iterator[None]:
    handle = os.open(os.path.join(out, MARKER), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        if os.fstat(handle).st_size == 0:
            os.write(handle, _ROOT_NOTE)
        yield
    finally:
        os.close(handle)  # releases the lock


def _delete_detached(folder: str) -> bool:
    """Delete `folder` (previous output, already swapped out) in a process nobody waits for; False if none started.

    Deleting the 13,000 files of a build of every target at 10k contacts took
    1 s CPU and 1.3-14 s wall on a shared machine, after the new output was in
    place: the build now answers without it. The process inherits the lock on
    `--out`, so the next build into it waits until the folder is gone (and a
    killed deletion is finished by the next build's repair).
    """
    try:
        child = os.fork()
    except OSError:
        return False
    if child == 0:  # pragma: no cover - runs in the forked process
        try:
            if os.fork() == 0:  # the grandchild: adopted by init, so the build's own exit waits for nothing
                os.setsid()
                # Not holding the build's stdout and stderr: a pipe reading them would wait for the deletion.
                quiet = os.open(os.devnull, os.O_RDWR)
                for stream in (0, 1, 2):
                    os.dup2(quiet, stream)
                shutil.rmtree(folder, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    return True


def _stage(staging: str, outputs: Mapping[str, Mapping[str, bytes]]) -> int:
    """Write every target's folder into `staging`, with a journal of their inodes, all synced to disk; the count."""
    delay = float(os.environ.get(DELAY_VARIABLE) or 0)
    inodes: dict[str, int] = {}
    written: list[str] = []
    for target in sorted(outputs):
        if not target or os.path.basename(target) != target or target.startswith("."):
            raise ValueError(f"not a target folder name: {target!r}")
        if MARKER in outputs[target]:
            raise ValueError(f"target {target} renders a file named {MARKER}, which playbook keeps for itself")
        folder = os.path.join(staging, target)
        os.mkdir(folder)
        files = outputs[target]
        made = {folder}
        for relative in sorted([*files, MARKER]):
            path = os.path.join(folder, relative)
            if os.path.commonpath([folder, os.path.abspath(path)]) != folder:
                raise ValueError(f"refusing to write outside the output directory: {relative}")
            parent = os.path.dirname(path)
            if parent not in made:  # thousands of files share a few folders
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            with open(path, "wb") as handle:
                handle.write(files[relative] if relative != MARKER else _TARGET_NOTE.format(target=target).encode())
            written.append(path)
            if delay:
                time.sleep(delay)
        del files  # a lazy mapping renders the next target only once this one can be freed
        inodes[target] = os.stat(folder).st_ino
    journal = os.path.join(staging, _JOURNAL)
    with open(journal, "w", encoding="utf-8") as handle:
        json.dump(inodes, handle, sort_keys=True)
    written.append(journal)
    _sync_files(staging, written)
    return len(written)


def _swap(staged: str, live: str) -> None:
    """Put the folder `staged` at `live`; the previous `live`, if any, ends up at `staged` (or `staged.old`)."""
    if not os.path.lexists(live):
        os.rename(staged, live)
        return
    if _exchange(staged, live):
        return
    # No atomic exchange: two renames. A kill between them leaves no `live`,
    # with the previous output aside, which the next build's repair puts back.
    os.rename(live, staged + ".old")
    os.rename(staged, live)


def _repair(out: str) -> None:
    """Clear what a killed build left: its half-written copy, and any of its folders already swapped in."""
    for name in sorted(os.listdir(out)):
        path = os.path.join(out, name)
        if name.startswith(_SWAPPING):
            _undo(out, path)
        elif name.startswith(_STAGING):
            shutil.rmtree(path, ignore_errors=True)


def _undo(out: str, swapping: str) -> None:
    """Put back the previous folder of every target that `swapping` (a build's swap folder) already replaced."""
    journal = os.path.join(swapping, _JOURNAL)
    try:
        with open(journal, encoding="utf-8") as handle:
            inodes = json.load(handle)
    except FileNotFoundError:
        inodes = {}  # the build had finished; what is left is previous output being deleted
    for target, inode in sorted(inodes.items()):
        if os.path.basename(target) == target and not target.startswith("."):
            _restore(os.path.join(out, target), os.path.join(swapping, target), inode)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(journal)
    _sync_directory(out)
    shutil.rmtree(swapping, ignore_errors=True)


def _restore(live: str, staged: str, inode: int) -> None:
    """Undo `_swap(staged, live)` from wherever it stopped; the new folder is the one with `inode`."""
    aside = staged + ".old"
    if _inode(live) == inode:
        previous = next((p for p in (staged, aside) if os.path.lexists(p)), None)
        if previous is not None and _exchange(previous, live):
            return
        os.rename(live, staged + ".new")
    if not os.path.lexists(live):
        previous = next((p for p in (staged, aside) if os.path.lexists(p) and _inode(p) != inode), None)
        if previous is not None:
            os.rename(previous, live)


def _inode(path: str) -> int | None:
    try:
        return os.lstat(path).st_ino
    except FileNotFoundError:
        return None


def _sync_files(staging: str, paths: list[str]) -> None:
    """Every file on disk before the swap: one syncfs of the file system (Linux), else fsync each file.

    Thousands of help-desk payloads made one fsync per file most of a large build's writing time.
    """
    try:
        import ctypes

        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        syncfs = None
    if syncfs is not None:
        handle = os.open(staging, os.O_RDONLY)
        try:
            if syncfs(handle) == 0:
                return
        finally:
            os.close(handle)
    for path in paths:
        with open(path, "rb") as handle:
            os.fsync(handle.fileno())


def _sync_directory(path: str) -> None:
    """Make the renames themselves durable (a power cut after a build keeps the new output)."""
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync a directory; the data files are synced already
    finally:
        os.close(handle)


def _exchange(first: str, second: str) -> bool:
    """Swap two directories in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        import ctypes

        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # the file system cannot exchange: fall back to renames
    raise OSError(code, os.strerror(code), second)
