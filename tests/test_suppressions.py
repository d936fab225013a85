"""Suppressions: inline comments (next line, trailing, block), entity `lint:` keys, and their own findings."""

from __future__ import annotations

from compiler.lint.pipeline import check_source
from compiler.lint.settings import RuleSettings
from playbook import source
from tests.helpers import TODAY, at, lint_text

HEAD = """\
playbook: t
priorities:
  P1: {title: Outage}
contacts:
"""
STALE = "{name: V, phone: '+442079460000', verified: 2020-01-01}"


def lint_unused(tmp_path, text):  # type: ignore[no-untyped-def]
    path = tmp_path / "playbook.yaml"
    path.write_text(text)
    return check_source(source.load(str(path)), RuleSettings(today=TODAY, warn_unused_suppressions=True))


def test_comment_suppresses_the_next_line_and_keeps_the_reason(tmp_path):
    text = HEAD + f'  # playbook: disable=PB220 reason="vendor line verified by contract"\n  vendor: {STALE}\n'
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB220") == []
    assert [(s.finding.code, s.by.reason, s.by.written.line) for s in result.suppressed] == [
        ("PB220", "vendor line verified by contract", 5)
    ]


def test_comment_covers_the_block_nested_under_the_next_line(tmp_path):
    text = HEAD + (
        "  # playbook: disable=contact-not-verified reason='checked quarterly'\n"
        "  vendor:\n    name: V\n    phone: '+442079460000'\n    verified: 2020-01-01\n"
        "  other:\n    name: O\n    phone: '+442079460001'\n    verified: 2020-01-01\n"
    )
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB220") == [(13, 15)]


def test_trailing_comment_suppresses_its_own_line(tmp_path):
    text = HEAD + f'  vendor: {STALE}  # playbook: disable=PB220 reason="contract"\n  other: {STALE}\n'
    assert at(lint_text(tmp_path, text).findings, "PB220") == [(6, 54)]


def test_block_runs_from_disable_to_enable(tmp_path):
    text = HEAD + (
        '  # playbook: disable=PB220 reason="legacy vendors, contract checked"\n'
        f"  a: {STALE}\n  b: {STALE}\n"
        "  # playbook: enable=PB220\n"
        f"  c: {STALE}\n"
    )
    assert at(lint_text(tmp_path, text).findings, "PB220") == [(9, 50)]


def test_suppression_without_reason_is_an_error_in_its_place(tmp_path):
    text = HEAD + f"  # playbook: disable=PB220\n  vendor: {STALE}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB220") == []
    assert at(result.findings, "PB301") == [(5, 3)]
    assert result.has_errors()


def test_unknown_rule_and_unreadable_directive_are_reported(tmp_path):
    text = HEAD + (
        f'  # playbook: disable=PB999 reason="x"\n  a: {STALE}\n'
        f"  # playbook: disabel PB220\n  b: {STALE}\n"
        "  # playbook: enable=PB220\n"
    )
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB303") == [(5, 3), (7, 3), (9, 3)]
    assert len(at(result.findings, "PB220")) == 2


def test_input_checks_cannot_be_suppressed(tmp_path):
    text = HEAD + '  # playbook: disable=PB102 reason="x"\n  a: {name: A}\n'
    result = lint_text(tmp_path, text)
    assert "cannot be suppressed" in next(f.message for f in result.findings if f.code == "PB303")


def test_entity_lint_key_covers_findings_inside_the_entity(tmp_path):
    text = HEAD + (
        "  vendor:\n    name: V\n    phone: '+442079460000'\n    verified: 2020-01-01\n"
        "    lint: {PB220: vendor line verified by contract}\n"
        f"  other: {STALE}\n"
    )
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB220") == [(10, 54)]
    assert result.suppressed[0].by.kind == "entity"


def test_entity_lint_key_on_a_flow_mapping(tmp_path):
    text = HEAD + "  vendor: {name: V, phone: '+442079460000', verified: 2020-01-01, lint: {PB220: contract}}\n"
    assert at(lint_text(tmp_path, text).findings, "PB220") == []


def test_entity_lint_key_without_reason_is_reported(tmp_path):
    text = HEAD + "  vendor: {name: V, phone: '+442079460000', verified: 2020-01-01, lint: {PB220: }}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB301") == [(5, 81)]
    assert at(result.findings, "PB220") == []


def test_unused_suppressions_are_reported_on_request(tmp_path):
    text = HEAD + (
        '  # playbook: disable=PB220 reason="was stale"\n'
        "  fresh: {name: F, phone: '+442079460000', verified: 2026-11-25}\n"
        "  kept: {name: K, phone: '+442079460001', verified: 2026-11-25, lint: {PB220: old}}\n"
    )
    assert at(lint_text(tmp_path, text).findings, "PB302") == []
    assert at(lint_unused(tmp_path, text).findings, "PB302") == [(5, 3), (7, 72)]


def test_unused_suppressions_are_not_reported_when_rules_did_not_run(tmp_path):
    text = HEAD + '  # playbook: disable=PB220 reason="x"\n  a: {name: A, team: nowhere}\n'
    assert at(lint_unused(tmp_path, text).findings, "PB302") == []


def test_text_without_the_marker_is_not_scanned(tmp_path):
    text = HEAD + f"  # disable=PB220 reason='not a directive'\n  vendor: {STALE}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB220") == [(6, 55)]
    assert result.suppressed == []
