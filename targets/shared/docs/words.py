"""Plain words for durations, targets, clocks and opening hours, as a person on shift reads them."""

from __future__ import annotations

import re

from playbook.model import Calendar, Window
from playbook.units import Target, format_clock, parse_duration

_UNITS = (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1))
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
METRIC_WORDS = {
    "answer": "answer",
    "acknowledge": "first response",
    "next_reply": "next reply",
    "update_every": "update every",
    "periodic_update": "periodic update",
    "mitigate": "mitigate",
    "requester_wait": "requester wait",
    "agent_work": "agent work",
    "resolve": "resolve",
}
WHEN_WORDS = {
    "unacknowledged": "if nobody has acknowledged it yet",
    "unmitigated": "if it is not mitigated yet",
    "unresolved": "if it is still unresolved",
}
KPI_NAMES = {
    "csat": "Customer satisfaction (CSAT)",
    "nps": "Net promoter score (NPS)",
    "fcr": "First-contact resolution (FCR)",
    "aht": "Average handle time (AHT)",
    "reopen_rate": "Reopen rate",
    "sla_compliance": "SLA compliance",
    "abandon_rate": "Abandon rate",
    "cost_per_contact": "Cost per contact",
    "asa": "Average speed of answer (ASA)",
    "service_level": "Service level",
    "quality_score": "Quality score",
}
_LIVE_NOUNS = {"phone": "calls", "chat": "chats"}


def plural(amount: float, unit: str) -> str:
    number = f"{amount:g}"
    return f"{number} {unit}" if amount == 1 else f"{number} {unit}s"


