from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
contacts:
  sm: {name: Luis, phone: '+16152220102'}
"""


def test_second_contact_with_the_same_phone_fires_at_its_phone(tmp_path):
    result = lint_text(tmp_path, BASE + "  vp: {name: Priya, phone: '+16152220102'}\n")
    assert at(result.findings, "PB225") == [(6, 28)]
    finding = next(f for f in result.findings if f.code == "PB225")
    assert [(loc.line, loc.column) for loc, _ in finding.related] == [(5, 27)]


def test_distinct_phones_are_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  vp: {name: Priya, phone: '+16152220103'}\n")
    assert at(result.findings, "PB225") == []
