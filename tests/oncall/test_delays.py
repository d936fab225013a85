"""Start times <-> PagerDuty per-rule delays and Opsgenie from-the-start delays, in both directions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.plan.oncall import opsgenie, pagerduty
from compiler.plan.oncall.delays import whole_minutes

# The chain from the reference notes: Coordinator, Team Lead at +30 min, Service Manager
# 60 min after the Team Lead, VP Operations 4 h after the Service Manager.
CHAIN = [(0.0, "coordinator"), (1800.0, "team-lead"), (5400.0, "service-manager"), (19800.0, "vp-operations")]

# Whole-minute start times up to two days, each target once, with an owner at zero.
ladders = st.lists(st.integers(min_value=1, max_value=2880), max_size=25).map(
    lambda minutes: [(0.0, "owner")] + [(m * 60.0, f"n{i}") for i, m in enumerate(minutes)]
)


def _rules(policy):
    return [(rule.delay, rule.targets) for rule in policy.rules]


def test_pagerduty_delays_are_the_gaps_between_start_times():
    policy = pagerduty.policy(CHAIN)
    assert _rules(policy) == [
        (30, ("coordinator",)),
        (60, ("team-lead",)),
        (240, ("service-manager",)),
        (pagerduty.LAST_RULE_DELAY_MINUTES, ("vp-operations",)),
    ]
    assert policy.moved == []


def test_pagerduty_start_times_are_the_running_sum_of_the_delays():
    rules = [(30, ["PCOORD1"]), (60, ["PTEAMLD"]), (240, ["PSVCMGR"]), (30, ["PVPOPS1"])]
    assert pagerduty.start_times(rules) == [(0, "PCOORD1"), (30, "PTEAMLD"), (90, "PSVCMGR"), (330, "PVPOPS1")]


@settings(max_examples=200, deadline=None)
@given(ladders)
def test_pagerduty_reproduces_every_whole_minute_ladder(starts):
    policy = pagerduty.policy(starts)
    if all(len(rule.targets) <= pagerduty.MAX_TARGETS_PER_RULE for rule in policy.rules) and not policy.moved:
        got = sorted(pagerduty.start_times(_rules(policy)), key=lambda item: (item[0], item[1]))
        assert got == sorted(((int(s // 60), t) for s, t in starts), key=lambda item: (item[0], item[1]))
    assert all(rule.delay >= pagerduty.MIN_DELAY_MINUTES for rule in policy.rules)
    assert all(1 <= len(rule.targets) <= pagerduty.MAX_TARGETS_PER_RULE for rule in policy.rules)


def test_pagerduty_targets_due_in_the_same_minute_share_a_rule():
    policy = pagerduty.policy([(0, "desk"), (600, "lead"), (600, "engineer")])
    assert _rules(policy) == [(10, ("desk",)), (30, ("lead", "engineer"))]


def test_pagerduty_rounds_seconds_down_and_says_so():
    policy = pagerduty.policy([(0, "desk"), (90, "lead")])
    assert pagerduty.start_times(_rules(policy)) == [(0, "desk"), (1, "lead")]
    [moved] = policy.moved
    assert (moved.target, moved.wanted, moved.got) == ("lead", 90, 1)
    assert "whole minutes" in moved.why


def test_pagerduty_pages_the_first_rule_at_once():
    # A ladder whose earliest pageable node starts at 15 minutes: PagerDuty pages it on trigger.
    policy = pagerduty.policy([(900, "lead"), (1800, "manager")])
    assert pagerduty.start_times(_rules(policy)) == [(0, "lead"), (30, "manager")]
    assert [(m.target, m.wanted, m.got) for m in policy.moved] == [("lead", 900, 0)]


def test_pagerduty_passes_an_eleventh_target_to_the_next_minute():
    starts = [(0.0, "owner")] + [(600.0, f"p{i}") for i in range(11)]
    policy = pagerduty.policy(starts)
    assert [len(rule.targets) for rule in policy.rules] == [1, 10, 1]
    assert [(m.target, m.got) for m in policy.moved] == [("p10", 11)]


def test_opsgenie_delays_are_the_start_times_themselves():
    escalation = opsgenie.escalation(CHAIN)
    assert [(rule.delay, rule.recipient) for rule in escalation.rules] == [
        (0, "coordinator"),
        (30, "team-lead"),
        (90, "service-manager"),
        (330, "vp-operations"),
    ]


def test_opsgenie_start_times_are_the_delays_in_any_rule_order():
    # The Terraform providers keep rules as an unordered set: order must not matter.
    rules = [(90, "service-manager"), (0, "coordinator"), (330, "vp-operations"), (30, "team-lead")]
    expected = [(0, "coordinator"), (30, "team-lead"), (90, "service-manager"), (330, "vp-operations")]
    assert opsgenie.start_times(rules) == expected


@settings(max_examples=200, deadline=None)
@given(ladders)
def test_opsgenie_reproduces_every_whole_minute_ladder(starts):
    escalation = opsgenie.escalation(starts)
    got = opsgenie.start_times([(rule.delay, rule.recipient) for rule in escalation.rules])
    assert sorted(got) == sorted((int(s // 60), t) for s, t in starts)
    assert escalation.moved == []


def test_the_two_products_read_the_same_numbers_differently():
    # 0, 30, 90 from the start in Opsgenie is 30, 60 (and a last delay) per rule in PagerDuty.
    og = [(rule.delay, rule.recipient) for rule in opsgenie.escalation(CHAIN[:3]).rules]
    pd = _rules(pagerduty.policy(CHAIN[:3]))
    assert [delay for delay, _ in og] == [0, 30, 90]
    assert [delay for delay, _ in pd][:2] == [30, 60]
    assert opsgenie.start_times(og) == pagerduty.start_times(pd)


def test_opsgenie_conditions_never_stop_escalating_earlier_than_the_playbook():
    assert opsgenie.CONDITIONS == {
        "unacknowledged": "if-not-acked",
        "unmitigated": "if-not-closed",
        "unresolved": "if-not-closed",
    }


def test_whole_minutes_round_down_and_survive_float_noise():
    assert whole_minutes(59.999) == 0
    assert whole_minutes(0.1 * 3 * 600) == 3  # 180.00000000000003 seconds
    assert whole_minutes(3 * 60 - 1e-12) == 3


def test_the_on_call_facts_say_how_each_product_counts_its_delays():
    import targets
    from compiler.plan.targetfacts import facts, of_kind

    assert of_kind(targets.TARGETS, "oncall") == ("opsgenie", "pagerduty")
    assert targets.GROUPS["oncall"] == ("pagerduty", "opsgenie") and targets.GROUPS["chat"] == ("slack", "teams")
    counting = {name: facts(name).delays_count_from for name in of_kind(targets.TARGETS, "oncall")}
    assert counting == {"pagerduty": "previous rule", "opsgenie": "start"}
    assert (pagerduty.MIN_DELAY_MINUTES, pagerduty.MAX_TARGETS_PER_RULE) == (1, 10)
    assert opsgenie.HANDOFF_MINUTES == (0, 30)


def test_a_product_with_a_longer_minimum_delay_pages_a_close_step_with_the_one_before(monkeypatch):
    monkeypatch.setattr(pagerduty, "MIN_DELAY_MINUTES", 3)
    policy = pagerduty.policy([(0, "desk"), (60, "lead"), (600, "boss")])
    assert _rules(policy) == [(10, ("desk", "lead")), (pagerduty.LAST_RULE_DELAY_MINUTES, ("boss",))]
    assert [(m.target, m.got) for m in policy.moved] == [("lead", 0)]
