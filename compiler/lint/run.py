"""One `playbook lint` run: configuration per playbook, lint, baseline, and the report.

The CLI parses options and writes outputs; everything in between is here, so
it can be tested without a terminal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from compiler.lint import baseline as baseline_mod
from compiler.lint import config as config_mod
from compiler.lint.pipeline import Result, lint_path
from compiler.lint.report import Report
from playbook.findings import Finding, Location, Severity
from playbook.source import Source, UsageError
from playbook.yamlload import Map


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused (and restored after, also for in-process callers).

    A lint run builds millions of objects and almost no cycles; the collector
    would rescan the whole loaded playbook again and again for nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class LintOptions:
    paths: tuple[str, ...]
    config_file: str | None = None
    fail_on: str | None = None  # None: the configuration's, else "error"
    warn_unused_suppressions: bool = False
    baseline: str | None = None
    write_baseline: str | None = None
    today: dt.date | None = None
    targets: frozenset[str] = frozenset()  # build targets whose rules (PB5xx) also run


@dataclass
class Run:
    report: Report
    notes: list[str] = field(default_factory=list)  # one-line messages for stderr
    unusable: list[str] = field(default_factory=list)  # paths that could not be linted at all (exit 2)


def run(options: LintOptions) -> Run:
    """Lint every path. Raises ConfigError or BaselineError for exit code 2.

    A path that cannot be linted at all (missing, no YAML in it) does not stop the
    others: it is reported in `unusable` and as a finding, so every report is still written.
    """
    configs: dict[str, config_mod.Config] = {}
    explicit = config_mod.load(options.config_file) if options.config_file else None
    results: list[Result] = []
    report = Report(results, base_dir=_base_dir(options))
    unusable: list[str] = []
    for path in options.paths:
        config = explicit or _config_for(path, configs)
        settings = config.settings(today=options.today, targets=options.targets)
        settings.warn_unused_suppressions = settings.warn_unused_suppressions or options.warn_unused_suppressions
        try:
            result = lint_path(path, settings)
        except UsageError as exc:
            unusable.append(str(exc))
            result = _not_linted(path, str(exc))
        results.append(_reported_only(result))
        fail_on = options.fail_on or (str(config.fail_on) if config.fail_on else "error")
        report.fail_on[result.source.root] = Severity.parse(fail_on)
        report.configs[result.source.root] = config.path
    notes: list[str] = []
    linted = [result for result in results if result.source.files]
    if options.write_baseline:
        count = baseline_mod.write(options.write_baseline, linted)
        notes.append(f"wrote {count} finding(s) to the baseline {options.write_baseline}")
    elif options.baseline:
        unmatched = baseline_mod.apply(baseline_mod.read(options.baseline), linted)
        if unmatched:
            entries = (
                "1 baseline entry no longer matches"
                if unmatched == 1
                else f"{unmatched} baseline entries no longer match"
            )
            notes.append(f"{entries} a finding; shrink the baseline with --write-baseline {options.baseline}")
    return Run(report, notes, unusable)


def _reported_only(result: Result) -> Result:
    """Drop what no report reads, so a run over many playbooks holds one playbook's data at a time.

    The model goes (reports read findings and the source); each file's parse
    tree goes (the merged document stays for the YAML paths and baseline
    fingerprints of findings); a playbook without findings keeps only its file names.
    """
    result.book = None
    clean = not result.findings and not result.suppressed
    for loaded in result.source.files:
        loaded.data = None
        loaded.traps = {}
        if clean:
            loaded.text = ""
    if clean:
        result.source.data = Map()
    return result


def _not_linted(path: str, message: str) -> Result:
    """A path that could not be read as a playbook, as a result the reports can list."""
    reason, _, hint = message.removeprefix(f"{path}: ").partition(" (hint: ")
    finding = Finding(
        "PB010",
        "unreadable-file",
        Severity.ERROR,
        f"not linted: {reason}",
        Location(path),
        hint.removesuffix(")") or "pass a playbook's .yaml file, or the directory that holds its .yaml files",
    )
    return Result(Source(root=path), None, [finding])


def _base_dir(options: LintOptions) -> str:
    chosen = options.write_baseline or options.baseline
    return (os.path.dirname(chosen) or ".") if chosen else "."


def _config_for(path: str, cache: dict[str, config_mod.Config]) -> config_mod.Config:
    found = config_mod.find(path)
    if found is None:
        return config_mod.Config()
    if found not in cache:
        cache[found] = config_mod.load(found)
    return cache[found]
