"""The on-call and messaging schemas accept what the vendors document and refuse what they refuse."""

from __future__ import annotations

import copy
import json

import pytest

from targets.shared.contracts import target_validator
from tests.helpers import ROOT

ADAPTIVE_CARDS = ROOT.parent / "shared" / "vendor" / "adaptive-cards" / "adaptive-card-1.5.0.schema.json"

POLICY = {
    "escalation_policy": {
        "type": "escalation_policy",
        "name": "P0 Outage",
        "num_loops": 0,
        "escalation_rules": [
            {"escalation_delay_in_minutes": 30, "targets": [{"id": "{{schedule:duty}}", "type": "schedule_reference"}]},
            {"escalation_delay_in_minutes": 30, "targets": [{"id": "PEYSGVF", "type": "user_reference"}]},
        ],
    }
}
SCHEDULE = {
    "schedule": {
        "type": "schedule",
        "name": "Duty managers",
        "time_zone": "Europe/London",
        "schedule_layers": [
            {
                "name": "Weekly",
                "start": "2026-11-30T09:00:00+00:00",
                "rotation_virtual_start": "2026-11-30T09:00:00+00:00",
                "rotation_turn_length_seconds": 604800,
                "users": [{"user": {"id": "{{user:ama}}", "type": "user_reference"}}],
            }
        ],
    }
}
ESCALATION = {
    "name": "P0 Outage",
    "rules": [
        {
            "condition": "if-not-acked",
            "notifyType": "default",
            "delay": {"timeAmount": 0, "timeUnit": "minutes"},
            "recipient": {"type": "schedule", "name": "Duty managers"},
        },
        {
            "condition": "if-not-closed",
            "notifyType": "default",
            "delay": {"timeAmount": 30, "timeUnit": "minutes"},
            "recipient": {"type": "user", "username": "morgan.ellis@lumen.example"},
        },
    ],
}
ROTA = {
    "name": "Duty managers",
    "timezone": "Europe/London",
    "enabled": True,
    "rotations": [
        {
            "name": "Weekly",
            "startDate": "2026-11-30T09:00:00+00:00",
            "type": "weekly",
            "length": 1,
            "participants": [{"type": "user", "username": "ama@lumen.example"}],
        }
    ],
}
SLACK = {
    "text": "P0 escalation",
    "blocks": [
        {"type": "header", "text": {"type": "plain_text", "text": "P0 escalation"}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": "*Next:* Head of Care"}]},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "lumen-care"}]},
        {"type": "divider"},
    ],
}
CARD = {
    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
    "type": "AdaptiveCard",
    "version": "1.5",
    "body": [
        {"type": "TextBlock", "text": "P0 escalation", "wrap": True, "style": "heading"},
        {"type": "FactSet", "facts": [{"title": "Next", "value": "Head of Care at 30m"}]},
        {
            "type": "ActionSet",
            "actions": [{"type": "Action.OpenUrl", "title": "Runbook", "url": "https://x.example/P0"}],
        },
    ],
}
TEAMS = {
    "type": "message",
    "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": CARD}],
}
TEMPLATE = {
    "template": {
        "name": "P0 investigating",
        "title": "Service disruption",
        "body": "We are investigating.",
        "update_status": "investigating",
    }
}

VALID = [
    ("pagerduty/escalation_policy", POLICY),
    ("pagerduty/schedule", SCHEDULE),
    ("opsgenie/escalation", ESCALATION),
    ("opsgenie/schedule", ROTA),
    ("slack/message", SLACK),
    ("teams/message", TEAMS),
    ("statuspage/incident_template", TEMPLATE),
]


def _errors(name, body):
    return [e.message for e in target_validator(name).iter_errors(body)]


def _with(document, path, value):
    changed = copy.deepcopy(document)
    holder = changed
    for key in path[:-1]:
        holder = holder[key]
    holder[path[-1]] = value
    return changed


@pytest.mark.parametrize(("name", "body"), VALID, ids=[name for name, _ in VALID])
def test_a_documented_payload_validates(name, body):
    assert _errors(name, body) == []


REFUSED = [
    ("pagerduty/escalation_policy", ("escalation_policy", "escalation_rules", 0, "escalation_delay_in_minutes"), 0),
    (
        "pagerduty/escalation_policy",
        ("escalation_policy", "escalation_rules", 0, "targets"),
        [{"id": "P1", "type": "user_reference"}] * 11,
    ),
    ("pagerduty/escalation_policy", ("escalation_policy", "escalation_rules"), []),
    ("pagerduty/escalation_policy", ("escalation_policy", "num_loops"), 10),
    ("pagerduty/schedule", ("schedule", "schedule_layers", 0, "start"), "2026-11-30 09:00"),
    ("opsgenie/escalation", ("rules", 0, "condition"), "if-not-mitigated"),
    ("opsgenie/escalation", ("rules", 1, "recipient"), {"type": "user", "name": "Morgan"}),
    ("opsgenie/schedule", ("rotations", 0, "startDate"), "2026-11-30T09:15:00+00:00"),
    ("opsgenie/schedule", ("rotations", 0, "type"), "monthly"),
    ("slack/message", ("blocks", 0, "text", "text"), "x" * 151),
    ("slack/message", ("blocks",), [{"type": "divider"}] * 51),
    ("slack/message", ("blocks", 1, "fields"), [{"type": "mrkdwn", "text": "x"}] * 11),
    ("slack/message", ("blocks", 1, "fields", 0, "text"), "x" * 2001),
    ("slack/message", ("blocks", 2, "elements"), [{"type": "mrkdwn", "text": "x"}] * 11),
    ("slack/message", ("blocks", 0, "text", "type"), "mrkdwn"),
    ("teams/message", ("attachments", 0, "content", "version"), "1.6"),
    ("teams/message", ("attachments", 0, "contentType"), "application/vnd.microsoft.card.hero"),
    ("statuspage/incident_template", ("template", "update_status"), "scheduled"),
    ("statuspage/incident_template", ("template", "body"), ""),
]


@pytest.mark.parametrize(
    ("name", "path", "value"), REFUSED, ids=[f"{n}:{'.'.join(map(str, p))}" for n, p, _ in REFUSED]
)
def test_a_schema_refuses_what_the_vendor_refuses(name, path, value):
    body = dict(VALID)[name]
    assert _errors(name, _with(body, path, value)), (name, path)


def test_the_sample_card_is_a_valid_adaptive_card_1_5():
    if not ADAPTIVE_CARDS.exists():
        pytest.skip(f"the Adaptive Cards 1.5 schema is not at {ADAPTIVE_CARDS} (CI has ../shared beside the clone)")
    from jsonschema import Draft6Validator

    vendor = Draft6Validator(json.loads(ADAPTIVE_CARDS.read_text(encoding="utf-8")))
    assert list(vendor.iter_errors(CARD)) == []
    assert list(vendor.iter_errors({**CARD, "msteams": {"width": "Full"}})), (
        "the vendor schema allows no Teams-only keys"
    )
