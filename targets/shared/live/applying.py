"""Apply a live plan (engine.make_plan): writes in dependency order; a create whose outcome is unknown is
looked up again instead of sent twice; the first refusal stops the run, saying what was done. A hand-made
(adopted) object is sent only what the playbook holds of it, merged into what it has (`Kind.merged`)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from targets.shared.live.compare import resolve
from targets.shared.live.engine import CREATE_ATTEMPTS, Adapter, Change, Have, Kind, LivePlan, position
from targets.shared.live.http import Client, LiveError, OutcomeUnknown


class ApplyFailed(LiveError):
    def __init__(self, done: list[str], change: Change, error: Exception):
        self.done, self.change, self.error = done, change, error
        super().__init__(f"{change.action} {change.label} failed: {error}")


Progress = Callable[[int, int, str], None]

PHASES = {"create": 0, "adopt": 0, "update": 0, "reorder": 1, "deactivate": 2, "delete": 2}


def ordered(plan: LivePlan, adapter: Adapter) -> list[Change]:
    """Writes in dependency order: creates and updates by manifest step, then reorders, then removals
    (dependants first, so a trigger is switched off before its category goes)."""
    rank = {kind.name: index for index, kind in enumerate(adapter.kinds)}

    def key(change: Change) -> tuple[int, int, int]:
        phase = PHASES[change.action]
        if phase == 0:
            assert change.want is not None
            return (0, change.want.step, 0)
        if phase == 1:
            return (1, rank[change.kind], 0)
        return (2, -rank[change.kind], 0)

    return sorted(plan.changes, key=key)


def apply_plan(adapter: Adapter, client: Client, plan: LivePlan, progress: Progress | None = None) -> list[str]:
    """Make the changes of `plan`; the description of each one done. Raises ApplyFailed at the first failure."""
    changes = ordered(plan, adapter)
    done: list[str] = []
    ids = dict(plan.ids)
    for index, change in enumerate(changes, start=1):
        text = f"{change.action} {change.label}"
        if progress is not None:
            progress(index, len(changes), text)
        try:
            _execute(adapter, client, plan, change, ids)
        except LiveError as exc:
            raise ApplyFailed(done, change, exc) from None
        done.append(text)
    return done


def _execute(adapter: Adapter, client: Client, plan: LivePlan, change: Change, ids: dict[str, Any]) -> None:
    kind = adapter.kind(change.kind)
    if change.action == "reorder":
        _reorder(adapter, kind, client, plan, ids)
        return
    if change.action == "deactivate":
        assert change.have is not None
        kind.deactivate(client, change.have)
        return
    if change.action == "delete":
        assert change.have is not None
        kind.delete(client, change.have)
        return
    want = change.want
    assert want is not None
    if change.adopted:
        assert change.have is not None and change.have.adopted is not None
        compiled, _ = resolve(want.body, want.refs, ids)
        body = kind.merged(change.have, compiled, kind.role(want.file), change.have.adopted.keep)
        still = sorted(set(re.findall(r"\{\{[a-z_]+:[^}]+\}\}", json.dumps(body))))
        if still:
            raise LiveError(f"cannot send it: {', '.join(still)} has no id in the account yet")
        kind.update(client, change.have, body)
        return
    body, missing = resolve(kind.mark(want.body, plan.playbook), want.refs, ids)
    if missing:
        raise LiveError(f"cannot send it: {', '.join(missing)} has no id in the account yet")
    body = {k: v for k, v in body.items() if change.action == "create" or k not in kind.ignored}
    if change.action == "create":
        parent = ids.get(want.parent) if want.parent else None
        if want.parent and parent is None:
            raise LiveError(f"cannot send it: {want.parent} has no id in the account yet")
        created = _create(kind, client, body, parent, plan.playbook)
        if want.creates:
            ids[want.creates] = created
        return
    assert change.have is not None
    kind.update(client, change.have, body)


def _create(kind: Kind, client: Client, body: dict[str, Any], parent: Any, book_id: str) -> Any:
    """Create once: when the answer is lost, look before sending again (no duplicate from a retry)."""
    key = kind.key(body)
    for attempt in range(1, CREATE_ATTEMPTS + 1):
        try:
            return kind.create(client, body, parent)["id"]
        except OutcomeUnknown:
            if attempt == CREATE_ATTEMPTS:
                raise
            parents = [Have(kind.parent or "", parent, "", {}, book_id)] if kind.parent else []
            for raw in kind.read(client, parents):
                have = kind.have(raw, parents[0] if parents else None)
                if have.key == key and have.owner == book_id:
                    return have.id
    raise AssertionError("unreachable")


def _reorder(adapter: Adapter, kind: Kind, client: Client, plan: LivePlan, ids: dict[str, Any]) -> None:
    """Re-read the kind (new objects have ids and positions now) and put the managed ones in order."""
    wants = kind.order(plan.wants, plan.adopted)
    parents = [Have(kind.parent or "", pid, "", {}, plan.playbook) for pid in {ids.get(w.parent) for w in wants}]
    live = [kind.have(raw, parents[0] if parents else None) for raw in kind.read(client, parents)]
    live.sort(key=position)
    by_key = {h.key: h for h in live if h.owner == plan.playbook}
    by_id = {str(h.id): h for h in live}
    found = [by_id.get(str(plan.adopted[w.step].id)) if w.step in plan.adopted else by_key.get(w.key) for w in wants]
    wanted = [h for h in found if h is not None]
    if len(wanted) != len(wants):
        raise LiveError(f"cannot reorder {kind.name}s: some are missing from the account")
    kind.reorder(client, live, wanted)
