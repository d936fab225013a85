"""Atlassian Statuspage incident templates for the priorities that post to the status page.

One template per incident status (investigating, identified, monitoring,
resolved) for each priority with `status_page: true`, each promising the next
update within the priority's `update_every`. The API creates and lists
templates but cannot update or delete them, so a changed playbook means
replacing the old templates by hand (a manual step says so).
"""

from __future__ import annotations

from compiler.plan.plan import Plan

NAME = "statuspage"
DESCRIPTION = "Atlassian Statuspage incident templates (per status) for priorities with status_page: true"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.statuspage.build import emit

    return emit(plan).render()
