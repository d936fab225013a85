from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage, examples: [Checkout fails for everyone]}
"""


def test_priority_without_examples_fires_at_the_priority(tmp_path):
    result = lint_text(tmp_path, BASE + "  P2: {title: Major}\n")
    assert at(result.findings, "PB230") == [(4, 3)]


def test_empty_examples_list_fires_at_the_list(tmp_path):
    result = lint_text(tmp_path, BASE + "  P2: {title: Major, examples: []}\n")
    assert at(result.findings, "PB230") == [(4, 32)]


def test_min_examples_option_is_respected(tmp_path):
    result = lint_text(tmp_path, BASE, options={"PB230": {"min_examples": 2}})
    assert at(result.findings, "PB230") == [(3, 33)]


def test_priorities_with_examples_are_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  P2: {title: Major, examples: [Refund missing]}\n")
    assert at(result.findings, "PB230") == []
