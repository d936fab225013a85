"""The Freshdesk target: what the example playbooks compile to."""

from __future__ import annotations

import html.parser
import textwrap

from tests.targets.support import build_example, build_path, manifest, notes, payload, payloads


def _time_triggers(files, level):
    found = []
    for rule in payloads(files, "time_trigger_rule"):
        props = rule["conditions"][0]["properties"]
        if {"resource_type": "ticket", "field_name": "priority", "operator": "in", "value": [level]} not in props:
            continue
        hours = [p["value"] for p in props if p["field_name"] == "hours_since_created"]
        notify = next(a for a in rule["actions"] if a["field_name"].startswith("send_email"))
        found.append((notify["email_to"], hours[0] if hours else 0))
    return found


def test_field_service_policy_has_all_four_priorities_in_seconds():
    (policy,) = payloads(build_example("field-service", "freshdesk"), "sla_policy")
    targets = policy["sla_target"]
    assert sorted(targets) == ["priority_1", "priority_2", "priority_3", "priority_4"]
    assert targets["priority_4"] == {
        "respond_within": 900,
        "resolve_within": 14400,
        "business_hours": False,
        "escalation_enabled": True,
    }
    assert targets["priority_3"]["business_hours"] is True
    assert targets["priority_3"]["resolve_within"] == 3 * 8.5 * 3600
    assert policy["applicable_to"] == {"sources": [1, 2, 3, 7, 9]}


def test_field_service_escalation_matches_the_ladder_across_sla_levels_and_time_triggers():
    files = build_example("field-service", "freshdesk")
    (policy,) = payloads(files, "sla_policy")
    # The VP step is due when the 4h resolution target is missed: an SLA escalation level, immediately.
    assert policy["escalation"] == {
        "resolution": {"level_1": {"escalation_time": 0, "agent_ids": ["{{agent:vp-operations}}"]}}
    }
    # Steps due before the target is missed cannot be SLA escalations: hourly time triggers, in order.
    chain = [c for c in _time_triggers(files, 4) if c[0] != "{{agent:dispatch-on-call}}"]
    assert chain == [("{{agent:team-lead}}", 0), ("{{agent:service-manager}}", 1)]
    assert any("P1 step 1 (coordinator -> team-lead) is due 30m" in n for n in notes(files, "rounded"))


def test_a_step_after_the_response_target_becomes_the_response_escalation_snapped_to_the_menu(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            playbook: t
            channels:
              email: {}
            priorities:
              P1: {title: Down, hours: calendar, owner: desk}
            sla:
              P1: {acknowledge: 1h, resolve: 8h}
            escalation:
              - {from: desk, to: lead, after: 4h, when: unacknowledged}
              - {from: lead, to: boss, after: 5h}
            contacts:
              desk: {name: Desk, email: desk@x.example, verified: 2026-11-25}
              lead: {name: Lead, email: lead@x.example, verified: 2026-11-25}
              boss: {name: Boss, email: boss@x.example, verified: 2026-11-25}
            """
        )
    )
    files = build_path(path, "freshdesk")
    (policy,) = payloads(files, "sla_policy")
    assert policy["escalation"] == {
        "response": {"escalation_time": 7200, "agent_ids": ["{{agent:lead}}"]},  # 3h after the miss -> 2h
        "resolution": {"level_1": {"escalation_time": 3600, "agent_ids": ["{{agent:boss}}"]}},  # 9h - 8h
    }
    assert any("is due 3h after the acknowledge target is missed" in n and "uses 2h" in n for n in notes(files))
    assert payloads(files, "time_trigger_rule") == []


def test_business_clock_time_triggers_count_on_the_calendars_business_hours():
    files = build_example("field-service", "freshdesk")
    rule = payload(files, "automations/time_trigger_rules/p2-step-1-team-lead.json")
    hours = rule["conditions"][0]["properties"][0]
    assert hours["field_name"] == "hours_since_created"
    assert hours["value"] == 4
    assert hours["business_hours_id"] == "{{business_hours:office}}"
    assert {"ref": "{{business_hours:office}}", "find": "GET /api/v2/business_hours",
            "match": {"name": "Prairie Field Service: office"}, "label": "Prairie Field Service: office"} in (
        manifest(files)["lookups"]
    )  # fmt: skip


def test_business_hours_are_a_documented_manual_step():
    data = manifest(build_example("field-service", "freshdesk"))
    step = next(m for m in data["manual_steps"] if m["id"] == "freshdesk-business-hours-office")
    assert step["data"]["time_zone"] == "Central Time (US & Canada)"
    assert step["data"]["hours"]["monday"] == ["09:00-17:30"]
    assert {"date": "Nov 26", "name": "Thanksgiving Day"} in step["data"]["holidays"]
    assert "cannot" in step["why"] or "not create" in step["why"]


def test_groups_escalate_unassigned_tickets_to_the_team_lead():
    files = build_example("field-service", "freshdesk")
    group = payload(files, "groups/coordinators.json")
    assert group["escalate_to"] == "{{agent:team-lead}}"
    assert group["unassigned_for"] == "30m"  # routing within 5m: Freshdesk's shortest choice
    assert group["agent_ids"] == ["{{agent:coordinator}}", "{{agent:team-lead}}"]
    assert any("Coordinators: tickets must be routed within 5m" in n for n in notes(files, "rounded"))


def test_targets_under_15_minutes_become_15_minutes_with_a_note():
    files = build_example("online-care", "freshdesk")
    phone_chat, _email = payloads(files, "sla_policy")
    assert phone_chat["sla_target"]["priority_4"]["respond_within"] == 900
    assert any("P0 acknowledge is 5m, below Freshdesk's 15-minute minimum" in n for n in notes(files, "rounded"))


def test_levels_no_priority_maps_to_copy_a_more_urgent_priority():
    (policy,) = payloads(build_example("minimal", "freshdesk"), "sla_policy")
    targets = policy["sla_target"]
    assert targets["priority_3"]["respond_within"] == targets["priority_4"]["respond_within"] == 3600
    assert targets["priority_1"]["respond_within"] == targets["priority_2"]["respond_within"]
    assert targets["priority_3"]["escalation_enabled"] is False


def test_mixed_clocks_in_one_priority_count_in_calendar_hours(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        textwrap.dedent(
            """\
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
        )
    )
    files = build_path(path, "freshdesk")
    (policy,) = payloads(files, "sla_policy")
    assert policy["sla_target"]["priority_4"]["business_hours"] is False
    assert policy["sla_target"]["priority_4"]["resolve_within"] == 2 * 8 * 3600
    assert any("mixes business and calendar hours" in n for n in notes(files, "approximated"))


