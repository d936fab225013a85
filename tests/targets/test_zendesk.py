"""The Zendesk target: what the field-service and online-care playbooks compile to."""

from __future__ import annotations

import textwrap

from tests.targets.support import build_example, build_path, manifest, notes, payload, payloads


def _metric(policy, priority, metric):
    found = [m for m in policy["sla_policy"]["policy_metrics"] if (m["priority"], m["metric"]) == (priority, metric)]
    assert len(found) == 1
    return found[0]


def _automation_chain(files, priority):
    chain = []
    for body in payloads(files, "automation"):
        auto = body["automation"]
        conds = auto["conditions"]["all"]
        if {"field": "priority", "operator": "is", "value": priority} not in conds:
            continue
        hours = next(c for c in conds if c["field"] == "NEW")
        notify = next(a for a in auto["actions"] if a["field"].startswith("notification_"))
        chain.append((notify["value"][0], hours["operator"], int(hours["value"])))
    return chain


def test_field_service_urgent_first_reply_is_15_calendar_minutes():
    (policy,) = payloads(build_example("field-service", "zendesk"), "sla_policy")
    assert _metric(policy, "urgent", "first_reply_time") == {
        "priority": "urgent",
        "metric": "first_reply_time",
        "target": 15,
        "business_hours": False,
    }
    assert _metric(policy, "high", "requester_wait_time") == {
        "priority": "high",
        "metric": "requester_wait_time",
        "target": 1530,  # 3bd of an 8.5-hour office day
        "business_hours": True,
    }


def test_field_service_escalation_chain_notifies_lead_then_manager_then_vp_on_whole_hours():
    files = build_example("field-service", "zendesk")
    chain = [c for c in _automation_chain(files, "urgent") if c[0] != "{{user:dispatch-on-call}}"]
    assert chain == [
        ("{{user:team-lead}}", "greater_than", 0),  # 30m: the hour it falls in
        ("{{user:service-manager}}", "greater_than", 1),  # 60m
        ("{{user:vp-operations}}", "greater_than", 4),  # 4h
    ]
    rounded = notes(files, "rounded")
    step_one = [n for n in rounded if "P1 step 1 (coordinator -> team-lead) is due 30m" in n]
    assert len(step_one) == 1
    assert (
        "fires at the first hourly run after 0h: between 0h and 1h after the ticket opens, "
        "up to 30m before or 30m after the step is due"
    ) in step_one[0]
    assert not any("service-manager) is due 1h" in n for n in rounded)


def test_business_clock_escalations_use_business_hour_conditions():
    chain = _automation_chain(build_example("field-service", "zendesk"), "high")
    assert chain == [
        ("{{user:team-lead}}", "greater_than_business_hours", 4),
        ("{{user:service-manager}}", "greater_than_business_hours", 12),  # 4h + 1bd (8.5h), rounded down
    ]


def test_each_automation_tags_the_ticket_and_skips_tagged_tickets():
    for body in payloads(build_example("field-service", "zendesk"), "automation"):
        auto = body["automation"]
        (tag_action,) = [a for a in auto["actions"] if a["field"] == "current_tags"]
        guard = {"field": "current_tags", "operator": "not_includes", "value": tag_action["value"]}
        assert guard in auto["conditions"]["all"], auto["title"]


def test_unmitigated_steps_stop_at_the_mitigated_tag_and_a_macro_sets_it():
    files = build_example("field-service", "zendesk")
    auto = payload(files, "automations/p1-step-1-team-lead.json")["automation"]
    assert {"field": "current_tags", "operator": "not_includes", "value": "pb_mitigated"} in auto["conditions"]["all"]
    macro = payload(files, "macros/mark-mitigated.json")["macro"]
    assert macro["actions"] == [{"field": "current_tags", "value": "pb_mitigated"}]


def test_channels_with_the_same_targets_share_one_policy_and_others_get_their_own():
    (field_policy,) = payloads(build_example("field-service", "zendesk"), "sla_policy")
    assert {c["value"] for c in field_policy["sla_policy"]["filter"]["any"]} == {
        "0", "4", "29", "33", "34", "44", "45", "48", "50"
    }  # fmt: skip
    phone_chat, email = payloads(build_example("online-care", "zendesk"), "sla_policy")
    assert {c["value"] for c in email["sla_policy"]["filter"]["any"]} == {"4"}
    assert _metric(email, "urgent", "first_reply_time")["target"] == 15
    assert _metric(phone_chat, "urgent", "first_reply_time")["target"] == 5


