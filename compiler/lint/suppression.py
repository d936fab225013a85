"""What a suppression is, and the collector the three ways of writing one fill (see compiler/lint/suppress.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from compiler.check.catalog import catalog
from compiler.lint.globs import matches
from compiler.lint.settings import RuleSettings
from playbook.findings import Finding, Location

Pos = tuple[int, int]  # (line, column)


@dataclass
class Suppression:
    """One rule silenced over one span of one file."""

    kind: str  # "inline", "entity", "config" or "baseline"
    code: str
    reason: str
    written: Location  # where the suppression itself is written
    path: str = ""  # the file it covers ("" = any file matching `patterns`)
    first: Pos = (0, 0)
    last: Pos = (0, 0)
    patterns: tuple[str, ...] = ()
    base_dir: str = "."
    used: int = 0

    def covers(self, finding: Finding) -> bool:
        if finding.code != self.code:
            return False
        loc = finding.location
        if self.patterns:
            return matches(loc.path, self.patterns, self.base_dir)
        return loc.path == self.path and self.first <= (loc.line, loc.column) <= self.last

    def to_dict(self) -> dict[str, Any]:
        where = self.written
        return {
            "kind": self.kind,
            "reason": self.reason,
            "path": where.path,
            "line": where.line,
            "column": where.column,
        }


@dataclass(frozen=True)
class Suppressed:
    finding: Finding
    by: Suppression

    def to_dict(self) -> dict[str, Any]:
        return self.by.to_dict()


@dataclass
class Collector:
    settings: RuleSettings
    suppressions: list[Suppression] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def problem(self, code: str, message: str, loc: Location, hint: str) -> None:
        info = catalog()[code]
        severity = self.settings.severities.get(code, info.severity)
        if severity is not None:
            self.findings.append(Finding(code, info.name, severity, message, loc, hint))

    def resolve(self, key: str, loc: Location) -> str | None:
        """The rule code `key` names, or None (with a PB303 finding) if it cannot be suppressed."""
        info = catalog().get(key.upper()) or next((i for i in catalog().values() if i.name == key), None)
        if info is None:
            self.problem("PB303", f"no rule {key!r} to suppress", loc, "run 'playbook rules' for the codes and names")
            return None
        if info.kind != "rule":
            self.problem(
                "PB303",
                f"{info.code} ({info.name}) cannot be suppressed",
                loc,
                "input and configuration checks must be fixed: later checks cannot run until they are",
            )
            return None
        return info.code
