from tests.helpers import at, lint_text

TEXT = """\
playbook: t
priorities:
  P1: {title: Down, hours: calendar}
sla:
  P1: {acknowledge: 30s, resolve: 4h}
"""


def test_a_target_under_a_minute_is_raised_to_one_minute(tmp_path):
    result = lint_text(tmp_path, TEXT, targets=("salesforce",))
    assert at(result.findings, "PB541") == [(5, 21)]
    (finding,) = [f for f in result.findings if f.code == "PB541"]
    assert "(the build uses 1m, 30s looser)" in finding.message


def test_one_minute_is_quiet(tmp_path):
    assert at(lint_text(tmp_path, TEXT.replace("30s", "1m"), targets=("salesforce",)).findings, "PB541") == []


def test_quiet_without_the_salesforce_target(tmp_path):
    assert at(lint_text(tmp_path, TEXT, targets=("kpis",)).findings, "PB541") == []
