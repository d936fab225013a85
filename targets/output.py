"""Write build output atomically: the previous output survives any failure, even a kill."""

from __future__ import annotations

import os
import shutil
import tempfile


def write_atomic(out_dir: str, files: dict[str, bytes]) -> None:
    """Replace `out_dir` with exactly `files` (relative path -> bytes), all or nothing.

    Everything is written into a fresh sibling directory first; only when every
    file is on disk is it swapped in with renames, so a crash at any point
    leaves either the old or the new output, never a mix.
    """
    out_dir = os.path.abspath(out_dir)
    parent = os.path.dirname(out_dir)
    os.makedirs(parent, exist_ok=True)
    _sweep(parent, os.path.basename(out_dir))
    staging = tempfile.mkdtemp(prefix=f".{os.path.basename(out_dir)}.new-", dir=parent)
    try:
        for relative in sorted(files):
            target = os.path.join(staging, relative)
            if os.path.commonpath([staging, os.path.abspath(target)]) != staging:
                raise ValueError(f"refusing to write outside the output directory: {relative}")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(files[relative])
                handle.flush()
                os.fsync(handle.fileno())
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: str, out_dir: str) -> None:
    if not os.path.exists(out_dir):
        os.rename(staging, out_dir)
        return
    retired = tempfile.mkdtemp(prefix=f".{os.path.basename(out_dir)}.old-", dir=os.path.dirname(out_dir))
    os.rmdir(retired)
    os.rename(out_dir, retired)
    try:
        os.rename(staging, out_dir)
    except BaseException:
        os.rename(retired, out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _sweep(parent: str, base: str) -> None:
    """Remove staging folders left by a build that was killed."""
    for name in os.listdir(parent):
        if name.startswith((f".{base}.new-", f".{base}.old-")):
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)
