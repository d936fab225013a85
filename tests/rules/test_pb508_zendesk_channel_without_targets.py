from tests.helpers import at, lint_text

TEXT = """\
playbook: t
channels:
  email: {}
  web: {}
  chat: {}
priorities:
  P1: {title: Down, hours: calendar}
sla:
  P1: {mitigate: 4h, channels: {chat: {acknowledge: 5m}}}
"""


def test_channels_with_no_target_zendesk_can_hold_are_one_finding(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("zendesk",))
    assert at(result.findings, "PB508") == [(3, 3)]
    (finding,) = [f for f in result.findings if f.code == "PB508"]
    assert finding.message.startswith("channels email, web have no SLA target Zendesk can hold")
    assert [(loc.line, loc.column) for loc, _ in finding.related] == [(4, 3)]


def test_targets_only_on_a_priority_without_a_zendesk_level_do_not_count(tmp_path):
    text = """\
    playbook: t
    channels:
      email: {}
    priorities:
      P1: {title: One, hours: calendar}
      P2: {title: Two, hours: calendar}
      P3: {title: Three, hours: calendar}
      P4: {title: Four, hours: calendar}
      P5: {title: Five, hours: calendar}
    sla:
      P5: {acknowledge: 8h}
    """
    assert at(lint_text(tmp_path, text, targets=("zendesk",)).findings, "PB508") == [(3, 3)]


def test_quiet_without_the_zendesk_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("freshdesk",)).findings, "PB508") == []


def test_following_the_hint_makes_it_quiet(tmp_path):
    text = TEXT.replace("{mitigate: 4h,", "{acknowledge: 1h, mitigate: 4h,")
    assert at(lint_text(tmp_path, text, targets=("zendesk",)).findings, "PB508") == []