def test_routing_becomes_ticket_creation_rules_with_a_first_match_manual_step():
    files = build_example("field-service", "freshdesk")
    rules = payloads(files, "ticket_creation_rule")
    assert [r["position"] for r in rules] == [1, 2, 3, 4, 5]
    phone = rules[3]
    assert phone["conditions"][0]["properties"] == [
        {"resource_type": "ticket", "field_name": "source", "operator": "in", "value": [3]}
    ]
    assert phone["actions"] == [{"field_name": "group_id", "value": "{{group:coordinators}}"}]
    assert any(m["id"] == "freshdesk-first-match" for m in manifest(files)["manual_steps"])


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


HOSTILE = """\
playbook: t
channels:
  email: {}
priorities:
  P1: {title: "<b>Down</b> & \\"out\\"", hours: calendar, owner: desk}
sla:
  P1: {acknowledge: 1h, resolve: 8h}
escalation:
  - {from: desk, to: lead, after: 30m, note: "Call <img src=x onerror=alert(1)>\\nthen 'page' & wait"}
contacts:
  desk: {name: "Desk <script>alert('x')</script>", email: desk@x.example}
  lead: {name: "Lead </p><p>", email: lead@x.example}
"""


def test_email_bodies_show_hostile_playbook_text_as_text_never_as_markup(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(HOSTILE)
    (rule,) = payloads(build_path(path, "freshdesk"), "time_trigger_rule")
    (email,) = [a for a in rule["actions"] if a["field_name"] == "send_email_to_agent"]
    parsed = _Tags()
    parsed.feed(email["email_body"])
    assert parsed.tags == {"p", "br"}
    text = "".join(parsed.text)
    assert '(P1: <b>Down</b> & "out")' in text
    assert "Desk <script>alert('x')</script> -> Lead </p><p>" in text
    assert "Call <img src=x onerror=alert(1)>then 'page' & wait" in text  # the note's line break is a <br>


def test_time_triggers_say_they_run_hourly_and_cannot_see_the_first_reply():
    rounded = notes(build_example("field-service", "freshdesk"), "approximated")
    assert "Freshdesk time triggers run once an hour: a step due at N hours fires at the first run after N hours" in (
        rounded
    )
    assert any(n.startswith("'when: unacknowledged' is compiled as 'status is Open'") for n in rounded)


def test_a_routing_time_target_for_a_team_without_a_lead_is_a_note(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            playbook: t
            teams:
              desk: {name: Desk, members: [ann]}
            routing:
              - {default: true, team: desk, within: 10m}
            contacts:
              ann: {name: Ann, email: ann@x.example}
            priorities:
              P1: {title: Down}
            """
        )
    )
    files = build_path(path, "freshdesk")
    assert "unassigned_for" not in payload(files, "groups/desk.json")
    assert any("Desk: routing time targets ('within')" in n and "no lead" in n for n in notes(files, "not-expressible"))


def test_a_priority_without_a_freshdesk_level_is_a_note(tmp_path):
    path = tmp_path / "p.yaml"
    levels = "".join(f"  P{n}: {{title: T{n}, hours: calendar}}\n" for n in range(1, 6))
    path.write_text(f"playbook: t\nchannels:\n  email: {{}}\npriorities:\n{levels}sla:\n  P5: {{acknowledge: 8h}}\n")
    files = build_path(path, "freshdesk")
    assert any(n.startswith("P5 has no Freshdesk priority level") for n in notes(files, "omitted"))
