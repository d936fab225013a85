"""The ladder's times as TaskRouter's cumulative target timeouts, and back, exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.plan.plan import build_plan
from compiler.plan.taskrouter import rungs, starts, timeouts, whole_seconds
from tests.helpers import EXAMPLES, TODAY, lint_text


def _priority(path, pid):
    result = lint_path(str(path), RuleSettings(today=TODAY))
    assert not result.has_errors()
    return build_plan(result.book).priority(pid)


def test_timeouts_are_the_gaps_between_rung_starts():
    assert timeouts([0, 1800, 2700, 3600, 14400]) == [1800, 900, 900, 10800, None]


def test_starts_add_the_timeouts_up_as_taskrouter_does():
    # twilio.com/docs/taskrouter/task-evaluation: three targets of 10 s; the second ends at 20 s.
    assert starts([10, 10, 10]) == [0, 10, 20]


def test_a_single_rung_has_no_timeout():
    assert timeouts([0]) == [None]
    assert starts([None]) == [0]


@pytest.mark.parametrize("bad", [[], [5, 10], [0, 10, 10], [0, 20, 10]])
def test_rung_starts_must_begin_at_zero_and_rise(bad):
    with pytest.raises(ValueError):
        timeouts(bad)


@pytest.mark.parametrize("bad", [[0, None], [None, 5], [-1, None]])
def test_only_the_last_target_may_wait_forever(bad):
    with pytest.raises(ValueError):
        starts(bad)


@given(st.lists(st.integers(min_value=1, max_value=10**6), max_size=12))
def test_timeouts_and_starts_are_inverse(gaps):
    begins = [0]
    for gap in gaps:
        begins.append(begins[-1] + gap)
    assert starts(timeouts(begins)) == begins
    assert timeouts(starts([*gaps, None])) == [*gaps, None]


def test_field_service_p1_rungs_reproduce_the_ladders_offsets():
    p1 = _priority(EXAMPLES / "field-service", "P1")
    found = rungs(p1)
    # Recompute: the cumulative sum of the targets' timeouts is when each node may take the task.
    recomputed = starts(timeouts([r.start for r in found]))
    expected = sorted({whole_seconds(s.offset) for s in p1.steps} | {0})
    assert recomputed == expected == [0, 1800, 2700, 3600, 14400]
    first_reached = {}
    for rung in found:
        for node in rung.holders:
            first_reached.setdefault(node, rung.start)
    for step in p1.steps:
        assert first_reached[step.target] == whole_seconds(step.offset)
    assert found[-1].holders == ("coordinator", "team-lead", "dispatch-on-call", "service-manager", "vp-operations")


def test_steps_at_the_same_time_share_a_rung_and_unreachable_nodes_are_left_out(tmp_path):
    result = lint_text(
        tmp_path,
        """\
        playbook: t
        priorities:
          P1: {title: A, owner: desk}
        escalation:
          - {from: desk, to: lead, after: 10m}
          - {from: desk, to: vendor, after: 10m}
          - {from: lead, to: boss, after: 20m}
        contacts:
          desk: {name: Desk, kind: role, email: d@x.example}
          lead: {name: Lead, email: l@x.example}
          vendor: {name: Vendor, kind: vendor, phone: "+15550100"}
          boss: {name: Boss, email: b@x.example}
        """,
    )
    prio = build_plan(result.book).priority("P1")
    found = rungs(prio, routable={"desk", "lead", "boss"})
    assert [(r.start, r.holders) for r in found] == [
        (0, ("desk",)),
        (600, ("desk", "lead")),
        (1800, ("desk", "lead", "boss")),
    ]
    assert [s.target for s in found[1].steps] == ["lead"]


def test_fractional_offsets_round_down_to_whole_seconds():
    assert whole_seconds(59.999999999) == 60
    assert whole_seconds(61.5) == 61
    assert whole_seconds(-3) == 0
