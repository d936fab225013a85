"""Plan and apply, for any help desk: compare what a playbook compiles to with a live account, then converge.

The desired state is the payload bundle a help-desk target renders (its files
and manifest.json: steps in dependency order, placeholders, lookups). A vendor
adapter (`targets/<vendor>/live.py`) says, per kind of object, how to list,
match, compare and write it; this module does the rest:

- **Ownership.** playbook changes only objects it manages. It marks each one
  with `[playbook:<playbook id>]`: at the end of its description, or of its
  title where the API has no description (the adapter says which); parts of a
  managed object (a schedule's holidays, a group's memberships) belong to it.
  An object with the marker of another playbook is never touched; one with the
  same key and no marker is *adopted* (the plan says so, the marker is added).
- **Matching** is by key (title or name, without the marker), never by id;
  placeholders (`{{group:x}}`) resolve to the ids of what they name.
- **Changes**: create, update (field by field), reorder (with the products'
  own reorder calls), and, for managed objects the playbook no longer has,
  deactivate (rules) or delete (only with `--delete`, except the parts of a
  managed object, which follow it). What stays is listed as kept.
- **Apply** (applying.py) re-reads the account before writing, writes in
  dependency order, re-reads after a create whose outcome is unknown instead of
  sending it again, stops at the first refusal saying what was done, and plans
  again: a re-run continues from wherever the account is.
- **Adoption.** An imported hand-made account's adoption file (`adoption.py`)
  names the objects the playbook manages unmarked, compared and written only in
  what it holds of them (a kind's `held`); what the account does without is left
  out; a kind may arrange its wants and order around them (`arranged`, `order`).
"""

from __future__ import annotations

import copy
import fnmatch
import json
from dataclasses import dataclass, field
from typing import Any

from targets.shared.live.adoption import Adopted, Adoption, absent_steps, adopted_entries, find_adopted, ordered_wants
from targets.shared.live.compare import (
    FieldChange,
    diff,
    resolve,
    split_marker,
    with_kept,
    with_marker,
    without,
)
from targets.shared.live.http import Client

CREATE_ATTEMPTS = 3


# -- what is wanted and what is there ---------------------------------------------------------------
@dataclass
class Want:
    """One object the playbook wants, from one manifest step."""

    kind: str
    body: dict[str, Any]  # request shape, placeholders as text
    refs: list[dict[str, str]]  # {pointer, ref, type} inside `body`
    creates: str | None  # the placeholder this object's id stands for
    parent: str | None  # the placeholder of the object it belongs to (a schedule, for a holiday)
    step: int
    title: str
    key: str = ""
    file: str = ""  # the build file it comes from (adoption files name objects by it)


@dataclass
class Have:
    """One object in the account, in request shape."""

    kind: str
    id: Any
    key: str
    body: dict[str, Any]
    owner: str | None
    parent_id: Any = None
    active: bool = True
    position: Any = 0
    raw: dict[str, Any] = field(default_factory=dict, repr=False)
    adopted: Adopted | None = None  # a hand-made object the playbook's adoption file names


@dataclass
class Change:
    action: str  # create, update, adopt, reorder, deactivate, delete
    kind: str
    key: str
    fields: list[FieldChange] = field(default_factory=list)
    want: Want | None = None
    have: Have | None = None
    order: list[str] = field(default_factory=list)  # reorder: keys in the new order
    body: dict[str, Any] | None = None  # create: what will be sent (placeholders still unresolved shown as text)
    adopted: bool = False  # the object was made by hand: only what the playbook holds of it is written

    @property
    def label(self) -> str:
        return f'{self.kind} "{self.key}"'


@dataclass
class LivePlan:
    target: str
    account: str
    playbook: str
    changes: list[Change] = field(default_factory=list)
    kept: list[Have] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    manual_steps: list[str] = field(default_factory=list)
    ids: dict[str, Any] = field(default_factory=dict, repr=False)
    wants: list[Want] = field(default_factory=list, repr=False)
    haves: dict[str, list[Have]] = field(default_factory=dict, repr=False)
    absent: list[Want] = field(default_factory=list)  # compiled objects the account does without (adoption)
    adopted: dict[int, Have] = field(default_factory=dict, repr=False)  # want step -> the hand-made object

    @property
    def in_sync(self) -> bool:
        return not self.changes and not self.problems

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for change in self.changes:
            found[change.action] = found.get(change.action, 0) + 1
        return found

    def signature(self) -> list[tuple[str, str, str]]:
        """What the plan would do, to notice that the account changed between showing and applying it."""
        return [
            (c.action, c.kind, c.key, json.dumps([(f.path, f.new) for f in c.fields], default=str))
            for c in self.changes
        ]  # type: ignore[misc]


