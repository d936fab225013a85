"""One `playbook lint` run: configuration per playbook, lint, baseline, and the report.

The CLI parses options and writes outputs; everything in between is here, so
it can be tested without a terminal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from compiler.lint import baseline as baseline_mod
from compiler.lint import config as config_mod
from compiler.lint.pipeline import Result, lint_path, summary
from compiler.lint.report import Report
from compiler.lint.settings import RuleSettings
from playbook.findings import Finding, Location, Severity
from playbook.model import Playbook
from playbook.source import HasErrors, Source, UsageError
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


@dataclass
class Delivered:
    """What `playbook lint` shows once its reports are out: the one for stdout, and lines for stderr."""

    printed: str  # the report for stdout ("" when every report went to a file)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # unusable input, reports that could not be written: exit 2

    def lines(self) -> list[str]:
        """The stderr lines, in order: warnings, notes, errors."""
        return [f"warning: {w}" for w in self.warnings] + self.notes + [f"error: {e}" for e in self.errors]


def deliver(
    outcome: Run,
    outputs: list[tuple[str, str | None]],
    text_style: Any,
    write: Callable[[str, str], None],
) -> Delivered:
    """Render each (format, path or None for stdout) of `outputs`; `write(path, text)` the ones with a path.

    `text_style` colours the text format on stdout. One report that cannot be written
    does not cost the others; nor does a GitHub step summary that cannot be appended to.
    """
    from compiler.lint.reporters import render
    from compiler.lint.reporters import summary as step_summary

    delivered = Delivered("", notes=list(outcome.notes))
    for name, path in outputs:
        if path is None:
            delivered.printed = render(name, outcome.report, text_style if name == "text" else None)
            continue
        try:
            write(path, render(name, outcome.report))
        except OSError as exc:
            delivered.errors.append(f"cannot write {path}: {exc.strerror}")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file and (problem := step_summary.append(summary_file, outcome.report)):
        delivered.warnings.append(problem)
    delivered.errors[:0] = outcome.unusable
    return delivered


@dataclass
class Model:
    """The model of one playbook for the commands that read it (simulate, staffing, mcp), or why not."""

    book: Playbook | None  # None: `stop` says why
    stop: list[Finding]  # the errors that stop the command
    text_of: Callable[[str], str]  # a file's text, to show the findings with their lines


def model_of(path: str, strict: bool, doing: str) -> Model:
    """The model of PATH, unless its errors stop the command that needs it (`doing` it, e.g. "simulating").

    Strict (simulate, mcp): any error `playbook lint` with PATH's configuration reports
    stops it, as HasErrors (a timeline of a playbook with errors would look authoritative
    and be wrong). Else (staffing) only input errors (PB0xx, PB1xx) do, returned in `stop`:
    staffing a playbook is how one looks into its rule errors. Raises UsageError and ConfigError.
    """
    result = lint_path(path, config_mod.settings_for(path) if strict else RuleSettings())
    stop = [f for f in result.findings if f.severity is Severity.ERROR and (strict or f.code[:3] in ("PB0", "PB1"))]
    if strict and (stop or result.book is None):
        raise HasErrors(
            f"{path} has errors; fix them (playbook lint {path}) before {doing}", stop, result.source.text_of
        )
    return Model(None if stop else result.book, stop, result.source.text_of)


def outcome_line(findings: list[Finding], outcome: str) -> str:
    """The summary under the findings that stopped a command, then what it means (`...; nothing built`)."""
    from compiler.lint.reporters import text

    return text.summary_line(dict(summary(findings)), 1) + f"; {outcome}"
