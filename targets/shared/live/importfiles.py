"""The files `playbook import` writes: never one it did not write, each swapped in whole."""

from __future__ import annotations

import os
from pathlib import Path

from playbook import source
from targets.shared import output
from targets.shared.live import adoption as adoption_file

HEADER = "# Imported by `playbook import`"


class ImportError_(source.UsageError):
    """The account cannot be imported as asked (e.g. no managed objects, several playbooks)."""


OUTPUT_FILES = ("playbook.yaml", "import-report.md")


def check_output(out: str, names: tuple[str, ...] = OUTPUT_FILES) -> None:
    """Raise ImportError_ unless an import may write `names` into `out` (checked before reading an account)."""
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ImportError_(f"{out} exists and is not a folder")
    for name in names:
        existing = folder / name
        if existing.exists() and not _written_by_import(existing):
            raise ImportError_(f"{existing} exists and was not written by playbook import; nothing was written")
    # A folder is one playbook: YAML already in it would join the imported one and clash with it.
    others = [name for name in _playbook_files(folder) if Path(name) != folder / "playbook.yaml"]
    if others:
        raise ImportError_(
            f"{out} already holds {', '.join(others[:3])}{', ...' if len(others) > 3 else ''}, which would join "
            "the imported playbook; import into a folder of its own; nothing was written"
        )


def write_output(out: str, files: dict[str, str]) -> list[str]:
    """Write the imported files into `out`, never replacing a file an import did not write."""
    check_output(out, tuple(files))  # again: the folder may have changed while the account was read
    written = []
    for name, text in files.items():
        output.replace_file(os.path.join(out, name), text)
        written.append(str(Path(out) / name))
    return written


def _playbook_files(folder: Path) -> list[str]:
    """The YAML files `playbook lint FOLDER` would read as one playbook (none when there is no folder)."""
    if not folder.is_dir():
        return []
    try:
        return source.discover(str(folder))
    except source.UsageError:  # no YAML at all
        return []


def _written_by_import(path: Path) -> bool:
    if path.suffix == ".json":
        return adoption_file.is_ours(path)
    first = path.read_text(encoding="utf-8", errors="replace").splitlines()[:1]
    return bool(first) and (first[0].startswith(HEADER) or first[0].startswith("# Import report:"))


def stale_adoption(out: str, target: str) -> Path | None:
    """An adoption file an earlier import wrote into `out`, which a new import of marked objects makes wrong."""
    path = Path(out) / adoption_file.file_name(target)
    return path if path.is_file() and adoption_file.is_ours(path) else None
