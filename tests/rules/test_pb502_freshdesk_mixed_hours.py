from tests.helpers import at, lint_text

TEXT = """\
playbook: t
calendars:
  office: {weekly: {mon-fri: "09:00-17:00"}}
channels:
  email: {}
priorities:
  P1: {title: Down, calendar: office}
sla:
  P1: {acknowledge: {target: 1h, hours: calendar}, resolve: 2bd}
"""


def test_a_calendar_target_in_a_business_priority_fires_at_that_target(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("freshdesk",))
    assert at(result.findings, "PB502") == [(9, 30)]


def test_quiet_without_the_freshdesk_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT).findings, "PB502") == []


def test_one_clock_per_priority_is_quiet(tmp_path):
    text = TEXT.replace("{target: 1h, hours: calendar}", "1h")
    assert at(lint_text(tmp_path, text, targets=("freshdesk",)).findings, "PB502") == []


def test_a_policy_mixing_clocks_for_a_priority_is_reported_naming_it(tmp_path):
    text = TEXT.replace("sla:\n  P1: {acknowledge: {target: 1h, hours: calendar}, resolve: 2bd}\n", "") + (
        "segments:\n  vip: {title: VIP, tags: vip}\n"
        "sla_policies:\n"
        "  - id: vip\n"
        "    title: VIP\n"
        "    when: {segment: vip}\n"
        "    targets: {P1: {first_reply: {target: 30m, hours: calendar}, resolve: 1bd}}\n"
        "  - {id: rest, title: Everyone else, targets: {P1: {first_reply: 1h, resolve: 2bd}}}\n"
    )
    result = lint_text(tmp_path, text, targets=("freshdesk",))
    assert at(result.findings, "PB502") == [(14, 42)]
    assert next(f.message for f in result.findings if f.code == "PB502").startswith("P1 in SLA policy vip mixes")
