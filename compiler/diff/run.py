"""`playbook diff`: resolve BASE and HEAD (paths or git revisions), load both, compare."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from compiler.diff.changes import compare
from compiler.diff.kinds import Diff
from compiler.lint import config as config_mod
from compiler.lint.pipeline import Result, check_source
from playbook import source as source_mod
from playbook.findings import Severity
from playbook.model import Playbook
from playbook.source import HasErrors, UsageError


@dataclass(frozen=True)
class Side:
    path: str
    rev: str | None = None  # None: the files on disk

    @property
    def label(self) -> str:
        return f"{self.rev}:{self.path}" if self.rev else self.path


class SideHasErrors(HasErrors):
    """One version cannot be compared: it does not load, or has schema or reference errors (its `findings`)."""

    def __init__(self, side: Side, result: Result) -> None:
        errors = [f for f in result.findings if f.severity is Severity.ERROR]
        super().__init__(
            f"{side.label} has errors; fix them (playbook lint) before comparing", errors, result.source.text_of
        )
        self.side = side
        self.result = result


def resolve(base: str, head: str | None, git_rev: str | None) -> tuple[Side, Side]:
    """Turn the command line into two sides.

    `BASE HEAD` (paths or REV:PATH), `REV PATH` (PATH at REV against PATH now),
    or `--git REV PATH`.
    """
    if git_rev is not None:
        if head is not None:
            raise UsageError("with --git REV give one PATH: playbook diff --git REV PATH")
        return Side(base, git_rev), Side(base)
    if head is None:
        raise UsageError("give two versions: playbook diff BASE HEAD, playbook diff REV PATH, or --git REV PATH")
    if not os.path.exists(base) and ":" not in base and os.path.exists(head):
        return Side(head, base), Side(head)
    return _side(base), _side(head)


def _side(arg: str) -> Side:
    if os.path.exists(arg):
        return Side(arg)
    rev, sep, path = arg.partition(":")
    if sep and rev and path:
        return Side(path, rev)
    raise UsageError(f"{arg}: no such file or directory (for a git revision write REV:PATH)")


def load(side: Side, today: dt.date | None = None) -> Playbook:
    """The checked model of one side. Raises UsageError or SideHasErrors."""
    if side.rev is None:
        source = source_mod.load(side.path)
    else:
        from playbook.gitsource import load_revision

        source = load_revision(side.rev, side.path)
    # The version must be one `playbook lint` passes (with the configuration the playbook has on
    # disk): comparing a version with errors would report differences of a playbook that does not work.
    result = check_source(source, config_mod.settings_for(side.path, today=today))
    if result.book is None or any(f.severity is Severity.ERROR for f in result.findings):
        raise SideHasErrors(side, result)
    return result.book


def run(base: str, head: str | None, git_rev: str | None, today: dt.date | None = None) -> Diff:
    old, new = resolve(base, head, git_rev)
    head_label = f"{new.label} (working tree)" if old.rev and not new.rev else new.label
    return compare(load(old, today), load(new, today), old.label, head_label)
