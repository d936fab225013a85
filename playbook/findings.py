"""Findings: the one value every check returns and every output format reads."""

from __future__ import annotations

import enum
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
