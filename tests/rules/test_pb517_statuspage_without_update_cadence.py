from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, status_page: true}
  P2: {title: Slow}
sla:
  P1: {acknowledge: 15m, resolve: 4h}
  P2: {acknowledge: 1h, resolve: 1d}
"""


def test_a_status_page_priority_without_update_every_is_reported(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("statuspage",))
    assert at(result.findings, "PB517") == [(3, 34)]


def test_quiet_with_a_cadence_and_without_the_statuspage_target(tmp_path):
    with_cadence = TEXT.replace(
        "P1: {acknowledge: 15m, resolve: 4h}", "P1: {acknowledge: 15m, update_every: 30m, resolve: 4h}"
    )
    assert at(lint_text(tmp_path, with_cadence, targets=("statuspage",)).findings, "PB517") == []
    assert at(lint_text(tmp_path, TEXT, targets=("slack",)).findings, "PB517") == []
