"""Escaping keeps playbook text as text in Markdown, in Mermaid and in links."""

from __future__ import annotations

import pytest

from targets.shared.docs.escape import MdSafe, mailto, md, md_escape, mermaid_text, tel, web_link


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dana Whitfield", "Dana Whitfield"),
        ("Team Lead, Coordination", "Team Lead, Coordination"),
        ("<script>", "\\<script\\>"),
        ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
        ("a | b", "a \\| b"),
        ("*bold* `code` ~strike~", "\\*bold\\* \\`code\\` \\~strike\\~"),
        ("snake_case stays, _emphasis_ does not", "snake_case stays, \\_emphasis\\_ does not"),
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("2026. not a list", "2026\\. not a list"),
        ("&lt;b&gt; & co", "\\&lt;b\\&gt; & co"),
        ("two\n\nparagraphs\n# and a heading", "two paragraphs # and a heading"),
        ("{{ 7*7 }}", "{{ 7\\*7 }}"),
        (None, ""),
    ],
)
def test_markdown_escaping(text, expected):
    assert md_escape(text) == expected


def test_trusted_markdown_passes_through_and_templates_escape_their_values():
    assert md_escape(MdSafe("**bold**")) == "**bold**"
    assert md("**{}**", "<b>") == "**\\<b\\>**"


def test_links_are_built_only_from_safe_parts():
    assert tel("+16155550100") == "tel:+16155550100"
    assert mailto('a"b(c)@x.example') == "mailto:a%22b%28c%29@x.example"
    assert web_link("https://status.example.com") == "<https://status.example.com>"
    assert web_link("javascript:alert(1)") == "javascript:alert(1)"
    assert web_link("https://x.example/<script>") == "https://x.example/\\<script\\>"


def test_mermaid_labels_cannot_close_their_quotes_or_start_statements():
    assert mermaid_text('Boss"] ; click n0 `x` <b>#1') == "Boss#quot;] #59; click n0 #96;x#96; #lt;b#gt;#35;1"
