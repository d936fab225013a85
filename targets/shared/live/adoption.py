"""Hand-made objects a playbook adopted: `adopted.<target>.json`, beside the playbook `playbook import` wrote.

An account configured by hand has none of playbook's markers, and its objects
have their own titles, descriptions, notification texts and guard tags. When
`import` reads such an account, it writes the playbook the language can hold
and this file, which says for each compiled object (a file of the build, e.g.
`sla_policies/email-web.json`) which live object it is. `plan` and `apply`
then manage those objects without renaming or marking them:

- an adopted object is found by its id in the account (ids are stable there;
  the file is about one account), else by its title;
- only what the playbook holds is compared and written (a kind's `held` view:
  an SLA policy's channels and targets, an automation's priority, timing and
  recipient...); its title, description, texts and whatever else the account
  keeps (`keep`) are never sent;
- compiled objects the account does without (playbook's views, say) are listed
  under `absent` and never created, unless something being created needs one;
- objects the build looks up by name (Freshdesk business hours) are looked up
  under the name they have in the account (`names`).

The file is JSON (a playbook folder's YAML files are all read as the playbook)
and follows schemas/adoption.schema.json.
"""

from __future__ import annotations

import fnmatch
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playbook.source import UsageError

WRITTEN_BY = "playbook import"
ABOUT = (
    "Hand-made help-desk objects this playbook manages, found by `playbook import`. "
    "`playbook plan` and `apply` compare and write only what the playbook holds of them (never titles, "
    "descriptions, texts or the fields under keep) and never create the build files under absent. "
    "See README.md, 'Adopting an account configured by hand'."
)


class AdoptionError(UsageError):
    """The adoption file cannot be used (unreadable, invalid, or another playbook's)."""


def file_name(target: str) -> str:
    return f"adopted.{target}.json"


def location(playbook_path: str | Path, target: str) -> Path:
    """Where a playbook's adoption file is: in its folder (the playbook's own, or the file's)."""
    path = Path(playbook_path)
    folder = path if path.is_dir() else path.parent
    return folder / file_name(target)


@dataclass(frozen=True)
class Adopted:
    """One hand-made object and the build file it stands for."""

    file: str
    kind: str
    id: Any
    title: str
    keep: tuple[str, ...] = ()


@dataclass
class Adoption:
    target: str
    playbook: str
    account: str
    objects: list[Adopted] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    def of_file(self, file: str) -> Adopted | None:
        for entry in self.objects:
            if entry.file == file:
                return entry
        return None

    def of_kind(self, kind: str) -> list[Adopted]:
        return [entry for entry in self.objects if entry.kind == kind]

    def is_absent(self, file: str) -> bool:
        return any(fnmatch.fnmatchcase(file, pattern) for pattern in self.absent)

    def data(self) -> dict[str, Any]:
        objects = []
        for entry in self.objects:
            item: dict[str, Any] = {"file": entry.file, "kind": entry.kind, "id": entry.id, "title": entry.title}
            if entry.keep:
                item["keep"] = list(entry.keep)
            objects.append(item)
        return {
            "about": ABOUT,
            "written_by": WRITTEN_BY,
            "target": self.target,
            "playbook": self.playbook,
            "account": self.account,
            "objects": objects,
            "absent": list(self.absent),
            "names": dict(sorted(self.names.items())),
        }

    def text(self) -> str:
        return json.dumps(self.data(), indent=2, ensure_ascii=False) + "\n"


# -- planning with an adoption (engine.make_plan) --------------------------------------------------
# Wants and haves are engine.Want and engine.Have (the engine imports this module, not the other way round).
def stable_name(file: str) -> str:
    """A build file without the numbers that shift when a route or step is added before it."""
    return re.sub(r"\b(route|step)-\d+\b", r"\1-#", file)


