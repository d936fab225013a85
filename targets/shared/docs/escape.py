"""Escaping for the document targets: playbook text is data, never markup.

Templates render Markdown; every value they print goes through `md_escape`
unless it is a `MdSafe` built here from escaped parts. So a contact named
`<script>` or an example ticket `[x](javascript:alert(1))` shows as text in the
Markdown and, after markdown-it (raw HTML off, unsafe link schemes refused),
in the HTML as well.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_ALWAYS = re.compile(r"([\\`*\[\]<>|~])")
# '_' only opens or closes emphasis at a word boundary; inside words it stays readable.
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What would start a block (heading, list, quote, setext line) at the start of a value.
_LEADING = re.compile(r"^([#+=>-]|\d+(?=[.)]))")
_SPACE = re.compile(r"\s+")


class MdSafe(str):
    """Markdown that is already safe to print as is."""


def md_escape(value: object) -> str:
    """Playbook text as inline Markdown that renders exactly as written, on one line."""
    if isinstance(value, MdSafe):
        return value
    if value is None:
        return ""
    text = _SPACE.sub(" ", str(value)).strip()
    text = _ALWAYS.sub(r"\\\1", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY.sub(r"\\&", text)
    leading = _LEADING.match(text)
    if leading and leading.group(1).isdigit():
        end = leading.end()
        return MdSafe(text[:end] + "\\" + text[end:])
    if leading:
        return MdSafe("\\" + text)
    return MdSafe(text)


def md(template: str, *values: object) -> MdSafe:
    """Markdown from a trusted template with escaped values: md('**{}**', name)."""
    return MdSafe(template.format(*(md_escape(v) for v in values)))


def mailto(email: str) -> MdSafe:
    return MdSafe("mailto:" + quote(email, safe="@.+-_"))


def tel(phone: str) -> MdSafe:
    # The schema admits only '+' and digits; anything else is dropped rather than trusted.
    return MdSafe("tel:+" + "".join(ch for ch in phone if ch.isdigit()))


def link(text: object, url: str) -> MdSafe:
    """A Markdown link to a URL this module built (tel:, mailto:, a page name)."""
    return MdSafe(f"[{md_escape(text)}]({url})")


def web_link(url: str) -> MdSafe:
    """An http(s) URL from the playbook as an autolink, anything else as plain text."""
    if re.fullmatch(r"https?://[^\s<>\\`]+", url or ""):
        return MdSafe(f"<{url}>")
    return MdSafe(md_escape(url))


_MERMAID = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;", ";": "#59;"}


def mermaid_text(value: object) -> str:
    """Text for a quoted Mermaid label: entity codes for what Mermaid would parse."""
    text = _SPACE.sub(" ", str(value)).strip()
    return "".join(_MERMAID.get(ch, ch) for ch in text)
