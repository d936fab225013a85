"""Parsers for the small value languages of a playbook: durations, windows, targets, days."""

from __future__ import annotations

import re
from dataclasses import dataclass

UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "bh": 3600, "bd": 86400}
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(s|m|h|d|w|bh|bd)$")
_WINDOW = re.compile(r"^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})(\+1)?$")
_NUMBER_UNIT = r"([-+]?\d+(?:\.\d+)?)\s*(%|s|m|h|d)?"
_TARGET = re.compile(rf"^(>=|<=|>|<|=)?\s*{_NUMBER_UNIT}(?:\s*-\s*{_NUMBER_UNIT})?$")
_SERVICE_LEVEL = re.compile(r"^(\d+(?:\.\d+)?)%\s+in\s+(\d+(?:\.\d+)?)(s|m|h)$")


class ValueError_(ValueError):
    """A value that matched the schema's shape but means nothing (25:00, 5%-2%)."""


@dataclass(frozen=True, slots=True)
class Duration:
    """A duration as written. `business` is True for bh/bd, which always count business time.

    `s m h d w` count on the clock of whatever they belong to (a priority's
    business or calendar hours). On a business clock a day (`d`, `bd`) is the
    calendar's average open day, which only a calendar can turn into seconds.
    """

    text: str
    amount: float
    unit: str

    @property
    def business(self) -> bool:
        return self.unit in ("bh", "bd")

    @property
    def is_days(self) -> bool:
        return self.unit in ("d", "bd", "w")

    @property
    def nominal_seconds(self) -> float:
        """Seconds if every day were 24 hours long (exact for calendar-hour clocks)."""
        return self.amount * UNIT_SECONDS[self.unit]

    def __str__(self) -> str:
        return self.text


def parse_duration(text: str) -> Duration:
    match = _DURATION.match(str(text).strip())
    if not match:
        raise ValueError_(f"{text!r} is not a duration such as 15m, 4h, 3d or 1bd")
    return Duration(str(text), float(match.group(1)), match.group(2))


def parse_window(text: str) -> tuple[int, int]:
    """'09:00-17:30' -> (540, 1050) minutes from midnight; '+1' ends the next day."""
    match = _WINDOW.match(str(text).strip())
    if not match:
        raise ValueError_(f"{text!r} is not a window such as 09:00-17:30")
    h1, m1, h2, m2, next_day = match.groups()
    for hours, minutes in ((h1, m1), (h2, m2)):
        if int(hours) > 24 or int(minutes) > 59 or (int(hours) == 24 and int(minutes)):
            raise ValueError_(f"{hours}:{minutes} is not a time of day")
    start = int(h1) * 60 + int(m1)
    end = int(h2) * 60 + int(m2)
    if start == 1440:
        raise ValueError_("a window cannot start at 24:00")
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


def _scaled(number: str, unit: str | None) -> tuple[float, str]:
    value = float(number)
    if unit in ("s", "m", "h", "d"):
        return value * UNIT_SECONDS[unit], "s"
    return value, unit or ""


def parse_target(value: object) -> Target:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Target(str(value), float(value), float(value), "")
    match = _TARGET.match(str(value).strip())
    if not match:
        raise ValueError_(f"{value!r} is not a target such as '>= 92%', '78%-85%' or '7m-12m'")
    op, n1, u1, n2, u2 = match.groups()
    low, unit = _scaled(n1, u1 or u2)
    if n2 is not None:
        if op:
            raise ValueError_(f"{value!r}: a range cannot also have '{op}'")
        high, unit2 = _scaled(n2, u2 or u1)
        if unit2 != unit:
            raise ValueError_(f"{value!r}: both ends of a range need the same unit")
        if high < low:
            raise ValueError_(f"{value!r}: the range is inverted")
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
        raise ValueError_(f"{value!r}: the range is inverted")
    return lo, hi


def parse_service_level(text: str) -> tuple[float, float]:
    """'80% in 20s' -> (80.0, 20.0 seconds)."""
    match = _SERVICE_LEVEL.match(str(text).strip())
    if not match:
        raise ValueError_(f"{text!r} is not a service level such as '80% in 20s'")
    percent, amount, unit = match.groups()
    if float(percent) > 100:
        raise ValueError_(f"{text!r}: a percentage cannot exceed 100")
    return float(percent), float(amount) * UNIT_SECONDS[unit]


def format_seconds(seconds: float) -> str:
    """A short human duration: 90 -> '90s', 900 -> '15m', 5400 -> '1h30m'."""
    seconds = int(round(seconds))
    if seconds < 120 and seconds % 60:
        return f"{seconds}s"
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{v}{u}" for v, u in ((days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")) if v]
    return "".join(parts) or "0s"
