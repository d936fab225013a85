import pytest

from playbook.units import (
    ValueError_,
    format_seconds,
    parse_days,
    parse_duration,
    parse_hours_range,
    parse_service_level,
    parse_target,
    parse_window,
)


@pytest.mark.parametrize(
    ("text", "seconds", "business"),
    [("20s", 20, False), ("15m", 900, False), ("4h", 14400, False), ("3d", 259200, False), ("2bh", 7200, True)],
)
def test_durations_convert_to_nominal_seconds(text, seconds, business):
    duration = parse_duration(text)
    assert duration.nominal_seconds == seconds
    assert duration.business is business


def test_duration_without_unit_is_rejected():
    with pytest.raises(ValueError_):
        parse_duration("15")


def test_window_past_midnight_needs_plus_one():
    assert parse_window("22:00-06:00+1") == (1320, 1800)
    assert parse_window("09:00-17:30") == (540, 1050)
    assert parse_window("00:00-24:00") == (0, 1440)


@pytest.mark.parametrize("text", ["25:00-26:00", "09:60-10:00", "24:00-24:30", "9-17"])
def test_impossible_windows_are_rejected(text):
    with pytest.raises(ValueError_):
        parse_window(text)


def test_day_ranges_wrap_over_the_weekend():
    assert parse_days("mon-fri") == [0, 1, 2, 3, 4]
    assert parse_days("fri-mon") == [4, 5, 6, 0]
    assert parse_days("daily") == list(range(7))
    assert parse_days("sun") == [6]


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        (">= 92%", 92, None, "%"),
        ("<= 5%", None, 5, "%"),
        ("78%-85%", 78, 85, "%"),
        ("7m-12m", 420, 720, "s"),
        ("7-12m", 420, 720, "s"),
        (">= -10", -10, None, ""),
        (4, 4, 4, ""),
    ],
)
def test_targets_parse_bounds_and_ranges(text, low, high, unit):
    target = parse_target(text)
    assert (target.low, target.high, target.unit) == (low, high, unit)


def test_inverted_target_range_is_rejected():
    with pytest.raises(ValueError_):
        parse_target("85%-78%")


def test_hours_ranges_and_service_levels():
    assert parse_hours_range("8-12") == (8, 12)
    assert parse_hours_range(4) == (4, 4)
    assert parse_service_level("80% in 20s") == (80, 20)
    with pytest.raises(ValueError_):
        parse_service_level("180% in 20s")


def test_format_seconds_is_short_and_exact():
    assert format_seconds(20) == "20s"
    assert format_seconds(900) == "15m"
    assert format_seconds(5400) == "1h30m"
    assert format_seconds(86400 * 3) == "3d"
