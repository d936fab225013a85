"""The one registry of build targets: a target is a folder `targets/<name>/` and a line in TARGETS.

A target's folder holds:

- `__init__.py` with `NAME`, `DESCRIPTION` and `render(plan) -> dict[str, bytes]`:
  relative path -> file content. Renderers never re-validate the playbook (the
  compiler did) and never write files themselves: `targets.shared.output.write_targets`
  does, into each target's own folder. Content is deterministic: sorted keys, stable
  order, no timestamps;
- `schemas/` (optional): the JSON Schema of each payload it writes, citing the
  vendor's documentation (`targets.shared.contracts` loads them);
- `facts.toml` (optional): the vendor facts the compiler's plan and lint rules read,
  as data (`compiler.plan.targetfacts`), e.g. priority levels and channel codes.

Code shared by several targets lives in `targets/shared/`; no target imports another
(tests/test_architecture.py). docs/architecture.md has the recipe for a new target.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from compiler.plan.targetfacts import facts

# name -> module, imported only when that target is built.
TARGETS: dict[str, str] = {
    "runbook": "targets.runbook",
    "onboarding": "targets.onboarding",
    "site": "targets.site",
    "zendesk": "targets.zendesk",
    "freshdesk": "targets.freshdesk",
    "pagerduty": "targets.pagerduty",
    "opsgenie": "targets.opsgenie",
    "statuspage": "targets.statuspage",
    "slack": "targets.slack",
    "teams": "targets.teams",
    "salesforce": "targets.salesforce",
    "twilio": "targets.twilio",
    "intercom": "targets.intercom",
    "servicenow": "targets.servicenow",
    "kpis": "targets.kpis",
    "checklists": "targets.checklists",
}
# Groups expand to several targets: the documents, and every target whose facts say what kind it is.
GROUPS: dict[str, tuple[str, ...]] = {"docs": ("runbook", "onboarding")}
for _name in TARGETS:
    if (_facts := facts(_name)) is not None and _facts.kind:
        GROUPS[_facts.kind] = (*GROUPS.get(_facts.kind, ()), _name)


# Every target: `playbook build -t all`; also runs every target's rules with `playbook lint -t all`.
ALL = "all"


def names() -> list[str]:
    """What -t/--target takes (and the shell completes): targets, groups, then `all`."""
    return sorted(TARGETS) + sorted(GROUPS) + [ALL]


def expand(requested: list[str]) -> list[str]:
    """Requested target names with groups expanded, duplicates removed, order kept."""
    result: list[str] = []
    for name in requested:
        for item in sorted(TARGETS) if name == ALL else GROUPS.get(name, (name,)):
            if item not in result:
                result.append(item)
    return result


def resolve(requested: list[str]) -> list[str]:
    """`expand`, after checking every name; ValueError names the first unknown one."""
    unknown = [name for name in requested if name not in names()]
    if unknown:
        raise ValueError(f"unknown target {unknown[0]!r}; choose from {', '.join(names())}")
    return expand(requested)


def listing() -> str:
    """`playbook targets`: each target with its description, then the groups and `all`."""
    lines = [f"{name:<12} {load(name).DESCRIPTION}" for name in sorted(TARGETS)]
    lines += [f"{name:<12} = {' + '.join(members)}" for name, members in sorted(GROUPS.items())]
    lines.append(f"{ALL:<12} = every target above")
    return "".join(line + "\n" for line in lines)


def load(name: str) -> ModuleType:
    return importlib.import_module(TARGETS[name])
