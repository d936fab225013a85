"""The escalation graph: its acyclicity shortcut agrees with networkx, and it keeps parallel edges."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from compiler.plan.graph import EscalationGraph, is_acyclic
from tests.fuzzing import SETTINGS
from tests.helpers import ROOT

NODES = st.sampled_from(["a", "b", "c", "d", "e", "f"])
EDGES = st.lists(st.tuples(NODES, NODES), max_size=14)


@SETTINGS
@given(EDGES)
def test_acyclic_shortcut_agrees_with_networkx(edges):
    successors: dict[str, list[str]] = {}
    for source, target in edges:
        successors.setdefault(source, [])
        successors.setdefault(target, [])
        if target not in successors[source]:
            successors[source].append(target)
    reference = nx.DiGraph()
    reference.add_nodes_from(successors)
    reference.add_edges_from(edges)
    assert is_acyclic(successors) == nx.is_directed_acyclic_graph(reference)


def test_lint_of_a_playbook_without_loops_does_not_import_networkx():
    code = (
        "import sys; from compiler.lint.pipeline import lint_path; "
        "lint_path('examples/field-service'); print('networkx' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


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
