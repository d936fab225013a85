"""The escalation graph: contacts and teams as nodes, escalation steps as edges.

Lint walks the graph on every run, so the graph itself is a small
standard-library multigraph (importing networkx costs about 0.15 s, most of a
one-file pre-commit run); its method names follow networkx's MultiDiGraph.
networkx does the graph analysis proper, enumerating the cycles of a playbook
that has any, and is imported only then.
"""

from __future__ import annotations

from typing import Any

from playbook.model import Edge, Playbook, Priority

EdgeData = dict[str, Any]


class EscalationGraph:
    """A directed multigraph; nodes and edges keep the order they were added in."""

    def __init__(self) -> None:
        self._succ: dict[str, dict[str, dict[Any, EdgeData]]] = {}
        self._pred: dict[str, dict[str, dict[Any, EdgeData]]] = {}

    def add_node(self, node: str) -> None:
        if node not in self._succ:
            self._succ[node] = {}
            self._pred[node] = {}

    def add_edge(self, source: str, target: str, key: Any = None, **data: Any) -> None:
        self.add_node(source)
        self.add_node(target)
        keyed = self._succ[source].setdefault(target, {})
        keyed[len(keyed) if key is None else key] = data
        self._pred[target][source] = keyed

    @property
    def nodes(self) -> list[str]:
        return list(self._succ)

    def __contains__(self, node: object) -> bool:
        return node in self._succ

    def __len__(self) -> int:
        return len(self._succ)

    def number_of_nodes(self) -> int:
        return len(self._succ)

    def number_of_edges(self) -> int:
        return sum(len(keyed) for targets in self._succ.values() for keyed in targets.values())

    def has_edge(self, source: str, target: str) -> bool:
        return target in self._succ.get(source, {})

    def successors(self, node: str) -> list[str]:
        return list(self._succ[node])

    def predecessors(self, node: str) -> list[str]:
        return list(self._pred[node])

    def in_degree(self, node: str) -> int:
        return sum(len(keyed) for keyed in self._pred[node].values())

    def out_degree(self, node: str) -> int:
        return sum(len(keyed) for keyed in self._succ[node].values())

    def get_edge_data(self, source: str, target: str) -> dict[Any, EdgeData] | None:
        return self._succ.get(source, {}).get(target)

    def out_edges(self, node: str, data: bool = False) -> list[Any]:
        """Edges leaving `node`; none for a node not in the graph (an owner nobody escalates from)."""
        return [
            (node, target, found) if data else (node, target)
            for target, keyed in self._succ.get(node, {}).items()
            for found in keyed.values()
        ]

    def in_edges(self, node: str, data: bool = False) -> list[Any]:
        """Edges reaching `node`; none for a node not in the graph."""
        return [
            (source, node, found) if data else (source, node)
            for source, keyed in self._pred.get(node, {}).items()
            for found in keyed.values()
        ]

    def edges(self, data: bool = False) -> list[Any]:
        return [edge for node in self._succ for edge in self.out_edges(node, data)]

    def descendants(self, node: str) -> set[str]:
        """Every node reachable from `node` (not counting itself unless on a cycle)."""
        seen: set[str] = set()
        stack = list(self._succ.get(node, {}))
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(self._succ[current])
        return seen


def escalation_graph(book: Playbook, priority: str | None = None) -> EscalationGraph:
    """Edges that apply to `priority` (all edges when None); each edge carries its `Edge`."""
    graph = EscalationGraph()
    for edge in book.escalation:
        if priority is None or edge.applies_to(priority):
            graph.add_edge(edge.source, edge.target, key=edge.index, edge=edge)
    return graph


def starts(book: Playbook, priority: Priority, graph: EscalationGraph) -> list[str]:
    """Who holds a new ticket: the priority's owner, else the nodes nobody escalates to."""
    if priority.owner:
        return [priority.owner]
    return sorted(n for n in graph.nodes if graph.in_degree(n) == 0)


def cycles(graph: EscalationGraph) -> list[list[Edge]]:
    """Each elementary cycle once, as its edges, starting from the one written first."""
    successors = {node: graph.successors(node) for node in graph.nodes}
    if is_acyclic(successors):
        return []
    # Only a playbook with a loop pays for importing networkx (about 0.15 s):
    # enumerating elementary cycles is its job, not ours to re-implement.
    import networkx as nx

    found: list[list[Edge]] = []
    for nodes in nx.simple_cycles(nx.DiGraph([(a, b) for a, targets in successors.items() for b in targets])):
        edges = []
        for index, node in enumerate(nodes):
            nxt = nodes[(index + 1) % len(nodes)]
            candidates = graph.get_edge_data(node, nxt) or {}
            edges.append(min((d["edge"] for d in candidates.values()), key=lambda e: e.index))
        first = min(range(len(edges)), key=lambda i: edges[i].index)
        found.append(edges[first:] + edges[:first])
    return sorted(found, key=lambda es: (min(e.index for e in es), [e.index for e in es]))


def is_acyclic(successors: dict[str, list[str]]) -> bool:
    """Kahn's algorithm: True when repeatedly removing nodes nobody points at empties the graph."""
    indegree: dict[str, int] = dict.fromkeys(successors, 0)
    for targets in successors.values():
        for target in targets:
            indegree[target] = indegree.get(target, 0) + 1
    ready = [node for node, count in indegree.items() if count == 0]
    removed = 0
    while ready:
        node = ready.pop()
        removed += 1
        for target in successors.get(node, ()):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return removed == len(indegree)