# -- kinds -------------------------------------------------------------------------------------------
class Kind:
    """How one kind of object is read, compared and written; adapters subclass it."""

    name: str = ""
    marker: str = "description"  # where the ownership marker lives: description, title or parent
    title_field: str = "title"
    parent: str | None = None  # the kind this one belongs to
    ordered: bool = False  # has a playbook-defined order (reorder changes)
    deactivates: bool = False  # orphans are switched off rather than deleted
    follows_parent: bool = False  # orphans are deleted without --delete (they are part of their parent)
    label_from_step: bool = False  # show the manifest step's title rather than the key (keys of ids)
    deletable: bool = True
    ignored: frozenset[str] = frozenset({"position"})
    # Adopted (hand-made) objects keep these as they are: the playbook holds none of them.
    live_owned: frozenset[str] = frozenset({"title", "name", "description"})
    adopted_ordered: bool = False  # adopted objects are put in the playbook's order too (else they keep theirs)

    def key(self, body: dict[str, Any]) -> str:
        return split_marker(body.get(self.title_field))[0]

    def mark(self, body: dict[str, Any], book_id: str) -> dict[str, Any]:
        body = copy.deepcopy(body)
        if self.marker == "description":
            body["description"] = with_marker(body.get("description"), book_id, "\n\n")
        elif self.marker == "title":
            body[self.title_field] = with_marker(body.get(self.title_field), book_id, " ")
        return body

    def owner(self, raw: dict[str, Any]) -> str | None:
        if self.marker == "description":
            return split_marker(raw.get("description"))[1]
        if self.marker == "title":
            return split_marker(raw.get(self.title_field))[1]
        return None

    def read(self, client: Client, parents: list[Have]) -> list[dict[str, Any]]:
        raise NotImplementedError

    def normal(self, raw: dict[str, Any]) -> dict[str, Any]:
        """A live object in the request shape the compiler writes."""
        return copy.deepcopy(raw)

    def comparable(self, body: dict[str, Any]) -> dict[str, Any]:
        """Both sides pass through here before comparison (e.g. to sort what order does not matter in)."""
        return body

    def have(self, raw: dict[str, Any], parent: Have | None) -> Have:
        body = self.normal(raw)
        return Have(
            self.name,
            raw.get("id"),
            self.key(body),
            body,
            parent.owner if parent is not None else self.owner(raw),
            parent.id if parent is not None else None,
            bool(raw.get("active", True)),
            raw.get("position", 0),
            raw,
        )

    def create(self, client: Client, body: dict[str, Any], parent: Any) -> dict[str, Any]:
        raise NotImplementedError

    def update(self, client: Client, have: Have, body: dict[str, Any]) -> None:
        raise NotImplementedError

    def delete(self, client: Client, have: Have) -> None:
        raise NotImplementedError

    def deactivate(self, client: Client, have: Have) -> None:
        raise NotImplementedError

    def reorder(self, client: Client, live: list[Have], wanted: list[Have]) -> None:
        """Put `wanted` (the managed objects, in the playbook's order) into the slots they hold in `live`."""
        raise NotImplementedError

    # -- adopted objects -----------------------------------------------------------------------
    def arranged(self, wants: list[Want], adopted: dict[int, Have]) -> list[Want]:
        """The wants of this kind as an account with these hand-made objects (want step -> object) needs them."""
        return wants

    def order(self, wants: list[Want], adopted: dict[int, Have]) -> list[Want]:
        """The wants of this kind whose order the playbook sets, in that order."""
        return ordered_wants(self, wants, adopted)

    def role(self, file: str) -> str:
        """What a compiled object of this kind is for, from its build file (a trigger: route, alert...)."""
        return ""

    def held(self, body: dict[str, Any], role: str, keep: tuple[str, ...] = ()) -> dict[str, Any]:
        """What the playbook holds of an adopted object: all that is compared (request shape, `keep` left out)."""
        found = {k: copy.deepcopy(v) for k, v in body.items() if k not in self.ignored and k not in self.live_owned}
        return without(found, keep)

    def merged(self, have: Have, body: dict[str, Any], role: str, keep: tuple[str, ...] = ()) -> dict[str, Any]:
        """The update that gives an adopted object what `body` (compiled, ids resolved) holds, and keeps the rest:
        the held fields only (every API here updates only the fields it is sent), kept parts from the live one."""
        return with_kept(self.held(body, role, keep), have.body, keep)

    def kept_parts(self, body: dict[str, Any], role: str, keep: tuple[str, ...] = ()) -> list[str]:
        """What of an adopted object stays as the account has it, in words (for the import report)."""
        names = sorted(self.live_owned, key=lambda name: (name not in ("title", "name"), name))
        found = [name for name in names if body.get(name) not in (None, "", [], {})]
        return found + [f"{path} (the playbook cannot hold it)" for path in keep]


