from tests.helpers import at, lint_text

TEXT = """\
playbook: t
channels:
  email: {}
  vip-email: {type: email}
priorities:
  P1: {title: Down, hours: calendar}
sla:
  P1: {acknowledge: 1h, channels: {vip-email: {acknowledge: 15m}}}
"""


def test_a_policy_shadowed_by_an_earlier_one_fires_at_its_channel(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("zendesk",))
    assert at(result.findings, "PB505") == [(4, 3)]
    (finding,) = [f for f in result.findings if f.code == "PB505"]
    assert [(loc.line, loc.column) for loc, _ in finding.related] == [(3, 3)]


def test_quiet_without_a_helpdesk_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT).findings, "PB505") == []


def test_same_targets_share_one_policy_and_are_quiet(tmp_path):
    text = TEXT.replace(", channels: {vip-email: {acknowledge: 15m}}", "")
    assert at(lint_text(tmp_path, text, targets=("zendesk", "freshdesk")).findings, "PB505") == []


def test_distinct_codes_are_quiet(tmp_path):
    text = TEXT + "helpdesk:\n  zendesk: {channels: {vip-email: [5]}}\n"
    assert at(lint_text(tmp_path, text, targets=("zendesk",)).findings, "PB505") == []