def join_and(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def seconds_words(seconds: float, *, days: bool = True) -> str:
    """900 -> '15 minutes', 5400 -> '1 hour 30 minutes'; without `days`, hours keep counting."""
    rest = round(seconds)
    if rest == 0:
        return "immediately"
    parts = []
    for unit, size in _UNITS:
        if unit == "day" and not days:
            continue
        amount, rest = divmod(rest, size)
        if amount:
            parts.append(plural(amount, unit))
    return " ".join(parts)


def short(seconds: float, clock: str) -> str:
    """900 -> '15m', 5400 -> '1h30m'; business time counts hours, never 24-hour days."""
    rest = round(seconds)
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if unit == "d" and clock == "business":
            continue
        amount, rest = divmod(rest, size)
        if amount:
            parts.append(f"{amount}{unit}")
    return "".join(parts) or "0m"


def span_words(seconds: float, clock: str) -> str:
    """A span on a priority's clock; business time never folds into days (a business day is not 24 hours)."""
    if clock == "business":
        return f"{seconds_words(seconds, days=False)} of business time" if round(seconds) else "immediately"
    return seconds_words(seconds)


_UNIT_NAMES = {"s": "second", "m": "minute", "h": "hour", "d": "day", "w": "week", "bh": "business hour"}


def duration_words(text: str, clock: str) -> str:
    """An SLA target in the author's own units: '3bd' -> '3 business days', '1h30m' -> '1 hour 30 minutes'.

    On a business clock a day or week is a business one (the calendar's average open day).
    """
    return " ".join(_part_words(amount, unit, clock) for amount, unit in parse_duration(text).parts)


def deadline_words(text: str, clock: str) -> str:
    """Any SLA target in words: a duration, a band ('1 business day, at the latest 3 business days'),
    the end of a business day ('by the end of the business day'), or an answer speed ('90% within 20 seconds')."""
    written = text.strip()
    if written.startswith("eod"):
        later = int(written.partition("+")[2] or 0)
        if later == 0:
            return "by the end of the business day"
        if later == 1:
            return "by the end of the next business day"
        return f"by the end of the {later + 1}th business day"
    if "%" in written:
        percent, _, within = written.partition("%")
        return f"{percent.strip()}% within {duration_words(within.replace('in', '', 1).strip(), clock)}"
    if "-" in written:
        low, _, high = written.partition("-")
        return f"{duration_words(low.strip(), clock)}, at the latest {duration_words(high.strip(), clock)}"
    return duration_words(written, clock)


def _part_words(amount: float, unit: str, clock: str) -> str:
    if unit == "bd" or (unit == "d" and clock == "business"):
        return plural(amount, "business day")
    if unit == "w" and clock == "business":
        return plural(amount, "business week")
    return plural(amount, _UNIT_NAMES[unit])


def target_words(target: Target) -> str:
    """'>= 92%' -> 'at least 92%', '7m-12m' -> '7 minutes to 12 minutes'; numbers stay as written (4.50)."""
    text = target.text.strip()
    for operator, words in ((">=", "at least"), ("<=", "at most"), (">", "more than"), ("<", "less than")):
        if text.startswith(operator):
            bound = target.low if target.low is not None else target.high
            return f"{words} {_bound(text[len(operator) :], bound, target.unit)}"
    if target.low == target.high:
        return _bound(text, target.low, target.unit)
    pieces = re.fullmatch(r"([-+]?[^-]+?)\s*-\s*([-+]?.+)", text)
    low, high = pieces.groups() if pieces else ("", "")
    return f"{_bound(low, target.low, target.unit)} to {_bound(high, target.high, target.unit)}"


def _bound(written: str, value: float | None, unit: str) -> str:
    written = written.strip()
    if value is None:
        return "any"
    if unit == "s":
        return seconds_words(value)
    if written and (written.endswith(unit) if unit else written[-1].isdigit()):
        return written
    return f"{value:g}{unit}"


def answer_words(channel_type: str, percent: float, seconds: float) -> str:
    noun = _LIVE_NOUNS.get(channel_type, "contacts")
    return f"answer {percent:g}% of {noun} within {answer_time(seconds)}"


def answer_time(seconds: float) -> str:
    """Speed of answer reads in seconds up to two minutes: '60 seconds', not '1 minute'."""
    return plural(seconds, "second") if seconds < 120 else seconds_words(seconds)


def clock_words(clock: str) -> str:
    return "business hours" if clock == "business" else "calendar hours"


def time_of_day(minutes: int) -> str:
    if minutes == 1440:
        return "24:00"
    day, rest = divmod(minutes, 1440)
    return format_clock(rest) + (" (next day)" if day else "")


def weekly_words(windows: list[Window]) -> str:
    """Windows of one time zone as 'Mon–Fri 09:00–17:30; Sat 10:00–14:00'."""
    by_day: dict[int, list[tuple[int, int]]] = {day: [] for day in range(7)}
    for window in windows:
        by_day[window.day].append((window.start, window.end))
    groups: list[tuple[list[int], tuple[tuple[int, int], ...]]] = []
    for day in range(7):
        hours = tuple(sorted(by_day[day]))
        if not hours:
            continue
        if groups and groups[-1][1] == hours and groups[-1][0][-1] == day - 1:
            groups[-1][0].append(day)
        else:
            groups.append(([day], hours))
    return "; ".join(f"{_day_span(days)} {', '.join(_hours(h) for h in hours)}" for days, hours in groups)


def _day_span(days: list[int]) -> str:
    if len(days) == 1:
        return _DAY_NAMES[days[0]]
    return f"{_DAY_NAMES[days[0]]}–{_DAY_NAMES[days[-1]]}"


def _hours(window: tuple[int, int]) -> str:
    return f"{time_of_day(window[0])}–{time_of_day(window[1])}"


def opening_hours(calendar: Calendar) -> list[str]:
    """One line per time zone (a follow-the-sun calendar has one per region)."""
    if calendar.always:
        return ["around the clock, every day"]
    lines = []
    if calendar.windows:
        lines.append(f"{weekly_words(calendar.windows)} ({calendar.timezone})")
    for region in calendar.regions:
        lines.append(f"{region.name}: {weekly_words(region.windows)} ({region.timezone})")
    return lines or ["no opening hours are written"]