def adopted_entries(wants: list[Any], adoption: Adoption | None) -> dict[int, Adopted]:
    """The adoption entry of each want: by its build file, else (routes and steps renumbered by an edit) by the
    file without its number, when that names one entry and one want."""
    if adoption is None:
        return {}
    found = {w.step: e for w in wants if (e := adoption.of_file(w.file)) is not None}
    taken = {id(e) for e in found.values()}
    free = [e for e in adoption.objects if id(e) not in taken]
    for want in wants:
        if want.step in found:
            continue
        name = stable_name(want.file)
        entries = [e for e in free if e.kind == want.kind and stable_name(e.file) == name]
        rivals = [w for w in wants if w.step not in found and stable_name(w.file) == name and w.kind == want.kind]
        if len(entries) == 1 and len(rivals) == 1:
            found[want.step] = entries[0]
            free.remove(entries[0])
    return found


def absent_steps(wants: list[Any], adoption: Adoption | None) -> set[int]:
    """Steps of compiled objects the account does without: named `absent` by the adoption and not adopted, with
    their parts (a schedule's holidays), unless an object the plan may create needs one (refers to its id)."""
    if adoption is None:
        return set()
    entries = adopted_entries(wants, adoption)
    chosen = {w.step for w in wants if adoption.is_absent(w.file) and w.step not in entries}
    while True:
        made = {w.creates for w in wants if w.step in chosen and w.creates}
        left_out = chosen | {w.step for w in wants if w.parent in made}
        # Adopted objects keep what the playbook does not hold (a trigger's category), so only the others count.
        keeping = [w for w in wants if w.step not in left_out and w.step not in entries]
        needed = {r["ref"] for w in keeping for r in w.refs} | {w.parent for w in keeping if w.parent}
        kept = {w.step for w in wants if w.step in chosen and w.creates in needed}
        if not kept:
            return left_out
        chosen -= kept


def ordered_wants(kind: Any, wants: list[Any], adopted: dict[int, Any]) -> list[Any]:
    """The wants of `kind` whose order the playbook sets: adopted objects keep their places unless the kind's
    order is part of what the playbook holds (SLA policies: the first that matches applies)."""
    return [w for w in wants if w.kind == kind.name and (kind.adopted_ordered or w.step not in adopted)]


def find_adopted(haves: list[Any], entry: Adopted) -> Any:
    """The hand-made object an adoption entry names: by its id, else (an account it was re-made in) its title."""
    for have in haves:
        if str(have.id) == str(entry.id):
            return have
    titled = [h for h in haves if h.key == entry.title]
    return titled[0] if len(titled) == 1 else None


def parse(text: str, where: str) -> Adoption:
    from jsonschema import Draft7Validator

    from schemas import load_schema

    try:
        data = json.loads(text)
    except ValueError as exc:
        raise AdoptionError(f"{where}: not JSON ({exc})") from None
    errors = sorted(Draft7Validator(load_schema("adoption")).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        at = "/".join(str(part) for part in first.absolute_path) or "the top level"
        raise AdoptionError(f"{where}: {at}: {first.message} (see schemas/adoption.schema.json)")
    objects = [Adopted(o["file"], o["kind"], o["id"], o["title"], tuple(o.get("keep") or ())) for o in data["objects"]]
    files = [o.file for o in objects]
    doubled = sorted({f for f in files if files.count(f) > 1})
    if doubled:
        raise AdoptionError(f"{where}: {doubled[0]} is adopted twice: keep one entry")
    return Adoption(data["target"], data["playbook"], data["account"], objects, data["absent"], data["names"])


def load(playbook_path: str | Path, target: str, book_id: str) -> Adoption | None:
    """The adoption file of the playbook at `playbook_path` for `target`, or None when it has none."""
    path = location(playbook_path, target)
    if not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AdoptionError(f"{path}: cannot be read ({exc.strerror})") from None
    adoption = parse(text, str(path))
    if adoption.target != target:
        raise AdoptionError(f"{path}: is for {adoption.target}, not {target}")
    if adoption.playbook != book_id:
        raise AdoptionError(
            f"{path}: belongs to playbook {adoption.playbook!r}, not {book_id!r}: move it beside its playbook"
        )
    return adoption


def is_ours(path: Path) -> bool:
    """True when `path` is an adoption file `playbook import` wrote (so a new import may replace it)."""
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("written_by") == WRITTEN_BY
    except (OSError, ValueError, AttributeError):
        return False
