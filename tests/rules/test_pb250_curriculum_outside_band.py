from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
onboarding:
  curriculum:
    - {topic: Product basics, hours: 8-12}
    - {topic: CRM workflows, hours: 6-10}
"""


def test_curriculum_that_can_exceed_the_band_fires_at_total_hours(tmp_path):
    result = lint_text(tmp_path, BASE + "  total_hours: 10-20\n")
    assert at(result.findings, "PB250") == [(8, 16)]
    message = next(f.message for f in result.findings if f.code == "PB250")
    assert "14-22 h, above the band's maximum (10-20 h)" in message


def test_curriculum_below_the_band_fires(tmp_path):
    result = lint_text(tmp_path, BASE + "  total_hours: 40-80\n")
    assert at(result.findings, "PB250") == [(8, 16)]


def test_curriculum_within_the_band_is_quiet(tmp_path):
    result = lint_text(tmp_path, BASE + "  total_hours: 14-22\n")
    assert at(result.findings, "PB250") == []
