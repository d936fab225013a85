"""Find a playbook's files and merge them into one document.

A playbook is one YAML file or a directory of them (searched recursively,
hidden files skipped). Sections that are mappings merge by id across files;
sections that are lists are concatenated in file order; a scalar such as
`timezone` may be set in one file only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from playbook.findings import Finding, Location, Severity, shown
from playbook.yamlfile import load_file
from playbook.yamlload import LoadedFile, Map, Seq

YAML_SUFFIXES = (".yaml", ".yml")
JOBS_VARIABLE = "PLAYBOOK_JOBS"  # worker processes for loading a directory; 1 turns them off
# Below this much YAML a process pool costs more to start than it saves.
PARALLEL_MIN_FILES = 4
PARALLEL_MIN_BYTES = 512 * 1024
_WHAT_TO_PASS = "pass a playbook's .yaml file, or the directory that holds its .yaml files"


class UsageError(Exception):
    """A problem the user must fix before a command can run: input that cannot be read at all (a missing
    path, a directory with no YAML), an unusable file, option or account. `playbook` exits 2 with the message.

    `findings`, when the problem is in the playbook, are shown first, with their lines from `text_of(path)`.
    """

    findings: Sequence[Finding] = ()

    def text_of(self, path: str) -> str:
        return ""


class HasErrors(UsageError):
    """The playbook has errors (`findings`), so a command that needs a working one cannot run."""

    def __init__(self, message: str, findings: Sequence[Finding], text_of: Callable[[str], str]) -> None:
        super().__init__(message)
        self.findings = findings
        self.text_of = text_of  # type: ignore[method-assign]


@dataclass
class Source:
    """A playbook's files, the merged document, and what went wrong loading them."""

    root: str
    files: list[LoadedFile] = field(default_factory=list)
    data: Map = field(default_factory=Map)
    findings: list[Finding] = field(default_factory=list)
    merged: bool = True  # False when the files are several playbooks, so `data` holds none of them

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
    return _walk(path)[0]


def _walk(path: str) -> tuple[list[str], list[Finding]]:
    """The playbook's YAML files, and a finding for each folder below `path` that cannot be read."""
    if os.path.isfile(path):
        return [path], []
    if not os.path.exists(path):
        raise UsageError(f"{path}: no such file or directory (hint: {_WHAT_TO_PASS})")
    if not os.path.isdir(path):
        raise UsageError(f"{path}: not a file or directory (hint: {_WHAT_TO_PASS})")
    found: list[str] = []
    unreadable: list[OSError] = []
    # Linked folders are followed like linked files (not walking them would drop their files
    # without a word); each real folder is read once, so a link back up cannot loop.
    seen: set[str] = set()
    for folder, dirs, files in os.walk(path, onerror=unreadable.append, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                found.append(os.path.join(folder, name))
    top = next((e for e in unreadable if os.path.normpath(e.filename or "") == os.path.normpath(path)), None)
    if top is not None:
        raise UsageError(f"{path}: cannot read this directory: {top.strerror} (hint: check its permissions)")
    if not found and not unreadable:
        raise UsageError(f"{path}: directory holds no .yaml or .yml files (hint: {_WHAT_TO_PASS})")
    problems = [
        Finding(
            "PB010",
            "unreadable-file",
            Severity.ERROR,
            f"cannot read this folder of the playbook: {error.strerror}; its files were not checked",
            Location(str(error.filename or path)),
            "make the folder readable (check its permissions), or move it out of the playbook",
        )
        for error in unreadable
    ]
    return found, problems


def load(path: str) -> Source:
    """Load the playbook at `path` (a file or a directory)."""
    files, problems = _walk(path)
    source = assemble(path, load_files(files))
    source.findings.extend(problems)
    return source


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
    if len(paths) < PARALLEL_MIN_FILES:
        return 1  # before importing multiprocessing: 15 ms of a one-file run
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if sum(_size(p) for p in paths) < PARALLEL_MIN_BYTES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(idle_cores(cores), len(paths), 8)


def idle_cores(cores: int) -> int:
    """How many processes can parse at once without being slower than one: 1 plus the cores other work leaves idle.

    Workers cost a fork each and a pickle of every parsed file; on cores other
    programs keep busy they only wait their turn, and a pool there was slower
    than one process (issue 17: 10k contacts over 100 files on a shared 2-core
    machine, 5.7 s against 5.2 s). The one-minute load average says how busy
    the cores are; a core counts as idle when at most half of it is in use.
    """
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on every platform
        return cores
    return max(1, min(cores, 1 + int(cores - 1 - load + 0.5)))


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def assemble(root: str, files: Iterable[LoadedFile]) -> Source:
    """Merge loaded files into one playbook (files may come from disk or from a git revision)."""
    source = Source(root=root, files=list(files))
    for loaded in source.files:
        source.findings.extend(loaded.findings)
    several = _several_playbooks(source.files)
    if several is not None:
        source.findings.append(several)
        source.merged = False
        return source
    for loaded in source.files:
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


def _several_playbooks(files: list[LoadedFile]) -> Finding | None:
    """A finding when the files name more than one playbook: merging them would only report duplicates."""
    named: dict[str, LoadedFile] = {}
    for loaded in files:
        if isinstance(loaded.data, Map) and isinstance(loaded.data.get("playbook"), str):
            named.setdefault(loaded.data["playbook"], loaded)
    if len(named) < 2:
        return None
    (_, first), *others = named.items()
    listed = ", ".join(repr(name) for name in named)
    return Finding(
        "PB012",
        "several-playbooks",
        Severity.ERROR,
        f"these files hold {len(named)} playbooks ({listed}), not one playbook split into files",
        Location(*first.data.value_loc("playbook")),
        "give each playbook its own folder, and pass each folder to playbook lint",
        tuple((Location(*other.data.value_loc("playbook")), f"playbook {name!r}") for name, other in others),
    )


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
            f"{shown(key)} is defined in two files of this playbook",
            Location(*again),
            "keep one definition; ids must be unique across the playbook's files",
            ((Location(*first), "first defined here"),),
        )
    )
