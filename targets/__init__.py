"""Renderers: turn a compiled plan into files (help-desk payloads, runbooks, documents).

Each target is a module `targets.<name>` (or a package) with:

- `NAME` and `DESCRIPTION`;
- `render(plan) -> dict[str, bytes]`: relative path -> file content. Renderers
  never re-validate the playbook (the compiler did) and never write files
  themselves: `targets.shared.output.write_atomic` does, for every target at once.

Content must be deterministic: sorted keys, stable order, no timestamps.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# name -> module, imported only when that target is built.
TARGETS: dict[str, str] = {
    "runbook": "targets.runbook",
    "onboarding": "targets.onboarding",
    "site": "targets.site",
    "zendesk": "targets.zendesk",
    "freshdesk": "targets.freshdesk",
}
# Groups expand to several targets.
GROUPS: dict[str, tuple[str, ...]] = {
    "docs": ("runbook", "onboarding"),
    "helpdesk": ("zendesk", "freshdesk"),
}


def names() -> list[str]:
    return sorted(TARGETS) + sorted(GROUPS)


def expand(requested: list[str]) -> list[str]:
    """Requested target names with groups expanded, duplicates removed, order kept."""
    result: list[str] = []
    for name in requested:
        for item in GROUPS.get(name, (name,)):
            if item not in result:
                result.append(item)
    return result


def load(name: str) -> ModuleType:
    return importlib.import_module(TARGETS[name])
