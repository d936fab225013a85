from tests.helpers import at, lint_text

CONTACTS = """\
contacts:
  desk: {name: Desk, email: desk@corp.test}
  lead: {name: Lead, email: lead@corp.test}
  manager: {name: Manager, email: manager@corp.test}
"""


def book(sla: str, steps: str, calendar: str = "office") -> str:
    return f"""\
playbook: t
timezone: America/Chicago
calendars:
  always: 24/7
  office: {{weekly: {{mon-fri: "09:00-17:30"}}}}
priorities:
  P2: {{title: Major, calendar: {calendar}, owner: desk, examples: [x]}}
sla:
  P2: {sla}
escalation:
{steps}{CONTACTS}"""


STEPS = """\
  - {from: desk, to: lead, after: 4h}
  - {from: lead, to: manager, after: 1bd}
"""


def test_chain_on_business_hours_misses_calendar_hours_resolution_at_its_worst_opening(tmp_path):
    result = lint_text(tmp_path, book("{acknowledge: 1h, resolve: {target: 24h, hours: calendar}}", STEPS))
    assert at(result.findings, "PB401") == [(12, 38)]
    finding = next(f for f in result.findings if f.code == "PB401")
    assert "(the worst case in a week): the step to manager fires" in finding.message
    assert "2d19h30m after the resolution deadline" in finding.message
    assert [r.line for r, _ in finding.related] == [9]


def test_chain_longer_than_resolution_on_one_clock_fires_at_the_last_step(tmp_path):
    result = lint_text(tmp_path, book("{acknowledge: 1h, resolve: 10h}", STEPS))
    assert at(result.findings, "PB401") == [(12, 38)]
    assert "reaches manager 12h30m after the ticket opens (business hours), later than the 10h" in next(
        f.message for f in result.findings if f.code == "PB401"
    )


def test_channel_override_is_checked_on_its_own(tmp_path):
    text = book("{acknowledge: 1h, resolve: 3bd, channels: {chat: {resolve: 8h}}}", STEPS)
    text = text.replace("escalation:", "channels:\n  chat: {}\n  email: {}\nescalation:")
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB401") == [(15, 38)]
    assert next(f.message for f in result.findings if f.code == "PB401").startswith("P2 on chat:")


def test_chain_ending_exactly_at_the_resolution_deadline_is_quiet(tmp_path):
    steps = "  - {from: desk, to: lead, after: 30m}\n  - {from: lead, to: manager, after: 3h30m}\n"
    result = lint_text(tmp_path, book("{acknowledge: 15m, resolve: 4h}", steps, calendar="always"))
    assert at(result.findings, "PB401") == []


def test_chain_within_business_resolution_is_quiet(tmp_path):
    result = lint_text(tmp_path, book("{acknowledge: 1h, resolve: 3bd}", STEPS))
    assert at(result.findings, "PB401") == []
