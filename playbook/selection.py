"""Which tickets a selector matches, worked out without tickets: alternatives, overlap, coverage; and for one ticket.

The lint rules on SLA policies (unreachable, overlapping, plans) and `playbook
simulate` read selectors through here. A selector is turned into alternatives
(disjunctive normal form), each a conjunction of requirements per dimension;
single-valued dimensions (organization, form, type, group, brand, channel, a
field, a support plan) are reduced to one set, so contradictions drop out.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from playbook.policies import ATTRIBUTES, MULTI_VALUED, PLAN, Condition, Segment, Selector, SlaPolicy

# A selector with more alternatives than this is not analysed (lint says so); written policies have a handful.
MAX_TERMS = 512

# A conjunction of requirements: dimension -> the value sets that must each be hit (any value of each set).
Term = dict[str, list[frozenset[str]]]


class TooComplex(ValueError):
    """A selector with more than MAX_TERMS alternatives."""


def terms(selector: Selector) -> list[Term]:
    """The selector as alternatives (disjunctive normal form), each a conjunction; a ticket matches one of them.

    Single-valued dimensions are reduced to one set (their intersection): a
    term that needs a ticket in two different forms at once is dropped, since
    no ticket matches it. `[]` means the selector matches no ticket.
    """
    if selector.kind == "condition":
        assert selector.condition is not None
        return [{selector.condition.dimension: [frozenset(selector.condition.values)]}]
    if selector.kind == "segment":
        raise ValueError("resolve() segments before computing terms")
    if selector.kind == "any":
        found = [term for child in selector.children for term in terms(child)]
        if len(found) > MAX_TERMS:
            raise TooComplex(selector.describe())
        return found
    product: list[Term] = [{}]
    for child in selector.children:
        options = terms(child)
        product = [t for a, b in itertools.product(product, options) if (t := _join(a, b)) is not None]
        if len(product) > MAX_TERMS:
            raise TooComplex(selector.describe())
    return product


def _join(a: Term, b: Term) -> Term | None:
    joined: Term = {key: list(sets) for key, sets in a.items()}
    for key, sets in b.items():
        joined.setdefault(key, []).extend(sets)
    for key, sets in joined.items():
        if _single(key) and len(sets) > 1:
            common = frozenset.intersection(*sets)
            if not common:
                return None
            joined[key] = [common]
    return joined


def _single(dimension: str) -> bool:
    return dimension.split(".", 1)[0] not in MULTI_VALUED


def implies(term: Term, other: Term) -> bool:
    """Whether every ticket matching `term` matches `other` (decided requirement by requirement)."""
    for key, needed in other.items():
        have = term.get(key, [])
        for values in needed:
            if not any(own <= values for own in have):
                return False
    return True


def overlap(a: Term, b: Term) -> bool:
    """Whether some ticket matches both terms."""
    return _join(a, b) is not None


def covers(earlier: Iterable[Term], later: Term) -> bool:
    """Whether the alternatives `earlier` take every ticket `later` matches (sound: never claims too much).

    A ticket has one value of a single-valued attribute, so `forms: [a, b]` is
    `forms: a` or `forms: b`: each is checked on its own, and together they are
    covered when each is (by the same or different alternatives).
    """
    earlier = list(earlier)
    return all(any(implies(part, term) for term in earlier) for part in _split(later))


def _split(term: Term) -> list[Term]:
    """The term as one alternative per value of each single-valued attribute (the term itself when too many)."""
    keys = [key for key, sets in term.items() if _single(key) and len(sets[0]) > 1]
    count = 1
    for key in keys:
        count *= len(term[key][0])
    if not keys or count > MAX_TERMS:
        return [term]
    found = []
    for values in itertools.product(*(sorted(term[key][0]) for key in keys)):
        part = dict(term)
        part.update({key: [frozenset({value})] for key, value in zip(keys, values, strict=True)})
        found.append(part)
    return found


@dataclass(frozen=True)
class Ticket:
    """The attributes of one ticket, as `playbook simulate` is told them."""

    values: dict[str, frozenset[str]]  # dimension -> the ticket's values

    def has(self, condition: Condition) -> bool:
        return bool(self.values.get(condition.dimension, frozenset()) & set(condition.values))


def explain(selector: Selector, ticket: Ticket, segments: dict[str, Segment]) -> tuple[bool, list[str]]:
    """(matches, why): the conditions that decided it, in words."""
    if selector.kind == "condition":
        assert selector.condition is not None
        held = ticket.has(selector.condition)
        return held, [f"{selector.condition.describe()}: {'yes' if held else 'no'}"]
    if selector.kind == "segment":
        segment = segments[selector.segment]
        held, why = explain(segment.selector(), ticket, segments)
        return held, [f"segment {segment.id} ({segment.title}): {'yes' if held else 'no'} ({'; '.join(why)})"]
    results = [explain(child, ticket, segments) for child in selector.children]
    if selector.kind == "all":
        held = all(ok for ok, _ in results)
        deciding = results if held else [r for r in results if not r[0]][:1]
    else:
        held = any(ok for ok, _ in results)
        deciding = [r for r in results if r[0]][:1] if held else results
    return held, [line for _, why in deciding for line in why]


# Analysis: which tickets each policy can get ---------------------------------------------------------------


def analysis_selector(selector: Selector, segments: dict[str, Segment]) -> Selector:
    """Like `resolve`, but a segment with a `tier` also requires that plan: two plans never hold at once."""
    if selector.kind == "segment":
        segment = segments.get(selector.segment)
        if segment is None:
            return Selector("any", selector.loc)
        if segment.tier is None:
            return segment.selector()
        plan = Condition(PLAN, (segment.id,), selector.loc)
        return Selector("all", selector.loc, (segment.selector(), Selector("condition", selector.loc, condition=plan)))
    if not selector.children:
        return selector
    children = tuple(analysis_selector(c, segments) for c in selector.children)
    return Selector(selector.kind, selector.loc, children)


def policy_terms(policy: SlaPolicy, segments: dict[str, Segment]) -> list[Term] | None:
    """The alternatives a policy's tickets match ([{}] for the fallback: every ticket); None when too complex."""
    if policy.when is None:
        return [{}]
    try:
        return terms(analysis_selector(policy.when, segments))
    except TooComplex:
        return None


def term_text(term: Term) -> str:
    """A conjunction in words: 'organization tag plan_enterprise and tag emergency'."""
    if not term:
        return "every ticket"
    parts = []
    for key, sets in sorted(term.items()):
        attribute, _, name = key.partition(".")
        if attribute == PLAN and len(term) > 1:
            continue  # a plan's own conditions say it
        for values in sets:
            shown = " or ".join(sorted(values))
            if attribute == PLAN:
                parts.append(f"plan {shown}")
            elif attribute == "fields":
                parts.append(f"field {name} = {shown}")
            else:
                parts.append(f"{ATTRIBUTES[attribute]} {shown}")
    return " and ".join(parts)
