"""A higher support plan must not get a looser target than a lower plan.

Why: customers pay for the higher plan to be answered and resolved sooner.
When the Premium policy resolves P2 tickets in 3 business days and the
Standard policy in 2, every Premium customer with a P2 ticket is worse off
than a Standard one, and the contract promises the opposite. Plans are the
segments with a `tier` (1 the highest); a plan's policy is one whose `when`
is that segment. Compared per priority and metric, in seconds on each
policy's clock (a band by its lower end); a calendar-hours target is compared
with a business-hours one only where the outcome does not depend on when the
ticket opens.

Bad:
    segments:
      premium: {title: Premium plan, organization_tags: plan_premium, tier: 1}
      standard: {title: Standard plan, organization_tags: plan_standard, tier: 2}
    sla_policies:
      - {id: premium, title: Premium, when: {segment: premium}, targets: {P1: {resolve: 8h}}}
      - {id: standard, title: Standard, when: {segment: standard}, targets: {P1: {resolve: 4h}}}
      - {id: rest, title: Everyone else, targets: {P1: {resolve: 1d}}}

Good:
    segments:
      premium: {title: Premium plan, organization_tags: plan_premium, tier: 1}
      standard: {title: Standard plan, organization_tags: plan_standard, tier: 2}
    sla_policies:
      - {id: premium, title: Premium, when: {segment: premium}, targets: {P1: {resolve: 4h}}}
      - {id: standard, title: Standard, when: {segment: standard}, targets: {P1: {resolve: 8h}}}
      - {id: rest, title: Everyone else, targets: {P1: {resolve: 1d}}}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import SLA_METRICS, Playbook
from playbook.policies import SlaPolicy
from playbook.policyview import WrittenTarget, target_seconds

CODE = "PB275"
NAME = "plan-targets-inverted"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "which of the two plans' targets is wrong is the team's decision"


def plan_policies(book: Playbook) -> list[tuple[int, SlaPolicy]]:
    """(tier, policy) for each policy whose `when` is one plan segment, highest plan first."""
    found = []
    for policy in book.policies:
        when = policy.when
        if when is None or when.kind != "segment":
            continue
        tier = book.segments[when.segment].tier
        if tier is not None:
            found.append((tier, policy))
    return sorted(found, key=lambda item: item[0])


def _comparable(high_clock: str, low_clock: str) -> bool:
    # A business-hours target runs at least its seconds in wall time: more of them than a calendar target is looser.
    return high_clock == low_clock or (high_clock == "business" and low_clock == "calendar")


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    plans = plan_policies(book)
    for index, (tier, high) in enumerate(plans):
        for pid, sla in high.targets.items():
            for metric in SLA_METRICS:
                mine = sla.targets.get(metric)
                if mine is None:
                    continue
                written = WrittenTarget(high, pid, metric, None, mine)
                seconds, clock = target_seconds(book, written)
                for low_tier, low in plans[index + 1 :]:
                    theirs = low.targets.get(pid)
                    other = theirs.targets.get(metric) if theirs else None
                    if other is None or low_tier == tier:
                        continue
                    low_seconds, low_clock = target_seconds(book, WrittenTarget(low, pid, metric, None, other))
                    if seconds > low_seconds + 1e-6 and _comparable(clock, low_clock):
                        yield ctx.finding(
                            mine.loc,
                            f"{high.title} (tier {tier}) gives {pid} {metric} {mine.duration}, looser than "
                            f"{low.title} (tier {low_tier}) with {other.duration}",
                            f"tighten {high.id}'s target to at most {other.duration}, or loosen {low.id}'s",
                            [(other.loc, f"SLA policy {low.id}: {pid} {metric}")],
                        )
                        break
