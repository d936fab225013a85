"""Plain words for times and targets: what a person on shift reads."""

from __future__ import annotations

import pytest

from playbook.model import Window
from playbook.units import parse_target
from targets.shared.docs import words


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "immediately"), (45, "45 seconds"), (900, "15 minutes"), (5400, "1 hour 30 minutes"), (172800, "2 days")],
)
def test_seconds_read_in_the_largest_units(seconds, expected):
    assert words.seconds_words(seconds) == expected


def test_business_time_never_folds_into_24_hour_days():
    assert words.span_words(45000, "business") == "12 hours 30 minutes of business time"
    assert words.span_words(90000, "calendar") == "1 day 1 hour"
    assert words.short(45000, "business") == "12h30m" and words.short(90000, "calendar") == "1d1h"


@pytest.mark.parametrize(
    ("text", "clock", "expected"),
    [
        ("15m", "calendar", "15 minutes"),
        ("24h", "calendar", "24 hours"),
        ("1d", "calendar", "1 day"),
        ("2d", "business", "2 business days"),
        ("3bd", "calendar", "3 business days"),
        ("4bh", "calendar", "4 business hours"),
        ("1w", "business", "1 business week"),
        ("1.5h", "calendar", "1.5 hours"),
    ],
)
def test_sla_targets_keep_the_authors_unit(text, clock, expected):
    assert words.duration_words(text, clock) == expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (">= 92%", "at least 92%"),
        ("<= 5%", "at most 5%"),
        ("78%-85%", "78% to 85%"),
        ("7m-12m", "7 minutes to 12 minutes"),
        ("> 30", "more than 30"),
        ("100%", "100%"),
        ("<= 4.50", "at most 4.50"),
        ("78-85%", "78% to 85%"),
        ("-5--1", "-5 to -1"),
    ],
)
def test_targets_read_as_words(target, expected):
    assert words.target_words(parse_target(target)) == expected


def test_speed_of_answer_stays_in_seconds_under_two_minutes():
    assert words.answer_words("chat", 90, 60) == "answer 90% of chats within 60 seconds"
    assert words.answer_words("messaging", 80, 300) == "answer 80% of contacts within 5 minutes"


def test_weekly_hours_group_consecutive_days_and_mark_overnight_windows():
    loc = None
    windows = [Window(day, 540, 1050, loc) for day in range(5)] + [Window(5, 1320, 1560, loc)]
    assert words.weekly_words(windows) == "Mon–Fri 09:00–17:30; Sat 22:00–02:00 (next day)"
    assert words.weekly_words([Window(0, 0, 1440, loc), Window(2, 0, 1440, loc)]) == "Mon 00:00–24:00; Wed 00:00–24:00"


def test_lists_join_with_and():
    assert words.join_and(["Phone"]) == "Phone"
    assert words.join_and(["Phone", "Chat", "Email"]) == "Phone, Chat and Email"
