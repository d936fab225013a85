from tests.helpers import at, lint_text

BASE = "playbook: t\npriorities:\n  P1: {title: A}\nqa:\n  sampling: {interactions: 3-8, every: week}\n"


def test_evaluations_outside_the_sampling_fire_at_evaluations(tmp_path):
    result = lint_text(tmp_path, BASE + "  evaluations_per_month: 4\n")
    assert at(result.findings, "PB267") == [(6, 26)]
    assert "(13-35 a month)" in next(f for f in result.findings if f.code == "PB267").message


def test_monthly_sampling_compares_directly(tmp_path):
    text = "playbook: t\npriorities:\n  P1: {title: A}\nqa:\n  sampling: {interactions: 4, every: month}\n"
    assert at(lint_text(tmp_path, text + "  evaluations_per_month: 4\n").findings, "PB267") == []
    assert at(lint_text(tmp_path, text + "  evaluations_per_month: 5\n").findings, "PB267") == [(6, 26)]


def test_evaluations_inside_the_sampling_are_quiet(tmp_path):
    assert at(lint_text(tmp_path, BASE + "  evaluations_per_month: 20\n").findings, "PB267") == []
