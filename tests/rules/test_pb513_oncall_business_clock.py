from tests.helpers import at, lint_text

TEXT = """\
playbook: t
calendars:
  office: {weekly: {mon-fri: "09:00-17:00"}}
priorities:
  P2: {title: Blocked, owner: desk, calendar: office, page: true}
escalation:
  - {from: desk, to: lead, after: 4h}
contacts:
  desk: {name: Desk, email: desk@acme.example}
  lead: {name: Lead, email: lead@acme.example}
"""


def test_a_paged_priority_on_business_hours_is_reported_at_its_page_key(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("pagerduty",))
    assert at(result.findings, "PB513") == [(5, 61)]


def test_a_business_hours_delay_on_a_round_the_clock_priority_counts_too(tmp_path):
    text = TEXT.replace(", calendar: office", ", hours: calendar").replace("after: 4h", "after: 4bh")
    text = text.replace("P2: {title: Blocked,", "P2: {title: Blocked, calendar: office,")
    assert at(lint_text(tmp_path, text, targets=("opsgenie",)).findings, "PB513") != []


def test_quiet_on_elapsed_time_or_without_an_on_call_target(tmp_path):
    calendar_hours = TEXT.replace("page: true}", "page: true, hours: calendar}")
    assert at(lint_text(tmp_path, calendar_hours, targets=("pagerduty",)).findings, "PB513") == []
    assert at(lint_text(tmp_path, TEXT, targets=("teams",)).findings, "PB513") == []
