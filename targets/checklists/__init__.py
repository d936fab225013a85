"""`--target checklists`: setup checklists for HubSpot Service Hub, Five9 and RingCentral.

None of the three has a configuration format we can write and check offline
(HubSpot's SLA goals have no API at all), so each gets a precise checklist:
every value to enter, grouped by the product's own objects, as Markdown and as a
standalone HTML page (the runbooks' renderer). The values come from the plan,
so they always agree with the other targets.
"""

from __future__ import annotations

from compiler.plan.plan import Plan

NAME = "checklists"
DESCRIPTION = "Setup checklists for HubSpot, Five9 and RingCentral (Markdown + HTML): every value to enter"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.checklists.pages import checklist_files

    return checklist_files(plan)
