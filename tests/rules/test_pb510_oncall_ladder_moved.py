from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: desk, hours: calendar, page: true}
escalation:
  - {from: desk, to: lead, after: 90s, when: unacknowledged}
  - {from: lead, to: boss, after: 30s, when: unacknowledged}
contacts:
  desk: {name: Desk, email: desk@acme.example}
  lead: {name: Lead, email: lead@acme.example}
  boss: {name: Boss, email: boss@acme.example}
"""


def _messages(result):
    return [f.message for f in result.findings if f.code == "PB510"]


def test_a_step_between_whole_minutes_is_reported_once_per_product(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("pagerduty", "opsgenie"))
    # lead at 1m30s; boss at 2m00s is a whole minute, so quiet.
    assert at(result.findings, "PB510") == [(5, 35), (5, 35)]
    assert sorted(_messages(result)) == [
        "P1: Opsgenie pages user 'lead' at 1m, not 90s after the start (Opsgenie counts whole minutes: "
        "rounded down to 1m)",
        "P1: PagerDuty pages user 'lead' at 1m, not 90s after the start (PagerDuty counts whole minutes: "
        "rounded down to 1m)",
    ]


def test_pagerduty_paging_the_first_pageable_person_at_once_is_reported(tmp_path):
    text = TEXT.replace("desk: {name: Desk, email: desk@acme.example}", "desk: {name: Desk, kind: vendor}")
    text = text.replace("after: 90s", "after: 5m").replace("after: 30s", "after: 1m")
    result = lint_text(tmp_path, text, targets=("pagerduty",))
    assert _messages(result) == [
        "P1: PagerDuty pages user 'lead' at 0m, not 5m after the start (PagerDuty notifies its first rule when the "
        "incident triggers)"
    ]


def test_quiet_for_whole_minutes_and_without_an_on_call_target(tmp_path):
    whole = TEXT.replace("after: 90s", "after: 2m").replace("after: 30s", "after: 1m")
    assert at(lint_text(tmp_path, whole, targets=("pagerduty", "opsgenie")).findings, "PB510") == []
    assert at(lint_text(tmp_path, TEXT, targets=("zendesk",)).findings, "PB510") == []


def test_quiet_for_priorities_that_do_not_page(tmp_path):
    assert at(lint_text(tmp_path, TEXT.replace(", page: true", ""), targets=("pagerduty",)).findings, "PB510") == []
