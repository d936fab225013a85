from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: A, levels: {zendesk: urgent, freshdesk: 4}}
sla_policies:
  - id: rest
    title: Everyone
    targets:
      P1: {acknowledge: 15m, periodic_update: 1h, update_every: 2h, resolve: 4h}
"""


def test_metrics_freshdesk_lacks_fire_at_the_first_of_them(tmp_path):
    result = lint_text(tmp_path, BASE, targets=("freshdesk",))
    assert at(result.findings, "PB521") == [(8, 65)]
    message = next(f for f in result.findings if f.code == "PB521").message
    assert "Freshdesk has no SLA metric for P1 update_every, periodic_update" in message


def test_two_metrics_on_one_zendesk_metric_fire_at_the_one_not_used(tmp_path):
    result = lint_text(tmp_path, BASE, targets=("zendesk",))
    assert at(result.findings, "PB521") == [(8, 65)]
    message = next(f for f in result.findings if f.code == "PB521").message
    assert "periodic_update and update_every are both Zendesk's periodic_update_time" in message


def test_answer_speed_is_never_reported(tmp_path):
    text = BASE.replace("periodic_update: 1h, update_every: 2h, ", "answer: 60s, ")
    assert at(lint_text(tmp_path, text, targets=("zendesk", "freshdesk")).findings, "PB521") == []
