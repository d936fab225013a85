"""The escalation graph: contacts and teams as nodes, escalation steps as edges.

A small standard-library multigraph rather than networkx: importing networkx
costs about 0.15 s, which is most of a one-file pre-commit run, and lint needs
only adjacency, in-degrees and elementary cycles. The method names and
signatures follow networkx's MultiDiGraph, so code written against it reads
the same.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    found: list[list[Edge]] = []
    successors = {node: graph.successors(node) for node in graph.nodes}
    for nodes in simple_cycles(successors):
        edges = []
        for index, node in enumerate(nodes):
            nxt = nodes[(index + 1) % len(nodes)]
            candidates = graph.get_edge_data(node, nxt) or {}
            edges.append(min((d["edge"] for d in candidates.values()), key=lambda e: e.index))
        first = min(range(len(edges)), key=lambda i: edges[i].index)
        found.append(edges[first:] + edges[:first])
    return sorted(found, key=lambda es: (min(e.index for e in es), [e.index for e in es]))


def strongly_connected(successors: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion; nodes in first-seen order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in successors:
        if root in index:
            continue
        work = [(root, iter(successors[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component, key=index.__getitem__))
    return components


def simple_cycles(successors: dict[str, list[str]]) -> Iterator[list[str]]:
    """Every elementary cycle of a directed graph, as its nodes (Johnson's algorithm).

    Self-loops are cycles of one node. Each strongly connected component is
    searched from one start node, which is then removed before searching again.
    """
    for node, targets in successors.items():
        if node in targets:
            yield [node]
    graph = {node: [t for t in targets if t != node] for node, targets in successors.items()}
    pending = [c for c in strongly_connected(graph) if len(c) > 1]
    while pending:
        component = pending.pop()
        members = set(component)
        sub = {n: [t for t in graph[n] if t in members] for n in component}
        start = component[0]
        yield from _cycles_through(start, sub)
        del sub[start]
        rest = {n: [t for t in targets if t != start] for n, targets in sub.items()}
        pending.extend(c for c in strongly_connected(rest) if len(c) > 1)


def _cycles_through(start: str, sub: dict[str, list[str]]) -> Iterator[list[str]]:
    path = [start]
    blocked = {start}
    closed: set[str] = set()
    waiting: dict[str, set[str]] = {n: set() for n in sub}
    work = [(start, list(sub[start]))]
    while work:
        node, targets = work[-1]
        if targets:
            target = targets.pop()
            if target == start:
                yield path[:]
                closed.update(path)
            elif target not in blocked:
                path.append(target)
                work.append((target, list(sub[target])))
                closed.discard(target)
                blocked.add(target)
                continue
        if not targets:
            if node in closed:
                _unblock(node, blocked, waiting)
            else:
                for target in sub[node]:
                    waiting[target].add(node)
            work.pop()
            path.pop()


def _unblock(node: str, blocked: set[str], waiting: dict[str, set[str]]) -> None:
    pending = {node}
    while pending:
        current = pending.pop()
        if current in blocked:
            blocked.discard(current)
            pending.update(waiting[current])
            waiting[current].clear()
