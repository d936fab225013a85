from tests.helpers import at, lint_text

BASE = """\
playbook: t
calendars:
  always: 24/7
  office: {weekly: {mon-fri: "09:00-17:00"}}
contacts:
  dm: {name: Duty Manager, kind: role}
priorities:
"""


def test_24_7_top_priority_without_commander_fires_at_the_priority(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {title: Outage, calendar: always}\n  P2: {title: Major}\n")
    assert at(result.findings, "PB232") == [(8, 3)]


def test_mitigation_target_marks_an_incident(tmp_path):
    text = BASE + "  P1: {title: Outage, calendar: office}\nsla:\n  P1: {mitigate: 4h}\n"
    assert at(lint_text(tmp_path, text).findings, "PB232") == [(8, 3)]


def test_top_priority_with_commander_is_quiet(tmp_path):
    text = BASE + "  P1: {title: Outage, calendar: always, status_page: true, incident_commander: dm}\n"
    assert at(lint_text(tmp_path, text).findings, "PB232") == []


def test_office_hours_top_priority_is_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  P1: {title: Shop is down, calendar: office}\n")
    assert at(result.findings, "PB232") == []


def test_mitigation_target_in_a_non_fallback_policy_marks_an_incident_naming_it(tmp_path):
    policies = (
        "segments:\n  vip: {title: VIP, tags: vip}\n"
        "sla_policies:\n"
        "  - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 15m, mitigate: 1h}}}\n"
        "  - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 1h}}}\n"
    )
    result = lint_text(tmp_path, BASE + "  P1: {title: Outage, calendar: office}\n" + policies)
    assert at(result.findings, "PB232") == [(8, 3)]
    assert "has a mitigation target in SLA policy vip" in next(f.message for f in result.findings if f.code == "PB232")
