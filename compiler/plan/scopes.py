"""Which tickets an SLA policy applies to, in each help desk's terms, and what it cannot express.

One translation, shared by the help-desk renderers and the target rules (PB520,
PB521), so that what the linter reports is exactly what a build leaves out. How
a product selects tickets comes from its facts (`[policies]` in
`targets/<name>/facts.toml`):

- "all-any" (Zendesk): conditions that must all hold, plus one group of which
  one must hold. A condition with several values goes into the group unless
  the field tests several values at once (tags: `includes` any of them).
- "keys" (Freshdesk): each key lists values, of which the ticket has one; every
  key given must hold. Alternatives across keys cannot be written. A segment
  on attributes the product has no key for may name a stand-in
  (`helpdesk.<target>.segments`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field

from compiler.plan.targetfacts import TargetFacts
from playbook.model import Playbook
from playbook.policies import ATTRIBUTES, Condition, Selector, SlaPolicy
from playbook.units import ValueError_


@dataclass(frozen=True)
class Test:
    """One condition in the product's terms: `field` has one of `values` (playbook values, translated later)."""

    attribute: str  # the playbook attribute (channels, groups, organizations...) or a stand-in key
    field: str  # the product's field
    values: tuple[str, ...]
    field_name: str = ""  # a custom field, for messages


@dataclass
class Scope:
    """What a policy selects: `all` must each hold, then one of `any` (when there is any)."""

    all: list[Test] = field(default_factory=list)
    any: list[Test] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why the product cannot express the selector
    stand_ins: list[str] = field(default_factory=list)  # segments recognised by a stand-in

    @property
    def expressible(self) -> bool:
        return not self.problems


def scope(book: Playbook, policy: SlaPolicy, facts: TargetFacts, codes: dict[str, tuple[int, ...]]) -> Scope:
    """The policy's selector in the product's terms (an empty scope for the fallback: every ticket).

    `codes` are the product's channel codes per channel: a channel condition tests them.
    """
    if policy.when is None:
        return Scope()
    return selector_scope(book, policy.when, facts, codes)


def segment_scope(book: Playbook, segment: str, facts: TargetFacts, codes: dict[str, tuple[int, ...]]) -> Scope:
    """The tickets of one segment in the product's terms (routing rules select on segments too)."""
    return selector_scope(book, Selector("segment", book.segments[segment].loc, segment=segment), facts, codes)


# What a Freshdesk automation rule (ticket creation, time trigger) can test of a segment: attribute -> field.
RULE_FIELDS = {"tags": "tags", "types": "ticket_type", "ticket_types": "ticket_type", "channels": "source"}


def rule_conditions(
    book: Playbook, segment_id: str, facts: TargetFacts, codes: dict[str, tuple[int, ...]]
) -> tuple[list[tuple[str, tuple[str, ...]]], str]:
    """A segment as an automation rule's conditions, (attribute, values) that must all hold, or why it cannot be.

    Such rules test tags, ticket types and sources: a segment's own conditions, or its
    stand-in's ticket type (`helpdesk.<target>.segments`).
    """
    segment = book.segments[segment_id]
    stand_in = segment_scope(book, segment_id, facts, codes)
    tests = [t for t in stand_in.all if t.attribute in ("ticket_types",)] if stand_in.stand_ins else []
    conditions = [(t.attribute, t.values) for t in tests] or [(c.attribute, c.values) for c in segment.conditions]
    untestable = [a for a, _ in conditions if a not in RULE_FIELDS]
    if untestable:
        return [], f"its {', '.join(untestable)}"
    if segment.match == "any" and len(conditions) > 1:
        return [], "alternatives across conditions"
    return conditions, ""


def selector_scope(book: Playbook, selector: Selector, facts: TargetFacts, codes: dict[str, tuple[int, ...]]) -> Scope:
    found = Scope()
    stand_ins = _stand_ins(book, facts)
    tree = _codes(_resolve(selector, book, stand_ins, found), codes, facts, found)
    parts = list(tree.children) if tree.kind == "all" else [tree]
    if facts.policy_shape == "keys":
        _keys(parts, facts, found)
    else:
        _all_any(parts, facts, found)
    return found


def _stand_ins(book: Playbook, facts: TargetFacts) -> dict[str, list[Condition]]:
    """Segment id -> the conditions (on stand-in keys) that recognise it in this product."""
    settings = book.helpdesk.get(facts.name)
    raw = settings.raw.get("segments") if settings is not None else None
    found: dict[str, list[Condition]] = {}
    if not facts.stand_ins or not hasattr(raw, "items"):
        return found
    for sid, keys in raw.items():
        found[sid] = [
            Condition(key, tuple(str(v) for v in (values if isinstance(values, list) else [values])), book.where())
            for key, values in keys.items()
        ]
    return found


def _resolve(selector: Selector, book: Playbook, stand_ins: dict[str, list[Condition]], found: Scope) -> Selector:
    """Segments replaced by their stand-in (if the product has one for it) or their own conditions."""
    if selector.kind == "segment":
        if selector.segment in stand_ins:
            found.stand_ins.append(selector.segment)
            leaves = tuple(Selector("condition", selector.loc, condition=c) for c in stand_ins[selector.segment])
            return Selector("all", selector.loc, leaves)
        return book.segments[selector.segment].selector()
    if not selector.children:
        return selector
    children = tuple(_resolve(child, book, stand_ins, found) for child in selector.children)
    return Selector(selector.kind, selector.loc, children)


