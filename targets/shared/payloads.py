"""API payload bundles for the help-desk targets: one JSON file per API object plus a manifest.

Objects the compiler cannot know the numeric id of (groups it creates, agents
and users that already exist) are written as placeholders of the form
`{{kind:id}}`, e.g. `"{{group:coordinators}}"` or `"{{user:team-lead}}"`. A
placeholder is always a whole JSON string (or a whole path segment), never part
of a longer text, so it can never be mistaken for a real id (ids are numbers)
or for a Zendesk template placeholder (`{{ticket.id}}` has a dot, never a colon).

The manifest says, for every file, where each placeholder sits (a JSON pointer)
and what JSON type the resolved id takes there, and for every placeholder how
to resolve it: from the response of an earlier step (`creates`), or by looking
up an existing object (`lookups`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from targets.shared import jsontext

PLACEHOLDER = re.compile(r"\{\{([a-z_]+):([A-Za-z0-9][A-Za-z0-9_.-]*)\}\}")

RESOLUTION_RULE = (
    "A JSON string that is exactly {{kind:id}} (and the same text inside a step's path) stands for the "
    "numeric id of an object. Resolve it from the id returned by the step whose 'creates' names it (steps "
    "run in order), or, for objects that already exist in the account, with the matching entry in "
    "'lookups'. Replace it with the id in the JSON type given by the step's 'references' entry "
    "('integer': a JSON number; 'string': the id's digits as a JSON string). Never send a file that "
    "still holds a placeholder."
)


@dataclass(frozen=True)
class Ref:
    """A symbolic id, resolved at apply time; `json_type` is how the id is written once resolved."""

    kind: str
    id: str
    json_type: str = "string"

    @property
    def text(self) -> str:
        return f"{{{{{self.kind}:{self.id}}}}}"

    def integer(self) -> Ref:
        return Ref(self.kind, self.id, "integer")


def dumps(value: Any) -> bytes:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8, trailing newline."""
    return jsontext.file_bytes(value)


def _pointer_part(key: Any) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def resolve_refs(value: Any, pointer: str, found: list[dict[str, str]]) -> Any:
    """`value` with every `Ref` replaced by its placeholder text; each one recorded in `found`."""
    if isinstance(value, Ref):
        found.append({"pointer": pointer, "ref": value.text, "type": value.json_type})
        return value.text
    if isinstance(value, dict):
        return {k: resolve_refs(v, f"{pointer}/{_pointer_part(k)}", found) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [resolve_refs(v, f"{pointer}/{i}", found) for i, v in enumerate(value)]
    return value


@dataclass
class Bundle:
    """Everything one help-desk target emits: files in apply order, lookups, manual steps, notes."""

    target: str
    playbook: str
    api: dict[str, str]
    steps: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    lookups: dict[str, dict[str, Any]] = field(default_factory=dict)
    manual_steps: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, str]] = field(default_factory=list)
    _noted: set[tuple[str, str, str]] = field(default_factory=set, repr=False)
    messages: list[dict[str, Any]] = field(default_factory=list)  # messaging targets: sent later, never applied

    def add(
        self, kind: str, file: str, method: str, path: str, body: Any, title: str, creates: Ref | None = None
    ) -> None:
        """Add one API call: `kind` names its contract, targets/<target>/schemas/<kind>.schema.json."""
        if file in self.files:
            raise ValueError(f"two payloads would be written to {file}")
        references: list[dict[str, str]] = []
        for match in PLACEHOLDER.finditer(path):
            references.append({"pointer": "path", "ref": match.group(0), "type": "string"})
        payload = resolve_refs(body, "", references)
        self.files[file] = dumps(payload)
        step: dict[str, Any] = {
            "step": len(self.steps) + 1,
            "title": title,
            "kind": kind,
            "method": method,
            "path": path,
            "file": file,
            "references": references,
        }
        if creates is not None:
            step["creates"] = creates.text
        self.steps.append(step)

    def message(
        self, file: str, body: Any, about: str, send_when: str, sent_by: str, rooms: list[dict[str, str]]
    ) -> None:
        """A message template: posted to each room's webhook when `send_when` happens, by `sent_by`."""
        if file in self.files:
            raise ValueError(f"two payloads would be written to {file}")
        self.files[file] = dumps(body)
        self.messages.append({"file": file, "about": about, "send_when": send_when, "sent_by": sent_by, "rooms": rooms})

    def lookup(self, ref: Ref, find: str, match: dict[str, str], label: str) -> None:
        """An object that must already exist in the account, and how to find its id."""
        self.lookups.setdefault(ref.text, {"ref": ref.text, "find": find, "match": match, "label": label})

    def note(self, kind: str, about: str, message: str) -> None:
        """A rounding, approximation or omission the administrator must know about."""
        if (kind, about, message) not in self._noted:  # a set: a big playbook has thousands of notes
            self._noted.add((kind, about, message))
            self.notes.append({"kind": kind, "about": about, "message": message})

    def manual(self, key: str, title: str, why: str, instructions: list[str], data: Any = None) -> None:
        entry: dict[str, Any] = {"id": key, "title": title, "why": why, "instructions": instructions}
        if data is not None:
            entry["data"] = data
        self.manual_steps.append(entry)

    def manifest(self) -> dict[str, Any]:
        data = {
            "target": self.target,
            "playbook": self.playbook,
            "api": self.api,
            "placeholders": {"form": "{{kind:id}}", "rule": RESOLUTION_RULE},
            "steps": self.steps,
            "lookups": [self.lookups[key] for key in sorted(self.lookups)],
            "manual_steps": self.manual_steps,
            "notes": self.notes,
        }
        if self.messages:
            data["messages"] = self.messages
        return data

    def render(self) -> dict[str, bytes]:
        """Every payload file plus `manifest.json`."""
        unresolved = self._unresolvable()
        if unresolved:
            raise ValueError(f"placeholders with no way to resolve them: {', '.join(unresolved)}")
        return {**self.files, "manifest.json": dumps(self.manifest())}

    def _unresolvable(self) -> list[str]:
        """Placeholders used before any step creates them and with no lookup (a renderer bug)."""
        known = set(self.lookups)
        missing: set[str] = set()
        for step in self.steps:
            missing |= {ref["ref"] for ref in step["references"]} - known
            if "creates" in step:
                known.add(step["creates"])
        return sorted(missing)
