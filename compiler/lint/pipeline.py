"""The lint pipeline: load, validate, build the model, check references, run the rules."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from compiler.check import references, schema
from compiler.check.rules import Rule, all_rules
from compiler.lint import suppress
from compiler.lint.settings import RuleSettings
from compiler.lint.suppression import Suppressed
from playbook import source as source_mod
from playbook.build import build
from playbook.findings import Edit, Finding, Location, Severity, bounded
from playbook.model import Playbook
from playbook.source import Source
from playbook.yamlload import Map

REQUIRED_SECTIONS = ("playbook", "priorities")
# Errors about a file or folder that adds nothing (empty, unreadable): the rest is still checked.
NOTHING_TO_CHECK = ("PB008", "PB010")


@dataclass
class Result:
    """A linted playbook: its source, the model (when it could be built) and every finding."""

    source: Source
    book: Playbook | None
    findings: list[Finding]
    suppressed: list[Suppressed] = field(default_factory=list)

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None)

    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


def _missing_sections(source: Source) -> list[Finding]:
    path = source.files[0].path if source.files else source.root
    found = []
    if "playbook" not in source.data:
        name = _id_from(os.path.splitext(os.path.basename(path))[0])
        found.append(
            Finding(
                "PB103",
                "missing-section",
                Severity.ERROR,
                "the playbook has no 'playbook:' section",
                Location(path, 1, 1),
                f"add 'playbook: {name}' (the playbook's id) to one of its files",
                (),
                _insert_section(source, f"playbook: {name}\n"),
            )
        )
    if "priorities" not in source.data:
        found.append(
            Finding(
                "PB103",
                "missing-section",
                Severity.ERROR,
                "the playbook has no 'priorities:' section",
                Location(path, 1, 1),
                "add 'priorities:' with at least one priority, e.g. 'priorities: {P1: {title: Outage}}'",
            )
        )
    return found


def _id_from(stem: str) -> str:
    """An id made from a file name: 'My playbook' -> 'My-playbook'."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-._")
    name = re.sub(r"\.md$", "", name, flags=re.IGNORECASE)
    return name if name[:1].isalnum() else "playbook"


def _insert_section(source: Source, line: str) -> tuple[Edit, ...]:
    """An edit putting a top-level `line` before the first section of the first file, when it is a block mapping."""
    first = source.files[0] if source.files else None
    if first is None or not isinstance(first.data, Map):
        return ()
    path, row, column = first.data.loc
    if column != 1 or not first.data:
        return ()
    return (Edit(Location(path, row, 1), "", line),)


def check_source(source: Source, settings: RuleSettings | None = None) -> Result:
    """Run every stage that the input allows, then apply suppressions."""
    settings = settings or RuleSettings()
    book, findings, rules_ran = _stages(source, settings)
    findings, suppressed = suppress.apply(source, findings, settings, rules_ran)
    return Result(source, book, _sorted(findings), sorted(suppressed, key=lambda s: s.finding.sort_key()))


def _stages(source: Source, settings: RuleSettings) -> tuple[Playbook | None, list[Finding], bool]:
    # Later stages need the earlier ones clean; the flag says whether the rules ran.
    findings = bounded(source.findings)
    # An empty or unreadable file adds nothing, so the rest of the playbook is still checked; a file
    # that did not parse (or is not sections) would turn every check after this one into guesswork.
    parts = [loaded for loaded in source.files if not loaded.empty]
    if not source.merged or not parts or any(not isinstance(loaded.data, Map) for loaded in parts):
        return None, findings, False
    findings += schema.check(source)
    findings += _missing_sections(source)
    if _blocking(findings):
        return None, findings, False
    book, value_findings = build(source.data)
    findings += bounded(value_findings)
    findings += bounded(references.check(book))
    if _blocking(findings):
        return book, findings, False
    findings += run_rules(book, settings)
    return book, findings, True


def _blocking(findings: list[Finding]) -> bool:
    """Errors that leave the next stage nothing sound to check."""
    return any(f.severity is Severity.ERROR and f.code not in NOTHING_TO_CHECK for f in findings)


def run_rules(book: Playbook, settings: RuleSettings, rules: Iterable[Rule] | None = None) -> list[Finding]:
    found: list[Finding] = []
    for rule in rules or all_rules():
        if settings.enabled(rule):
            found.extend(rule.check(book, settings.context(rule)))
    return found


def lint_path(path: str, settings: RuleSettings | None = None) -> Result:
    """Lint the playbook at `path`. Raises `UsageError` if it cannot be read at all."""
    return check_source(source_mod.load(path), settings)


def _sorted(findings: list[Finding]) -> list[Finding]:
    unique = {(f.sort_key(), f.code): f for f in findings}
    return [unique[k] for k in sorted(unique)]


def summary(findings: Iterable[Finding]) -> Mapping[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[str(finding.severity)] += 1
    return counts
