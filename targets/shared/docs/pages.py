"""The documents as pages (Markdown plus the SVGs that replace its diagrams in HTML), and their files."""

from __future__ import annotations

from compiler.plan.plan import Plan
from targets.shared.docs import diagram, learning
from targets.shared.docs.escape import MdSafe
from targets.shared.docs.render import Page, html_page, markdown
from targets.shared.docs.reuse import reuse_last
from targets.shared.docs.sheets import RunbookDoc


@reuse_last
def runbook_pages(doc: RunbookDoc) -> list[Page]:
    pages = [Page("index", f"Runbooks: {doc.name}", "Priorities", markdown("runbook_index.md.j2", doc=doc))]
    for p in doc.priorities:
        mermaid = MdSafe(diagram.mermaid(p)) if p.ladder else MdSafe("")
        legend = diagram.legend(p) if p.ladder else ""
        text = markdown("runbook_priority.md.j2", doc=doc, p=p, mermaid=mermaid, legend=legend)
        diagrams = {mermaid: diagram.svg(p)} if mermaid else {}
        pages.append(Page(p.page, p.heading, p.id, text, diagrams))
    pages.append(Page("contacts", f"Contact sheet: {doc.name}", "Contacts", markdown("contacts.md.j2", doc=doc)))
    card = markdown("quick_reference.md.j2", doc=doc)
    pages.append(Page("quick-reference", f"Quick reference: {doc.name}", "Quick reference", card, css_class="card"))
    return pages


def onboarding_pages(plan: Plan, doc: RunbookDoc, runbooks: str = "") -> list[Page]:
    """The onboarding pages; `runbooks` is the folder of the runbook pages relative to them ('' in the site)."""
    context = {"doc": doc, "onboarding": learning.onboarding_doc(plan), "runbooks": runbooks}
    answers = markdown("triage_answers.md.j2", **context)
    return [
        Page("onboarding", f"Onboarding guide: {doc.name}", "Onboarding", markdown("onboarding.md.j2", **context)),
        Page("triage-exercise", f"Triage exercise: {doc.name}", "Triage", markdown("triage_exercise.md.j2", **context)),
        # The answer key is linked from the exercise only, not from every page's menu.
        Page("triage-answers", "Triage: answer key", "Answers", answers, in_nav=False),
    ]


def nav(pages: list[Page]) -> list[tuple[str, str]]:
    return [(f"{page.name}.html", page.label) for page in pages if page.in_nav]


def document_files(pages: list[Page], *, site_name: str) -> dict[str, bytes]:
    """Each page as Markdown and as a standalone HTML file (styles inline, no script)."""
    links = nav(pages)
    files: dict[str, bytes] = {}
    for page in pages:
        files[f"{page.name}.md"] = page.markdown.encode("utf-8")
        html = html_page(page, site_name=site_name, nav=links, search=False)
        files[f"{page.name}.html"] = html.encode("utf-8")
    return files
