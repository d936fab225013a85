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


POLICIES = """\
playbook: t
priorities:
  P1: {title: Down, status_page: true}
segments:
  vip: {title: VIP, tags: vip}
sla_policies:
  - {id: vip, title: VIP, when: {segment: vip}, targets: {P1: {acknowledge: 15m, periodic_update: 1h}}}
  - {id: rest, title: Everyone else, targets: {P1: {acknowledge: 1h}}}
"""


def test_a_non_fallback_policys_periodic_update_is_a_cadence(tmp_path):
    assert at(lint_text(tmp_path, POLICIES, targets=("statuspage",)).findings, "PB517") == []
    without = POLICIES.replace(", periodic_update: 1h", "")
    result = lint_text(tmp_path, without, targets=("statuspage",))
    assert at(result.findings, "PB517") == [(3, 34)]
    assert "in an SLA policy" in next(f.hint for f in result.findings if f.code == "PB517")