class Adapter:
    """A vendor: its kinds in dependency order, how its payload files map to them, its lookups."""

    target: str = ""
    kinds: list[Kind] = []

    def kind(self, name: str) -> Kind:
        for kind in self.kinds:
            if kind.name == name:
                return kind
        raise KeyError(name)

    def unwrap(self, kind: str, body: Any) -> tuple[dict[str, Any], str]:
        """The object inside a payload file and the JSON-pointer prefix to drop from its references."""
        return body, ""

    def lookup(self, client: Client, entry: dict[str, Any]) -> Any:
        """The live id for a manifest lookup (a user, an agent, business hours), or None."""
        raise NotImplementedError

    def missing(self, entry: dict[str, Any]) -> str:
        return f"{entry['label']} was not found ({entry['find']})"

    def manual_done(self, client: Client, step: dict[str, Any], plan: LivePlan) -> bool:
        """Whether the account shows a manual step of the build's manifest done (`plan`: planned so far)."""
        return False

    # Build files of objects an account configured by hand may do without (an adoption lists them as absent).
    optional_files: dict[str, str] = {}

    def optional(self, file: str) -> str | None:
        """The `absent` pattern for a build file the account may do without, or None if the playbook needs it."""
        return next((p for p in self.optional_files if fnmatch.fnmatchcase(file, p)), None)

    def why_optional(self, file: str) -> str:
        pattern = self.optional(file)
        return self.optional_files[pattern] if pattern is not None else ""


# -- the desired state ---------------------------------------------------------------------------------
def wants_from_bundle(adapter: Adapter, files: dict[str, bytes]) -> tuple[list[Want], dict[str, Any]]:
    manifest = json.loads(files["manifest.json"])
    found: list[Want] = []
    for step in manifest["steps"]:
        body, prefix = adapter.unwrap(step["kind"], json.loads(files[step["file"]]))
        refs, parent = [], None
        for ref in step["references"]:
            if ref["pointer"] == "path":
                parent = ref["ref"]
            else:
                refs.append({**ref, "pointer": ref["pointer"][len(prefix) :]})
        want = Want(
            step["kind"], body, refs, step.get("creates"), parent, step["step"], step["title"], file=step["file"]
        )
        want.key = adapter.kind(step["kind"]).key(body)
        found.append(want)
    return found, manifest


# -- planning ----------------------------------------------------------------------------------------
@dataclass
class Reading:
    """What planning learnt of the account: haves per kind, ids per placeholder, problems."""

    haves: dict[str, list[Have]] = field(default_factory=dict)
    ids: dict[str, Any] = field(default_factory=dict)
    matched: dict[int, Have] = field(default_factory=dict)  # want step -> have
    adopted: dict[int, Have] = field(default_factory=dict)  # want step -> the hand-made have it is
    problems: list[str] = field(default_factory=list)


