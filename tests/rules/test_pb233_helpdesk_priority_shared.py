from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage, zendesk: urgent, freshdesk: 4}
"""


def test_second_priority_on_the_same_level_fires_at_its_mapping(tmp_path):
    result = lint_text(tmp_path, BASE + "  P2: {title: Major, zendesk: urgent, freshdesk: 3}\n")
    assert at(result.findings, "PB233") == [(4, 31)]


def test_distinct_levels_are_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  P2: {title: Major, zendesk: high, freshdesk: 3}\n")
    assert at(result.findings, "PB233") == []


def test_requested_target_leaves_it_to_pb506(tmp_path):
    result = lint_text(tmp_path, BASE + "  P2: {title: Major, zendesk: urgent, freshdesk: 3}\n", targets=("zendesk",))
    assert at(result.findings, "PB233") == []
    assert at(result.findings, "PB506") == [(4, 31)]
