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


def test_band_that_also_counts_shadowing_and_supervised_work_is_quiet_below_its_minimum(tmp_path):
    text = BASE + "  total_hours: 40-80\n  total_hours_includes: [classroom, shadowing, supervised]\n"
    assert at(lint_text(tmp_path, text).findings, "PB250") == []


def test_curriculum_above_a_band_that_counts_other_work_still_fires(tmp_path):
    text = BASE + "  total_hours: 10-20\n  total_hours_includes: [classroom, shadowing]\n"
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB250") == [(8, 16)]
    message = next(f.message for f in result.findings if f.code == "PB250")
    assert message.endswith("above the band's maximum (10-20 h, which also counts shadowing)")


def test_curriculum_below_the_band_hint_names_total_hours_includes_and_following_it_fixes_it(tmp_path):
    finding = next(f for f in lint_text(tmp_path, BASE + "  total_hours: 40-80\n").findings if f.code == "PB250")
    assert "'total_hours_includes'" in finding.hint
    text = BASE + "  total_hours: 40-80\n  total_hours_includes: [classroom, shadowing, supervised]\n"
    assert at(lint_text(tmp_path, text).findings, "PB250") == []


def test_band_that_does_not_count_the_curriculum_is_not_compared_with_it(tmp_path):
    text = BASE + "  total_hours: 1-2\n  total_hours_includes: [shadowing]\n"
    assert at(lint_text(tmp_path, text).findings, "PB250") == []
