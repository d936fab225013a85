"""The build pipeline: lint PATH as `playbook lint` would, then plan, render every target, write them.

The runner of `playbook build`, as compiler/lint/run.py is `lint`'s: it returns what
happened and prints nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import targets
from compiler.lint.config import settings_for
from compiler.lint.pipeline import Result, lint_path
from compiler.plan.plan import Plan, shared_plan
from targets.shared import output


@dataclass
class Compiled:
    result: Result  # the lint result; its errors stop the compilation
    rendered: Mapping[str, Mapping[str, bytes]]  # target -> relative path -> content; empty when not built

    @property
    def built(self) -> bool:
        return not self.result.has_errors() and self.result.book is not None


def compile_playbook(path: str, names: list[str], today: dt.date | None = None, lazy: bool = False) -> Compiled:
    """Lint PATH as `playbook lint` would (with `names`' rules), then render each target, unless it has errors.

    `lazy`: each target is rendered when read, and not kept (see `Rendering`).
    Raises UsageError (unreadable input) and ConfigError (invalid configuration).
    """
    result = lint_path(path, settings_for(path, frozenset(names), today))
    compiled = Compiled(result, {})
    if compiled.built:
        plan = shared_plan(result.book)  # type: ignore[arg-type]
        rendering = Rendering(plan, names)
        compiled.rendered = rendering if lazy else {name: rendering[name] for name in names}
    return compiled


class Rendering(Mapping[str, Mapping[str, bytes]]):
    """target -> its files, rendered when asked for; only the latest target is kept.

    A build of every target at 10k contacts renders 150 MB of files: written
    one target at a time, only one target's bytes are alive at once.
    """

    def __init__(self, plan: Plan, names: list[str]) -> None:
        self.plan = plan
        self.names = list(names)
        self.counts: dict[str, int] = {}  # target -> files rendered
        self._latest: tuple[str, Mapping[str, bytes]] | None = None

    def __getitem__(self, name: str) -> Mapping[str, bytes]:
        if name not in self.names:
            raise KeyError(name)
        if self._latest is None or self._latest[0] != name:
            self._latest = None  # free the previous target before rendering the next
            files = targets.load(name).render(self.plan)
            self.counts[name] = len(files)
            self._latest = (name, files)
        return self._latest[1]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


@dataclass
class BuildOutcome:
    result: Result  # the lint result; its errors stopped the build
    names: list[str]  # the targets, groups expanded
    files: int = 0  # files written; 0 when nothing was built
    refused: str = ""  # why `--out` could not be written after all (another tool took it meanwhile)

    @property
    def built(self) -> bool:
        return not self.result.has_errors() and self.result.book is not None


def run(
    path: str,
    names: list[str],
    out_dir: str,
    today: dt.date | None = None,
    waiting: Callable[[], None] = lambda: None,
) -> BuildOutcome:
    """Build `names` from the playbook at `path` into `out_dir`, unless it has errors.

    `waiting` is called when another build into `out_dir` holds it. Raises
    output.Refused (an `out_dir` that is not playbook's to write, found before
    anything is done), UsageError (unreadable input) and ConfigError (invalid configuration).
    """
    output.check(out_dir, path, names)
    compiled = compile_playbook(path, names, today, lazy=True)
    outcome = BuildOutcome(compiled.result, names)
    if not outcome.built:
        return outcome
    rendered = compiled.rendered
    try:
        output.write_targets(out_dir, rendered, path, waiting)
    except output.Refused as exc:
        outcome.refused = str(exc)
        return outcome
    outcome.files = sum(rendered.counts.values()) if isinstance(rendered, Rendering) else 0
    return outcome
