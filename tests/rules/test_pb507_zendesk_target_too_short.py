from tests.helpers import at, lint_text

TEXT = """\
playbook: t
channels:
  chat: {}
priorities:
  P1: {title: Down, hours: calendar}
sla:
  P1: {acknowledge: 30s, resolve: 4h, channels: {chat: {acknowledge: 45s}}}
"""


def test_targets_under_a_minute_fire_at_each_target(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("zendesk",))
    assert at(result.findings, "PB507") == [(7, 21), (7, 70)]


def test_the_message_says_the_build_is_looser_not_stricter(tmp_path):
    (first, _) = [f for f in lint_text(tmp_path, TEXT, targets=("zendesk",)).findings if f.code == "PB507"]
    assert first.message == "P1: 30s is under Zendesk's 1-minute minimum (the build uses 1m, 30s looser)"


def test_quiet_without_the_zendesk_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("freshdesk",)).findings, "PB507") == []


def test_one_minute_or_more_is_quiet(tmp_path):
    text = TEXT.replace("30s,", "1m,").replace("{acknowledge: 45s}", "{acknowledge: 90s}")
    assert at(lint_text(tmp_path, text, targets=("zendesk",)).findings, "PB507") == []
