"""One lint run, serialised once: every output format is built from `Report.records()`."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from compiler.lint import fingerprint as fp
from compiler.lint.pipeline import Result
from playbook import __version__
from playbook.findings import Finding, Severity, bounded

REPORT_VERSION = 1


@dataclass
class Report:
    """The results of one `playbook lint` run, and what counts as failing."""

    results: list[Result]
    fail_on: dict[str, Severity] = field(default_factory=dict)  # playbook root -> threshold
    configs: dict[str, str | None] = field(default_factory=dict)  # playbook root -> config file used
    base_dir: str = "."
    _cache: dict[bool, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = field(
        default_factory=dict, init=False, repr=False
    )

    def threshold(self, result: Result) -> Severity:
        return self.fail_on.get(result.source.root, Severity.ERROR)

    def failing(self, result: Result) -> list[Finding]:
        threshold = self.threshold(result)
        return [f for f in result.findings if f.severity >= threshold]

    @property
    def failed(self) -> bool:
        return any(self.failing(r) for r in self.results)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def counts(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[str(finding.severity)] += 1
        counts["suppressed"] = sum(len(r.suppressed) for r in self.results)
        return counts

    def text_of(self, path: str) -> str:
        for result in self.results:
            text = result.source.text_of(path)
            if text:
                return text
        return ""

    def records(self, identify: bool = True) -> list[dict[str, Any]]:
        """Every reported finding as a plain dict: `Finding.to_dict()` plus the run's facts.

        `identify` adds `yaml_path` and `fingerprint`, which cost a walk over the
        document; the text format does without them.
        """
        return self._records(identify)[0]

    def suppressed_records(self, identify: bool = True) -> list[dict[str, Any]]:
        """Every suppressed finding, with how and why it was suppressed."""
        return self._records(identify)[1]

    def _records(self, identify: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        if identify not in self._cache:
            self._cache[identify] = self._serialise(identify)
        return self._cache[identify]

    def _serialise(self, identify: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        shown: list[dict[str, Any]] = []
        hidden: list[dict[str, Any]] = []
        for result in self.results:
            paths = _PathIndex(result) if identify else None
            threshold = self.threshold(result)
            for finding in bounded(result.findings):
                shown.append(self._record(finding, result, paths, threshold))
            for item in result.suppressed:
                record = self._record(item.finding, result, paths, threshold)
                record["suppression"] = item.to_dict()
                hidden.append(record)
        return shown, hidden

    def _record(
        self, finding: Finding, result: Result, paths: _PathIndex | None, threshold: Severity
    ) -> dict[str, Any]:
        record = finding.to_dict()
        record["playbook"] = result.source.root
        record["fails"] = finding.severity >= threshold
        if paths is not None:
            yaml_path = paths.of(finding)
            record["yaml_path"] = yaml_path
            record["fingerprint"] = fp.fingerprint(finding, yaml_path, self.base_dir)
        return record

    def document(self) -> dict[str, Any]:
        """The versioned JSON document (see docs/lint-report.md and schemas/lint-report.schema.json)."""
        counts = self.counts()
        return {
            "version": REPORT_VERSION,
            "tool": {"name": "playbook", "version": __version__},
            "playbooks": [
                {
                    "path": r.source.root,
                    "files": [loaded.path for loaded in r.source.files],
                    "config": self.configs.get(r.source.root),
                    "fail_on": str(self.threshold(r)),
                }
                for r in self.results
            ],
            "findings": self.records(),
            "suppressed": self.suppressed_records(),
            "summary": {**counts, "failed": self.failed},
        }


class _PathIndex:
    """YAML paths for one result, built only when a finding asks for one."""

    def __init__(self, result: Result) -> None:
        self.result = result
        self.index: dict[Any, str] | None = None

    def of(self, finding: Finding) -> str:
        if self.index is None:
            self.index = fp.yaml_paths(self.result.source.data)
        return fp.locate_path(self.index, finding)


def relative_uri(path: str) -> str:
    """A path as a relative URI from the current directory (forward slashes)."""
    if os.path.isabs(path):
        path = os.path.relpath(path)
    return path.replace(os.sep, "/")
