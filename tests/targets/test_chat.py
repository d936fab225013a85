"""Slack and Teams messages: one per alert, escalation step and update cadence, within each product's limits."""

from __future__ import annotations

import json

import pytest

from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.plan.plan import build_plan
from playbook.policyview import update_cadences
from tests.helpers import ROOT, TODAY
from tests.targets.support import EXAMPLE_PATHS, build_example, build_path, manifest, messages, notes

ADAPTIVE_CARDS = ROOT.parent / "shared" / "vendor" / "adaptive-cards" / "adaptive-card-1.5.0.schema.json"
EXAMPLES = tuple(EXAMPLE_PATHS)
# Documented Block Kit limits (api.slack.com/reference/block-kit/blocks), checked here
# independently of targets/slack/schemas/message.schema.json.
SLACK_LIMITS = {"blocks": 50, "header": 150, "section": 3000, "fields": 10, "field": 2000, "context": 10, "text": 4000}
# Messages whose blocks add up to about 13,000 characters have been refused with
# msg_blocks_too_long although every documented limit was met (slackapi/bolt-js#2509).
SLACK_TOTAL_MARGIN = 12_000
TEAMS_MAX_BYTES = 28 * 1024  # "The message size limit is 28 KB" (learn.microsoft.com, Create and send messages)


def _plan(example):
    return build_plan(lint_path(str(EXAMPLE_PATHS[example]), RuleSettings(today=TODAY)).book)


def _text_length(block):
    return sum(len(value) for key, value in _strings(block) if key == "text")


def _strings(node, key=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item, key)
    elif isinstance(node, str):
        yield key, node


def _slack_violations(body):
    found = []
    blocks = body["blocks"]
    if len(blocks) > SLACK_LIMITS["blocks"]:
        found.append("more than 50 blocks")
    if len(body["text"]) > SLACK_LIMITS["text"]:
        found.append("fallback text over 4000")
    for block in blocks:
        if block["type"] == "header" and len(block["text"]["text"]) > SLACK_LIMITS["header"]:
            found.append("header over 150")
        if block["type"] == "section":
            if "text" in block and len(block["text"]["text"]) > SLACK_LIMITS["section"]:
                found.append("section text over 3000")
            fields = block.get("fields", [])
            if len(fields) > SLACK_LIMITS["fields"] or any(len(f["text"]) > SLACK_LIMITS["field"] for f in fields):
                found.append("section fields over limit")
        if block["type"] == "context" and len(block["elements"]) > SLACK_LIMITS["context"]:
            found.append("context over 10 elements")
    if sum(_text_length(block) for block in blocks) > SLACK_TOTAL_MARGIN:
        found.append("blocks too long in total")
    return found


@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("target", ["slack", "teams"])
def test_there_is_a_message_for_every_alert_escalation_step_and_update_cadence(example, target):
    plan = _plan(example)
    book = plan.book
    expected = (
        len(book.alerts)
        + sum(len(prio.common_steps()) for prio in plan.priorities)  # a step for some segments: none (PB560)
        + sum(1 for pid in book.priorities if update_cadences(book, pid))  # sla:'s, else any SLA policy's
    )
    assert len(messages(build_example(example, target))) == expected


@pytest.mark.parametrize("example", EXAMPLES)
def test_slack_messages_respect_block_kit_limits(example):
    for name, body in messages(build_example(example, "slack")).items():
        assert _slack_violations(body) == [], name


@pytest.mark.parametrize("example", EXAMPLES)
def test_teams_cards_are_valid_adaptive_cards_1_5_and_fit_a_message(example):
    if not ADAPTIVE_CARDS.exists():
        pytest.skip(f"the Adaptive Cards 1.5 schema is not at {ADAPTIVE_CARDS} (CI has ../shared beside the clone)")
    from jsonschema import Draft6Validator

    vendor = Draft6Validator(json.loads(ADAPTIVE_CARDS.read_text(encoding="utf-8")))
    for name, body in messages(build_example(example, "teams")).items():
        [attachment] = body["attachments"]
        assert list(vendor.iter_errors(attachment["content"])) == [], name
        assert len(json.dumps(body).encode("utf-8")) < TEAMS_MAX_BYTES, name


def test_an_escalation_message_says_who_when_and_who_is_next():
    body = messages(build_example("online-care", "slack"))["escalation/p0-step-1-eng-on-call.json"]
    fields = [f["text"] for f in body["blocks"][1]["fields"]]
    assert fields == [
        "*Priority*\nP0 Outage or security incident",
        "*What fired*\nstill unresolved 5m after Duty Manager got it",
        "*When*\n5m after the ticket opened (calendar hours)",
        "*Who*\nEngineering On-Call (eng-on-call), +442079460110, on call from rota 'Engineering on-call'",
        "*Next*\nPayFlow Merchant Hotline at 15m if still unresolved",
    ]
    assert "<https://runbooks.lumen.example/P0.html|Runbook: P0>" in body["blocks"][2]["text"]["text"]