def make_plan(
    adapter: Adapter,
    client: Client,
    files: dict[str, bytes],
    *,
    delete: bool = False,
    adoption: Adoption | None = None,
    given: dict[str, Any] | None = None,
) -> LivePlan:
    """Read the account and compare it with the bundle: every change playbook would make (`given`: ids of what
    no API can look up, by placeholder, from `--id`)."""
    every, manifest = wants_from_bundle(adapter, files)
    book_id = manifest["playbook"]
    left_out = absent_steps(every, adoption)
    wants = [w for w in every if w.step not in left_out]
    plan = LivePlan(adapter.target, client.settings.base_url, book_id, wants=wants)
    plan.absent = [w for w in every if w.step in left_out]
    reading = Reading()
    needed = {ref["ref"] for w in wants for ref in w.refs} | {w.parent for w in wants if w.parent}
    names = adoption.names if adoption is not None else {}
    found_names = set()
    for entry in manifest["lookups"]:
        if entry["ref"] not in needed:
            continue  # only the compiled objects the account does without use it
        wanted = entry["match"].get("name")
        if wanted in names:
            entry = {**entry, "match": {"name": names[wanted]}, "label": names[wanted]}
        found = (given or {}).get(entry["ref"])
        if found is None:
            found = adapter.lookup(client, entry)
        if found is None:
            reading.problems.append(adapter.missing(entry))
        else:
            reading.ids[entry["ref"]] = found
            if "name" in entry["match"]:
                found_names.update({wanted, entry["match"]["name"]})
    entries = adopted_entries(wants, adoption)
    for kind in adapter.kinds:
        _plan_kind(adapter, kind, client, wants, reading, plan, book_id, delete, adoption, entries)
    plan.problems = reading.problems
    plan.ids = reading.ids
    plan.haves = reading.haves
    # A manual step that made something a lookup now finds (Freshdesk business hours) is done, and so is one
    # whose object the import found in the account under another name, or one the adapter sees done (an order
    # the API reads but cannot write); the others (a setting, a survey) stay listed: no API tells.
    plan.manual_steps = [
        step["title"]
        for step in manifest["manual_steps"]
        if ((step.get("data") or {}).get("name") is None or step["data"]["name"] not in found_names | set(names))
        and not adapter.manual_done(client, step, plan)
    ]
    plan.adopted = reading.adopted
    return plan


def _matched_parents(kind: Kind, reading: Reading) -> list[Have]:
    matched_ids = {id(h) for h in reading.matched.values()}
    return [p for p in reading.haves.get(kind.parent or "", []) if id(p) in matched_ids]


def _adopt(kind: Kind, haves: list[Have], adoption: Adoption | None, book_id: str, reading: Reading) -> None:
    """Mark the haves the adoption names as the playbook's (they carry no marker)."""
    for entry in adoption.of_kind(kind.name) if adoption is not None else []:
        have = find_adopted([h for h in haves if h.adopted is None], entry)
        if have is None:
            continue  # gone from the account: the playbook's object is created again, with a marker
        if have.owner not in (None, book_id):
            reading.problems.append(
                f'{kind.name} "{have.key}" is adopted by this playbook but marked by playbook {have.owner!r}: '
                f"remove one of them (the marker, or its entry in the adoption file)"
            )
            continue
        have.adopted, have.owner = entry, book_id


