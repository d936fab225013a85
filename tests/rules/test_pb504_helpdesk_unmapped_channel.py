from tests.helpers import at, lint_text

TEXT = """\
playbook: t
channels:
  email: {}
  whatsapp: {type: messaging}
priorities:
  P1: {title: Down}
"""


def test_a_channel_the_target_cannot_name_fires_at_its_key(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("zendesk", "freshdesk"))
    assert at(result.findings, "PB504") == [(4, 3), (4, 3)]
    assert {"freshdesk" in f.message for f in result.findings if f.code == "PB504"} == {True, False}


def test_quiet_without_a_helpdesk_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT).findings, "PB504") == []


def test_a_mapping_in_helpdesk_settings_is_quiet(tmp_path):
    text = TEXT + "helpdesk:\n  zendesk: {channels: {whatsapp: [74]}}\n"
    assert at(lint_text(tmp_path, text, targets=("zendesk",)).findings, "PB504") == []
