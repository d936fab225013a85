from tests.helpers import at, lint_text

BASE = """\
playbook: t
timezone: America/Chicago
calendars:
  always: 24/7
  office: {weekly: {mon-fri: "09:00-17:30"}}
priorities:
  P1: {title: Outage, calendar: always, owner: desk, examples: [x]}
  P2: {title: Major, calendar: office, owner: desk, examples: [y]}
contacts:
  desk: {name: Desk, on_call: true, phone: "+16155550100"}
  billing: {name: Billing, available: office, email: billing@corp.test}
  clerk: {name: Clerk, team: back-office, email: clerk@corp.test}
  duty: {name: Duty, on_call: true, available: office, phone: "+16155550101"}
teams:
  back-office: {name: Back office, members: [clerk], calendar: office}
  night: {name: Night desk, members: [duty], calendar: office}
escalation:
"""


def test_step_to_office_hours_contact_fires_at_the_step(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {from: desk, to: billing, after: 30m, priorities: [P1, P2]}\n")
    assert at(result.findings, "PB402") == [(18, 22)]
    finding = next(f for f in result.findings if f.code == "PB402")
    assert finding.message.startswith("P1 runs around the clock, but billing is reachable only during 'office' hours")
    assert "waits up to 2d15h30m" in finding.message.replace("can wait", "waits")
    assert [r.line for r, _ in finding.related] == [11]


def test_contact_without_availability_is_judged_by_their_team(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {from: desk, to: clerk, after: 30m, priorities: [P1]}\n")
    assert at(result.findings, "PB402") == [(18, 22)]
    assert [r.line for r, _ in next(f for f in result.findings if f.code == "PB402").related] == [15]


def test_office_hours_team_is_reported(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {from: desk, to: back-office, after: 30m, priorities: [P1]}\n")
    assert at(result.findings, "PB402") == [(18, 22)]


def test_on_call_contact_and_team_with_on_call_member_are_quiet(tmp_path):
    steps = "  - {from: desk, to: duty, after: 30m, priorities: [P1]}\n  - {from: duty, to: night, after: 1h}\n"
    result = lint_text(tmp_path, BASE + steps)
    assert at(result.findings, "PB402") == []


def test_office_hours_priority_may_escalate_to_office_hours_contacts(tmp_path):
    result = lint_text(tmp_path, BASE + "  - {from: desk, to: billing, after: 30m, priorities: [P2]}\n")
    assert at(result.findings, "PB402") == []


STEP = "  - {from: desk, to: duty, after: 30m}\n"


def test_round_the_clock_priority_owned_by_an_office_hours_team_fires_at_the_owner(tmp_path):
    text = BASE.replace(
        "P1: {title: Outage, calendar: always, owner: desk", "P1: {title: Outage, calendar: always, owner: back-office"
    )
    result = lint_text(tmp_path, text + STEP)
    assert at(result.findings, "PB402") == [(7, 48)]
    finding = next(f for f in result.findings if f.code == "PB402")
    assert finding.message.startswith(
        "P1 runs around the clock, but its owner back-office is reachable only during 'office'"
    )
    assert [r.line for r, _ in finding.related] == [15]


def test_office_hours_incident_commander_of_a_round_the_clock_priority_fires(tmp_path):
    text = BASE.replace("owner: desk, examples: [x]", "owner: desk, incident_commander: billing, examples: [x]")
    result = lint_text(tmp_path, text + STEP)
    assert at(result.findings, "PB402") == [(7, 74)]
    assert "its incident commander billing" in next(f.message for f in result.findings if f.code == "PB402")


def test_office_hours_owner_of_an_office_hours_priority_is_quiet(tmp_path):
    text = BASE.replace(
        "P2: {title: Major, calendar: office, owner: desk", "P2: {title: Major, calendar: office, owner: back-office"
    )
    assert at(lint_text(tmp_path, text + STEP).findings, "PB402") == []


def test_round_the_clock_owner_team_with_an_on_call_member_is_quiet(tmp_path):
    text = BASE.replace(
        "P1: {title: Outage, calendar: always, owner: desk", "P1: {title: Outage, calendar: always, owner: night"
    )
    assert at(lint_text(tmp_path, text + STEP).findings, "PB402") == []
