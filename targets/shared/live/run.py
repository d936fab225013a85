"""What `playbook plan`, `apply` and `import` do between the command line and the engine."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from targets.shared.live.engine import Adapter, LivePlan, apply_plan, make_plan
from targets.shared.live.http import Client, settings_from_env


def adapter(target: str) -> Adapter:
    return importlib.import_module(f"targets.{target}.live").ADAPTER  # type: ignore[no-any-return]


def connect(target: str, url: str | None, on_wait: Callable[[str], None] | None = None, **options: Any) -> Client:
    """A client for the account named by --url or the environment (a LiveError when incomplete)."""
    return Client(settings_from_env(target, url), on_wait=on_wait, **options)


def plan(target: str, client: Client, files: dict[str, bytes], *, delete: bool = False) -> LivePlan:
    return make_plan(adapter(target), client, files, delete=delete)


def apply(
    target: str, client: Client, current: LivePlan, progress: Callable[[int, int, str], None] | None = None
) -> list[str]:
    return apply_plan(adapter(target), client, current, progress)


def import_playbook(target: str, source: Any, book_id: str | None = None) -> Any:
    """The playbook read back from the account behind `source` (a Draft; see targets/shared/live/importing.py)."""
    return importlib.import_module(f"targets.{target}.importer").read_playbook(source, book_id)


def check_import(target: str, text: str, source: Any, today: Any = None) -> list[str]:
    """Compile an imported playbook and plan it against its source: what does not round-trip (empty: in sync)."""
    import tempfile
    from pathlib import Path

    import targets
    from compiler.lint.pipeline import lint_path
    from compiler.lint.settings import RuleSettings
    from compiler.plan.plan import build_plan

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "playbook.yaml"
        path.write_text(text, encoding="utf-8")
        result = lint_path(str(path), RuleSettings(today=today, targets=frozenset([target])))
        errors = [f for f in result.findings if str(f.severity) == "error"]
        if errors or result.book is None:
            return [
                f"the imported playbook does not lint: {f.code} {f.message} (line {f.location.line})" for f in errors
            ]
        files = targets.load(target).render(build_plan(result.book))
    current = make_plan(adapter(target), source, files)
    found = list(current.problems)
    for change in current.changes:
        fields = ", ".join(f.path for f in change.fields)
        found.append(f"apply would {change.action} {change.label}" + (f" ({fields})" if fields else ""))
    return found
