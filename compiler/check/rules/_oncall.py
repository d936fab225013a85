"""Helpers the on-call, status-page and chat target rules share (not a rule)."""

from __future__ import annotations

from compiler.plan.oncall.ladder import Reach
from compiler.plan.oncall.paging import PagedPriority, paged_priorities
from compiler.plan.plan import build_plan
from playbook.findings import Location
from playbook.model import Playbook

ONCALL_TARGETS = {"pagerduty": "PagerDuty", "opsgenie": "Opsgenie"}
MESSAGING_TARGETS = {"slack": "Slack", "teams": "Teams"}


def requested(targets: frozenset[str], among: dict[str, str]) -> list[tuple[str, str]]:
    """(target, product name) for each requested target among `among`, in a stable order."""
    return [(target, product) for target, product in among.items() if target in targets]


def paged(book: Playbook) -> list[PagedPriority]:
    return paged_priorities(build_plan(book))


def reach_loc(book: Playbook, prio: PagedPriority, reach: Reach, key: str = "after") -> Location:
    """Where the playbook puts a ladder node: the step that reaches it, or the priority's owner."""
    if reach.step is not None:
        return reach.step.edge.where(key)
    return prio.prio.priority.where("owner")
