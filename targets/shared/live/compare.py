"""Request bodies, the way plan and apply handle them: the ownership marker in a text, placeholders resolved,
differences field by field, and the parts of a hand-made object the playbook leaves as they are taken out or
put back."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

MARKER = re.compile(r"\s*\[playbook:([A-Za-z0-9][A-Za-z0-9_.-]*)\]\s*$")


def marker(book_id: str) -> str:
    return f"[playbook:{book_id}]"


def split_marker(text: Any) -> tuple[str, str | None]:
    """(text without the marker, the playbook id it names or None)."""
    if not isinstance(text, str):
        return ("" if text is None else str(text)), None
    found = MARKER.search(text)
    if found is None:
        return text, None
    return text[: found.start()], found.group(1)


def with_marker(text: str | None, book_id: str, separator: str) -> str:
    return f"{text}{separator}{marker(book_id)}" if text else marker(book_id)


@dataclass
class FieldChange:
    path: str
    old: Any
    new: Any


def _typed(value: Any, json_type: str) -> Any:
    return int(value) if json_type == "integer" else str(value)


def resolve(body: dict[str, Any], refs: list[dict[str, str]], ids: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """`body` with each placeholder replaced by its live id where known; the placeholders still open."""
    body = copy.deepcopy(body)
    missing = []
    for ref in refs:
        if ref["ref"] not in ids:
            missing.append(ref["ref"])
            continue
        parts = [p.replace("~1", "/").replace("~0", "~") for p in ref["pointer"].split("/")[1:]]
        holder: Any = body
        for part in parts[:-1]:
            holder = holder[int(part)] if isinstance(holder, list) else holder[part]
        last = parts[-1]
        value = _typed(ids[ref["ref"]], ref["type"])
        if isinstance(holder, list):
            holder[int(last)] = value
        else:
            holder[last] = value
    return body, sorted(set(missing))


def diff(old: Any, new: Any, path: str = "") -> list[FieldChange]:
    """Field-by-field differences from `old` (live) to `new` (wanted); dict keys in `new` only at the top."""
    if isinstance(old, dict) and isinstance(new, dict):
        found = []
        keys = list(new) + ([k for k in old if k not in new] if path else [])
        for key in keys:
            found += diff(old.get(key), new.get(key), f"{path}.{key}" if path else str(key))
        return found
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        found = []
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            found += diff(a, b, f"{path}[{_item_label(a, b, index, old, new)}]")
        return found
    return [] if old == new else [FieldChange(path, old, new)]


def _item_label(old: Any, new: Any, index: int, olds: list[Any], news: list[Any]) -> str:
    """An SLA metric is named by its priority and metric (`[urgent first_reply_time]`), a rule's condition or
    action by its field when no other one on either side has it (`[NEW]`), anything else by index."""
    if isinstance(old, dict) and isinstance(new, dict):
        names = [new.get(k) for k in ("priority", "metric")]
        if all(isinstance(n, str) for n in names) and names == [old.get(k) for k in ("priority", "metric")]:
            return " ".join(names)  # type: ignore[arg-type]
        for key in ("field", "field_name"):
            name = new.get(key)
            if isinstance(name, str) and old.get(key) == name:
                count = [sum(1 for item in items if isinstance(item, dict) and item.get(key) == name)
                         for items in (olds, news)]  # fmt: skip
                if count == [1, 1]:
                    return name
    return str(index)


def without(body: dict[str, Any], keep: tuple[str, ...]) -> dict[str, Any]:
    """`body` without the fields `keep` names (`name`, or a path: `sla_target.priority_4.escalation_enabled`)."""
    for path in keep:
        *heads, last = path.split(".")
        holder: Any = body
        for head in heads:
            holder = holder.get(head) if isinstance(holder, dict) else None
        if isinstance(holder, dict):
            holder.pop(last, None)
    return body


def with_kept(body: dict[str, Any], live: dict[str, Any], keep: tuple[str, ...]) -> dict[str, Any]:
    """`body` with the kept parts of the fields it sends taken from the live object (a field sent replaces the
    live one whole, so a kept part of it must travel with it)."""
    for path in keep:
        *heads, last = path.split(".")
        if not heads or heads[0] not in body:
            continue  # a whole field kept: not sent at all
        mine: Any = body
        theirs: Any = live
        for head in heads:
            if not isinstance(theirs, dict) or head not in theirs:
                break
            mine = mine.setdefault(head, {}) if isinstance(mine, dict) else None
            theirs = theirs[head]
        else:
            if isinstance(mine, dict) and isinstance(theirs, dict) and last in theirs:
                mine[last] = copy.deepcopy(theirs[last])
    return body
