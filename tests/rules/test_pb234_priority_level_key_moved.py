from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
"""


def test_old_level_keys_fire_at_the_first_key(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {title: Outage, zendesk: urgent, freshdesk: 4}\n")
    assert at(result.findings, "PB234") == [(3, 23)]
    (finding,) = [f for f in result.findings if f.code == "PB234"]
    assert "levels: {zendesk: urgent, freshdesk: 4}" in finding.hint
    assert [loc.column for loc, _ in finding.related] == [40]


def test_levels_mapping_is_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {title: Outage, levels: {zendesk: urgent, freshdesk: 4}}\n")
    assert at(result.findings, "PB234") == []


def test_old_keys_still_set_the_level(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {title: Outage, zendesk: low}\n")
    assert result.book is not None
    assert result.book.priorities["P1"].levels == {"zendesk": "low"}


def test_levels_mapping_wins_over_an_old_key(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {title: Outage, zendesk: low, levels: {zendesk: urgent}}\n")
    assert result.book is not None
    assert result.book.priorities["P1"].levels == {"zendesk": "urgent"}
    assert at(result.findings, "PB234") == [(3, 23)]