def test_office_hours_become_minutes_of_the_week_in_a_rails_zone():
    files = build_example("field-service", "zendesk")
    assert payload(files, "schedules/office.json")["schedule"]["time_zone"] == "Central Time (US & Canada)"
    intervals = payload(files, "schedules/office--workweek.json")["workweek"]["intervals"]
    monday = {"start_time": 1440 + 9 * 60, "end_time": 1440 + 17 * 60 + 30}
    assert intervals[0] == monday and len(intervals) == 5


def test_follow_the_sun_regions_merge_into_intervals_that_never_cross_midnight():
    files = build_example("online-care", "zendesk")
    intervals = payload(files, "schedules/follow-the-sun--workweek.json")["workweek"]["intervals"]
    for interval in intervals:
        assert interval["start_time"] // 1440 == (interval["end_time"] - 1) // 1440
    # Singapore opens 07:00 on Monday: 23:00 on Sunday in London (winter).
    assert intervals[0] == {"start_time": 23 * 60, "end_time": 1440}
    assert any("either alignment" in n for n in notes(files, "approximated"))


def test_holidays_are_objects_and_the_manifest_gives_the_window_to_apply_them():
    files = build_example("field-service", "zendesk")
    holidays = payloads(files, "holiday")
    assert holidays[0] == {
        "holiday": {"name": "Thanksgiving Day", "start_date": "2026-11-26", "end_date": "2026-11-26"}
    }
    assert len(holidays) == 7
    assert any("between 2025-09-06 and 2028-11-26" in n for n in notes(files, "window"))


def test_routing_triggers_match_first_and_set_group_and_priority():
    files = build_example("field-service", "zendesk")
    safety = payload(files, "triggers/route-01-category-safety.json")["trigger"]
    assert {"field": "group_id", "operator": "is", "value": ""} in safety["conditions"]["all"]
    assert {"field": "current_tags", "operator": "includes", "value": "category_safety"} in safety["conditions"]["all"]
    assert safety["actions"] == [
        {"field": "group_id", "value": "{{group:coordinators}}"},
        {"field": "priority", "value": "urgent"},
    ]
    options = payload(files, "ticket_fields/category.json")["ticket_field"]["custom_field_options"]
    assert {"name": "Safety", "value": "category_safety"} in options


def test_top_priority_alert_tells_owner_and_incident_commander_once():
    trigger = payload(build_example("field-service", "zendesk"), "triggers/alert-p1.json")["trigger"]
    recipients = [a["value"][0] for a in trigger["actions"] if a["field"] == "notification_user"]
    assert recipients == ["{{user:coordinator}}", "{{user:service-manager}}"]
    assert {"field": "current_tags", "operator": "not_includes", "value": "pb_alerted_p1"} in trigger["conditions"][
        "all"
    ]


def test_groups_are_created_before_anything_refers_to_them_and_people_are_looked_up_by_email():
    data = manifest(build_example("field-service", "zendesk"))
    first_group_use = min(
        s["step"] for s in data["steps"] for r in s["references"] if r["ref"] == "{{group:coordinators}}"
    )
    created = next(s["step"] for s in data["steps"] if s.get("creates") == "{{group:coordinators}}")
    assert created < first_group_use
    lookup = next(e for e in data["lookups"] if e["ref"] == "{{user:team-lead}}")
    assert lookup["match"] == {"email": "dana.whitfield@prairie.example"}


