from tests.helpers import at, lint_text

BASE = """\
playbook: t
channels:
  chat: {}
  email: {}
priorities:
  P1: {title: Outage}
  P2: {title: Major}
sla:
"""


def test_higher_priority_slower_than_lower_fires_at_its_target(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {acknowledge: 1h}\n  P2: {acknowledge: 15m}\n")
    assert at(result.findings, "PB210") == [(9, 21)]


def test_channel_override_slower_than_lower_priority_fires_at_the_override(tmp_path):
    text = BASE + "  P1: {acknowledge: 15m, channels: {email: {acknowledge: 2h}}}\n  P2: {acknowledge: 1h}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB210") == [(9, 58)]


def test_ordered_targets_are_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {acknowledge: 15m}\n  P2: {acknowledge: 1h}\n")
    assert at(result.findings, "PB210") == []


MIXED = """\
playbook: t
timezone: Europe/London
calendars:
  always: 24/7
  office: {weekly: {mon-fri: "08:30-18:00"}}
priorities:
  P1: {title: Fraud, calendar: always}
  P2: {title: Complaint, calendar: office}
sla:
"""


def test_round_the_clock_target_shorter_in_wall_time_than_a_business_target_is_quiet(tmp_path):
    # 48 hours always end before three business days of 9.5 hours (at least 54.75 hours) do.
    text = MIXED + "  P1: {acknowledge: 5m, resolve: 2d}\n  P2: {acknowledge: 1bd, resolve: 3bd}\n"
    assert at(lint_text(tmp_path, text).findings, "PB210") == []


def test_round_the_clock_target_later_whenever_opened_fires_naming_both_clocks(tmp_path):
    text = MIXED + "  P1: {acknowledge: 5m, resolve: 5d}\n  P2: {acknowledge: 1bd, resolve: 1bd}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB210") == [(10, 34)]
    assert next(f.message for f in result.findings if f.code == "PB210") == (
        "P1 resolve is 5d (calendar hours), slower than P2's 1bd (business hours) whenever a ticket opens"
    )


def test_round_the_clock_target_later_only_at_some_hours_is_not_reported(tmp_path):
    # 8 wall hours are later than one business hour on a Tuesday morning, earlier on a Friday evening.
    text = MIXED + "  P1: {acknowledge: 8h}\n  P2: {acknowledge: 1bh}\n"
    assert at(lint_text(tmp_path, text).findings, "PB210") == []


def test_business_target_longer_than_a_calendar_target_is_always_later(tmp_path):
    text = MIXED.replace("P1: {title: Fraud, calendar: always}", "P1: {title: Fraud, calendar: office}")
    text = text.replace("P2: {title: Complaint, calendar: office}", "P2: {title: Complaint, calendar: always}")
    result = lint_text(tmp_path, text + "  P1: {acknowledge: 3bh}\n  P2: {acknowledge: 2h}\n")
    assert at(result.findings, "PB210") == [(10, 21)]


def test_answer_speed_is_compared_with_answer_speed_not_first_reply(tmp_path):
    # "Chat answered in 60s" for P2 is a queue service level, not a faster first reply than P1's 15m.
    text = BASE + "  P1: {acknowledge: 15m}\n  P2: {acknowledge: 1h, channels: {chat: {answer: 60s}}}\n"
    assert at(lint_text(tmp_path, text).findings, "PB210") == []
    slower = BASE + "  P1: {answer: 90s}\n  P2: {answer: 60s}\n"
    assert at(lint_text(tmp_path, slower).findings, "PB210") == [(9, 16)]


def test_each_sla_policy_is_checked_and_named(tmp_path):
    text = BASE.replace("sla:\n", "") + (
        "sla_policies:\n  - {id: rest, title: All, targets: {P1: {acknowledge: 1h}, P2: {acknowledge: 15m}}}\n"
    )
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB210") == [(9, 56)]
    assert next(f for f in result.findings if f.code == "PB210").message.endswith("(SLA policy rest)")
