from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, owner: desk, hours: calendar, post: [ops]}
  P2: {title: Slow, owner: desk}
sla:
  P1: {acknowledge: 15m, update_every: 30m, resolve: 4h}
escalation:
  - {from: desk, to: lead, after: 30m, priorities: [P1]}
alerts:
  - {metric: queue_depth, above: 25, for: 10m, notify: lead}
contacts:
  desk: {name: Desk}
  lead: {name: Lead}
rooms:
  ops: {slack: {channel: "#ops", webhook: env:SLACK_OPS}}
"""


def test_messages_whose_rooms_lack_the_product_are_reported(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("slack", "teams"))
    # P1 posts to ops (Slack only); the alert has no post and no room is a default; P2 says nothing.
    assert at(result.findings, "PB516") == [(3, 57), (10, 5)]
    assert [f.message for f in result.findings if f.code == "PB516"] == [
        "P1's escalation and update messages: none of the rooms it names (ops) has a Teams channel, so the message "
        "goes nowhere there",
        "alert 1 (queue_depth): no default room has a Slack or Teams channel, so the message goes nowhere there",
    ]


def test_a_default_room_catches_messages_without_a_post_list(tmp_path):
    text = TEXT.replace("webhook: env:SLACK_OPS}}", "webhook: env:SLACK_OPS}, default: true}")
    assert at(lint_text(tmp_path, text, targets=("slack",)).findings, "PB516") == []


def test_quiet_without_a_chat_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("pagerduty",)).findings, "PB516") == []


def test_an_sla_policys_update_cadence_is_a_message_too(tmp_path):
    text = """\
playbook: t
priorities:
  P1: {title: Down}
segments:
  vip: {title: VIP, tags: vip}
sla_policies:
  - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 15m, periodic_update: 1h}}}
  - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 1h}}}
"""
    assert at(lint_text(tmp_path, text, targets=("slack",)).findings, "PB516") == [(3, 7)]
    quiet = text.replace(", periodic_update: 1h", "")
    assert at(lint_text(tmp_path, quiet, targets=("slack",)).findings, "PB516") == []
