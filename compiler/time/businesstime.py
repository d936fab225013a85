"""Business time: add business seconds to an instant, and measure business time between instants.

Exact interval arithmetic on UTC seconds (never minute stepping). Semantics:

- A window belongs to the local calendar day it starts on, in its region's time
  zone; `22:00-06:00+1` on Friday runs into Saturday morning.
- Windows follow the wall clock. An instant is open when the local wall-clock
  time falls inside a window of its day. So a 09:00-17:30 day is 8.5 hours on a
  daylight-saving day too; a window that starts in the skipped spring-forward
  hour opens at the transition; and a window covering the repeated fall-back
  hour is open during both passes of that hour (a 22:00-06:00 night shift is
  nine real hours that night), which is deterministic and what a wall clock shows.
- A holiday removes every window that starts on that local date, including the
  part of a midnight-crossing window that runs into the next day; a window that
  started the evening before a holiday is worked to its end.
- Follow-the-sun: the calendar is open when any region is open (the union).
  Holidays apply to each region on the region's local date.
- On a 24/7 calendar business time is elapsed time.
- Ambiguous input times (`localize`) mean their first occurrence; a time in the
  skipped hour means the transition.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import weakref
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field

from playbook import timemath
from playbook.model import Calendar
from playbook.publicholidays import public_holidays

UTC = dt.UTC
DAY = 86400
WEEK = 7 * DAY
_SCAN = DAY  # no zone changes its offset twice within a day
_MAX_OFFSET = DAY  # wider than any UTC offset (±14 h), keeps the search simple
_GIVE_UP_DAYS = 366  # a calendar closed this long has no business time left
FIRST_YEAR, LAST_YEAR = 1900, 2199  # the range deadlines are computed in
LIMIT = dt.datetime(LAST_YEAR + 1, 1, 1, tzinfo=dt.UTC).timestamp()


class NoBusinessTime(ValueError):
    """The calendar has no open time in which to count the duration."""


@functools.cache
def _transitions(name: str, year: int) -> tuple[tuple[int, int], ...]:
    """(instant, new offset) for each offset change of the zone in a UTC year."""
    zone = timemath.zone(name)
    start = int(dt.datetime(year, 1, 1, tzinfo=UTC).timestamp())
    end = int(dt.datetime(year + 1, 1, 1, tzinfo=UTC).timestamp())
    # A probe a day (no zone changes its offset twice within a day), then bisection where it changed.
    probes = [start - 1, *range(start, end, _SCAN), end - 1]
    fromtimestamp = dt.datetime.fromtimestamp
    offsets = [fromtimestamp(ts, zone).utcoffset() for ts in probes]
    found: list[tuple[int, int]] = []
    for index in range(1, len(probes)):
        if offsets[index] != offsets[index - 1]:
            found.append(
                _bisect_change(zone, probes[index - 1], probes[index], timemath.utc_offset(zone, probes[index - 1]))
            )
    return tuple(found)


def _bisect_change(zone: zoneinfo.ZoneInfo, lo: int, hi: int, before: int) -> tuple[int, int]:
    # Invariant: offset(lo) == before != offset(hi).
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if timemath.utc_offset(zone, mid) == before:
            lo = mid
        else:
            hi = mid
    return hi, timemath.utc_offset(zone, hi)


# 1 January 00:00 UTC of each year the engine may look at (a year either side of its range).
_YEAR_STARTS = [int(dt.datetime(year, 1, 1, tzinfo=UTC).timestamp()) for year in range(FIRST_YEAR - 1, LAST_YEAR + 3)]


def _year_of(ts: float) -> int:
    """The UTC year of an instant."""
    index = bisect.bisect_right(_YEAR_STARTS, ts) - 1
    if 0 <= index < len(_YEAR_STARTS) - 1:
        return FIRST_YEAR - 1 + index
    return dt.datetime.fromtimestamp(ts, UTC).year


@functools.cache
def _year_table(name: str, year: int) -> tuple[list[int], list[int]]:
    """(instants, offsets): the zone's offset from each instant on, from 1 January of a UTC year."""
    start = _YEAR_STARTS[year - FIRST_YEAR + 1] if FIRST_YEAR - 1 <= year <= LAST_YEAR + 1 else None
    if start is None:
        start = int(dt.datetime(year, 1, 1, tzinfo=UTC).timestamp())
    changes = _transitions(name, year)
    return [start, *(instant for instant, _ in changes)], [
        timemath.utc_offset(timemath.zone(name), start),
        *(o for _, o in changes),
    ]


def _offset_at(name: str, ts: int) -> int:
    """The zone's UTC offset at an instant, from its table of changes (no datetime arithmetic)."""
    instants, offsets = _year_table(name, _year_of(ts))
    return offsets[bisect.bisect_right(instants, ts) - 1]


