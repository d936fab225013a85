"""Load a playbook as it was at a git revision, without touching the working tree.

Files are read with `git show REV:FILE` and parsed like files on disk; their
paths read `REV:path/to/file.yaml` so every message says which version it is about.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from playbook.source import YAML_SUFFIXES, Source, UsageError, assemble
from playbook.yamlfile import decode
from playbook.yamlload import LoadedFile, load_text


def load_revision(rev: str, path: str) -> Source:
    """The playbook at `path` (a file or directory, relative to the current folder) as of `rev`."""
    top = _toplevel(path)
    prefix = os.path.relpath(os.path.abspath(path), top).replace(os.sep, "/")
    if prefix.startswith(".."):
        raise UsageError(f"{path}: not inside the git repository at {top}")
    names = _files(top, rev, "" if prefix == "." else prefix)
    if not names:
        raise UsageError(f"{rev}:{path}: no .yaml or .yml files at that revision")
    return assemble(f"{rev}:{path}", (_load(top, rev, name) for name in names))


def _git(top: str, *args: str) -> bytes:
    if shutil.which("git") is None:
        raise UsageError("git is not installed; compare two folders instead")
    done = subprocess.run(["git", "-C", top, *args], capture_output=True)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def _toplevel(path: str) -> str:
    folder = os.path.abspath(path)
    while not os.path.isdir(folder):  # the path may exist only in the old revision
        folder = os.path.dirname(folder)
    return _git(folder, "rev-parse", "--show-toplevel").decode().strip()


def _files(top: str, rev: str, prefix: str) -> list[str]:
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except UsageError:
        raise UsageError(f"{rev!r} is not a git revision (a branch, tag or commit) in {top}") from None
    listed = _git(top, "ls-tree", "-r", "-z", "--name-only", rev, "--", prefix or ".")
    names = [name for name in listed.decode("utf-8", "replace").split("\0") if name]
    return sorted(name for name in names if _is_playbook_file(name, prefix))


def _is_playbook_file(name: str, prefix: str) -> bool:
    # The same choice as on disk: YAML files, no hidden files or folders below the playbook's root.
    below = name[len(prefix) :].lstrip("/") if prefix and name != prefix else os.path.basename(name)
    parts = below.split("/")
    return name.endswith(YAML_SUFFIXES) and not any(part.startswith(".") for part in parts)


def _load(top: str, rev: str, name: str) -> LoadedFile:
    label = f"{rev}:{name}"
    text, problem = decode(label, _git(top, "show", f"{rev}:{name}"))
    if problem is not None:
        return LoadedFile(label, findings=[problem])
    return load_text(label, text or "")