def test_an_alert_message_says_what_must_evaluate_it():
    entry = next(m for m in manifest(build_example("online-care", "teams"))["messages"] if m["about"] == "alerts[0]")
    assert entry["sent_by"].startswith("the phone or chat platform's real-time queue statistics")
    assert entry["rooms"] == [
        {"room": "care-floor", "channel": "Care / Floor", "webhook": "env:TEAMS_CARE_FLOOR_WEBHOOK"}
    ]
    card = messages(build_example("online-care", "teams"))[entry["file"]]["attachments"][0]["content"]
    assert any(t.get("text", "").startswith("Nothing playbook builds watches this metric") for t in card["body"])


def test_messages_go_to_the_rooms_named_else_to_the_default_rooms():
    entries = {m["about"]: m for m in manifest(build_example("online-care", "slack"))["messages"]}
    rooms = {about: [room["room"] for room in entry["rooms"]] for about, entry in entries.items()}
    assert rooms["P0 update_every"] == ["major-incidents"]
    assert rooms["P1 update_every"] == ["care-floor"]
    assert rooms["alerts[2]"] == ["care-floor", "major-incidents"]


def test_no_output_holds_a_webhook_url():
    for target in ("slack", "teams"):
        for content in build_example("online-care", target).values():
            assert b"hooks.slack.com" not in content and b"webhook.office.com" not in content
            assert b"logic.azure.com" not in content


HOSTILE = """\
playbook: t
organisation: {name: Acme, runbooks: "https://runbooks.acme.example"}
priorities:
  P1: {title: "<!channel> & <https://evil.example|click> *now*", owner: desk, hours: calendar}
sla:
  P1: {acknowledge: 15m, update_every: 30m, resolve: 4h}
escalation:
  - {from: desk, to: lead, after: 30m, note: "x"}
contacts:
  desk: {name: Desk, email: desk@acme.example}
  lead: {name: "LONGNAME", email: lead@acme.example}
rooms:
  ops: {slack: {channel: "#ops", webhook: env:SLACK_OPS}, default: true}
"""


def test_playbook_text_cannot_ping_a_channel_or_forge_a_link_in_slack(tmp_path):
    (tmp_path / "playbook.yaml").write_text(HOSTILE)
    body = messages(build_path(tmp_path / "playbook.yaml", "slack"))["updates/p1.json"]
    fields = "".join(f["text"] for f in body["blocks"][1]["fields"])
    assert "&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;" in fields
    assert "<!channel>" not in json.dumps(body)


def test_long_playbook_text_is_shortened_to_fit_and_still_valid(tmp_path):
    (tmp_path / "playbook.yaml").write_text(HOSTILE.replace("LONGNAME", "L" * 400))
    files = build_path(tmp_path / "playbook.yaml", "slack")
    for name, body in messages(files).items():
        assert _slack_violations(body) == [], name
    header = messages(files)["escalation/p1-step-1-lead.json"]["blocks"][0]["text"]["text"]
    assert len(header) == 150 and header.endswith("…")


def test_a_message_without_a_room_is_written_and_noted(tmp_path):
    (tmp_path / "playbook.yaml").write_text(HOSTILE.replace(", default: true", ""))
    files = build_path(tmp_path / "playbook.yaml", "teams")
    assert all(entry["rooms"] == [] for entry in manifest(files)["messages"])
    assert "no room for P1 update_every has a teams channel" in " ".join(notes(files, "omitted"))


def test_what_slack_shortens_is_noted_in_the_manifest(tmp_path):
    (tmp_path / "playbook.yaml").write_text(HOSTILE.replace("LONGNAME", "L" * 400))
    found = notes(build_path(tmp_path / "playbook.yaml", "slack"), "approximated")
    assert "shortened to fit slack: its heading has 426 characters (Slack: 150)" in found


def test_with_sla_policies_the_update_reminder_gives_each_policys_cadence():
    body = messages(build_example("saas-desk", "slack"))["updates/p1.json"]
    fields = [f["text"] for block in body["blocks"] if block["type"] == "section" for f in block.get("fields", [])]
    cadence = "emergency every 30m; security every 1h; enterprise every 1h; premium every 2h"
    assert f"*Cadence*\nby SLA policy: {cadence}" in fields
    assert body["text"].endswith("due (every 30m (calendar hours) in SLA policy emergency, the fastest).")
