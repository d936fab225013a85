"""The standard-library escalation graph finds what networkx finds."""

from __future__ import annotations

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from compiler.graph import EscalationGraph, simple_cycles, strongly_connected
from tests.fuzzing import SETTINGS

NODES = st.sampled_from(["a", "b", "c", "d", "e", "f"])
EDGES = st.lists(st.tuples(NODES, NODES), max_size=14)


def _canonical(cycle: list[str]) -> tuple[str, ...]:
    first = cycle.index(min(cycle))
    return tuple(cycle[first:] + cycle[:first])


@SETTINGS
@given(EDGES)
def test_cycles_and_components_match_networkx(edges):
    successors: dict[str, list[str]] = {}
    for source, target in edges:
        successors.setdefault(source, [])
        successors.setdefault(target, [])
        if target not in successors[source]:
            successors[source].append(target)
    reference = nx.DiGraph()
    reference.add_nodes_from(successors)
    reference.add_edges_from(edges)
    ours = [_canonical(c) for c in simple_cycles(successors)]
    assert len(ours) == len(set(ours))
    assert set(ours) == {_canonical(c) for c in nx.simple_cycles(reference)}
    assert {frozenset(c) for c in strongly_connected(successors)} == {
        frozenset(c) for c in nx.strongly_connected_components(reference)
    }


def test_multigraph_keeps_parallel_edges_and_degrees():
    graph = EscalationGraph()
    graph.add_edge("a", "b", key=0, edge="first")
    graph.add_edge("a", "b", key=1, edge="second")
    graph.add_edge("b", "c", key=2, edge="third")
    assert graph.nodes == ["a", "b", "c"] and graph.number_of_edges() == 3
    assert graph.in_degree("b") == 2 and graph.out_degree("a") == 2 and graph.in_degree("a") == 0
    assert [d["edge"] for _, _, d in graph.out_edges("a", data=True)] == ["first", "second"]
    assert graph.get_edge_data("a", "b") == {0: {"edge": "first"}, 1: {"edge": "second"}}
    assert graph.descendants("a") == {"b", "c"} and graph.predecessors("b") == ["a"]
    assert graph.out_edges("nobody") == [] and graph.in_edges("nobody", data=True) == []
