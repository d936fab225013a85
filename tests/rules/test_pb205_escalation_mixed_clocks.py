from tests.helpers import at, lint_text

BASE = """\
playbook: t
calendars:
  always: 24/7
  office: {weekly: {mon-fri: "09:00-17:00"}, years: "2026-2027"}
priorities:
  P1: {title: Outage, calendar: always, owner: desk}
  P3: {title: Minor, calendar: office, hours: calendar, owner: desk}
  P4: {title: Question, calendar: office, owner: desk}
contacts:
  desk: {name: Desk, email: desk@corp.test}
  lead: {name: Lead, email: lead@corp.test}
  manager: {name: Manager, email: manager@corp.test}
escalation:
"""


def test_a_calendar_hours_step_after_a_business_hours_step_is_an_error_at_its_delay(tmp_path):
    steps = "  - {from: desk, to: lead, after: 1bd, priorities: [P3]}\n  - {from: lead, to: manager, after: 4h}\n"
    result = lint_text(tmp_path, BASE + steps)
    assert at(result.findings, "PB205") == [(15, 38)]
    finding = next(f for f in result.findings if f.code == "PB205")
    assert finding.message.startswith(
        "P3: this step counts calendar hours (4h), but the step before it counts business"
    )
    assert (finding.related[0][0].line, finding.related[0][0].column) == (14, 35)


def test_a_business_hours_step_after_a_calendar_hours_step_is_an_error(tmp_path):
    steps = "  - {from: desk, to: lead, after: 2h, priorities: [P3]}\n  - {from: lead, to: manager, after: 1bd}\n"
    assert at(lint_text(tmp_path, BASE + steps).findings, "PB205") == [(15, 38)]


def test_following_the_hint_clears_it(tmp_path):
    steps = "  - {from: desk, to: lead, after: 1bd, priorities: [P3]}\n  - {from: lead, to: manager, after: 4bh}\n"
    assert at(lint_text(tmp_path, BASE + steps).findings, "PB205") == []


def test_business_units_on_a_business_or_round_the_clock_priority_mix_nothing(tmp_path):
    # P4 counts business hours anyway; on P1's 24/7 calendar business hours are every hour.
    steps = "  - {from: desk, to: lead, after: 1bd, priorities: [P1, P4]}\n  - {from: lead, to: manager, after: 4h}\n"
    assert at(lint_text(tmp_path, BASE + steps).findings, "PB205") == []


def test_branches_on_different_clocks_are_quiet(tmp_path):
    steps = "  - {from: desk, to: lead, after: 1bd, priorities: [P3]}\n  - {from: desk, to: manager, after: 4h}\n"
    assert at(lint_text(tmp_path, BASE + steps).findings, "PB205") == []
