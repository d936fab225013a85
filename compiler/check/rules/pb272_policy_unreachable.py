"""Every SLA policy must be able to match a ticket that no earlier policy takes.

Why: the first policy whose `when` matches wins. A policy after the fallback,
after an earlier policy that matches everything it matches, or whose own
conditions contradict each other (two forms at once) never applies: its
targets are written, reviewed and compiled, and no ticket ever gets them.
Decided condition by condition: a policy for `tags: vip` after one for
`tags: [vip, gold]` is unreachable; a customer has one support plan (one
segment with a `tier`), one organization, form, type, group, brand and
channel, but may have many tags.

Bad:
    segments:
      paying: {title: Paying customers, organization_tags: [plan_gold, plan_silver]}
      gold: {title: Gold plan, organization_tags: plan_gold}
    sla_policies:
      - {id: paying, title: Paying customers, when: {segment: paying}, targets: {P1: {acknowledge: 1h}}}
      - {id: gold, title: Gold plan, when: {segment: gold}, targets: {P1: {acknowledge: 15m}}}
      - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 4h}}}

Good:
    segments:
      paying: {title: Paying customers, organization_tags: [plan_gold, plan_silver]}
      gold: {title: Gold plan, organization_tags: plan_gold}
    sla_policies:
      - {id: gold, title: Gold plan, when: {segment: gold}, targets: {P1: {acknowledge: 15m}}}
      - {id: paying, title: Paying customers, when: {segment: paying}, targets: {P1: {acknowledge: 1h}}}
      - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 4h}}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook
from playbook.policies import SlaPolicy
from playbook.selection import Term, covers, overlap, policy_terms, term_text

CODE = "PB272"
NAME = "policy-unreachable"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "reordering or removing a policy changes who gets which targets: the team decides"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    earlier: list[tuple[SlaPolicy, list[Term]]] = []
    for policy in book.policies:
        found = policy_terms(policy, book.segments)
        if found is None:
            yield ctx.finding(
                policy.where("when"),
                f"SLA policy {policy.id}'s 'when' has too many alternatives to check which tickets it gets",
                "simplify it: name segments instead of nesting 'any' inside 'all'",
            )
            continue
        if not found:
            yield ctx.finding(
                policy.where("when"),
                f"SLA policy {policy.id} never applies: its conditions contradict each other ({policy.describe()})",
                "a ticket has one organization, form, type, group, brand, channel and plan: use 'any' for alternatives",
            )
        else:
            takers = [_taker(earlier, term) for term in found]
            if all(taker is not None for taker in takers):
                first = next(t for t in takers if t is not None)
                names = ", ".join(dict.fromkeys(t.id for t in takers if t is not None))
                what = "the fallback" if first.fallback else f"{names}"
                yield ctx.finding(
                    policy.loc,
                    f"SLA policy {policy.id} never applies: every ticket it matches ({term_text(found[0])}"
                    f"{'...' if len(found) > 1 else ''}) is taken first by {what}",
                    "move it above the policy that takes its tickets (first match wins), or remove it",
                    [(first.loc, f"SLA policy {first.id}")],
                )
        earlier.append((policy, found))


def _taker(earlier: list[tuple[SlaPolicy, list[Term]]], term: Term) -> SlaPolicy | None:
    """The first earlier policy that takes some of the term's tickets, when together they take all of them."""
    alternatives = [alt for _, found in earlier for alt in found]
    if not covers(alternatives, term):
        return None
    return next(policy for policy, found in earlier if any(overlap(term, alt) for alt in found))
