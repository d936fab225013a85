from tests.helpers import at, lint_text

TEXT = """\
playbook: t
calendars:
  office: {weekly: {mon: ["09:00-12:00", "13:00-17:00"], tue: "09:00-17:00"}}
priorities:
  P1: {title: Down, calendar: office}
"""


def test_a_day_with_a_break_is_reported_once(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("salesforce",))
    assert at(result.findings, "PB542") == [(3, 27)]
    (finding,) = [f for f in result.findings if f.code == "PB542"]
    assert "2 separate windows on Monday" in finding.message


def test_touching_windows_are_one_window(tmp_path):
    text = TEXT.replace('"13:00-17:00"', '"12:00-17:00"')
    assert at(lint_text(tmp_path, text, targets=("salesforce",)).findings, "PB542") == []


def test_a_calendar_no_priority_uses_is_not_built(tmp_path):
    text = TEXT.replace(", calendar: office", "")
    assert at(lint_text(tmp_path, text, targets=("salesforce",)).findings, "PB542") == []


def test_quiet_without_the_salesforce_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("intercom",)).findings, "PB542") == []


def test_a_calendar_only_an_sla_policy_picks_is_checked(tmp_path):
    text = TEXT.replace(", calendar: office", "").replace("calendars:\n", "calendars:\n  always: 24/7\n") + (
        "segments:\n  vip: {title: VIP, tags: vip}\n"
        "sla_policies:\n"
        "  - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 1h}},\n"
        "     calendar: {field: region, choose: {emea: office}, default: always}}\n"
        "  - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 4h}}}\n"
    )
    assert at(lint_text(tmp_path, text, targets=("salesforce",)).findings, "PB542") == [(4, 27)]
