"""`--target kpis`: KPI targets, SLA targets per policy and staffing plans as tidy CSV and JSON.

Five tables (`kpis`, `sla_targets`, `sla_policies`, `staffing`, `coverage`), each as `<table>.csv`
and `<table>.json` with the same rows, for BI tools (Tableau, Power BI, Looker) to
read directly. The columns are defined once, in `columns.py`, and listed in
README.md; the JSON validates against `schemas/table.schema.json`.
"""

from __future__ import annotations

from compiler.plan.plan import Plan

NAME = "kpis"
DESCRIPTION = "KPI, SLA and staffing targets as tidy CSV and JSON tables for BI tools"


def render(plan: Plan) -> dict[str, bytes]:
    from targets.kpis.tables import render_tables

    return render_tables(plan)
