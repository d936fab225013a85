"""`--target servicenow`: ServiceNow ITSM Table API request bodies (SLA definitions, schedules, groups).

Writes one JSON body per record, POSTed to `/api/now/table/<table>` in the
order `manifest.json` gives: assignment groups from teams (`sys_user_group`)
and their members (`sys_user_grmember`, users found by email); a schedule per
business-hours calendar (`cmn_schedule`) with a weekly entry per opening
window and an excluded entry per holiday (`cmn_schedule_span`); an SLA
definition (`contract_sla`) per priority and metric, and per SLA policy with
its condition as an encoded query (first match wins: a policy leaves out the
tickets of earlier ones). Records created earlier are referred to by
placeholder. What the tables cannot hold (the escalation ladder, which an SLA
flow notifies at percentages of a duration; metrics no incident state marks
met; conditions with no incident field) is a manual step or a note, and a
finding of rules PB550-PB551. Every body validates against `schemas/`.
"""

from __future__ import annotations

from compiler.plan.plan import Plan

NAME = "servicenow"
DESCRIPTION = "ServiceNow Table API payloads (SLA definitions, schedules, assignment groups)"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.servicenow.build import emit

    return emit(plan).render()