def _plan_kind(
    adapter: Adapter,
    kind: Kind,
    client: Client,
    wants: list[Want],
    reading: Reading,
    plan: LivePlan,
    book_id: str,
    delete: bool,
    adoption: Adoption | None = None,
    entries: dict[int, Adopted] | None = None,
) -> None:
    mine = [w for w in wants if w.kind == kind.name]
    parents = _matched_parents(kind, reading) if kind.parent else []
    if kind.parent:
        by_id = {p.id: p for p in parents}
        haves = [kind.have(raw, by_id[raw["__parent"]]) for raw in kind.read(client, parents)]
        for have in haves:
            # Parts of an object the playbook manages or adopts in this plan are the playbook's: an adopted
            # group's hand-made memberships show up now, not in the plan after the apply.
            have.owner = book_id
    else:
        haves = [kind.have(raw, None) for raw in kind.read(client, [])]
        _adopt(kind, haves, adoption, book_id, reading)
    reading.haves[kind.name] = haves
    hand_made = {step: h for h in haves for step, entry in (entries or {}).items() if h.adopted is entry}
    mine = kind.arranged(mine, hand_made)
    used: set[int] = set()
    for want in mine:
        entry = (entries or {}).get(want.step)
        adopted = next((h for h in haves if entry is not None and h.adopted is entry and id(h) not in used), None)
        if adopted is not None:
            used.add(id(adopted))
            _plan_adopted(kind, want, adopted, reading, plan)
            continue
        body, _ = resolve(kind.mark(want.body, book_id), want.refs, reading.ids)
        key = kind.key(body)
        parent_id = reading.ids.get(want.parent) if want.parent else None
        candidates = [
            h
            for h in haves
            if id(h) not in used
            and h.adopted is None
            and h.key == key
            and (not want.parent or str(h.parent_id) == str(parent_id))
        ]
        theirs = [h for h in candidates if h.owner not in (None, book_id)]
        ours = [h for h in candidates if h.owner == book_id] or [h for h in candidates if h.owner is None]
        if not ours and theirs:
            reading.problems.append(
                f'{kind.name} "{key}" is managed by playbook {theirs[0].owner!r} in this account: '
                "rename one of them, or remove the other playbook's marker"
            )
            continue
        label = want.title if kind.label_from_step else key
        if not ours:
            plan.changes.append(Change("create", kind.name, label, want=want, body=body))
            continue
        have = ours[0]
        used.add(id(have))
        reading.matched[want.step] = have
        if want.creates:
            reading.ids[want.creates] = have.id
        wanted = {k: v for k, v in kind.comparable(body).items() if k not in kind.ignored}
        fields = diff(kind.comparable(have.body), wanted)
        if have.owner is None and kind.marker != "parent":
            plan.changes.append(Change("adopt", kind.name, label, fields, want, have))
        elif fields:
            plan.changes.append(Change("update", kind.name, label, fields, want, have))
    for have in haves:
        if id(have) in used or have.owner != book_id:
            continue
        if kind.parent:
            have.key = f"{have.key} ({kind.parent} {by_id[have.parent_id].key})"
        adopted = have.adopted is not None
        if kind.deletable and (delete or kind.follows_parent):
            plan.changes.append(Change("delete", kind.name, have.key, have=have, adopted=adopted))
        elif kind.deactivates:
            if have.active:
                plan.changes.append(Change("deactivate", kind.name, have.key, have=have, adopted=adopted))
        else:
            plan.kept.append(have)
    if kind.ordered:
        _plan_order(kind, mine, haves, reading, plan)


def _plan_adopted(kind: Kind, want: Want, have: Have, reading: Reading, plan: LivePlan) -> None:
    """Compare a hand-made object with the compiled one in what the playbook holds of it (no marker added)."""
    assert have.adopted is not None
    reading.matched[want.step] = reading.adopted[want.step] = have
    if want.creates:
        reading.ids[want.creates] = have.id
    body, _ = resolve(want.body, want.refs, reading.ids)
    role, keep = kind.role(want.file), have.adopted.keep
    fields = diff(kind.comparable(kind.held(have.body, role, keep)), kind.comparable(kind.held(body, role, keep)))
    if fields:
        plan.changes.append(Change("update", kind.name, have.key, fields, want, have, adopted=True))


def _plan_order(kind: Kind, mine: list[Want], haves: list[Have], reading: Reading, plan: LivePlan) -> None:
    """A reorder when the managed objects (new ones land last) are not in the playbook's order."""
    mine = kind.order(mine, reading.adopted)
    labels = {w.step: reading.adopted[w.step].key if w.step in reading.adopted else w.key for w in mine}
    wanted_keys = [labels[w.step] for w in mine]
    matched = {id(reading.matched[w.step]): labels[w.step] for w in mine if w.step in reading.matched}
    live_order = [matched[id(h)] for h in sorted(haves, key=position) if id(h) in matched]
    after_creates = live_order + [k for k in wanted_keys if k not in live_order]
    if after_creates != wanted_keys:
        plan.changes.append(Change("reorder", kind.name, f"{len(wanted_keys)} {kind.name}s", order=wanted_keys))


def position(have: Have) -> tuple[Any, str]:
    return (have.position if isinstance(have.position, int) else 0, str(have.id))
