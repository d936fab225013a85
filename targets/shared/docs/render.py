"""Templates to Markdown, Markdown to HTML pages.

Two Jinja environments: Markdown templates print values through `md_escape`
(Markdown has no autoescape of its own), the HTML page template autoescapes.
Markdown becomes HTML through markdown-it with raw HTML off, so nothing a
playbook says can become markup; its link check refuses `javascript:` and friends.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jinja2
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from targets.shared.docs import mdparts
from targets.shared.docs.escape import md_escape


@dataclass
class Page:
    """One document: its file name (no extension), title, short label, Markdown, and SVGs for its Mermaid blocks."""

    name: str
    title: str
    label: str
    markdown: str
    diagrams: dict[str, str] = field(default_factory=dict)
    css_class: str = ""
    in_nav: bool = True
    parsed: list[Token] | None = field(default=None, init=False, repr=False, compare=False)
    # What the parse is needed for, kept instead of the tokens (which take ten times the Markdown's memory).
    body: str | None = field(default=None, init=False, repr=False, compare=False)
    outline: list[tuple[str, str, str]] | None = field(default=None, init=False, repr=False, compare=False)


@functools.cache
def _markdown_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("targets", "shared/docs/templates"),
        autoescape=False,
        finalize=md_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(mdparts.FILTERS)
    return env


@functools.cache
def _html_env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("targets", "shared/docs/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def markdown(template: str, **context: Any) -> str:
    text = _markdown_env().get_template(template).render(**context)
    # Templates keep their logic readable with blank lines; the output keeps at most one.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def asset(name: str) -> str:
    return resources.files("targets").joinpath(f"shared/docs/templates/{name}").read_text(encoding="utf-8")


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"[\s_-]+", "-", slug).strip("-") or "section"


def _heading_ids(state: Any) -> None:
    """Give every heading a stable id so pages and search results can link to it."""
    used: dict[str, int] = {}
    tokens: list[Token] = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        slug = _slug(tokens[index + 1].content)
        used[slug] = used.get(slug, 0) + 1
        token.attrSet("id", slug if used[slug] == 1 else f"{slug}-{used[slug]}")


def _md_links_to_html(state: Any) -> None:
    """Links between our Markdown pages point at the HTML pages in HTML."""
    for token in state.tokens:
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if isinstance(href, str) and re.fullmatch(r"(\.\./[\w-]+/)?[\w.-]+\.md(#[\w-]*)?", href):
                child.attrSet("href", re.sub(r"\.md\b", ".html", href, count=1))


@functools.cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.core.ruler.push("heading_ids", _heading_ids)
    parser.core.ruler.push("md_links", _md_links_to_html)
    parser.add_render_rule("fence", _diagram_fence)
    return parser


def _diagram_fence(renderer, tokens, idx, options, env):  # type: ignore[no-untyped-def]
    """A Mermaid block we drew ourselves becomes its inline SVG; any other fence stays code."""
    token = tokens[idx]
    diagrams = env.get("diagrams", {})
    if token.info.strip() == "mermaid" and token.content in diagrams:
        return f'<figure class="diagram">{diagrams[token.content]}</figure>\n'
    return type(renderer).fence(renderer, tokens, idx, options, env)


def tokens(page: Page) -> list[Token]:
    """The page's Markdown parsed once, for both its HTML and its search sections."""
    if page.parsed is None:
        page.parsed = _parser().parse(page.markdown)
    return page.parsed


def to_html(page: Page) -> str:
    if page.body is None:
        _digest(page)
    return page.body or ""


def _digest(page: Page) -> None:
    """Parse once, keep the HTML body and the section outline, and let the tokens go."""
    parser = _parser()
    parsed = tokens(page)
    page.body = parser.renderer.render(parsed, parser.options, {"diagrams": page.diagrams})
    page.outline = _sections(parsed)
    page.parsed = None


def _plain(inline: Token) -> str:
    return "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))


def sections(page: Page) -> list[tuple[str, str, str]]:
    """(heading text, anchor, plain text) per section, for the search index."""
    if page.outline is None:
        _digest(page)
    return page.outline or []


def _sections(parsed: list[Token]) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, list[str]]] = []
    for index, token in enumerate(parsed):
        if token.type == "heading_open":
            found.append((_plain(parsed[index + 1]), token.attrGet("id") or "", []))
        elif token.type == "inline" and found and parsed[index - 1].type != "heading_open":
            found[-1][2].append(_plain(token))
    return [(heading, anchor, " ".join(part for part in body if part)) for heading, anchor, body in found]


def html_page(page: Page, *, site_name: str, nav: list[tuple[str, str]], search: bool) -> str:
    return (
        _html_env()
        .get_template("page.html.j2")
        .render(
            page=page,
            body=Markup(to_html(page)),
            site_name=site_name,
            nav=nav,
            search=search,
            css=Markup(asset("style.css")),
        )
    )
