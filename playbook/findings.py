"""Findings: the one value every check returns and every output format reads."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """Ordered so that `severity >= threshold` means "at least as bad"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file; line and column are 1-based, 0 means unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


def shown(value: object, limit: int = 80) -> str:
    """`repr(value)` for a message, cut to about `limit` characters: a message never echoes a megabyte."""
    text = repr(value)
    if len(text) <= limit:
        return text
    return f"{text[: limit - 1]}… ({len(str(value)):,} characters)"


def clipped(text: str, limit: int = 80) -> str:
    """`text` as is for a message, or its first `limit` characters and an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Edit:
    """A change a tool can make for the author: the text `old`, written at `location`, becomes `new`.

    `old` is a scalar as YAML reads it; when that scalar is quoted, only the text
    inside the quotes changes. An empty `old` inserts `new` at `location`.
    """

    location: Location
    old: str
    new: str

    def to_dict(self) -> dict[str, Any]:
        loc = self.location
        return {"path": loc.path, "line": loc.line, "column": loc.column, "old": self.old, "new": self.new}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a playbook.

    `related` points at other places that explain the finding, such as where a
    referenced contact is defined or each edge of an escalation cycle. `fix`,
    when the right change is certain, is the hint as edits a tool can apply.
    """

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    hint: str = ""
    related: tuple[tuple[Location, str], ...] = field(default=())
    fix: tuple[Edit, ...] = field(default=())

    def sort_key(self) -> tuple[Any, ...]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """The single serialisation every output format is built from."""
        loc = self.location
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "hint": self.hint,
            "path": loc.path,
            "line": loc.line,
            "column": loc.column,
            "related": [{"path": r.path, "line": r.line, "column": r.column, "message": m} for r, m in self.related],
        } | ({"fix": [edit.to_dict() for edit in self.fix]} if self.fix else {})


MAX_FINDINGS_PER_CODE = 100  # listed per file and code; one more finding counts the rest


def bounded(findings: Iterable[Finding], limit: int = MAX_FINDINGS_PER_CODE) -> list[Finding]:
    """At most `limit` findings per file and code, then one saying how many more there are.

    A key duplicated 300,000 times, or a rule firing on every one of 10,000
    contacts in one file: the first hundred show what is wrong, and printing the
    rest would only bury the other problems.
    """
    kept: list[Finding] = []
    extra: dict[tuple[str, str], list[Finding]] = {}
    counts: dict[tuple[str, str], int] = {}
    last: dict[tuple[str, str], int] = {}  # where the last finding kept for each file and code is
    for finding in findings:
        key = (finding.location.path, finding.code)
        counts[key] = counts.get(key, 0) + 1
        if counts[key] > limit:
            extra.setdefault(key, []).append(finding)
        else:
            last[key] = len(kept)
            kept.append(finding)
    # Each count goes right after what it continues, so the order callers chose stays.
    for key, rest in sorted(extra.items(), key=lambda item: -last[item[0]]):
        first = rest[0]
        if len(rest) == 1:  # a line saying "1 more" would take the place of the finding itself
            kept.insert(last[key] + 1, first)
            continue
        summary = Finding(
            first.code,
            first.name,
            max(f.severity for f in rest),
            f"{len(rest):,} more {first.name} problems in this file are not listed",
            first.location,
            "fix the problems above, then lint again",
        )
        kept.insert(last[key] + 1, summary)
    return kept
