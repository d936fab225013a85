"""Markdown fragments the templates use as filters; each escapes the playbook text it prints."""

from __future__ import annotations

import re

from targets.shared.docs.escape import MdSafe, link, md, md_escape, web_link
from targets.shared.docs.facts import Person


def phone_link(p: Person) -> MdSafe:
    """The number grouped for reading aloud ('+1 615-555-0100'), linked to exactly the digits written."""
    if not p.phone:
        return MdSafe("")
    shown = p.phone_display or p.phone
    # Grouped E.164 ('+', digits, spaces and hyphens) needs no escaping to read well.
    text = MdSafe(shown) if re.fullmatch(r"\+[\d -]+", shown) else shown
    return link(text, p.tel)


def email_link(p: Person) -> MdSafe:
    return link(p.email, p.mailto) if p.email else MdSafe("")


def reach(p: Person) -> MdSafe:
    """'[+1…](tel:…) · [a@b](mailto:…)', or a plain note when there is neither."""
    links = [part for part in (phone_link(p), email_link(p)) if part]
    return MdSafe(" · ".join(links)) if links else MdSafe("no phone or email on file")


def contact(p: Person) -> MdSafe:
    """'**Name**, Role — phone · email.' for a ladder or a contact line (ends like a sentence)."""
    role = md(", {}", p.role) if p.role else ""
    return MdSafe(md("**{}**", p.name) + role + " — " + reach(p) + ".")


def sentence(value: object) -> MdSafe:
    """Escaped text that ends like a sentence."""
    text = md_escape(value)
    return text if not text or text[-1] in ".!?" else MdSafe(text + ".")


def cell(value: object) -> MdSafe:
    """A table cell: escaped, and never empty (an empty cell reads as a mistake)."""
    return md_escape(value) if value not in (None, "") else MdSafe("—")


def nest(depth: int) -> MdSafe:
    """Indentation that nests a list item `depth` levels deep."""
    return MdSafe("  " * depth)


FILTERS = {
    "nest": nest,
    "phone_link": phone_link,
    "email_link": email_link,
    "reach": reach,
    "contact": contact,
    "cell": cell,
    "sentence": sentence,
    "web_link": web_link,
}
