"""The escalation graph: contacts and teams as nodes, escalation steps as edges (networkx)."""

from __future__ import annotations

import networkx as nx

from playbook.model import Edge, Playbook, Priority


def escalation_graph(book: Playbook, priority: str | None = None) -> nx.MultiDiGraph:
    """Edges that apply to `priority` (all edges when None); each edge carries its `Edge`."""
    graph = nx.MultiDiGraph()
    for edge in book.escalation:
        if priority is None or edge.applies_to(priority):
            graph.add_edge(edge.source, edge.target, key=edge.index, edge=edge)
    return graph


def starts(book: Playbook, priority: Priority, graph: nx.MultiDiGraph) -> list[str]:
    """Who holds a new ticket: the priority's owner, else the nodes nobody escalates to."""
    if priority.owner:
        return [priority.owner]
    return sorted(n for n in graph.nodes if graph.in_degree(n) == 0)


def cycles(graph: nx.MultiDiGraph) -> list[list[Edge]]:
    """Each elementary cycle once, as its edges, starting from the one written first."""
    found: list[list[Edge]] = []
    simple = nx.DiGraph(graph)
    for nodes in nx.simple_cycles(simple):
        edges = []
        for index, node in enumerate(nodes):
            nxt = nodes[(index + 1) % len(nodes)]
            candidates = graph.get_edge_data(node, nxt)
            edges.append(min((d["edge"] for d in candidates.values()), key=lambda e: e.index))
        first = min(range(len(edges)), key=lambda i: edges[i].index)
        found.append(edges[first:] + edges[:first])
    return sorted(found, key=lambda es: min(e.index for e in es))
