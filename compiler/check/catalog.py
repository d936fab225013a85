"""Every code a finding can carry, with its documentation: input checks, lint rules, suppression checks.

Output formats that describe their rules (SARIF) and `playbook rules` read this one
catalogue, so a code is documented once.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

from playbook.findings import Severity


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    severity: Severity
    doc: str  # first line is the summary; the rest is the help text
    kind: str  # "input" (loader/schema/references), "rule", "config" or "suppression"

    @property
    def summary(self) -> str:
        return self.help.splitlines()[0] if self.help else self.name

    @property
    def help(self) -> str:
        return inspect.cleandoc(self.doc).strip()


_INPUT = (
    ("PB001", "yaml-syntax", "Invalid YAML (shown with the line and a caret), or tab indentation."),
    (
        "PB002",
        "duplicate-key",
        "A key given twice in one mapping, an id defined in two files of a playbook, or two ids that differ only "
        "in case.",
    ),
    ("PB003", "yaml11-coercion", "A value YAML 1.1 turns into a boolean, number or octal where text is meant."),
    ("PB004", "unsafe-tag", "A YAML tag such as !!python/object: playbooks are plain data."),
    ("PB005", "bad-encoding", "The file is not UTF-8 (UTF-16, binary, invalid bytes)."),
    ("PB006", "input-too-complex", "Over 32 MB, nested deeper than 64 levels, or an alias bomb."),
    ("PB007", "root-not-mapping", "The top of a file is a list or a single value instead of sections."),
    ("PB008", "empty-file", "The file holds nothing: no text, only comments, or a null document (~, null, ---)."),
    ("PB009", "multiple-documents", "More than one '---' document in a file."),
    ("PB010", "unreadable-file", "A file or folder of the playbook cannot be read, or is a FIFO or device."),
    ("PB011", "tag-mismatch", "A standard YAML tag on a value it does not fit (!!int abc, !!bool maybe, !!map x)."),
    ("PB012", "several-playbooks", "The files of one directory name more than one playbook."),
    ("PB100", "schema", "The structure does not match the playbook schema (unknown key, wrong type, bad value)."),
    ("PB101", "invalid-value", "A value of the right shape that means nothing: an unknown time zone, 25:00."),
    ("PB102", "unknown-reference", "An id that is not defined anywhere in the playbook."),
    ("PB103", "missing-section", "The playbook has no 'playbook:' or no 'priorities:' section."),
)

CONFIG_CHECKS = (
    (
        "PB300",
        "invalid-config",
        "error",
        """The lint configuration file is invalid.

        `.playbook.yaml` or `[tool.playbook]` in pyproject.toml is checked against its own
        schema (`playbook schema config`). An invalid configuration stops the run with
        exit code 2 and names the file, line and column; it is never a finding.
        """,
        "config",
    ),
    (
        "PB301",
        "suppression-without-reason",
        "error",
        """A suppression must say why.

        Every inline `# playbook: disable=...` comment needs `reason="..."`, and every
        entity-level `lint:` entry needs a non-empty reason. The suppression still
        hides the finding; this error takes its place until a reason is written.

        Bad:
            # playbook: disable=PB220
        Good:
            # playbook: disable=PB220 reason="vendor line verified by contract"
        """,
        "suppression",
    ),
    (
        "PB302",
        "unused-suppression",
        "warning",
        """A suppression that no longer hides anything (reported with --warn-unused-suppressions).

        Stale suppressions hide the next real problem at the same place. Remove the
        comment or the `lint:` entry once the finding it was written for is fixed.
        """,
        "suppression",
    ),
    (
        "PB303",
        "invalid-suppression",
        "warning",
        """A suppression comment the linter cannot use.

        It names a rule that does not exist, tries to silence an input check (PB0xx,
        PB1xx: the playbook cannot be checked further until those are fixed), is not
        written as `# playbook: disable=CODE[,CODE] reason="..."`, or is an `enable`
        with no open `disable` for that rule.
        """,
        "suppression",
    ),
)


@functools.cache
def catalog() -> dict[str, CodeInfo]:
    """Every known code, sorted."""
    from compiler.check.rules import all_rules

    found = {code: CodeInfo(code, name, Severity.ERROR, doc, "input") for code, name, doc in _INPUT}
    for rule in all_rules():
        found[rule.code] = CodeInfo(rule.code, rule.name, rule.severity, rule.doc, "rule")
    for code, name, severity, doc, kind in CONFIG_CHECKS:
        found[code] = CodeInfo(code, name, Severity.parse(severity), doc, kind)
    return dict(sorted(found.items()))


def lookup(key: str) -> CodeInfo | None:
    """A code by its code (any case) or its name."""
    entries = catalog()
    if key.upper() in entries:
        return entries[key.upper()]
    return next((info for info in entries.values() if info.name == key), None)
