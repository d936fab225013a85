"""How big and how deep a YAML node graph is: aliases can make a small text an enormous document.

Measured before anything is constructed from a document with anchors (see yamlload.load_text).
"""

from __future__ import annotations

import yaml

from playbook.findings import Finding, Location, Severity

MAX_DEPTH = 64
# Aliases may legitimately share a block of defaults; a document whose
# expansion is this much larger than its text is an attack, not a playbook.
MAX_EXPANDED_NODES = 2_000_000
_ScalarNode = yaml.ScalarNode


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return list(node.value)


def _too_complex(path: str, node: yaml.Node, message: str, hint: str) -> Finding:
    mark = node.start_mark
    return Finding(
        "PB006", "input-too-complex", Severity.ERROR, message, Location(path, mark.line + 1, mark.column + 1), hint
    )


def check_shape(node: yaml.Node, path: str, depth: int = 1) -> Finding | None:
    """Measure the node graph once, without recursion: how deep it is and how far aliases expand it.

    Aliases make the graph a DAG whose shared nodes count once per use, so a
    post-order walk over the distinct nodes adds up expanded sizes (saturating
    above the limit) and heights. A node reached again while it is still being
    walked is an alias inside its own anchor: an infinitely deep document.
    `depth` is how deep `node` itself sits in its document.
    """
    sizes: dict[int, int] = {}
    heights: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        key = id(current)
        if current.__class__ is _ScalarNode or (not children_done and key in sizes):
            continue
        children = _children(current)
        if not children_done:
            open_nodes.add(key)
            stack.append((current, True))
            for child in children:
                if id(child) in open_nodes:
                    return _too_complex(
                        path, child, "an alias (*name) refers to the node that contains it", "remove the alias"
                    )
                stack.append((child, False))
            continue
        open_nodes.discard(key)
        size = 1 + sum(sizes.get(id(c), 1) for c in children)
        sizes[key] = min(size, MAX_EXPANDED_NODES + 1)
        heights[key] = 1 + max((heights.get(id(c), 1) for c in children), default=0)
        if size > MAX_EXPANDED_NODES:
            return _too_complex(
                path,
                current,
                f"aliases expand this to more than {MAX_EXPANDED_NODES:,} values (an alias bomb?)",
                "use fewer nested aliases (*name); repeat the data instead",
            )
    if heights.get(id(node), 1) + depth - 1 <= MAX_DEPTH:
        return None
    deep = node
    for _ in range(MAX_DEPTH - depth + 1):
        deep = max(_children(deep), key=lambda c: heights.get(id(c), 1))
    return _too_complex(
        path,
        deep,
        f"nesting deeper than {MAX_DEPTH} levels",
        "a playbook needs only a few levels; flatten this structure",
    )
