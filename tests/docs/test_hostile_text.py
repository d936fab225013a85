"""Playbook text is data: HTML, Markdown links and Jinja syntax in it come out as inert text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from tests.docs.hostile import JINJA, LINK, PLAYBOOK, SCRIPT
from tests.docs.support import plan_from_text, render

ALLOWED_SCHEMES = ("tel:", "mailto:", "https:", "#")


class _Tags(HTMLParser):
    """Every element and attribute a browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def _parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def _assert_inert(html: str, where: str) -> None:
    parsed = _parse(html)
    for tag, attrs in parsed.tags:
        assert tag not in ("iframe", "img", "b", "object", "embed"), f"{where}: <{tag}> from playbook text"
        if tag == "script":
            assert attrs == {"src": "search.js"}, f"{where}: a script that is not ours"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{where}: event handler {name}={value!r}"
            if name in ("href", "src") and value and ":" in value.split("/")[0]:
                assert value.startswith(ALLOWED_SCHEMES), f"{where}: {name}={value!r}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):  # type: ignore[no-untyped-def]
    plan = plan_from_text(tmp_path_factory.mktemp("hostile"), PLAYBOOK)
    return {target: render(target, plan) for target in ("runbook", "onboarding", "site")}


def test_markdown_stays_inert_even_under_a_renderer_that_allows_raw_html(built):
    permissive = MarkdownIt("commonmark", {"html": True}).enable("table")
    for target in ("runbook", "onboarding"):
        for name, content in built[target].items():
            if name.endswith(".md"):
                _assert_inert(permissive.render(content.decode()), f"{target}/{name}")


def test_html_pages_show_hostile_text_as_written(built):
    page = built["site"]["P1.html"].decode()
    _assert_inert(page, "site/P1.html")
    text = "".join(_parse(page).text)
    for literal in (SCRIPT, LINK, JINJA, "{% if true %}yes{% endif %}", "<iframe src=//evil.example></iframe>"):
        assert literal in text
    assert "49" not in text.replace("+15555550100", "")  # {{ 7*7 }} was never evaluated


def test_every_html_file_is_inert(built):
    for target, files in built.items():
        for name, content in files.items():
            if name.endswith(".html"):
                _assert_inert(content.decode(), f"{target}/{name}")


def test_contact_links_are_percent_encoded_and_titles_escaped(built):
    page = built["runbook"]["P1.html"].decode()
    assert 'href="mailto:a%22onmouseover%3Dalert%281%29@x.example"' in page
    assert "<title>[x](javascript:alert(1))</title>" not in page  # the title is escaped text
    assert "<title>P1: [x](javascript:alert(1))</title>" in page
    assert "&lt;/title&gt;&lt;script&gt;" in page  # the organisation's name in the header


def test_diagrams_escape_labels_in_mermaid_and_svg(built):
    markdown = built["runbook"]["P1.md"].decode()
    mermaid = markdown.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert "<script" not in mermaid and '"]' not in mermaid.replace('"]\n', "")
    assert mermaid.count("\n") == 4  # flowchart, two nodes, one edge: no injected statements
    svg = re.search(r"<svg.*?</svg>", built["site"]["P1.html"].decode(), re.S)
    assert svg is not None
    _assert_inert(svg.group(0), "svg")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg.group(0)


def test_search_index_carries_hostile_text_as_data(built):
    script = built["site"]["search.js"].decode()
    assert "</script" not in script.lower() and "<" not in script.split(";\n", 1)[0]
    index = json.loads(script.split("window.PLAYBOOK_SEARCH = ", 1)[1].split(";\n", 1)[0])
    assert any(SCRIPT in entry["title"] for entry in index)
