"""`--target runbook`: one runbook per priority, an index, a contact sheet and a quick-reference card.

Each page is written as Markdown (what code hosts render; diagrams in Mermaid)
and as a standalone HTML file (inline styles and SVG, print stylesheet, no
script, no network). `runbook.json` carries the same facts for software agents
(schema: schemas/runbook.schema.json).
"""

from __future__ import annotations

from compiler.plan.plan import Plan
from targets.shared.docs.jsondoc import runbook_json
from targets.shared.docs.pages import document_files, runbook_pages
from targets.shared.docs.sheets import runbook_doc

NAME = "runbook"
DESCRIPTION = "Runbook per priority, contact sheet, quick-reference card (Markdown + HTML) and runbook.json"


def render(plan: Plan) -> dict[str, bytes]:
    doc = runbook_doc(plan)
    files = document_files(runbook_pages(doc), site_name=doc.name)
    files["runbook.json"] = runbook_json(plan, {p.id: f"{p.page}.md" for p in doc.priorities})
    return files
