"""The ladder on-call tools are given: each node once, at its earliest start, owners at zero."""

from __future__ import annotations

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.plan.oncall.ladder import reaches
from compiler.plan.plan import build_plan
from tests.helpers import EXAMPLES, TODAY, lint_text


def _plan(path):
    result = lint_path(str(path), RuleSettings(today=TODAY))
    assert not result.has_errors()
    return build_plan(result.book)


def test_field_service_p1_reaches_each_person_at_the_sum_of_the_delays_before_them():
    p1 = _plan(EXAMPLES / "field-service").priority("P1")
    assert [(r.node, r.offset / 60) for r in reaches(p1)] == [
        ("coordinator", 0),
        ("team-lead", 30),
        ("dispatch-on-call", 45),
        ("service-manager", 60),
        ("vp-operations", 240),
    ]


def test_a_node_reached_along_two_paths_counts_from_the_earlier(tmp_path):
    result = lint_text(
        tmp_path,
        """\
        playbook: t
        priorities:
          P1: {title: Down, owner: desk, hours: calendar}
        escalation:
          - {from: desk, to: lead, after: 10m}
          - {from: desk, to: boss, after: 1h}
          - {from: lead, to: boss, after: 20m, when: unacknowledged}
        contacts:
          desk: {name: Desk}
          lead: {name: Lead}
          boss: {name: Boss}
        """,
    )
    found = reaches(build_plan(result.book).priority("P1"))
    assert [(r.node, r.offset / 60, r.when) for r in found] == [
        ("desk", 0, "unresolved"),
        ("lead", 10, "unresolved"),
        ("boss", 30, "unacknowledged"),
    ]
