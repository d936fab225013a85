"""Helpers the on-call, status-page and chat target rules share (not a rule)."""

from __future__ import annotations

from compiler.plan.oncall.ladder import Reach
from compiler.plan.oncall.paging import PagedPriority, paged_priorities
from compiler.plan.plan import Plan, shared_plan
from compiler.plan.targetfacts import TargetFacts, facts, of_kind
from playbook.findings import Location
from playbook.model import Playbook


def requested(targets: frozenset[str], kind: str) -> list[TargetFacts]:
    """The facts of each requested target of `kind` (oncall, chat), sorted by name."""
    return [found for name in of_kind(targets, kind) if (found := facts(name)) is not None]


def names(products: list[TargetFacts]) -> str:
    return " and ".join(product.title for product in products)


# The latest plan's paged priorities: six on-call, status-page and chat rules read them.
_PAGED: list[tuple[Plan, list[PagedPriority]]] = []


def paged(book: Playbook) -> list[PagedPriority]:
    plan = shared_plan(book)
    if not _PAGED or _PAGED[0][0] is not plan:
        _PAGED[:] = [(plan, paged_priorities(plan))]
    return _PAGED[0][1]


def reach_loc(book: Playbook, prio: PagedPriority, reach: Reach, key: str = "after") -> Location:
    """Where the playbook puts a ladder node: the step that reaches it, or the priority's owner."""
    if reach.step is not None:
        return reach.step.edge.where(key)
    return prio.prio.priority.where("owner")
