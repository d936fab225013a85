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


def policies(targets: str, steps: str = STEPS, fallback: str = "{P2: {acknowledge: 1h, resolve: 5bd}}") -> str:
    """A playbook whose fallback is quiet; `targets` are the VIP policy's, on the 24/7 calendar or a field's."""
    return f"""\
playbook: t
timezone: America/Chicago
calendars:
  always: 24/7
  office: {{weekly: {{mon-fri: "09:00-17:30"}}}}
  dublin: {{timezone: Europe/Dublin, weekly: {{mon-fri: "06:00-22:00"}}}}
priorities:
  P2: {{title: Major, calendar: office, owner: desk, examples: [x]}}
segments:
  vip: {{title: VIP, organization_tags: vip}}
sla_policies:
  - id: vip
    title: VIP customers
    when: {{segment: vip}}
{targets}
  - id: everyone
    title: Everyone else
    targets: {fallback}
escalation:
{steps}{CONTACTS}"""


def test_a_policy_resolving_before_the_chain_ends_is_reported_naming_the_policy(tmp_path):
    text = policies("    calendar: always\n    hours: calendar\n    targets: {P2: {acknowledge: 1h, resolve: 8h}}")
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB401") == [(23, 38)]
    finding = next(f for f in result.findings if f.code == "PB401")
    assert finding.message.startswith("P2 (SLA policy vip) opened ")
    assert "8h, calendar hours" in finding.message
    assert [(r.line, note) for r, note in finding.related] == [(17, "resolution target 8h (calendar hours)")]


def test_only_the_fallback_within_reach_is_quiet(tmp_path):
    text = policies("    targets: {P2: {acknowledge: 1h, resolve: 3bd}}")
    assert at(lint_text(tmp_path, text).findings, "PB401") == []


def test_a_calendar_a_field_picks_is_checked_too(tmp_path):
    # 14 business hours: after the 12.5-hour chain in the office, but 14 hours of Dublin's 16-hour days come sooner.
    calendar = "    calendar: {field: region, choose: {emea: dublin}, default: office}\n"
    text = policies(calendar + "    targets: {P2: {acknowledge: 1h, resolve: 14h}}")
    finding = next(f for f in lint_text(tmp_path, text).findings if f.code == "PB401")
    assert "(SLA policy vip on calendar dublin)" in finding.message


def test_the_fallback_policy_is_checked_like_any_other(tmp_path):
    text = policies(
        "    targets: {P2: {acknowledge: 1h, resolve: 3bd}}", fallback="{P2: {acknowledge: 1h, resolve: 10h}}"
    )
    result = lint_text(tmp_path, text)
    assert [f.message.split(":")[0] for f in result.findings if f.code == "PB401"] == ["P2 (SLA policy everyone)"]
