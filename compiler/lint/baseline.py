"""Baselines: adopt the linter on a legacy playbook and fail only on new findings.

`--write-baseline FILE` records today's findings; `--baseline FILE` then moves
every finding recorded there to the suppressed list. Findings are matched by
fingerprint (rule, file, YAML path, message without numbers; see
fingerprint.py), never by line, so edits elsewhere in a file do not turn old
findings into new ones. A fingerprint recorded N times absorbs N findings.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from typing import Any

from compiler.lint import fingerprint as fp
from compiler.lint.pipeline import Result
from compiler.lint.suppression import Suppressed, Suppression
from playbook.findings import Finding, Location
from playbook.source import UsageError

BASELINE_VERSION = 1


class BaselineError(UsageError):
    """The baseline file cannot be read or is not a playbook baseline."""


@dataclass
class Baseline:
    path: str
    counts: Counter[str]

    @property
    def base_dir(self) -> str:
        return os.path.dirname(self.path) or "."


def identify(result: Result, base_dir: str) -> list[tuple[Finding, str, str]]:
    """(finding, YAML path, fingerprint) for each reported finding of `result`."""
    if not result.findings:
        return []
    index = fp.yaml_paths(result.source.data)
    out = []
    for finding in result.findings:
        yaml_path = fp.locate_path(index, finding)
        out.append((finding, yaml_path, fp.fingerprint(finding, yaml_path, base_dir)))
    return out


def write(path: str, results: list[Result]) -> int:
    """Record every reported finding of `results` in `path`; returns how many."""
    base_dir = os.path.dirname(path) or "."
    entries = []
    for result in results:
        for finding, yaml_path, print_ in identify(result, base_dir):
            entries.append(
                {
                    "fingerprint": print_,
                    "code": finding.code,
                    "path": fp.relative(finding.location.path, base_dir),
                    "yaml_path": yaml_path,
                    "message": finding.message,
                }
            )
    entries.sort(key=lambda e: (e["path"], e["code"], e["yaml_path"], e["message"], e["fingerprint"]))
    document = {"version": BASELINE_VERSION, "tool": "playbook", "findings": entries}
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return len(entries)


def read(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a baseline file (invalid JSON: {exc})") from None
    if not _valid(document):
        raise BaselineError(f"{path}: not a playbook baseline; write one with --write-baseline {path}")
    return Baseline(path, Counter(entry["fingerprint"] for entry in document["findings"]))


def _valid(document: Any) -> bool:
    return (
        isinstance(document, dict)
        and document.get("version") == BASELINE_VERSION
        and isinstance(document.get("findings"), list)
        and all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in document["findings"])
    )


def apply(baseline: Baseline, results: list[Result]) -> int:
    """Move findings recorded in the baseline to each result's suppressed list; returns unmatched entries."""
    remaining = Counter(baseline.counts)
    for result in results:
        kept: list[Finding] = []
        for finding, _, print_ in identify(result, baseline.base_dir):
            if remaining[print_] > 0:
                remaining[print_] -= 1
                result.suppressed.append(Suppressed(finding, _suppression(baseline, finding)))
            else:
                kept.append(finding)
        result.findings = kept
        result.suppressed.sort(key=lambda s: s.finding.sort_key())
    return sum(remaining.values())


def _suppression(baseline: Baseline, finding: Finding) -> Suppression:
    return Suppression("baseline", finding.code, f"recorded in the baseline {baseline.path}", Location(baseline.path))
