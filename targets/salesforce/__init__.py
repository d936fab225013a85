"""`--target salesforce`: Service Cloud entitlement processes as Metadata API files.

Writes a metadata-format folder that `sf project deploy start --metadata-dir
<dir>` takes: `package.xml`; one entitlement process per SLA policy (the
channels sharing every target) under `entitlementProcesses/`, each with a
milestone per priority and metric; one milestone type per metric under
`milestoneTypes/`; the calendars' business hours and holidays in
`settings/BusinessHours.settings`. Every file validates against
`schemas/metadata.xsd` (written from the Metadata API Developer Guide), in the
element order the API documents. What the metadata cannot carry (completing
milestones, the escalation ladder's alerts, attaching processes to cases) is a
manual step with exact values in `manifest.json`.
"""

from __future__ import annotations

from compiler.plan.plan import Plan

NAME = "salesforce"
DESCRIPTION = "Salesforce Service Cloud entitlement processes, milestones and business hours (Metadata API XML)"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.salesforce.processes import render_files

    return render_files(plan)
