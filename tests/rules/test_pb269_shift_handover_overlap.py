from tests.helpers import at, lint_text

BASE = "playbook: t\npriorities:\n  P1: {title: A}\nstaffing:\n  handover: 30m-60m\n  shifts:\n"
NIGHT = "    - {name: night, days: daily, hours: '22:00-06:30+1', staff: 2}\n"


def test_shifts_without_overlap_fire_at_the_earlier_shift(tmp_path):
    text = BASE + (
        "    - {name: early, days: daily, hours: '06:00-14:00', staff: 3}\n"
        "    - {name: late, days: daily, hours: '14:00-22:30', staff: 3}\n" + NIGHT
    )
    result = lint_text(tmp_path, text)
    assert at(result.findings, "PB269") == [(7, 7)]
    message = next(f for f in result.findings if f.code == "PB269").message
    assert message == "early and late overlap 0m (from mon 14:00), but the hand-over is 30m-1h"


def test_a_gap_says_there_is_no_handover(tmp_path):
    text = BASE + (
        "    - {name: early, days: daily, hours: '06:00-13:00', staff: 3}\n"
        "    - {name: late, days: daily, hours: '14:00-22:30', staff: 3}\n" + NIGHT
    )
    message = next(f for f in lint_text(tmp_path, text).findings if f.code == "PB269").message
    assert "late starts 1h after early ends (mon 13:00): no hand-over" in message


def test_too_long_an_overlap_fires(tmp_path):
    text = BASE + (
        "    - {name: early, days: daily, hours: '06:00-16:30', staff: 3}\n"
        "    - {name: late, days: daily, hours: '14:00-22:30', staff: 3}\n" + NIGHT
    )
    assert "overlap 2h30m" in next(f for f in lint_text(tmp_path, text).findings if f.code == "PB269").message


def test_half_hour_handovers_are_quiet(tmp_path):
    text = BASE + (
        "    - {name: early, days: daily, hours: '06:00-14:30', staff: 3}\n"
        "    - {name: late, days: daily, hours: '14:00-22:30', staff: 3}\n" + NIGHT
    )
    assert at(lint_text(tmp_path, text).findings, "PB269") == []
