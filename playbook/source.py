"""Find a playbook's files and merge them into one document.

A playbook is one YAML file or a directory of them (searched recursively,
hidden files skipped). Sections that are mappings merge by id across files;
sections that are lists are concatenated in file order; a scalar such as
`timezone` may be set in one file only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from playbook.findings import Finding, Location, Severity
from playbook.yamlload import LoadedFile, Map, Seq, load_file

YAML_SUFFIXES = (".yaml", ".yml")
JOBS_VARIABLE = "PLAYBOOK_JOBS"  # worker processes for loading a directory; 1 turns them off
# Below this much YAML a process pool costs more to start than it saves.
PARALLEL_MIN_FILES = 4
PARALLEL_MIN_BYTES = 512 * 1024
_WHAT_TO_PASS = "pass a playbook's .yaml file, or the directory that holds its .yaml files"


class UsageError(Exception):
    """The input cannot be read at all: a missing path or a directory with no YAML."""


@dataclass
class Source:
    """A playbook's files, the merged document, and what went wrong loading them."""

    root: str
    files: list[LoadedFile] = field(default_factory=list)
    data: Map = field(default_factory=Map)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def text_of(self, path: str) -> str:
        for loaded in self.files:
            if loaded.path == path:
                return loaded.text
        return ""


def discover(path: str) -> list[str]:
    """The YAML files that make up the playbook at `path`, in a stable order."""
    if os.path.isfile(path):
        return [path]
    if not os.path.exists(path):
        raise UsageError(f"{path}: no such file or directory (hint: {_WHAT_TO_PASS})")
    if not os.path.isdir(path):
        raise UsageError(f"{path}: not a file or directory (hint: {_WHAT_TO_PASS})")
    found: list[str] = []
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                found.append(os.path.join(folder, name))
    if not found:
        raise UsageError(f"{path}: directory holds no .yaml or .yml files (hint: {_WHAT_TO_PASS})")
    return found


def load(path: str) -> Source:
    """Load the playbook at `path` (a file or a directory)."""
    return assemble(path, load_files(discover(path)))


def load_files(paths: list[str]) -> list[LoadedFile]:
    """Parse the files, in worker processes when there are enough of them; results in `paths` order.

    Each file parses on its own (merging comes after), so a directory of many
    files spreads over the cores; the parsed trees travel back pickled, which
    costs a fraction of parsing them.
    """
    workers = _workers(paths)
    if workers <= 1:
        return [load_file(p) for p in paths]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    chunk = max(1, len(paths) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(load_file, paths, chunksize=chunk))


def _workers(paths: list[str]) -> int:
    wanted = os.environ.get(JOBS_VARIABLE, "")
    if wanted.isdigit():
        return min(int(wanted), len(paths))
    import multiprocessing

    if len(paths) < PARALLEL_MIN_FILES or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if sum(_size(p) for p in paths) < PARALLEL_MIN_BYTES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, len(paths), 8)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def assemble(root: str, files: Iterable[LoadedFile]) -> Source:
    """Merge loaded files into one playbook (files may come from disk or from a git revision)."""
    source = Source(root=root)
    for loaded in files:
        source.files.append(loaded)
        source.findings.extend(loaded.findings)
        if loaded.data is None:
            continue
        if not isinstance(loaded.data, Map):
            source.findings.append(
                Finding(
                    "PB007",
                    "root-not-mapping",
                    Severity.ERROR,
                    f"the top level of a playbook file must be a mapping of sections, not a {_kind(loaded.data)}",
                    Location(loaded.path, 1, 1),
                    "start the file with a section such as 'playbook:', 'priorities:' or 'contacts:'",
                )
            )
            continue
        _merge(source, loaded.data)
    return source


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    return "single value"


def _merge(source: Source, part: Map) -> None:
    merged = source.data
    if not merged.loc[0]:
        merged.loc = part.loc
    for key, value in part.items():
        if key not in merged:
            merged[key] = value
            merged.locs[key] = part.locs[key]
            continue
        existing = merged[key]
        if isinstance(existing, Map) and isinstance(value, Map):
            _merge_entries(source, existing, value)
        elif isinstance(existing, Seq) and isinstance(value, Seq):
            combined = Seq()
            combined.loc = existing.loc
            combined.extend(existing)
            combined.extend(value)
            combined.item_locs = existing.item_locs + value.item_locs
            merged[key] = combined
        else:
            _duplicate(source, key, merged.key_loc(key), part.key_loc(key))


def _merge_entries(source: Source, into: Map, part: Map) -> None:
    for key, value in part.items():
        if key in into:
            _duplicate(source, key, into.key_loc(key), part.key_loc(key))
            continue
        into[key] = value
        into.locs[key] = part.locs[key]


def _duplicate(source: Source, key: str, first: tuple[str, int, int], again: tuple[str, int, int]) -> None:
    source.findings.append(
        Finding(
            "PB002",
            "duplicate-key",
            Severity.ERROR,
            f"{key!r} is defined in two files of this playbook",
            Location(*again),
            "keep one definition; ids must be unique across the playbook's files",
            ((Location(*first), "first defined here"),),
        )
    )
