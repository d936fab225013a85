"""Reading a YAML file from disk safely: only regular files, at most 32 MB, UTF-8 (or an exact finding why not)."""

from __future__ import annotations

import os
import stat

from playbook.findings import Finding
from playbook.yamlload import LoadedFile, Loc, _finding, load_text

MAX_FILE_BYTES = 32 * 1024 * 1024


def decode(path: str, raw: bytes) -> tuple[str | None, Finding | None]:
    """Turn bytes into text, or explain why the file is not a UTF-8 YAML file."""

    def bad(msg: str, loc: Loc, hint: str) -> tuple[None, Finding]:
        return None, _finding("PB005", "bad-encoding", msg, loc, hint)

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw[:2].count(b"\x00") == 1:
        return bad("file is UTF-16 encoded", (path, 1, 1), "save the file as UTF-8")
    if b"\x00" in raw:
        return bad("file contains NUL bytes: it looks binary, not YAML", (path, 1, 1), "check the path")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return bad(
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
            (path, line, col),
            "save the file as UTF-8",
        )


class _NotRegular(Exception):
    """A FIFO, a device or a socket where a YAML file was expected (its str() says which)."""


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _read_regular(path: str) -> bytes:
    # Opening a FIFO waits for a writer, and a device may never end (or act on being opened):
    # look before opening, then open without blocking and look again at what was opened.
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise _NotRegular(_special_kind(mode))
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise _NotRegular(_special_kind(mode))
        return handle.read(MAX_FILE_BYTES + 1)


def _special_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    return next((kind for test, kind in _SPECIAL if test(mode)), "a socket or other special file")


def load_file(path: str) -> LoadedFile:
    """Read and parse a file from disk."""
    try:
        raw = _read_regular(path)
    except OSError as exc:
        result = LoadedFile(path, empty=True)
        result.findings.append(
            _finding("PB010", "unreadable-file", f"cannot read file: {exc.strerror}", (path, 0, 0), "check the path")
        )
        return result
    except _NotRegular as exc:
        result = LoadedFile(path, empty=True)
        result.findings.append(
            _finding(
                "PB010",
                "unreadable-file",
                f"not a regular file but {exc}: it was not read",
                (path, 0, 0),
                "keep only YAML files in the playbook, or rename this one so it does not end in .yaml or .yml",
            )
        )
        return result
    if len(raw) > MAX_FILE_BYTES:
        result = LoadedFile(path)
        result.findings.append(
            _finding(
                "PB006",
                "input-too-complex",
                f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB",
                (path, 1, 1),
                "split the playbook into several files in one directory",
            )
        )
        return result
    text, problem = decode(path, raw)
    if problem:
        result = LoadedFile(path)
        result.findings.append(problem)
        return result
    return load_text(path, text or "")
