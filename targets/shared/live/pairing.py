"""Adopting an account configured by hand: which hand-made object each object of the imported playbook's build is.

The importer of a hand-made account (each help desk's `handmade.py`) names the
objects it read into the playbook (`Draft.eligible`), and the ones it knows by
name (`Draft.hints`); `pair` finds the rest by what the playbook holds of them
(a kind's `held` view), and the adoption file records the pairs.
"""

from __future__ import annotations

from typing import Any

from targets.shared.live.adoption import Adopted, Adoption
from targets.shared.live.compare import resolve
from targets.shared.live.engine import Adapter, Have, wants_from_bundle
from targets.shared.live.importing import Draft


def pair(adapter: Adapter, source: Any, files: dict[str, bytes], draft: Draft) -> Adoption:
    """The hand-made object each object of the build is: the one the importer named (`hints`), else the first
    the importer read whose `held` view is the compiled one's. Compiled objects of the adapter's optional kinds
    left without one are `absent`; the report lines say what was adopted, kept and left out."""
    wants, manifest = wants_from_bundle(adapter, files)
    ids: dict[str, Any] = {}
    for entry in manifest["lookups"]:
        wanted = entry["match"].get("name")
        if wanted in draft.names:
            entry = {**entry, "match": {"name": draft.names[wanted]}}
        found = adapter.lookup(source, entry)
        if found is not None:
            ids[entry["ref"]] = found
    adoption = Adoption(adapter.target, draft.book_id, source.settings.base_url, names=dict(draft.names))
    for kind in adapter.kinds:
        if kind.parent is not None:
            continue  # parts follow their object
        haves = [
            h
            for h in (kind.have(raw, None) for raw in kind.read(source, []))
            if h.owner is None and (kind.name, str(h.id)) in draft.eligible
        ]
        used: set[int] = set()
        for want in (w for w in wants if w.kind == kind.name):
            role = kind.role(want.file)
            body, _ = resolve(want.body, want.refs, ids)
            hinted = draft.hints.get((kind.name, want.key))
            found = None
            for have in haves:
                keep = draft.keep.get((kind.name, str(have.id)), ())
                if id(have) in used or (hinted is not None and str(have.id) != str(hinted)):
                    continue
                held = kind.comparable(kind.held(body, role, keep))
                if hinted is not None or kind.comparable(kind.held(have.body, role, keep)) == held:
                    found = have
                    break
            if found is None:
                continue
            used.add(id(found))
            keep = draft.keep.get((kind.name, str(found.id)), ())
            adoption.objects.append(Adopted(want.file, kind.name, found.id, found.key, keep))
            draft.adopted.append(f'{kind.name} "{found.key}" (as {want.file})')
            kept = kind.kept_parts(found.body, role, keep)
            if kept:
                draft.kept.append(f'{kind.name} "{found.key}": {"; ".join(kept)}')
            if want.creates:
                ids[want.creates] = found.id
    for want in wants:
        if want.parent is None and adoption.of_file(want.file) is None:
            pattern = adapter.optional(want.file)
            if pattern is not None:
                if pattern not in adoption.absent:
                    adoption.absent.append(pattern)
                draft.absent.append(f"{want.title} ({want.file}): {adapter.why_optional(want.file)}")
    draft.adoption = adoption
    return adoption


def not_adopted(draft: Draft, haves: dict[str, list[Have]]) -> None:
    """Every object of the account the playbook does not adopt and the importer did not already give a reason for
    (objects it read but pairing left alone among them: the check against the account says why)."""
    adopted = {(o.kind, str(o.id)) for o in draft.adoption.objects} if draft.adoption else set()
    for kind, items in haves.items():
        for have in items:
            key = (kind, str(have.id))
            if have.parent_id is None and key not in adopted and (key not in draft.examined or key in draft.eligible):
                draft.unmanaged.append(f'{kind} "{have.key}"')
