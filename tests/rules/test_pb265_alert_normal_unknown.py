from tests.helpers import at, lint_text

BASE = """\
playbook: t
channels:
  phone: {}
priorities:
  P1: {title: A}
contacts:
  lead: {name: Lead, email: lead@acme-support.com}
"""


def test_share_of_normal_without_a_normal_volume_fires(tmp_path):
    text = BASE + "alerts:\n  - {metric: backlog, above: 10% of normal, notify: lead}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB265") == [(9, 30)]


def test_normal_on_the_alert_is_enough(tmp_path):
    text = BASE + "alerts:\n  - {metric: backlog, above: 10% of normal, normal: 400, notify: lead}\n"
    assert at(lint_text(tmp_path, text).findings, "PB265") == []


def test_the_channel_forecast_gives_the_normal_volume(tmp_path):
    text = BASE + (
        "alerts:\n  - {metric: queue_depth, channel: phone, above: 150% of normal, notify: lead}\n"
        "staffing:\n  forecast:\n    phone:\n      interval: 30m\n      handle_time: 6m\n"
        "      intervals:\n        - {start: '09:00', volume: 90}\n"
    )
    assert at(lint_text(tmp_path, text).findings, "PB265") == []


def test_share_of_normal_on_a_time_metric_is_pb262(tmp_path):
    text = BASE + "alerts:\n  - {metric: asa, above: 10% of normal, normal: 10, notify: lead}\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB262") == [(9, 26)]
    assert at(result.findings, "PB265") == []
