"""Parsers for the small value languages of a playbook: durations, windows, targets, days."""

from __future__ import annotations

import re
from dataclasses import dataclass

from playbook.findings import shown

UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "bh": 3600, "bd": 86400}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# One regular expression for a duration, shared with the JSON Schema (a test holds
# them equal): written in the subset where Python and ECMAScript agree. A duration
# is one or more parts, largest unit first, each unit once: `15m`, `1h30m`, `1d4h`;
# business units only with each other (`1bd4bh`), so one value never mixes clocks.
_NUMBER = r"\d+(\.\d+)?"


def _compound(units: str) -> str:
    return "(?=\\d)" + "".join(f"({_NUMBER}{unit})?" for unit in units.split())


DURATION_PATTERN = f"^(?:{_compound('w d h m s')}|{_compound('bd bh')})$"
_TIME = _compound("d h m s")  # a span inside a target or a service level
SERVICE_LEVEL_PATTERN = f"^{_NUMBER}%\\s+in\\s+{_compound('h m s')}$"
_DURATION = re.compile(DURATION_PATTERN, re.ASCII)
_PART = re.compile(r"(\d+(?:\.\d+)?)(bd|bh|w|d|h|m|s)", re.ASCII)
_WINDOW = re.compile(r"^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})(\+1)?$", re.ASCII)
_QUANTITY = re.compile(rf"^(?:({_NUMBER})\s*(%|s|m|h|d)?|{_TIME})$", re.ASCII)
_NUMBER_UNIT = rf"[-+]?(?:{_NUMBER}\s*(?:%|s|m|h|d)?|{_TIME})"
TARGET_PATTERN = rf"^(>=|<=|>|<|=)?\s*({_NUMBER_UNIT})(\s*-\s*({_NUMBER_UNIT}))?$"
_TARGET = re.compile(TARGET_PATTERN, re.ASCII)
_SERVICE_LEVEL = re.compile(SERVICE_LEVEL_PATTERN, re.ASCII)