def test_helpdesk_settings_choose_metrics_and_map_a_messaging_channel(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            playbook: t
            channels:
              whatsapp: {type: messaging}
            priorities:
              P1: {title: Down, hours: calendar}
            sla:
              P1: {acknowledge: 1h, update_every: 2h, resolve: 8h}
            helpdesk:
              zendesk:
                resolution_metric: total_resolution_time
                update_metric: next_reply_time
                channels: {whatsapp: [74]}
            """
        )
    )
    (policy,) = payloads(build_path(path, "zendesk"), "sla_policy")
    metrics = {m["metric"] for m in policy["sla_policy"]["policy_metrics"]}
    assert metrics == {"first_reply_time", "next_reply_time", "total_resolution_time"}
    assert policy["sla_policy"]["filter"]["any"] == [{"field": "via_id", "operator": "is", "value": "74"}]


def test_an_unmapped_channel_gets_no_policy_and_a_note(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("playbook: t\nchannels:\n  whatsapp: {type: messaging}\npriorities:\n  P1: {title: Down}\n"
                    "sla:\n  P1: {acknowledge: 1h}\n")  # fmt: skip
    files = build_path(path, "zendesk")
    assert payloads(files, "sla_policy") == []
    assert any("whatsapp (messaging) has no Zendesk via_id" in n for n in notes(files, "not-expressible"))


def test_named_public_holidays_are_expanded_for_the_calendars_years(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            playbook: t
            calendars:
              office:
                timezone: America/Chicago
                weekly: {mon-fri: "09:00-17:00"}
                years: "2027"
                holidays: [{country: US, subdivision: TN}, {date: 2027-12-24, name: Christmas Eve}]
            channels:
              email: {}
            priorities:
              P1: {title: Down, calendar: office}
            sla:
              P1: {acknowledge: 4h}
            """
        )
    )
    holidays = [body["holiday"] for body in payloads(build_path(path, "zendesk"), "holiday")]
    days = [h["start_date"] for h in holidays]
    assert "2027-07-05" in days  # Independence Day, observed on the Monday
    assert "2027-12-24" in days and days == sorted(days)
    assert all(h["start_date"].startswith("2027-") for h in holidays)


def test_a_target_under_a_minute_becomes_one_minute_with_a_note_that_says_looser(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("playbook: t\nchannels:\n  chat: {}\npriorities:\n  P1: {title: Down, hours: calendar}\n"
                    "sla:\n  P1: {acknowledge: 30s, resolve: 90s}\n")  # fmt: skip
    files = build_path(path, "zendesk")
    (policy,) = payloads(files, "sla_policy")
    assert _metric(policy, "urgent", "first_reply_time")["target"] == 1
    assert _metric(policy, "urgent", "requester_wait_time")["target"] == 1
    (under, over) = notes(files, "rounded")
    assert "below Zendesk's 1-minute minimum" in under and "rounded up: 30s looser" in under
    assert "rounded down" not in under and "stricter" not in under
    assert "1m30s" in over and "rounded down: stricter" in over


def test_a_channel_without_targets_zendesk_can_hold_gets_no_policy_and_the_next_keeps_position_1(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            playbook: t
            channels:
              email: {}
              chat: {}
            priorities:
              P1: {title: Down, hours: calendar}
            sla:
              P1: {mitigate: 4h, channels: {chat: {acknowledge: 5m}}}
            """
        )
    )
    files = build_path(path, "zendesk")
    (policy,) = payloads(files, "sla_policy")
    assert policy["sla_policy"]["position"] == 1
    assert policy["sla_policy"]["filter"]["any"] == [{"field": "via_id", "operator": "is", "value": "29"}]
    assert policy["sla_policy"]["policy_metrics"] == [
        {"priority": "urgent", "metric": "first_reply_time", "target": 5, "business_hours": False}
    ]
    assert any(n.startswith("no SLA policy for email: they have no target Zendesk can hold") for n in notes(files))


def test_an_automation_for_a_step_off_the_hour_counts_the_hour_it_falls_in(tmp_path):
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
              - {from: desk, to: lead, after: 150m}
              - {from: lead, to: boss, after: 30m}
            contacts:
              desk: {name: Desk, email: desk@x.example}
              lead: {name: Lead, email: lead@x.example}
              boss: {name: Boss, email: boss@x.example}
            """
        )
    )
    files = build_path(path, "zendesk")
    # "Greater than N" fires at the first hourly run after N hours (PB503): 2 for 2h30m, and
    # 3 for the step due on the hour, which is then never early.
    assert _automation_chain(files, "urgent") == [
        ("{{user:lead}}", "greater_than", 2),
        ("{{user:boss}}", "greater_than", 3),
    ]
    (note,) = notes(files, "rounded")
    assert "due 2h30m after the ticket opens" in note
    assert "between 2h and 3h after the ticket opens, up to 30m before or 30m after the step is due" in note
