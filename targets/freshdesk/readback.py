"""Reading Freshdesk's own encodings back: business hours, 'unassigned for', SLA escalation times.

Shared by the importer of objects playbook made (importer.py) and the one of
an account configured by hand (handmade.py).
"""

from __future__ import annotations

from typing import Any

from targets.freshdesk.escalation import ESCALATION_TIMES

# A group's 'unassigned for' choices as playbook durations (routing `within`).
UNASSIGNED_FOR = {"30m": "30m", "1h": "1h", "2h": "2h", "4h": "4h", "8h": "8h", "12h": "12h", "1d": "24h",
                  "2d": "48h", "3d": "72h"}  # fmt: skip
WEEKDAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")


def minutes(text: str, end: bool = False) -> int:
    """'05:30 pm' -> 1050; an end of '11:59 pm' (or with seconds) is midnight, 1440."""
    parts = text.strip().lower().split()
    clock, half = parts[0], parts[1] if len(parts) > 1 else "am"
    numbers = [int(p) for p in clock.split(":")]
    hours, mins = numbers[0] % 12 + (12 if half == "pm" else 0), numbers[1] if len(numbers) > 1 else 0
    total = hours * 60 + mins
    return 1440 if end and total >= 1439 else total


def week_of(hours: dict[str, Any]) -> list[tuple[int, int]]:
    """Business hours (`business_hours: {monday: {start_time, end_time}}`) as minutes-of-week intervals."""
    intervals = []
    for day, span in (hours.get("business_hours") or {}).items():
        if day in WEEKDAYS and span:
            base = WEEKDAYS.index(day) * 1440
            intervals.append((base + minutes(span["start_time"]), base + minutes(span["end_time"], True)))
    return intervals


def block_offset(levels: list[dict[str, Any] | None], targets: list[float]) -> float | None:
    """The one time from a ticket's start at which escalation levels of several policies (each `escalation_time`
    after its own target) all fire, as a playbook step does; None when no single time gives every one of them."""
    low, high = 0.0, float("inf")
    for level, target in zip(levels, targets, strict=True):
        if level is None:
            return None
        time = level["escalation_time"]
        later = [t for t in ESCALATION_TIMES if t > time]
        low = max(low, target + time)
        high = min(high, target + (later[0] if later else float("inf")))
    return low if low < high else None
