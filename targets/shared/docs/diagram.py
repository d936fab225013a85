"""One priority's escalation graph, drawn twice: Mermaid for Markdown readers, inline SVG for HTML.

The SVG is laid out here (rows by hops from the owner, boxes sized from the
text) so the HTML needs no script, no CDN and no network to show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape as xml

from targets.shared.docs.escape import mermaid_text
from targets.shared.docs.facts import LadderStep, Person, PriorityDoc
from targets.shared.docs.words import short

_LABEL_CHARS = 36
_NAME_PX, _ROLE_PX, _EDGE_PX = 7.6, 6.6, 6.3  # average glyph widths of the fonts below
_BOX_H, _ROW_GAP, _COL_GAP, _MARGIN, _LOOP = 44, 70, 48, 16, 56


@dataclass
class _Box:
    person: Person
    layer: int
    x: int = 0
    y: int = 0
    w: int = 0

    @property
    def cx(self) -> int:
        return self.x + self.w // 2


def edge_label(step: LadderStep) -> str:
    """'+15m · at 45m': the step's own delay, then when it fires from the ticket's start (on the step's clock);
    a step for some segments only names them ('+15m · at 15m · enterprise only')."""
    clock = step.clock
    only = f" · {' or '.join(step.segments)} only" if step.segments else ""
    return f"+{short(step.after_seconds, clock)} · at {short(step.offset_seconds, clock)}{only}"


def legend(doc: PriorityDoc) -> str:
    """How to read the diagram, with its own first arrow as the example (plain text)."""
    step = doc.ladder[0]
    kinds = "a solid arrow escalates (that person takes the ticket)"
    if any(s.functional for s in doc.ladder):
        kinds += "; a dashed arrow brings someone in to help (the ticket stays where it is)"
    return (
        f'How to read the diagram: {kinds}. "{edge_label(step)}" on an arrow means {step.after} after '
        f"{step.source.name} got the ticket, {step.at} after it was opened."
    )


def nodes(doc: PriorityDoc) -> list[Person]:
    people = {p.id: p for p in doc.owners}
    for step in doc.ladder:
        people.setdefault(step.source.id, step.source)
        people.setdefault(step.target.id, step.target)
    return list(people.values())


def mermaid(doc: PriorityDoc) -> str:
    ids = {p.id: f"n{index}" for index, p in enumerate(nodes(doc))}
    lines = ["flowchart TD"]
    for p in nodes(doc):
        label = mermaid_text(_clip(p.name)) + (f"<br/>{mermaid_text(_clip(p.role))}" if p.role else "")
        lines.append(f'    {ids[p.id]}["{label}"]')
    for step in doc.ladder:
        arrow = "-.->" if step.functional else "-->"
        label = mermaid_text(edge_label(step))
        lines.append(f'    {ids[step.source.id]} {arrow}|"{label}"| {ids[step.target.id]}')
    return "\n".join(lines) + "\n"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1] + "…"


def _layers(doc: PriorityDoc) -> dict[str, int]:
    """Hops from the owners (breadth first), so a row holds everyone one step further away."""
    layer = {p.id: 0 for p in doc.owners}
    frontier = [p.id for p in doc.owners]
    while frontier:
        nxt = []
        for step in doc.ladder:
            if step.source.id in frontier and step.target.id not in layer:
                layer[step.target.id] = layer[step.source.id] + 1
                nxt.append(step.target.id)
        frontier = nxt
    deepest = max(layer.values(), default=0)
    for p in nodes(doc):
        layer.setdefault(p.id, deepest + 1)
    return layer


def _layout(doc: PriorityDoc) -> tuple[dict[str, _Box], int, int]:
    layers = _layers(doc)
    boxes = {p.id: _Box(p, layers[p.id]) for p in nodes(doc)}
    rows: dict[int, list[_Box]] = {}
    for box in boxes.values():
        name_w = len(_clip(box.person.name)) * _NAME_PX
        role_w = len(_clip(box.person.role)) * _ROLE_PX
        box.w = int(max(name_w, role_w, 96)) + 24
        rows.setdefault(box.layer, []).append(box)
    widths = {layer: sum(b.w for b in row) + _COL_GAP * (len(row) - 1) for layer, row in rows.items()}
    width = max(widths.values(), default=0) + 2 * _MARGIN + _LOOP
    for layer, row in sorted(rows.items()):
        x = _MARGIN + (width - _LOOP - 2 * _MARGIN - widths[layer]) // 2
        for box in row:
            box.x, box.y = x, _MARGIN + layer * (_BOX_H + _ROW_GAP)
            x += box.w + _COL_GAP
    height = _MARGIN * 2 + (max(rows, default=0) + 1) * (_BOX_H + _ROW_GAP) - _ROW_GAP
    return boxes, width, height


def svg(doc: PriorityDoc) -> str:
    boxes, width, height = _layout(doc)
    marker = f"arrow-{doc.page}"
    owners = {p.id for p in doc.owners}
    edges: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    stagger = _label_stagger(doc, boxes)
    for index, step in enumerate(doc.ladder):
        pair = (step.source.id, step.target.id)
        seen[pair] = seen.get(pair, -1) + 1
        source, target = boxes[step.source.id], boxes[step.target.id]
        markup, right, bottom = _edge(source, target, step, marker, (stagger[index], seen[pair]))
        edges.append(markup)
        width, height = max(width, right + _MARGIN), max(height, bottom + _MARGIN)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="escalation" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{xml(f"Escalation graph for {doc.id}")}">',
        f"<title>{xml(f'Escalation graph for {doc.id}')}</title>",
        f'<defs><marker id="{xml(marker)}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#334"/></marker></defs>',
    ]
    parts += edges
    parts += [_node(box, box.person.id in owners) for box in boxes.values()]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _label_stagger(doc: PriorityDoc, boxes: dict[str, _Box]) -> list[float]:
    """Where along each edge its label sits: edges fanning out of one box alternate, so labels never stack."""
    fan: dict[str, list[int]] = {}
    for index, step in enumerate(doc.ladder):
        fan.setdefault(step.source.id, []).append(index)
    where = [0.45] * len(doc.ladder)
    for indices in fan.values():
        ordered = sorted(indices, key=lambda i: (boxes[doc.ladder[i].target.id].cx, i))
        for rank, index in enumerate(ordered):
            where[index] = 0.4 if rank % 2 == 0 else 0.72
    return where


def _node(box: _Box, owner: bool) -> str:
    css = "node owner" if owner else "node"
    lines = [
        f'<g class="{css}"><rect x="{box.x}" y="{box.y}" width="{box.w}" height="{_BOX_H}" rx="6"/>',
        f'<text x="{box.cx}" y="{box.y + (18 if box.person.role else 27)}" class="name">'
        f"{xml(_clip(box.person.name))}</text>",
    ]
    if box.person.role:
        lines.append(f'<text x="{box.cx}" y="{box.y + 35}" class="role">{xml(_clip(box.person.role))}</text>')
    return "".join(lines) + "</g>"


def _geometry(source: _Box, target: _Box, along: float) -> tuple[str, int, int, int]:
    """The edge's path, its rightmost x, and its label's centre."""
    if target.layer > source.layer:
        x1, y1, x2, y2 = source.cx, source.y + _BOX_H, target.cx, target.y
        return f"M{x1},{y1} L{x2},{y2}", max(x1, x2), round(x1 + (x2 - x1) * along), round(y1 + (y2 - y1) * along) + 4
    if target.layer == source.layer:
        # Side by side: dip under both boxes, where the label has room.
        x1, x2, y = source.cx, target.cx, source.y + _BOX_H
        mid = (x1 + x2) // 2
        return f"M{x1},{y} Q{mid},{y + 56} {x2},{y}", max(x1, x2), mid, y + 32
    # Back up the ladder: loop round the right-hand side.
    x1, y1 = source.x + source.w, source.y + _BOX_H // 2
    x2, y2 = target.x + target.w, target.y + _BOX_H // 2 + 6
    bulge = max(x1, x2) + _LOOP - 8
    return f"M{x1},{y1} C{bulge},{y1} {bulge},{y2} {x2},{y2}", bulge, bulge - 4, (y1 + y2) // 2 + 4


def _edge(source: _Box, target: _Box, step: LadderStep, marker: str, place: tuple[float, int]) -> tuple[str, int, int]:
    """The edge's markup and how far right and down it reaches (loops and labels can pass the boxes)."""
    along, parallel = place
    path, right, lx, ly = _geometry(source, target, along)
    ly += 14 * parallel  # the same two people joined twice: stack the labels
    label = edge_label(step)
    half = int(len(label) * _EDGE_PX / 2) + 4
    css = "edge functional" if step.functional else "edge"
    markup = (
        f'<g class="{css}"><path d="{path}" marker-end="url(#{xml(marker)})"/>'
        f'<rect x="{lx - half}" y="{ly - 12}" width="{2 * half}" height="16" rx="3"/>'
        f'<text x="{lx}" y="{ly}">{xml(label)}</text></g>'
    )
    return markup, max(lx + half, right), ly + 4
