"""Which files a configuration's per-path ignore covers: gitignore-like patterns."""

from __future__ import annotations

import fnmatch
import os
import re


def matches(path: str, patterns: tuple[str, ...], base_dir: str) -> bool:
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir)).replace(os.sep, "/")
    return any(_glob(rel, pattern) for pattern in patterns)


def _glob(path: str, pattern: str) -> bool:
    """gitignore-like: `**` spans directories, a pattern without '/' matches the file name anywhere."""
    pattern = pattern.strip().lstrip("/") if pattern.startswith("/") else pattern.strip()
    if pattern.endswith("/"):
        pattern += "**"
    if "/" not in pattern:
        return fnmatch.fnmatchcase(path.rsplit("/", 1)[-1], pattern)
    return re.fullmatch(_glob_regex(pattern), path) is not None


def _glob_regex(pattern: str) -> str:
    out = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return "".join(out)
