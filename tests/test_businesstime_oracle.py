"""The business-time engine against a brute-force, minute-by-minute oracle.

The oracle shares no code with the engine: it walks UTC minutes, asks zoneinfo
for each minute's local wall-clock time, and checks that against the windows of
the local day (and the previous day's windows that cross midnight). It is exact
because every window boundary and every zone offset used here is a whole minute.

Runs a fixed, bounded number of examples (derandomised) so CI stays fast.
A longer run: `BUSINESSTIME_EXAMPLES=5000 python -m pytest tests/test_businesstime_oracle.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from compiler.time.businesstime import BusinessCalendar, Holidays, Hours, localize

EXAMPLES = int(os.environ.get("BUSINESSTIME_EXAMPLES", "80"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 200,
    suppress_health_check=[HealthCheck.too_slow],
)

ZONES = [
    "UTC",
    "America/Chicago",
    "America/New_York",
    "America/St_Johns",  # -03:30 with DST
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",  # +05:30
    "Asia/Kathmandu",  # +05:45
    "Asia/Singapore",
    "Australia/Adelaide",  # +09:30 / +10:30
    "Australia/Lord_Howe",  # half-hour DST
    "Pacific/Auckland",
    "Pacific/Chatham",  # +12:45 / +13:45
    "Africa/Casablanca",  # DST suspended around Ramadan
]

# Instants near daylight-saving transitions are where engines go wrong, so
# half of the anchors are transition instants of the zones above.
TRANSITIONS = [
    int(dt.datetime.fromisoformat(text).timestamp())
    for text in (
        "2026-03-08T08:00+00:00",  # Chicago spring forward
        "2026-11-01T07:00+00:00",  # Chicago fall back
        "2026-03-29T01:00+00:00",  # London
        "2026-10-25T01:00+00:00",
        "2026-04-04T16:30+00:00",  # Adelaide fall back
        "2026-10-03T16:30+00:00",  # Adelaide spring forward
        "2026-04-04T15:00+00:00",  # Lord Howe
        "2026-03-08T05:30+00:00",  # St John's
        "2026-09-26T14:00+00:00",  # Auckland / Chatham
        "2025-02-23T02:00+00:00",  # Casablanca, Ramadan
    )
]

DAY = 86400
MINUTE = 60


@st.composite
def windows(draw: st.DrawFn) -> tuple[tuple[int, int, int], ...]:
    found = []
    for _ in range(draw(st.integers(0, 6))):
        day = draw(st.integers(0, 6))
        start = draw(st.one_of(st.integers(0, 1439), st.sampled_from([0, 60, 120, 150, 540, 1020, 1320])))
        length = draw(st.one_of(st.integers(1, 2880 - start), st.sampled_from([30, 510, 600, 480])))
        found.append((day, start, min(start + length, 2880)))
    daily = draw(st.booleans())
    if daily:
        start = draw(st.integers(0, 1439))
        end = draw(st.integers(start + 1, 2880))
        found.extend((day, start, end) for day in range(7))
    return tuple(found)


@st.composite
def calendars(draw: st.DrawFn, anchor: int) -> tuple[list[Hours], frozenset[dt.date]]:
    regions = [Hours(draw(st.sampled_from(ZONES)), draw(windows())) for _ in range(draw(st.integers(1, 3)))]
    base = dt.datetime.fromtimestamp(anchor, dt.UTC).date()
    holidays = draw(st.frozensets(st.integers(-4, 6).map(lambda d: base + dt.timedelta(days=d)), max_size=4))
    return regions, holidays


anchors = st.one_of(
    st.sampled_from(TRANSITIONS),
    st.integers(
        int(dt.datetime(1990, 1, 1, tzinfo=dt.UTC).timestamp()),
        int(dt.datetime(2036, 1, 1, tzinfo=dt.UTC).timestamp()),
    ),
).map(lambda ts: ts - ts % MINUTE)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Hours], frozenset[dt.date], int]:
    anchor = draw(anchors)
    regions, holidays = draw(calendars(anchor))
    start = anchor + draw(st.integers(-2 * DAY, 2 * DAY)) + draw(st.sampled_from([0, 0, 0, 1, 29, 59]))
    return regions, holidays, start


# ---- the oracle ----------------------------------------------------------------------------


def oracle_open(regions: list[Hours], holidays: frozenset[dt.date], minute: int) -> bool:
    for region in regions:
        local = dt.datetime.fromtimestamp(minute, zoneinfo.ZoneInfo(region.timezone))
        wall = local.hour * 60 + local.minute
        today = local.date()
        yesterday = today - dt.timedelta(days=1)
        for day, start, end in region.windows:
            if today not in holidays and day == today.weekday() and start <= wall < end:
                return True
            if yesterday not in holidays and day == yesterday.weekday() and start <= wall + 1440 < end:
                return True
    return False


def oracle_between(regions: list[Hours], holidays: frozenset[dt.date], a: int, b: int) -> int:
    total = 0
    for minute in range(a - a % MINUTE, b, MINUTE):
        overlap = min(minute + MINUTE, b) - max(minute, a)
        if overlap > 0 and oracle_open(regions, holidays, minute):
            total += overlap
    return total


def oracle_add(regions: list[Hours], holidays: frozenset[dt.date], a: int, seconds: int, limit: int) -> int | None:
    if seconds == 0:
        return a
    left = seconds
    minute = a - a % MINUTE
    while minute < a + limit:
        if oracle_open(regions, holidays, minute):
            begin = max(minute, a)
            available = minute + MINUTE - begin
            if left <= available:
                return begin + left
            left -= available
        minute += MINUTE
    return None


# ---- the properties --------------------------------------------------------------------------


def engine(regions: list[Hours], holidays: frozenset[dt.date]) -> BusinessCalendar:
    return BusinessCalendar(regions, Holidays(holidays))


@SETTINGS
@given(scenarios(), st.integers(0, 3 * DAY))
def test_business_seconds_between_match_the_oracle(scenario, length):
    regions, holidays, start = scenario
    assert engine(regions, holidays).between(start, start + length) == oracle_between(
        regions, holidays, start, start + length
    )


@SETTINGS
@given(scenarios(), st.one_of(st.integers(0, 600), st.integers(0, 40 * 60)).map(lambda m: m * MINUTE))
def test_adding_business_seconds_matches_the_oracle(scenario, seconds):
    regions, holidays, start = scenario
    expected = oracle_add(regions, holidays, start, seconds, limit=9 * DAY)
    assume(expected is not None)
    assert engine(regions, holidays).add(start, seconds) == expected


@SETTINGS
@given(scenarios(), st.integers(0, 2 * DAY))
def test_open_instants_match_the_oracle(scenario, shift):
    regions, holidays, start = scenario
    minute = start + shift
    minute -= minute % MINUTE
    assert engine(regions, holidays).is_open(minute) == oracle_open(regions, holidays, minute)


@SETTINGS
@given(anchors, st.sampled_from(ZONES), st.integers(-3 * 3600, 3 * 3600))
def test_local_times_resolve_like_a_search_of_the_wall_clock(anchor, zone, shift):
    # The first minute whose wall-clock time is the given one; in a skipped hour, the first minute after it.
    tz = zoneinfo.ZoneInfo(zone)
    naive = dt.datetime.fromtimestamp(anchor + shift - (anchor + shift) % MINUTE, tz).replace(tzinfo=None)
    naive += dt.timedelta(minutes=30)
    minute = anchor + shift - (anchor + shift) % MINUTE - 20 * 3600
    while dt.datetime.fromtimestamp(minute, tz).replace(tzinfo=None) < naive:
        minute += MINUTE
    assert localize(naive, zone).timestamp() == minute
