"""The site's search index: every section of every page, and every contact, as one script file.

A script file (not JSON fetched at run time) because browsers refuse `fetch`
of local files on file://; the site must work opened straight from disk.
"""

from __future__ import annotations

import json
from typing import Any

from compiler.plan.phones import MIN_SEARCH_DIGITS
from targets.shared.docs.render import Page, asset, sections
from targets.shared.docs.sheets import RunbookDoc


def entries(pages: list[Page], doc: RunbookDoc) -> list[dict[str, str]]:
    found: list[dict[str, Any]] = []
    for page in pages:
        for heading, anchor, text in sections(page):
            title = page.title if heading == page.title else f"{page.title} › {heading}"
            url = f"{page.name}.html" + (f"#{anchor}" if anchor and heading != page.title else "")
            found.append({"kind": "page", "title": title, "url": url, "text": text})
    people = [row.person for row in doc.escalation_contacts] + [p for _, p in doc.org_contacts]
    seen: set[str] = set()
    for person in people:
        if person.id in seen:
            continue
        seen.add(person.id)
        details = [person.role, person.phone_display or person.phone, person.email, person.reachable, person.notes]
        found.append(
            {
                "kind": "contact",
                "title": f"{person.name} (contact)",
                "url": "contacts.html",
                "text": " · ".join(part for part in details if part),
                # Digit runs of the number (international, national, dialled from abroad): a query that is
                # a number typed any way ('615-555-0102', '(615) 555 0102') is compared digit for digit.
                "phones": list(person.phone_keys) or ([person.phone.lstrip("+")] if person.phone else []),
            }
        )
    return found


def script(pages: list[Page], doc: RunbookDoc) -> bytes:
    data = json.dumps(entries(pages, doc), ensure_ascii=True, sort_keys=True, indent=0)
    # Inert even if someone inlines the file into a page: no '</script>', no entity.
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    settings = f"window.PLAYBOOK_SEARCH_MIN_DIGITS = {MIN_SEARCH_DIGITS};\n"
    return f"window.PLAYBOOK_SEARCH = {data};\n{settings}{asset('search.js')}".encode()
