"""Stable identities for findings, so a finding keeps its identity when lines move.

A fingerprint is a hash of the rule code, the file (relative to a base directory),
the YAML path of the place the finding points at (`contacts.duty-manager.verified`)
and the message with its numbers blanked out (a "last verified 40 days ago"
message changes every day; the problem does not). Line numbers are never part
of it. Baselines and SARIF `partialFingerprints` both use it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from typing import Any

from playbook.findings import Finding
from playbook.yamlload import Loc, Map, Seq

_DIGITS = re.compile(r"\d+")
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_@/+-]+$")


def yaml_paths(data: Any) -> dict[Loc, str]:
    """The YAML path of every key, value and item position in a loaded document.

    A block mapping starts where its first key does; that position gets the
    deeper path (`priorities.P1`, not `priorities`), which does not change when
    another entry is inserted before it.
    """
    index: dict[Loc, str] = {}
    for loc, path in _walk(data, ""):
        index[loc] = path  # parents are walked before their children, so the deepest path wins
    return index


def _walk(node: Any, path: str) -> Iterator[tuple[Loc, str]]:
    stack: list[tuple[Any, str]] = [(node, path)]
    while stack:
        current, here = stack.pop()
        if isinstance(current, Map):
            yield current.loc, here
            for key, value in current.items():
                child = _join(here, key)
                yield current.key_loc(key), child
                yield current.value_loc(key), child
                stack.append((value, child))
        elif isinstance(current, Seq):
            yield current.loc, here
            for index, item in enumerate(current):
                child = f"{here}[{index}]"
                yield current.item_loc(index), child
                stack.append((item, child))


def _join(path: str, key: Any) -> str:
    text = str(key)
    part = text if _PLAIN_KEY.fullmatch(text) else '"' + text.replace('"', '\\"') + '"'
    return f"{path}.{part}" if path else part


def relative(path: str, base_dir: str) -> str:
    """`path` relative to `base_dir`, with forward slashes, so fingerprints match across machines."""
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(base_dir))
    return rel.replace(os.sep, "/")


def fingerprint(finding: Finding, yaml_path: str, base_dir: str) -> str:
    loc = finding.location
    parts = (finding.code, relative(loc.path, base_dir), yaml_path, _DIGITS.sub("#", finding.message))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]


def locate_path(index: dict[Loc, str], finding: Finding) -> str:
    loc = finding.location
    return index.get((loc.path, loc.line, loc.column), "")
