"""`--target site`: a self-contained HTML folder with every document and a search box.

Open `index.html` straight from the file system: styles are inline, diagrams
are inline SVG, the search index ships as a script file next to the pages,
and a Content-Security-Policy forbids every network request.
"""

from __future__ import annotations

from compiler.plan.plan import Plan
from targets.shared.docs import search
from targets.shared.docs.jsondoc import runbook_json
from targets.shared.docs.pages import nav, onboarding_pages, runbook_pages
from targets.shared.docs.render import html_page
from targets.shared.docs.sheets import runbook_doc

NAME = "site"
DESCRIPTION = "Self-contained HTML site (runbooks, onboarding, contacts) with search; opens from disk"


def render(plan: Plan) -> dict[str, bytes]:
    doc = runbook_doc(plan)
    pages = runbook_pages(doc) + onboarding_pages(plan, doc)
    links = nav(pages)
    files = {
        f"{page.name}.html": html_page(page, site_name=doc.name, nav=links, search=True).encode("utf-8")
        for page in pages
    }
    files["search.js"] = search.script(pages, doc)
    files["runbook.json"] = runbook_json(plan, {p.id: f"{p.page}.html" for p in doc.priorities})
    return files
