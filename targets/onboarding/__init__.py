"""`--target onboarding`: the onboarding guide and a triage exercise with its answer key (Markdown + HTML)."""

from __future__ import annotations

from compiler.plan.plan import Plan
from targets.shared.docs.pages import document_files, onboarding_pages
from targets.shared.docs.sheets import runbook_doc

NAME = "onboarding"
DESCRIPTION = "Onboarding guide: curriculum, week-by-week plan, goals, KPIs, QA rubric, triage exercise"


def render(plan: Plan) -> dict[str, bytes]:
    doc = runbook_doc(plan)
    # Built beside the runbook target (`--target docs`), so its links reach the runbook pages there.
    return document_files(onboarding_pages(plan, doc, runbooks="../runbook/"), site_name=doc.name)
