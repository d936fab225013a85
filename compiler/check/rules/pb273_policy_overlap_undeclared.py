"""Two SLA policies that can match the same ticket must say which one wins.

Why: the first policy that matches wins, silently. A policy for billing
requests (a form) and one for Enterprise customers (a plan) both match an
Enterprise customer's billing request; whichever is written first gives it
its targets, and moving a policy up or down changes the SLA of tickets no
reviewer thought about. Say it on the earlier policy: `overrides: [the later
ones]`, or `overrides: all`. A policy entirely inside a later one (the
special case written before the general one) needs no declaration: that order
is the only one that lets it apply.

Bad:
    segments:
      enterprise: {title: Enterprise plan, organization_tags: plan_enterprise}
      billing: {title: Billing requests, forms: Billing request}
    sla_policies:
      - {id: billing, title: Billing, when: {segment: billing}, targets: {P1: {acknowledge: 4h}}}
      - {id: enterprise, title: Enterprise, when: {segment: enterprise}, targets: {P1: {acknowledge: 1h}}}
      - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 8h}}}

Good:
    segments:
      enterprise: {title: Enterprise plan, organization_tags: plan_enterprise}
      billing: {title: Billing requests, forms: Billing request}
    sla_policies:
      - id: billing
        title: Billing
        when: {segment: billing}
        overrides: [enterprise]
        targets: {P1: {acknowledge: 4h}}
      - {id: enterprise, title: Enterprise, when: {segment: enterprise}, targets: {P1: {acknowledge: 1h}}}
      - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 8h}}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.policies import SlaPolicy
from playbook.selection import Term, implies, overlap, policy_terms, term_text

CODE = "PB273"
NAME = "policy-overlap-undeclared"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which policy should win where both match is the team's decision"


def _partial(first: list[Term], later: list[Term]) -> tuple[Term, Term] | None:
    """A pair of alternatives that share tickets while neither holds the other: the order decides."""
    for a in first:
        for b in later:
            if overlap(a, b) and not implies(a, b) and not implies(b, a):
                return a, b
    return None


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    analysed = [(policy, policy_terms(policy, book.segments)) for policy in book.policies if not policy.fallback]
    for index, (first, first_terms) in enumerate(analysed):
        if first_terms is None or first.overrides_all:
            continue
        shared: list[tuple[SlaPolicy, Term]] = []
        for later, later_terms in analysed[index + 1 :]:
            if later_terms is None or later.id in first.overrides:
                continue
            found = _partial(first_terms, later_terms)
            if found is not None:
                shared.append((later, _both(*found)))
        if not shared:
            continue
        names = ", ".join(later.id for later, _ in shared)
        example = term_text(shared[0][1])
        yield ctx.finding(
            first.where("when"),
            f"SLA policy {first.id} can match the same tickets as the later {names} (e.g. {example}); {first.id} "
            "wins because it is written first, which nothing says is intended",
            f"add 'overrides: [{names}]' to {first.id} if it should win, or move the others above it",
            [(later.where("when"), f"SLA policy {later.id}") for later, _ in shared],
        )


def _both(a: Term, b: Term) -> Term:
    joined: Term = {key: list(sets) for key, sets in a.items()}
    for key, sets in b.items():
        for values in sets:
            if values not in joined.setdefault(key, []):
                joined[key].append(values)
    return joined
