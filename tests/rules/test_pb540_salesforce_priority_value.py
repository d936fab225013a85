from tests.helpers import at, lint_text

FOUR = """\
playbook: t
priorities:
  P1: {title: Down}
  P2: {title: Degraded}
  P3: {title: Minor}
  P4: {title: Question}
"""


def test_a_fourth_priority_has_no_standard_case_priority_value(tmp_path):
    result = lint_text(tmp_path, FOUR, targets=("salesforce",))
    assert at(result.findings, "PB540") == [(6, 7)]
    (finding,) = [f for f in result.findings if f.code == "PB540"]
    assert "Case Priority has 3 standard values and P4 is priority number 4" in finding.message


def test_naming_a_picklist_value_clears_it(tmp_path):
    text = FOUR.replace("P4: {title: Question}", "P4: {title: Question, levels: {salesforce: Trivial}}")
    assert at(lint_text(tmp_path, text, targets=("salesforce",)).findings, "PB540") == []


def test_two_priorities_on_one_value_point_at_the_second(tmp_path):
    text = FOUR.replace("P4: {title: Question}", "P4: {title: Question, levels: {salesforce: Low}}")
    result = lint_text(tmp_path, text, targets=("salesforce",))
    assert at(result.findings, "PB540") == [(6, 46)]


def test_quiet_without_the_salesforce_target(tmp_path):
    assert at(lint_text(tmp_path, FOUR, targets=("zendesk",)).findings, "PB540") == []
