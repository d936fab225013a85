"""SLA policy selectors as ServiceNow encoded queries, first match wins.

An encoded query joins terms with `^` (and), `^OR` (or, binding tighter than
and) and `^NQ` (a new query: or between whole queries). Any selector is written
in that shape as an or of ands (each and may hold `^OR` groups).

ServiceNow attaches every SLA definition whose start condition matches, while a
playbook's policies are tried in order and the first that matches wins. So a
policy's condition is its own selector and not any earlier policy's: the
negation of an earlier selector is expanded into the same shape. A negated term
also takes the empty field (`field!=x^ORfieldISEMPTY`), since `!=` leaves out
records whose field is empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from playbook.model import Playbook
from playbook.policies import ATTRIBUTES, Selector, SlaPolicy, resolve

MAX_ANDS = 64  # beyond this many alternatives a start condition is unreadable: the policy is left out


@dataclass(frozen=True)
class Term:
    """`field` has one of `values` (or, negated, none of them)."""

    field: str
    values: tuple[str, ...]
    negated: bool = False

    def flipped(self) -> Term:
        return Term(self.field, self.values, not self.negated)

    def text(self) -> str:
        commas = any("," in v for v in self.values)
        if self.negated:
            if len(self.values) == 1 or commas:
                return "^".join(f"{self.field}!={v}^OR{self.field}ISEMPTY" for v in self.values)
            return f"{self.field}NOT IN{','.join(self.values)}^OR{self.field}ISEMPTY"
        if len(self.values) == 1:
            return f"{self.field}={self.values[0]}"
        if commas:
            return "^OR".join(f"{self.field}={v}" for v in self.values)
        return f"{self.field}IN{','.join(self.values)}"


And = frozenset[Term]


@dataclass
class Query:
    """An or of ands; `problems` say why it cannot be written (then `ands` means nothing)."""

    ands: list[And] = field(default_factory=lambda: [frozenset()])
    problems: list[str] = field(default_factory=list)

    def text(self, prefix: str = "") -> str:
        """The encoded query, each alternative starting with `prefix` (e.g. the priority)."""
        parts = []
        for terms in self.ands:
            items = ([prefix] if prefix else []) + [t.text() for t in sorted(terms, key=_order)]
            parts.append("^".join(items))
        return "^NQ".join(parts)


def _order(term: Term) -> tuple[Any, ...]:
    return (term.field, term.negated, term.values)


def _and(first: list[And], second: list[And]) -> list[And]:
    found: list[And] = []
    for a in first:
        for b in second:
            joined = a | b
            if not _contradicts(joined) and joined not in found:
                found.append(joined)
    return found


def _contradicts(terms: And) -> bool:
    """Whether no record can match every term: one field with two disjoint value lists, or in and not in."""
    by_field: dict[str, list[Term]] = {}
    for term in terms:
        by_field.setdefault(term.field, []).append(term)
    for group in by_field.values():
        allowed: set[str] | None = None
        for term in group:
            if not term.negated:
                allowed = set(term.values) if allowed is None else allowed & set(term.values)
        if allowed is None:
            continue
        for term in group:
            if term.negated:
                allowed -= set(term.values)
        if not allowed:
            return True
    return False


def _negate(ands: list[And]) -> list[And]:
    """not (A or B ...) = (not A) and (not B) ...; not (x and y) = (not x) or (not y)."""
    result: list[And] = [frozenset()]
    for terms in ands:
        if not terms:
            return []  # not (always) = never
        result = _and(result, [frozenset([t.flipped()]) for t in terms])
    return result


def _field(attribute: str, field_name: str, fields: dict[str, str]) -> str | None:
    found = fields.get(attribute)
    if found is None:
        return None
    return found.replace("{name}", field_name)


def selector_query(
    book: Playbook, selector: Selector, fields: dict[str, str], contact_types: dict[str, str], title: str
) -> Query:
    """The selector as an or of ands of incident fields; problems for what ServiceNow has no field for."""
    query = Query()
    query.ands = _expand(resolve(selector, book.segments), book, fields, contact_types, title, query.problems)
    if len(query.ands) > MAX_ANDS:
        query.problems.append(f"its condition in {title} needs {len(query.ands)} alternatives (at most {MAX_ANDS})")
    return query


def _expand(
    selector: Selector,
    book: Playbook,
    fields: dict[str, str],
    contact_types: dict[str, str],
    title: str,
    problems: list[str],
) -> list[And]:
    if selector.kind == "condition":
        condition = selector.condition
        assert condition is not None
        name = _field(condition.attribute, condition.field_name, fields)
        if name is None:
            what = ATTRIBUTES.get(condition.attribute, condition.attribute.replace("_", " "))
            problems.append(f"{title} has no incident field for {what} ({' or '.join(condition.values)})")
            return [frozenset()]
        values = condition.values
        if condition.attribute == "channels":
            missing = [cid for cid in values if book.channels[cid].type not in contact_types]
            if missing:
                problems.append(f"{title} has no incident channel (contact_type) for channel {', '.join(missing)}")
                return [frozenset()]
            values = tuple(dict.fromkeys(contact_types[book.channels[cid].type] for cid in values))
        bad = [v for v in values if "^" in v]
        if bad:
            problems.append(f"an encoded query cannot hold '^' (in {', '.join(bad)})")
            return [frozenset()]
        return [frozenset([Term(name, tuple(values))])]
    parts = [_expand(child, book, fields, contact_types, title, problems) for child in selector.children]
    if selector.kind == "any":
        found: list[And] = []
        for part in parts:
            found.extend(a for a in part if a not in found)
        return found
    result: list[And] = [frozenset()]
    for part in parts:
        result = _and(result, part)
    return result


@dataclass
class PolicyQuery:
    """What one SLA policy attaches to: its own selector and none of the earlier policies'."""

    policy: SlaPolicy
    query: Query


def policy_queries(
    book: Playbook, fields: dict[str, str], contact_types: dict[str, str], title: str
) -> list[PolicyQuery]:
    """Each policy's start condition, first match wins; a policy with problems is left out (and not excluded)."""
    found: list[PolicyQuery] = []
    earlier: list[list[And]] = []
    for policy in book.policies:
        own = Query() if policy.when is None else selector_query(book, policy.when, fields, contact_types, title)
        if own.problems:
            found.append(PolicyQuery(policy, own))
            continue
        ands = own.ands
        for previous in earlier:
            ands = _and(ands, _negate(previous))
            if len(ands) > MAX_ANDS:
                break
        query = Query(ands)
        if len(ands) > MAX_ANDS:
            query.problems.append(
                f"leaving out the tickets of the earlier policies takes more than {MAX_ANDS} alternatives"
            )
        found.append(PolicyQuery(policy, query))
        earlier.append(own.ands)
    return found