def offset_pieces(name: str, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """(start, end, UTC offset) spans covering [lo, hi) in which the zone's offset is constant."""
    changes = [
        change
        for year in range(_year_of(lo), _year_of(hi) + 1)
        for change in _transitions(name, year)
        if lo < change[0] < hi
    ]
    pieces = []
    start, offset = lo, _offset_at(name, lo)
    for instant, new_offset in changes:
        pieces.append((start, instant, offset))
        start, offset = instant, new_offset
    pieces.append((start, hi, offset))
    return pieces


def wall_to_instants(name: str, wall_lo: int, wall_hi: int) -> list[tuple[int, int]]:
    """The instants whose local wall-clock time (as naive epoch seconds) is in [wall_lo, wall_hi)."""
    spans = []
    for start, end, offset in offset_pieces(name, wall_lo - _MAX_OFFSET, wall_hi + _MAX_OFFSET):
        lo, hi = max(wall_lo - offset, start), min(wall_hi - offset, end)
        if lo < hi:
            spans.append((lo, hi))
    return spans


def localize(naive: dt.datetime, name: str) -> dt.datetime:
    """A local wall-clock time as an instant (UTC).

    An ambiguous time (the repeated fall-back hour) is its first occurrence; a
    time in the skipped spring-forward hour is the transition itself. Raises
    ValueError outside FIRST_YEAR..LAST_YEAR.
    """
    if not FIRST_YEAR <= naive.year <= LAST_YEAR:
        raise ValueError(f"{naive.isoformat()} is outside the years {FIRST_YEAR}-{LAST_YEAR}")
    wall = _wall_seconds(naive)
    whole = int(wall // 1)
    spans = wall_to_instants(name, whole, whole + 1)
    if spans:
        instant = spans[0][0] + (wall - whole)
    else:
        instant = next(
            start for start, _, offset in offset_pieces(name, whole - DAY, whole + DAY) if start + offset > wall
        )
    return dt.datetime.fromtimestamp(instant, UTC)


def _wall_seconds(naive: dt.datetime) -> float:
    return (naive.replace(tzinfo=None) - dt.datetime(1970, 1, 1)).total_seconds()


@dataclass(frozen=True)
class Hours:
    """One region's weekly windows: (weekday 0=Mon, start minute, end minute; end > 1440 ends next day)."""

    timezone: str
    windows: tuple[tuple[int, int, int], ...]


@dataclass
class Holidays:
    """Closed local dates: fixed ones and the named public holidays of countries."""

    dates: frozenset[dt.date] = frozenset()
    named: tuple[tuple[str, str], ...] = ()  # (country, subdivision)
    _years: dict[int, frozenset[dt.date]] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return bool(self.dates or self.named)

    def __contains__(self, day: dt.date) -> bool:
        if day in self.dates:
            return True
        if not self.named:
            return False
        if day.year not in self._years:
            self._years[day.year] = frozenset(public_holidays(self.named, day.year))
        return day in self._years[day.year]


class BusinessCalendar:
    """Open time of a calendar as UTC intervals, with add and between on top."""

    def __init__(self, hours: Sequence[Hours], holidays: Holidays | None = None, *, always: bool = False) -> None:
        self.hours = tuple(hours)
        self.holidays = holidays or Holidays()
        self.always = always
        self._days: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
        self._spans: dict[tuple[float, float], tuple[tuple[float, float], ...]] = {}
        self._pattern: BusinessCalendar | None = None
        self._by_day = [
            [tuple((start, end) for day, start, end in h.windows if day == weekday) for weekday in range(7)]
            for h in self.hours
        ]

    @property
    def empty(self) -> bool:
        return not self.always and not any(end > start for h in self.hours for _, start, end in h.windows)

    def _day(self, region: int, ordinal: int) -> tuple[tuple[int, int], ...]:
        """Open spans of the windows starting on one local date (days since 1970-01-01) of a region."""
        key = (region, ordinal)
        found = self._days.get(key)
        if found is None:
            windows = self._by_day[region][(ordinal + 3) % 7]  # 1970-01-01 was a Thursday
            if not windows or (self.holidays and _EPOCH_DAY + dt.timedelta(days=ordinal) in self.holidays):
                found = ()
            else:
                found = _open_spans(self.hours[region].timezone, windows, ordinal)
            self._days[key] = found
        return found

    def without_holidays(self) -> BusinessCalendar:
        """The same hours with no holiday: what an ordinary week looks like (shared, like `engine`)."""
        if self._pattern is None:
            self._pattern = shared(self.hours, Holidays(), self.always)
        return self._pattern

    def intervals(self, lo: float, hi: float) -> list[tuple[float, float]]:
        """Merged open intervals, clipped to [lo, hi)."""
        if hi <= lo:
            return []
        if self.always:
            return [(lo, hi)]
        # The rules of every playbook that shares these hours ask for the same weeks.
        key = (lo, hi)
        found = self._spans.get(key)
        if found is None:
            if len(self._spans) >= _MEMO:
                self._spans.clear()
            found = self._spans[key] = tuple(self._intervals(lo, hi))
        return list(found)

    def _intervals(self, lo: float, hi: float) -> list[tuple[float, float]]:
        # A window lies within 48 h after its local midnight; offsets stay within a day.
        first = int((lo - _MAX_OFFSET - 2 * DAY) // DAY)
        last = int((hi + _MAX_OFFSET) // DAY)
        spans = [
            span
            for region in range(len(self.hours))
            for ordinal in range(first, last + 1)
            for span in self._day(region, ordinal)
            if span[1] > lo and span[0] < hi
        ]
        return _merge(spans, lo, hi)

    def between(self, a: float, b: float) -> float:
        """Business seconds in [a, b); negative when b is before a."""
        if b < a:
            return -self.between(b, a)
        return sum(end - start for start, end in self.intervals(a, b))

    def add(self, start: float, seconds: float) -> float:
        """The earliest instant by which `seconds` of business time have passed since `start`."""
        if seconds < 0:
            raise ValueError("cannot add a negative business duration")
        if self.always or seconds == 0:
            return start + seconds
        if self.empty:
            raise NoBusinessTime("the calendar has no business hours")
        left, cursor, idle = seconds, start, 0
        while True:
            spans = self.intervals(cursor, cursor + WEEK)
            for lo, hi in spans:
                if hi - lo >= left:
                    return lo + left
                left -= hi - lo
            idle = idle + WEEK if not spans else 0
            if idle > _GIVE_UP_DAYS * DAY:
                raise NoBusinessTime("the calendar has no business hours for a year")
            cursor += WEEK
            if cursor > LIMIT:
                raise NoBusinessTime(f"no deadline before {LAST_YEAR + 1}")

    def is_open(self, instant: float) -> bool:
        return bool(self.intervals(instant, instant + 1e-6))

    def next_open(self, instant: float) -> float:
        """The instant itself when open, else when the calendar next opens."""
        return instant if self.is_open(instant) else self._next_start(instant)

    def _next_start(self, instant: float) -> float:
        cursor = instant
        for _ in range(_GIVE_UP_DAYS // 7 + 1):
            spans = self.intervals(cursor, cursor + WEEK)
            if spans:
                return spans[0][0]
            cursor += WEEK
        raise NoBusinessTime("the calendar has no business hours for a year")


_EPOCH_DAY = dt.date(1970, 1, 1)


@functools.lru_cache(maxsize=1 << 18)
def _open_spans(zone: str, windows: tuple[tuple[int, int], ...], ordinal: int) -> tuple[tuple[int, int], ...]:
    """The instants of a day's windows (start, end minutes) on one local date in a zone.

    Shared by every calendar (and playbook) with the same zone and hours that
    day, and by a calendar's holiday-free pattern: the rules ask for the same
    days again and again (530,880 times for 100 small playbooks before).
    """
    midnight = ordinal * DAY
    spans: list[tuple[int, int]] = []
    for start, end in windows:
        spans.extend(wall_to_instants(zone, midnight + start * 60, midnight + end * 60))
    return tuple(spans)


def _merge(spans: list[tuple[int, int]], lo: float, hi: float) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        start_c, end_c = max(start, lo), min(end, hi)
        if end_c <= start_c:
            continue
        if merged and start_c <= merged[-1][1]:
            if end_c > merged[-1][1]:
                merged[-1] = (merged[-1][0], end_c)
        else:
            merged.append((start_c, end_c))
    return merged


_ENGINES: weakref.WeakKeyDictionary[Calendar, BusinessCalendar] = weakref.WeakKeyDictionary()


_SHARED: dict[tuple[tuple[Hours, ...], frozenset[dt.date], tuple[tuple[str, str], ...], bool], BusinessCalendar] = {}
_MEMO = 8192  # intervals remembered per engine


def engine(calendar: Calendar) -> BusinessCalendar:
    """The business-time engine of a model calendar: one per distinct calendar content in the process."""
    if calendar not in _ENGINES:
        fresh = from_model(calendar)
        _ENGINES[calendar] = shared(fresh.hours, fresh.holidays, fresh.always)
    return _ENGINES[calendar]


def shared(hours: tuple[Hours, ...], holidays: Holidays, always: bool) -> BusinessCalendar:
    """The one engine for these hours and holidays (calendars of many playbooks are often the same)."""
    key = (hours, holidays.dates, holidays.named, always)
    if key not in _SHARED:
        _SHARED[key] = BusinessCalendar(hours, holidays, always=always)
    return _SHARED[key]


def from_model(calendar: Calendar) -> BusinessCalendar:
    hours = []
    if calendar.windows:
        hours.append(Hours(calendar.timezone, tuple((w.day, w.start, w.end) for w in calendar.windows)))
    for region in calendar.regions:
        hours.append(Hours(region.timezone, tuple((w.day, w.start, w.end) for w in region.windows)))
    holidays = Holidays(
        frozenset(h.date for h in calendar.holidays if h.date is not None),
        tuple(sorted({(h.country, h.subdivision) for h in calendar.holidays if h.country})),
    )
    return BusinessCalendar(hours, holidays, always=calendar.always)


def timestamp(instant: dt.datetime) -> float:
    return instant.timestamp()


def instant(ts: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(ts, UTC)


__all__ = [
    "BusinessCalendar",
    "Holidays",
    "Hours",
    "NoBusinessTime",
    "engine",
    "from_model",
    "localize",
]
