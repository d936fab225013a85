"""The escalation ladder as on-call tools see it: who is first reached, how long after the incident starts.

Steps count from when their `from` node got the ticket (see `compiler.plan.plan`);
on-call tools count every delay from the incident's start (Opsgenie) or from
the previous level (PagerDuty). Both conversions start from the same list: each
node once, at the offset of the earliest step that reaches it, with the
owners at zero.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.plan.plan import PriorityPlan, Step


@dataclass(frozen=True)
class Reach:
    """A ladder node and when it is first notified, in seconds after the start on the priority's clock."""

    node: str
    offset: float
    step: Step | None  # the earliest step reaching it; None for an owner

    @property
    def when(self) -> str:
        """What must still be open for this node to be notified (owners: always)."""
        return self.step.edge.when if self.step is not None else "unresolved"


def reaches(prio: PriorityPlan) -> list[Reach]:
    """Every node of the priority's ladder once, owners first, then in firing order."""
    found = [Reach(owner, 0.0, None) for owner in prio.owners]
    seen = set(prio.owners)
    for step in prio.common_steps():  # already in firing order: (offset, escalation index)
        if step.target not in seen:
            seen.add(step.target)
            found.append(Reach(step.target, step.offset, step))
    return found
