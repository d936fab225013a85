"""Suppressions: hide a lint rule's finding where a person has written down why.

Three kinds, checked in this order:

- inline comments, `# playbook: disable=PB220 reason="..."`, for the next line
  (or, at the end of a line, that line) and everything nested under it; or a
  block from `# playbook: disable=...` to a later `# playbook: enable=PB220`;
- an entity's own `lint: {PB220: "reason"}` key (priorities, sla entries,
  escalation steps, contacts, teams, rotas), covering everything inside that entity;
- per-path ignores from the configuration file.

Only lint rules can be suppressed: input checks (PB0xx, PB1xx) stop the
pipeline and must be fixed. Suppressions without a reason (PB301), unused ones
(PB302, on request) and unusable ones (PB303) are findings themselves.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from compiler.check.catalog import catalog
from compiler.lint.settings import Ignore, RuleSettings
from playbook.findings import Finding, Location
from playbook.source import Source
from playbook.yamlload import Map, Seq

MARKER = "playbook:"
# Every playbook has a `playbook:` key, so the cheap test looks for the comment form.
_HAS_DIRECTIVE = re.compile(r"#[ \t]*playbook:")
_DIRECTIVE = re.compile(r"(?:^|\s)#\s*playbook:\s*(?P<body>.*?)\s*$")
_BODY = re.compile(
    r"^(?P<action>disable|enable)\s*=\s*(?P<codes>[A-Za-z0-9_.-]+(?:\s*,\s*[A-Za-z0-9_.-]+)*)"
    r"(?:\s+reason\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'))?$"
)
ENTITY_SECTIONS = ("priorities", "sla", "contacts", "teams", "rotas")
ENTITY_LISTS = ("escalation",)

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
            return _matches(loc.path, self.patterns, self.base_dir)
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
class _Collector:
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


def apply(
    source: Source, findings: list[Finding], settings: RuleSettings, rules_ran: bool
) -> tuple[list[Finding], list[Suppressed]]:
    """Split findings into reported and suppressed, adding findings about the suppressions themselves."""
    collector = _Collector(settings)
    for loaded in source.files:
        if _HAS_DIRECTIVE.search(loaded.text):
            _scan_comments(collector, loaded.path, loaded.text)
    if source.data:
        _scan_entities(collector, source.data)
    suppressions = collector.suppressions + [s for ignore in settings.ignores for s in _from_ignore(ignore)]
    if not suppressions and not collector.findings:
        return findings, []
    kept, hidden = _split(findings, suppressions)
    if settings.warn_unused_suppressions and rules_ran:
        _report_unused(collector, suppressions)
    return kept + collector.findings, hidden


def _split(findings: list[Finding], suppressions: list[Suppression]) -> tuple[list[Finding], list[Suppressed]]:
    kept: list[Finding] = []
    hidden: list[Suppressed] = []
    codes = {s.code for s in suppressions}
    for finding in findings:
        by = next((s for s in suppressions if s.covers(finding)), None) if finding.code in codes else None
        if by is None:
            kept.append(finding)
        else:
            by.used += 1
            hidden.append(Suppressed(finding, by))
    return kept, hidden


def _report_unused(collector: _Collector, suppressions: Iterable[Suppression]) -> None:
    from compiler.check.rules import find_rule

    for item in suppressions:
        rule = find_rule(item.code)
        if item.used or item.kind not in ("inline", "entity") or rule is None or not collector.settings.enabled(rule):
            continue
        collector.problem(
            "PB302",
            f"the suppression of {item.code} ({rule.name}) hides nothing here",
            item.written,
            "remove it: the problem it was written for is gone",
        )


# Inline comments -------------------------------------------------------------------------------------------


def _scan_comments(collector: _Collector, path: str, text: str) -> None:
    lines = text.splitlines()
    open_blocks: dict[str, list[Suppression]] = {}
    for number, line in enumerate(lines, start=1):
        if MARKER not in line:
            continue
        match = _DIRECTIVE.search(line)
        if match is None:
            continue
        column = match.start() + (1 if match.group(0)[0].isspace() else 0) + 1
        where = Location(path, number, column)
        body = _BODY.match(match.group("body"))
        if body is None:
            collector.problem(
                "PB303",
                f"cannot read this suppression: {match.group('body')!r}",
                where,
                "write '# playbook: disable=PB220 reason=\"why\"' (or enable=PB220 to end a block)",
            )
            continue
        trailing = bool(line[: match.start()].strip())
        codes = [c.strip() for c in body.group("codes").split(",")]
        if body.group("action") == "enable":
            _close_blocks(collector, open_blocks, codes, where)
            continue
        reason = (body.group("dq") if body.group("dq") is not None else body.group("sq")) or ""
        if not reason.strip():
            collector.problem(
                "PB301",
                "this suppression gives no reason",
                where,
                'add reason="..." saying why the finding is acceptable here',
            )
        first, last = _scope(lines, number, trailing)
        for key in codes:
            code = collector.resolve(key, where)
            if code is None:
                continue
            item = Suppression("inline", code, reason.strip(), where, path, (first, 0), (last, 1 << 30))
            collector.suppressions.append(item)
            if not trailing:
                open_blocks.setdefault(code, []).append(item)


def _close_blocks(
    collector: _Collector, open_blocks: dict[str, list[Suppression]], codes: list[str], where: Location
) -> None:
    for key in codes:
        code = collector.resolve(key, where)
        if code is None:
            continue
        pending = open_blocks.get(code)
        if not pending:
            collector.problem(
                "PB303",
                f"'enable={key}' has no 'disable={key}' above it to end",
                where,
                "remove it, or add the matching disable comment where the block starts",
            )
            continue
        item = pending.pop()
        item.first = (item.written.line, 0)
        item.last = (where.line, 1 << 30)


def _scope(lines: list[str], number: int, trailing: bool) -> tuple[int, int]:
    """Lines a next-line (or same-line) directive covers: that line and everything indented under it."""
    start = number if trailing else _next_content_line(lines, number)
    if start is None:
        return number, number - 1  # nothing follows: an empty span, reported as unused
    indent = _indent(lines[start - 1])
    end = start
    for candidate in range(start + 1, len(lines) + 1):
        text = lines[candidate - 1]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if _indent(text) <= indent:
            break
        end = candidate
    return start, end


def _next_content_line(lines: list[str], number: int) -> int | None:
    for candidate in range(number + 1, len(lines) + 1):
        text = lines[candidate - 1].strip()
        if text and not text.startswith("#"):
            return candidate
    return None


def _indent(line: str) -> int:
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    # A list item's content is nested one step deeper than its dash.
    return indent + 1 if stripped.startswith("- ") else indent


# Entity-level `lint:` keys ---------------------------------------------------------------------------------


def _scan_entities(collector: _Collector, data: Map) -> None:
    for owner_loc, entity in _entities(data):
        table = entity.get("lint")
        if not isinstance(table, Map):
            continue
        first, last = _span(entity, owner_loc)
        path = entity.loc[0]
        for key, reason in table.items():
            where = Location(*table.key_loc(key))
            code = collector.resolve(str(key), where)
            text = reason.strip() if isinstance(reason, str) else ""
            if not text:
                collector.problem(
                    "PB301",
                    f"the suppression of {key} gives no reason",
                    Location(*table.value_loc(key)),
                    f'write the reason as the value: {key}: "why this is acceptable"',
                )
            if code is not None:
                collector.suppressions.append(Suppression("entity", code, text, where, path, first, last))


def _entities(data: Map) -> Iterator[tuple[tuple[str, int, int], Map]]:
    """(where the entity's id or item starts, the entity) for every entity that may carry `lint:`."""
    for name in ENTITY_SECTIONS:
        section = data.get(name)
        if isinstance(section, Map):
            for key, value in section.items():
                if isinstance(value, Map) and "lint" in value:
                    yield section.key_loc(key), value
    for name in ENTITY_LISTS:
        section = data.get(name)
        if isinstance(section, Seq):
            for index, value in enumerate(section):
                if isinstance(value, Map) and "lint" in value:
                    yield section.item_loc(index), value


def _span(entity: Map, owner: tuple[str, int, int]) -> tuple[Pos, Pos]:
    positions = [(owner[1], owner[2]), (entity.loc[1], entity.loc[2])]
    stack: list[Any] = [entity]
    while stack:
        node = stack.pop()
        if isinstance(node, Map):
            for entry in node.locs.values():
                positions.append((entry[1], entry[2]))
                positions.append((entry[3], entry[4]))
            stack.extend(node.values())
        elif isinstance(node, Seq):
            positions.extend((loc[1], loc[2]) for loc in node.item_locs)
            stack.extend(node)
    last_line = max(p[0] for p in positions)
    # Everything on the entity's last line belongs to it (a flow mapping ends there).
    return min(positions), (last_line, 1 << 30)


# Config ignores --------------------------------------------------------------------------------------------


def _from_ignore(ignore: Ignore) -> Iterator[Suppression]:
    from compiler.check.rules import all_rules

    codes = ignore.codes or frozenset(rule.code for rule in all_rules())
    reason = "ignored by the configuration for " + ", ".join(ignore.patterns)
    for code in sorted(codes):
        yield Suppression("config", code, reason, ignore.written, patterns=ignore.patterns, base_dir=ignore.base_dir)


def _matches(path: str, patterns: tuple[str, ...], base_dir: str) -> bool:
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
