"""Write build output atomically: the previous output survives any failure, even a kill."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time

# Seconds to pause after each file: lets a test kill a build while it writes.
DELAY_VARIABLE = "PLAYBOOK_WRITE_DELAY"


def write_atomic(out_dir: str, files: dict[str, bytes]) -> None:
    """Replace `out_dir` with exactly `files` (relative path -> bytes), all or nothing.

    Everything is written into a fresh sibling directory first; only when every
    file is on disk is it swapped in, with one atomic exchange of the two
    directories where the system has one (Linux), so a crash at any point
    leaves either the old or the new output, never a mix and never neither.
    """
    out_dir = os.path.abspath(out_dir)
    parent = os.path.dirname(out_dir)
    os.makedirs(parent, exist_ok=True)
    _sweep(parent, os.path.basename(out_dir))
    staging = tempfile.mkdtemp(prefix=f".{os.path.basename(out_dir)}.new-", dir=parent)
    delay = float(os.environ.get(DELAY_VARIABLE) or 0)
    try:
        for relative in sorted(files):
            target = os.path.join(staging, relative)
            if os.path.commonpath([staging, os.path.abspath(target)]) != staging:
                raise ValueError(f"refusing to write outside the output directory: {relative}")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(files[relative])
            if delay:
                time.sleep(delay)
        _sync_files(staging, sorted(files))
        _swap(staging, out_dir)
        _sync_directory(parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: str, out_dir: str) -> None:
    if not os.path.exists(out_dir):
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous output
        return
    # No atomic exchange: two renames. A kill between them leaves no `out_dir`
    # but the previous output in `.old-`, which the next build's sweep restores.
    retired = tempfile.mkdtemp(prefix=f".{os.path.basename(out_dir)}.old-", dir=os.path.dirname(out_dir))
    os.rmdir(retired)
    os.rename(out_dir, retired)
    try:
        os.rename(staging, out_dir)
    except BaseException:
        os.rename(retired, out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _sync_files(staging: str, relatives: list[str]) -> None:
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
    for relative in relatives:
        with open(os.path.join(staging, relative), "rb") as handle:
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


def _sweep(parent: str, base: str) -> None:
    """Clear what a killed build left: its staging folders, and restore the output if it was mid-swap."""
    names = sorted(os.listdir(parent))
    retired = [n for n in names if n.startswith(f".{base}.old-")]
    if retired and not os.path.exists(os.path.join(parent, base)):
        os.rename(os.path.join(parent, retired[0]), os.path.join(parent, base))
        retired = retired[1:]
    for name in names:
        if name.startswith(f".{base}.new-") or name in retired:
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)
