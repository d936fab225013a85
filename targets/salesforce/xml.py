"""A small deterministic XML writer: elements in the order given, four-space indent, UTF-8.

The Metadata API reads elements in its WSDL's sequence order, so the writer never
sorts: each renderer lists children in the order schemas/metadata.xsd declares.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

NAMESPACE = "http://soap.sforce.com/2006/04/metadata"

# (tag, text) for a leaf, (tag, [children]) for a parent; None values are left out.
Node = tuple[str, "str | int | bool | list[Node] | None"]


def _text(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _lines(node: Node, depth: int) -> list[str]:
    tag, value = node
    pad = "    " * depth
    if value is None:
        return []
    if isinstance(value, list):
        inner = [line for child in value for line in _lines(child, depth + 1)]
        return [f"{pad}<{tag}>", *inner, f"{pad}</{tag}>"]
    return [f"{pad}<{tag}>{_text(value)}</{tag}>"]


def document(root: str, children: list[Node]) -> bytes:
    body = [line for child in children for line in _lines(child, 1)]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<{root} xmlns="{NAMESPACE}">', *body, f"</{root}>"]
    return ("\n".join(lines) + "\n").encode("utf-8")
