"""A live plan as text (terminal), Markdown (pull-request comment) or JSON (schemas/live-plan.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from targets.shared.live.engine import Change, LivePlan

SYMBOLS = {"create": "+", "adopt": "*", "update": "~", "reorder": "^", "deactivate": "-", "delete": "x"}
VERBS = {
    "create": "to create",
    "adopt": "to adopt",
    "update": "to update",
    "reorder": "to reorder",
    "deactivate": "to deactivate",
    "delete": "to delete",
}
WIDTH = 100
ABSENT_FROM = "adopted.{}.json"


def summary(plan: LivePlan) -> str:
    counts = plan.counts()
    if plan.problems:
        return f"{len(plan.problems)} problem{'s' if len(plan.problems) > 1 else ''} to fix before anything is written"
    if not counts:
        return "in sync: no changes"
    return ", ".join(f"{counts[action]} {VERBS[action]}" for action in VERBS if action in counts)


def _value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True) if not isinstance(value, str) else json.dumps(value)
    return text if len(text) <= WIDTH else text[: WIDTH - 3] + "..."


def _why(change: Change) -> str:
    if change.adopted:
        return " (made by hand, adopted: only what the playbook holds is written)"
    if change.action == "adopt":
        return " (exists without playbook's marker: playbook takes it over)"
    if change.action in ("deactivate", "delete") and change.kind not in ("holiday", "group_membership"):
        return " (no longer in the playbook)"
    return ""


def text(plan: LivePlan) -> str:
    lines = [f"{plan.target} {plan.account}, playbook {plan.playbook}: {summary(plan)}"]
    for problem in plan.problems:
        lines.append(f"  error: {problem}")
    if plan.changes:
        lines.append("")
    for change in plan.changes:
        lines.append(f"{SYMBOLS[change.action]} {change.action} {change.label}{_why(change)}")
        for item in change.fields:
            lines.append(f"    {item.path}: {_value(item.old)} -> {_value(item.new)}")
        if change.action == "reorder":
            lines += [f"    {number}. {key}" for number, key in enumerate(change.order, start=1)]
    if plan.kept:
        lines.append("")
        lines.append("Kept (managed by playbook but no longer in it; --delete removes them):")
        lines += [f'  {have.kind} "{have.key}"' for have in plan.kept]
    if plan.manual_steps:
        lines.append("")
        lines.append("Manual steps the API cannot do (see the build's manifest.json):")
        lines += [f"  - {step}" for step in plan.manual_steps]
    if plan.absent:
        kinds: dict[str, int] = {}
        for want in plan.absent:
            kinds[want.kind] = kinds.get(want.kind, 0) + 1
        counted = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in kinds.items())
        lines.append("")
        lines.append(f"Left out, as the account does without them: {counted} ('absent' in "
                     f"{ABSENT_FROM.format(plan.target)}; --format json lists them)")  # fmt: skip
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    return "`" + _value(value).replace("|", "\\|").replace("`", "'") + "`"


def markdown(plan: LivePlan) -> str:
    lines = [f"### playbook plan: {plan.target} (playbook `{plan.playbook}`)", "", f"**{summary(plan)}**", ""]
    for problem in plan.problems:
        lines.append(f"- :x: {problem}")
    if plan.problems:
        lines.append("")
    for change in plan.changes:
        lines.append(f"- **{change.action}** {change.kind} `{change.key}`{_why(change)}")
        if change.fields:
            lines += ["", "  | field | live | playbook |", "  |---|---|---|"]
            lines += [f"  | `{f.path}` | {_cell(f.old)} | {_cell(f.new)} |" for f in change.fields]
            lines.append("")
        if change.action == "reorder":
            lines += [f"  {number}. {key}" for number, key in enumerate(change.order, start=1)]
    if plan.kept:
        lines += [
            "",
            "<details><summary>Kept (no longer in the playbook; <code>--delete</code> removes them)</summary>",
            "",
        ]
        lines += [f"- {have.kind} `{have.key}`" for have in plan.kept]
        lines += ["", "</details>"]
    if plan.manual_steps:
        lines += ["", "Manual steps the API cannot do:", ""] + [f"- {step}" for step in plan.manual_steps]
    if plan.absent:
        lines += ["", f"<details><summary>Left out, as the account does without them (`absent` in "
                  f"<code>{ABSENT_FROM.format(plan.target)}</code>)</summary>", ""]  # fmt: skip
        lines += [f"- {want.title} (`{want.file}`)" for want in plan.absent]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def as_json(plan: LivePlan) -> dict[str, Any]:
    changes = []
    for change in plan.changes:
        entry: dict[str, Any] = {"action": change.action, "kind": change.kind, "key": change.key}
        if change.fields:
            entry["fields"] = [{"path": f.path, "live": f.old, "playbook": f.new} for f in change.fields]
        if change.action == "reorder":
            entry["order"] = change.order
        if change.action == "create" and change.body is not None:
            entry["body"] = change.body
        if change.have is not None:
            entry["id"] = change.have.id
        if change.adopted:
            entry["adopted"] = True
        changes.append(entry)
    return {
        "target": plan.target,
        "account": plan.account,
        "playbook": plan.playbook,
        "in_sync": plan.in_sync,
        "summary": plan.counts(),
        "problems": plan.problems,
        "changes": changes,
        "kept": [{"kind": h.kind, "key": h.key, "id": h.id} for h in plan.kept],
        "manual_steps": plan.manual_steps,
        "absent": [{"kind": w.kind, "title": w.title, "file": w.file} for w in plan.absent],
    }


def render(plan: LivePlan, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(as_json(plan), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return markdown(plan) if fmt == "markdown" else text(plan)