def _codes(selector: Selector, codes: dict[str, tuple[int, ...]], facts: TargetFacts, found: Scope) -> Selector:
    """Channel conditions as the product's channel codes (a channel without codes is a problem)."""
    condition = selector.condition
    if condition is not None and condition.attribute == "channels":
        missing = [cid for cid in condition.values if not codes.get(cid)]
        if missing:
            found.problems.append(
                f"channel {', '.join(missing)} has no {facts.title} channel code (set helpdesk.{facts.name}.channels)"
            )
        values = tuple(str(code) for cid in condition.values for code in codes.get(cid, ()))
        return dataclasses.replace(selector, condition=dataclasses.replace(condition, values=values))
    if not selector.children:
        return selector
    children = tuple(_codes(child, codes, facts, found) for child in selector.children)
    return Selector(selector.kind, selector.loc, children)


def _leaves(selector: Selector) -> Iterator[Condition]:
    """The conditions of an 'all' of conditions (nested 'all's flattened); raises for an 'any' inside."""
    if selector.kind == "condition":
        assert selector.condition is not None
        yield selector.condition
        return
    if selector.kind == "any" and len(selector.children) != 1:
        raise ValueError_(selector.describe())
    for child in selector.children:
        yield from _leaves(child)


def _options(selector: Selector) -> Iterator[Selector]:
    """The alternatives of an 'any' (nested 'any's flattened)."""
    if selector.kind == "any":
        for child in selector.children:
            yield from _options(child)
    else:
        yield selector


def _field(condition: Condition, facts: TargetFacts, found: Scope) -> str | None:
    key = facts.stand_ins.get(condition.attribute) or facts.policy_fields.get(condition.attribute)
    if key is None:
        what = ATTRIBUTES.get(condition.attribute, condition.attribute.replace("_", " "))
        found.problems.append(
            f"{facts.title} SLA policies cannot select tickets by {what} ({' or '.join(condition.values)})"
            + (f"; name a stand-in under helpdesk.{facts.name}.segments" if facts.stand_ins else "")
        )
        return None
    if condition.attribute == "types" and facts.ticket_types:
        unknown = [v for v in condition.values if v.lower() not in facts.ticket_types]
        if unknown:
            found.problems.append(
                f"{facts.title} has no ticket type {', '.join(unknown)} (its types: {', '.join(facts.ticket_types)})"
            )
            return None
    return key


def _all_any(parts: list[Selector], facts: TargetFacts, found: Scope) -> None:
    groups = [part for part in parts if part.kind == "any" and len(part.children) > 1]
    for part in parts:
        if part in groups:
            continue
        try:
            conditions = list(_leaves(part))
        except ValueError_ as exc:
            found.problems.append(f"{facts.title} cannot nest alternatives inside conditions that all hold ({exc})")
            continue
        for condition in conditions:
            key = _field(condition, facts, found)
            if key is None:
                continue
            test = Test(condition.attribute, key, condition.values, condition.field_name)
            if len(condition.values) == 1 or key in facts.several_in_one:
                found.all.append(test)
            else:
                leaf = Selector("condition", condition.loc, condition=condition)
                groups.append(Selector("any", condition.loc, (leaf,)))
    if len(groups) > 1:
        found.problems.append(
            f"{facts.title} SLA policies have one group of alternatives, and this one needs {len(groups)} "
            f"({'; '.join(g.describe() for g in groups)})"
        )
        return
    for group in groups:
        for option in _options(group):
            try:
                conditions = list(_leaves(option))
            except ValueError_ as exc:
                found.problems.append(f"{facts.title} cannot nest alternatives ({exc})")
                continue
            if len(conditions) != 1:
                found.problems.append(f"{facts.title}'s alternatives are single conditions, not '{option.describe()}'")
                continue
            condition = conditions[0]
            key = _field(condition, facts, found)
            if key is None:
                continue
            if key in facts.several_in_one:
                found.any.append(Test(condition.attribute, key, condition.values, condition.field_name))
            else:
                found.any.extend(Test(condition.attribute, key, (v,), condition.field_name) for v in condition.values)
    _merge_any(found, facts)


def _merge_any(found: Scope, facts: TargetFacts) -> None:
    """Alternatives on one several-in-one field are one condition: `includes` any of the tags."""
    merged: list[Test] = []
    for test in found.any:
        same = next((m for m in merged if m.field == test.field and test.field in facts.several_in_one), None)
        if same is None:
            merged.append(test)
        else:
            merged[merged.index(same)] = Test(same.attribute, same.field, same.values + test.values, same.field_name)
    found.any = merged


def _keys(parts: list[Selector], facts: TargetFacts, found: Scope) -> None:
    by_key: dict[str, Test] = {}
    for part in parts:
        options = list(_options(part))
        try:
            alternatives = [list(_leaves(option)) for option in options]
        except ValueError_ as exc:
            found.problems.append(f"{facts.title} cannot nest alternatives ({exc})")
            continue
        if any(len(conditions) != 1 for conditions in alternatives):
            found.problems.append(
                f"{facts.title} cannot express '{part.describe()}': its scope keys must all hold, with no "
                "alternatives across them"
            )
            continue
        conditions = [conditions[0] for conditions in alternatives]
        keys = {_field(c, facts, found) for c in conditions}
        if None in keys:
            continue
        if len(keys) > 1:
            found.problems.append(
                f"{facts.title} cannot express '{part.describe()}': alternatives on different keys "
                f"({', '.join(sorted(k for k in keys if k))})"
            )
            continue
        key = keys.pop()
        assert key is not None
        values = tuple(dict.fromkeys(v for c in conditions for v in c.values))
        if key in by_key:
            common = tuple(v for v in by_key[key].values if v in values)
            if not common:
                found.problems.append(f"{facts.title}: no ticket can have {key} in both lists, so it never applies")
                continue
            values = common
        by_key[key] = Test(conditions[0].attribute, key, values, conditions[0].field_name)
    found.all = list(by_key.values())
