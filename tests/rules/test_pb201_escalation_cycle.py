from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage, owner: a}
contacts:
  a: {name: A}
  b: {name: B}
  c: {name: C}
escalation:
  - {from: a, to: b, after: 30m}
"""


def test_cycle_is_reported_with_each_edge_location(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {from: b, to: c, after: 1h}\n  - {from: c, to: a, after: 1h}\n")
    assert at(result.findings, "PB201") == [(11, 19)]
    finding = next(f for f in result.findings if f.code == "PB201")
    assert "a -> b -> c -> a" in finding.message
    assert [r.line for r, _ in finding.related] == [9, 10, 11]


def test_chain_without_loop_is_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {from: b, to: c, after: 1h}\n")
    assert at(result.findings, "PB201") == []
