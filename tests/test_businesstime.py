"""Business-time engine: hand-checked cases for each calendar form and DST rule."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from compiler.time.businesstime import BusinessCalendar, Holidays, Hours, NoBusinessTime, engine, localize
from tests.helpers import at, lint_text

CHICAGO = "America/Chicago"
WEEKDAYS_9_TO_1730 = tuple((day, 540, 1050) for day in range(5))


def ts(text: str, zone: str = CHICAGO) -> float:
    return localize(dt.datetime.fromisoformat(text), zone).timestamp()


def local(instant: float, zone: str = CHICAGO) -> str:
    return dt.datetime.fromtimestamp(instant, zoneinfo.ZoneInfo(zone)).strftime("%a %Y-%m-%d %H:%M %Z")


def office(*holidays: dt.date, named: tuple[tuple[str, str], ...] = ()) -> BusinessCalendar:
    return BusinessCalendar([Hours(CHICAGO, WEEKDAYS_9_TO_1730)], Holidays(frozenset(holidays), named))


def test_friday_afternoon_hour_runs_into_monday_morning():
    assert local(office().add(ts("2026-11-27T16:50"), 3600)) == "Mon 2026-11-30 09:20 CST"


@pytest.mark.parametrize("day", ["2026-03-09", "2026-11-02", "2026-03-06"])
def test_office_day_is_eight_and_a_half_hours_also_when_the_clocks_change(day):
    start = ts(f"{day}T00:00")
    assert office().between(start, start + 86400) == 8.5 * 3600


def test_window_starting_in_the_skipped_hour_opens_at_the_transition():
    sunday_night = BusinessCalendar([Hours(CHICAGO, ((6, 150, 300),))])  # Sun 02:30-05:00
    spans = sunday_night.intervals(ts("2026-03-08T00:00"), ts("2026-03-09T00:00"))
    assert [(local(a), local(b)) for a, b in spans] == [("Sun 2026-03-08 03:00 CDT", "Sun 2026-03-08 05:00 CDT")]


def test_night_shift_on_the_fall_back_night_is_nine_real_hours():
    night = BusinessCalendar([Hours(CHICAGO, ((5, 1320, 1800),))])  # Sat 22:00-06:00+1
    assert night.between(ts("2026-10-31T12:00"), ts("2026-11-01T12:00")) == 9 * 3600


def test_window_in_the_repeated_hour_is_open_during_both_passes():
    early = BusinessCalendar([Hours(CHICAGO, ((6, 60, 90),))])  # Sun 01:00-01:30
    spans = early.intervals(ts("2026-11-01T00:00"), ts("2026-11-02T00:00"))
    assert [local(a) for a, _ in spans] == ["Sun 2026-11-01 01:00 CDT", "Sun 2026-11-01 01:00 CST"]


def test_ambiguous_local_time_means_its_first_occurrence():
    assert local(ts("2026-11-01T01:30")) == "Sun 2026-11-01 01:30 CDT"


def test_skipped_local_time_means_the_transition():
    assert local(ts("2026-03-08T02:30")) == "Sun 2026-03-08 03:00 CDT"


def test_holiday_closes_its_day_and_the_deadline_moves_on():
    thanksgiving = office(dt.date(2026, 11, 26))
    assert local(thanksgiving.add(ts("2026-11-25T17:00"), 3600)) == "Fri 2026-11-27 09:30 CST"


def test_named_public_holidays_close_the_office():
    us = office(named=(("US", ""),))
    assert us.between(ts("2026-11-26T00:00"), ts("2026-11-27T00:00")) == 0
    assert us.between(ts("2026-11-27T00:00"), ts("2026-11-28T00:00")) == 8.5 * 3600


def test_window_crossing_midnight_belongs_to_the_day_it_starts():
    night = [Hours(CHICAGO, tuple((day, 1320, 1800) for day in range(7)))]  # 22:00-06:00+1 daily
    christmas = BusinessCalendar(night, Holidays(frozenset({dt.date(2026, 12, 25)})))
    # The 24th's shift is worked into the 25th; the 25th's own shift is not.
    assert christmas.between(ts("2026-12-24T12:00"), ts("2026-12-25T12:00")) == 8 * 3600
    assert christmas.between(ts("2026-12-25T12:00"), ts("2026-12-26T12:00")) == 0


def test_follow_the_sun_counts_overlapping_regions_once():
    london = Hours("Europe/London", WEEKDAYS_9_TO_1730)
    new_york = Hours("America/New_York", WEEKDAYS_9_TO_1730)
    both = BusinessCalendar([london, new_york])
    monday = ts("2026-01-12T00:00", "UTC")
    # 09:00-17:30 UTC and 14:00-22:30 UTC: 13.5 hours, not 17.
    assert both.between(monday, monday + 86400) == 13.5 * 3600


def test_half_hour_zone_opens_on_its_own_clock():
    adelaide = BusinessCalendar([Hours("Australia/Adelaide", WEEKDAYS_9_TO_1730)])
    opens = adelaide.next_open(ts("2026-01-12T07:00", "UTC"))  # 17:30 ACDT
    assert local(opens, "UTC") == "Mon 2026-01-12 22:30 UTC"  # Tue 09:00 ACDT (+10:30)


def test_always_calendar_counts_elapsed_time():
    always = BusinessCalendar([], always=True)
    assert always.add(1000.0, 3600) == 4600.0
    assert always.between(0, 7200) == 7200


def test_calendar_without_hours_cannot_hold_a_deadline():
    with pytest.raises(NoBusinessTime):
        BusinessCalendar([Hours(CHICAGO, ())]).add(ts("2026-11-27T09:00"), 60)


def test_between_is_negative_backwards_and_zero_when_closed():
    calendar = office()
    assert calendar.between(ts("2026-11-30T10:00"), ts("2026-11-30T09:00")) == -3600
    assert calendar.between(ts("2026-11-28T10:00"), ts("2026-11-29T10:00")) == 0


def test_engine_reads_the_model_calendar(tmp_path):
    result = lint_text(
        tmp_path,
        """\
        playbook: t
        timezone: America/Chicago
        calendars:
          office:
            weekly: {mon-fri: "09:00-17:30"}
            holidays: [2026-11-26, {country: US, subdivision: TN}]
        priorities:
          P1: {title: Outage, calendar: office}
        """,
    )
    calendar = engine(result.book.calendars["office"])
    assert local(calendar.add(ts("2026-11-25T17:00"), 3600)) == "Fri 2026-11-27 09:30 CST"
    assert calendar.between(ts("2026-04-03T00:00"), ts("2026-04-04T00:00")) == 0  # Good Friday in TN


def test_unknown_holiday_country_is_an_invalid_value(tmp_path):
    result = lint_text(
        tmp_path,
        """\
        playbook: t
        calendars:
          office:
            weekly: {mon-fri: "09:00-17:30"}
            holidays: [{country: XX}, {country: US, subdivision: QQ}]
        priorities:
          P1: {title: Outage, calendar: office}
        """,
    )
    assert at(result.findings, "PB101") == [(5, 26), (5, 58)]


def test_model_business_day_of_overlapping_regions_is_their_union(tmp_path):
    result = lint_text(
        tmp_path,
        """\
        playbook: t
        calendars:
          two-desks:
            regions:
              emea: {timezone: Europe/London, weekly: {mon-fri: "09:00-17:30"}}
              americas: {timezone: America/New_York, weekly: {mon-fri: "09:00-17:30"}}
        priorities:
          P1: {title: Outage, calendar: two-desks}
        """,
    )
    assert result.book.calendars["two-desks"].business_day_seconds() == 13.5 * 3600
