"""Suppressions: hide a lint rule's finding where a person has written down why.

Three kinds, checked in this order (each written in its own module):

- inline comments, `# playbook: disable=PB220 reason="..."`, for the next line
  (or, at the end of a line, that line) and everything nested under it; or a
  block from `# playbook: disable=...` to a later `# playbook: enable=PB220`
  (compiler/lint/directives.py);
- an entity's own `lint: {PB220: "reason"}` key (priorities, sla entries,
  escalation steps, contacts, teams, rotas), covering everything inside that entity
  (compiler/lint/entitykeys.py);
- per-path ignores from the configuration file (below; paths matched by compiler/lint/globs.py).

Only lint rules can be suppressed: input checks (PB0xx, PB1xx) stop the
pipeline and must be fixed. Suppressions without a reason (PB301), unused ones
(PB302, on request) and unusable ones (PB303) are findings themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from compiler.lint import directives, entitykeys
from compiler.lint.settings import Ignore, RuleSettings
from compiler.lint.suppression import Collector, Suppressed, Suppression
from playbook.findings import Finding
from playbook.source import Source


def apply(
    source: Source, findings: list[Finding], settings: RuleSettings, rules_ran: bool
) -> tuple[list[Finding], list[Suppressed]]:
    """Split findings into reported and suppressed, adding findings about the suppressions themselves."""
    collector = Collector(settings)
    for loaded in source.files:
        if directives.HAS_DIRECTIVE.search(loaded.text):
            directives.scan(collector, loaded.path, loaded.text)
    if source.data:
        entitykeys.scan(collector, source.data)
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


def _report_unused(collector: Collector, suppressions: Iterable[Suppression]) -> None:
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


# Config ignores --------------------------------------------------------------------------------------------


def _from_ignore(ignore: Ignore) -> Iterator[Suppression]:
    from compiler.check.rules import all_rules

    codes = ignore.codes or frozenset(rule.code for rule in all_rules())
    reason = "ignored by the configuration for " + ", ".join(ignore.patterns)
    for code in sorted(codes):
        yield Suppression("config", code, reason, ignore.written, patterns=ignore.patterns, base_dir=ignore.base_dir)
