from tests.helpers import at, lint_text

BASE = """\
playbook: t
channels:
  chat: {}
  email: {}
priorities:
  P1: {title: Outage}
  P2: {title: Major}
sla:
  P1: {acknowledge: 15m, resolve: 4h}
"""


def test_priority_without_sla_fires_at_the_priority(tmp_path):
    assert at(lint_text(tmp_path, BASE).findings, "PB213") == [(7, 3)]


def test_channel_left_without_a_target_fires_at_the_sla_entry(tmp_path):
    result = lint_text(tmp_path, BASE + "  P2: {resolve: 3d, channels: {chat: {acknowledge: 60s}}}\n")
    assert at(result.findings, "PB213") == [(10, 3)]
    assert "acknowledge target on email" in next(f.message for f in result.findings if f.code == "PB213")


def test_metric_missing_everywhere_fires(tmp_path):
    result = lint_text(tmp_path, BASE + "  P2: {acknowledge: 1h}\n")
    assert at(result.findings, "PB213") == [(10, 3)]
    assert "no resolve target at all" in next(f.message for f in result.findings if f.code == "PB213")


def test_every_channel_covered_is_quiet(tmp_path):
    text = BASE + "  P2: {resolve: 3d, channels: {chat: {acknowledge: 60s}, email: {acknowledge: 4h}}}\n"
    assert at(lint_text(tmp_path, text).findings, "PB213") == []


def test_channel_first_reply_is_the_acknowledge_target_of_priorities_without_one(tmp_path):
    text = BASE.replace("chat: {}", "chat: {first_reply: 1h}").replace("email: {}", "email: {first_reply: 24h}")
    result = lint_text(tmp_path, text + "  P2: {resolve: 3d}\n")
    assert at(result.findings, "PB213") == []
    sla = result.book.sla["P2"]
    assert [str(sla.target("acknowledge", c).duration) for c in ("chat", "email")] == ["1h", "24h"]


def test_channel_first_reply_never_replaces_a_priority_acknowledge_target(tmp_path):
    text = BASE.replace("email: {}", "email: {first_reply: 24h}")
    result = lint_text(tmp_path, text + "  P2: {acknowledge: 4h, resolve: 3d}\n")
    assert str(result.book.sla["P1"].target("acknowledge", "email").duration) == "15m"


def test_first_reply_on_some_channels_leaves_the_others_reported(tmp_path):
    text = BASE.replace("email: {}", "email: {first_reply: 24h}")
    result = lint_text(tmp_path, text + "  P2: {resolve: 3d}\n")
    assert at(result.findings, "PB213") == [(10, 3)]
    assert "acknowledge target on chat" in next(f.message for f in result.findings if f.code == "PB213")


def test_priority_without_an_sla_entry_covered_by_first_replies_is_reported_at_the_priority(tmp_path):
    text = BASE.replace("chat: {}", "chat: {first_reply: 1h}").replace("email: {}", "email: {first_reply: 24h}")
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB213") == [(7, 3)]
    finding = next(f for f in result.findings if f.code == "PB213")
    assert finding.message == "P2 has no resolve target at all"
    assert finding.hint == "add 'P2: {resolve: ...}' under 'sla:'"


def test_declared_sla_metrics_replace_the_default_ones(tmp_path):
    text = "sla_metrics: [acknowledge, update_every]\n" + BASE.replace(
        "P1: {acknowledge: 15m, resolve: 4h}", "P1: {acknowledge: 15m, update_every: 1h}"
    )
    result = lint_text(tmp_path, text + "  P2: {acknowledge: 4h, update_every: 8h}\n")
    assert at(result.findings, "PB213") == []


def test_declared_sla_metrics_are_required_on_every_priority(tmp_path):
    text = "sla_metrics: [acknowledge, update_every]\n" + BASE
    result = lint_text(tmp_path, text + "  P2: {acknowledge: 4h, update_every: 8h}\n")
    assert [f.message for f in result.findings if f.code == "PB213"] == ["P1 has no update_every target at all"]


def test_sla_policy_without_a_priority_fires_at_its_targets(tmp_path):
    text = (
        "playbook: t\npriorities:\n  P1: {title: A}\n  P2: {title: B}\n"
        "sla_policies:\n"
        "  - id: rest\n    title: All\n    targets:\n      P1: {first_reply: 1h, resolve: 8h}\n"
    )
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB213") == [(8, 5)]
    assert "no targets for P2" in next(f for f in result.findings if f.code == "PB213").message


def test_sla_policy_without_a_resolve_target_fires_at_the_priority(tmp_path):
    text = (
        "playbook: t\npriorities:\n  P1: {title: A}\n"
        "sla_policies:\n"
        "  - id: rest\n    title: All\n    targets:\n      P1: {first_reply: 1h}\n"
    )
    assert at(lint_text(tmp_path, text).findings, "PB213") == [(8, 7)]
