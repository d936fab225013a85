import pytest

from playbook.units import (
    DURATION_PATTERN,
    TARGET_PATTERN,
    Target,
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


@pytest.mark.parametrize(
    ("text", "parts", "seconds", "business"),
    [
        ("1h30m", ((1, "h"), (30, "m")), 5400, False),
        ("2h15m", ((2, "h"), (15, "m")), 8100, False),
        ("1d4h", ((1, "d"), (4, "h")), 100800, False),
        ("1w2d3h4m5s", ((1, "w"), (2, "d"), (3, "h"), (4, "m"), (5, "s")), 788645, False),
        ("1bd4bh", ((1, "bd"), (4, "bh")), 100800, True),
    ],
)
def test_compound_durations_add_their_parts(text, parts, seconds, business):
    duration = parse_duration(text)
    assert duration.parts == parts
    assert duration.nominal_seconds == seconds
    assert duration.business is business


@pytest.mark.parametrize("text", ["30m1h", "1h1h", "1bd4h", "4h1bd", "1h 30m", "h30m", "1h30", "١h"])
def test_compound_durations_go_largest_unit_first_each_once_on_one_clock(text):
    with pytest.raises(ValueError_):
        parse_duration(text)


def test_a_business_day_in_a_compound_duration_is_the_calendars_day():
    # 8.5-hour open day, 42.5-hour open week
    assert parse_duration("1d4h").seconds_with(8.5 * 3600, 42.5 * 3600) == (8.5 + 4) * 3600
    assert parse_duration("1w2d").seconds_with(8.5 * 3600, 42.5 * 3600) == (42.5 + 17) * 3600


def test_the_schema_accepts_exactly_the_durations_the_parser_reads():
    from compiler.check.fastschema import ecma_regex
    from schemas import load_schema

    definitions = load_schema("playbook")["definitions"]
    assert definitions["duration"]["pattern"] == DURATION_PATTERN
    assert definitions["target"]["oneOf"][1]["pattern"] == TARGET_PATTERN
    for text in ["15m", "1h30m", "1d4h", "1bd4bh", "30m1h", "1bd4h", "15", "1.5h", "٣h"]:
        try:
            parse_duration(text)
            parsed = True
        except ValueError_:
            parsed = False
        assert bool(ecma_regex(DURATION_PATTERN).search(text)) is parsed, text


def test_compound_times_in_targets_and_service_levels():
    assert parse_target("4m30s-12m") == Target("4m30s-12m", 270, 720, "s")
    assert parse_target(">= 1h30m").low == 5400
    assert parse_service_level("90% in 1m30s") == (90.0, 90.0)


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