class ValueError_(ValueError):
    """A value that matched the schema's shape but means nothing (25:00, 5%-2%).

    `hint` says what to do when it is more than "write a valid value"; `better`
    is the value to write instead when it is certain (a range the other way round).
    """

    def __init__(self, message: str, hint: str = "", better: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint
        self.better = better


@dataclass(frozen=True, slots=True)
class Duration:
    """A duration as written. `business` is True for bh/bd, which always count business time.

    `parts` are (amount, unit) pairs, largest unit first: `1h30m` is ((1, 'h'), (30, 'm')).
    `s m h d w` count on the clock of whatever they belong to (a priority's
    business or calendar hours). On a business clock a day (`d`, `bd`) is the
    calendar's average open day, which only a calendar can turn into seconds.
    """

    text: str
    parts: tuple[tuple[float, str], ...]

    @property
    def business(self) -> bool:
        return self.parts[0][1] in ("bh", "bd")

    @property
    def is_days(self) -> bool:
        return any(unit in ("d", "bd", "w") for _, unit in self.parts)

    @property
    def nominal_seconds(self) -> float:
        """Seconds if every day were 24 hours long (exact for calendar-hour clocks)."""
        return sum(amount * UNIT_SECONDS[unit] for amount, unit in self.parts)

    def seconds_with(self, day: float, week: float) -> float:
        """Seconds when a day lasts `day` seconds and a week `week` (a business clock's days and weeks)."""
        lengths = {"d": day, "bd": day, "w": week}
        return sum(amount * lengths.get(unit, UNIT_SECONDS[unit]) for amount, unit in self.parts)

    def __str__(self) -> str:
        return self.text


def parse_duration(text: str) -> Duration:
    written = str(text).strip()
    if not _DURATION.fullmatch(written):
        raise ValueError_(f"{shown(text)} is not a duration such as 15m, 1h30m, 3d or 1bd")
    return Duration(str(text), tuple((float(amount), unit) for amount, unit in _PART.findall(written)))


def parse_window(text: str) -> tuple[int, int]:
    """'09:00-17:30' -> (540, 1050) minutes from midnight; '+1' ends the next day."""
    match = _WINDOW.fullmatch(str(text).strip())
    if not match:
        raise ValueError_(f"{shown(text)} is not a window such as 09:00-17:30")
    h1, m1, h2, m2, next_day = match.groups()
    for hours, minutes in ((h1, m1), (h2, m2)):
        if int(hours) > 24 or int(minutes) > 59 or (int(hours) == 24 and int(minutes)):
            raise ValueError_(f"{hours}:{minutes} is not a time of day", "write times from 00:00 to 24:00")
    start = int(h1) * 60 + int(m1)
    end = int(h2) * 60 + int(m2)
    if start == 1440:
        raise ValueError_("a window cannot start at 24:00", "start it at 00:00 of the next day")
    if next_day:
        end += 1440
    return start, end


def parse_days(spec: str) -> list[int]:
    """'mon-fri' -> [0..4]; 'daily' -> all; 'fri-mon' wraps over the weekend."""
    if spec == "daily":
        return list(range(7))
    first, _, last = spec.partition("-")
    start = DAYS.index(first)
    if not last:
        return [start]
    end = DAYS.index(last)
    return [(start + i) % 7 for i in range((end - start) % 7 + 1)]


@dataclass(frozen=True, slots=True)
class Target:
    """A target such as '>= 92%', '<= 5%', '78%-85%', '7m-12m' or '4'.

    `low`/`high` are bounds (None when open); durations are in seconds and
    percentages in percent.
    """

    text: str
    low: float | None
    high: float | None
    unit: str  # '%', 's' (durations) or '' (plain numbers)

    def contains(self, value: float) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


def _quantity(written: str) -> tuple[float, str | None]:
    """'92%' -> (92, '%'); '7m' -> (420, 's'); '4m30s' -> (270, 's'); '4' -> (4, None): unit None when unwritten."""
    sign = -1.0 if written.startswith("-") else 1.0
    body = written.lstrip("+-").strip()
    match = _QUANTITY.fullmatch(body)
    if match is None or not body:
        raise ValueError_(f"{shown(written)} is not a number, percentage or time")
    if match.group(1) is not None:
        unit = match.group(3)
        if unit in ("s", "m", "h", "d"):
            return sign * float(match.group(1)) * UNIT_SECONDS[unit], "s"
        return sign * float(match.group(1)), unit
    return sign * sum(float(amount) * UNIT_SECONDS[unit] for amount, unit in _PART.findall(body)), "s"


def _scaled(written: str, other: str | None) -> tuple[float, str]:
    """A quantity, taking its unit from the other end of a range when it has none ('7-12m')."""
    value, unit = _quantity(written)
    if unit is None and other is not None:
        other_unit = _quantity(other)[1]
        if other_unit is not None:
            value, unit = _quantity(written + (other.strip()[-1] if other_unit == "s" else other_unit))
    return value, unit or ""


_TAIL_GROUP = 4 + re.compile(_NUMBER_UNIT).groups  # the group holding a range's second quantity


def parse_target(value: object) -> Target:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Target(str(value), float(value), float(value), "")
    match = _TARGET.fullmatch(str(value).strip())
    if not match:
        raise ValueError_(f"{shown(value)} is not a target such as '>= 92%', '78%-85%' or '7m-12m'")
    op, first, second = match.group(1), match.group(2), match.group(_TAIL_GROUP)
    low, unit = _scaled(first, second)
    if second is not None:
        if op:
            raise ValueError_(f"{shown(value)}: a range cannot also have '{op}'", f"remove '{op}', or write one bound")
        high, unit2 = _scaled(second, first)
        if unit2 != unit:
            raise ValueError_(
                f"{shown(value)}: both ends of a range need the same unit", "write both ends in one unit, e.g. '7m-12m'"
            )
        if high < low:
            swapped = f"{second.strip()}-{first.strip()}"
            raise ValueError_(
                f"{shown(value)}: the range is inverted", f"write the smaller end first: {swapped}", swapped
            )
        return Target(str(value), low, high, unit)
    if op in (">=", ">"):
        return Target(str(value), low, None, unit)
    if op in ("<=", "<"):
        return Target(str(value), None, low, unit)
    return Target(str(value), low, low, unit)


def parse_hours_range(value: object) -> tuple[float, float]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value), float(value)
    low, _, high = str(value).partition("-")
    lo, hi = float(low), float(high or low)
    if hi < lo:
        swapped = f"{high.strip()}-{low.strip()}"
        raise ValueError_(f"{shown(value)}: the range is inverted", f"write the smaller end first: {swapped}", swapped)
    return lo, hi


def parse_service_level(text: str) -> tuple[float, float]:
    """'80% in 20s' -> (80.0, 20.0 seconds)."""
    written = str(text).strip()
    if not _SERVICE_LEVEL.fullmatch(written):
        raise ValueError_(f"{shown(text)} is not a service level such as '80% in 20s'")
    percent, _, span = written.partition("%")
    if float(percent) > 100:
        raise ValueError_(f"{shown(text)}: a percentage cannot exceed 100", "use a percentage of at most 100%")
    return float(percent), sum(float(a) * UNIT_SECONDS[u] for a, u in _PART.findall(span.split("in", 1)[1]))


# Durations and times of day as text: every formatter is here, so one change reaches every output.


def format_seconds(seconds: float) -> str:
    """A short human duration: 90 -> '90s', 900 -> '15m', 5400 -> '1h30m', 93600 -> '1d2h'."""
    seconds = int(round(seconds))
    if seconds < 120 and seconds % 60:
        return f"{seconds}s"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{v}{u}" for v, u in ((days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")) if v]
    return "".join(parts) or "0s"


def duration_text(seconds: float) -> str:
    """Hours at most, the way the help desks count: 90m -> '1h30m', 86400 -> '24h', 90 -> '1m30s'."""
    seconds = int(round(seconds))
    if seconds < 0:
        return "-" + duration_text(-seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else "", f"{secs}s" if secs else ""]
    return "".join(parts) or "0m"


def format_on_clock(seconds: float, clock: str) -> str:
    """Business time in hours and minutes ('9h', '12h05m'): a business day is not 24 hours, so '1d3h' would
    mislead; calendar time as format_seconds."""
    if clock != "business":
        return format_seconds(seconds)
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours}h{minutes:02d}m" if minutes else f"{hours}h"


def format_clock(minutes: int) -> str:
    """Minutes from midnight as 'HH:MM' (past midnight keeps counting: 1500 -> '25:00')."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
