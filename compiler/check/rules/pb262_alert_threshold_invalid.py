"""An alert's threshold must be in the metric's unit and able to fire.

Why: an alert is a safety net only if it can go off. `queue_depth` counts
tickets, so `above: 10m` compares a count with a duration; `asa` is a time, so
`above: 60` leaves the unit to guess; a percentage above 100% or a negative
count is never crossed; an alert with neither `above` nor `below` never fires;
a service level alert fires when the level drops, so it needs `below`.

- counts (`queue_depth`, `backlog`, `sla_breaches`): a plain number, not negative;
- times (`asa`, `oldest_ticket`): a duration such as `60s`;
- rates (`abandon_rate`, `service_level`): a percentage from 0% to 100%.

Bad:
    alerts:
      - {metric: asa, channel: phone, above: 60, notify: team-lead}
      - {metric: service_level, channel: phone, above: 80%, notify: team-lead}

Good:
    alerts:
      - {metric: asa, channel: phone, above: 60s, intervals: 3, notify: team-lead}
      - {metric: service_level, channel: phone, below: 80%, notify: team-lead}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Alert, Playbook
from playbook.units import ValueError_, parse_duration

CODE = "PB262"
NAME = "alert-threshold-invalid"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}

COUNTS = {"queue_depth", "backlog", "sla_breaches"}
TIMES = {"asa", "oldest_ticket"}
RATES = {"abandon_rate", "service_level"}


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_duration(value: Any) -> bool:
    try:
        parse_duration(str(value))
    except ValueError_:
        return False
    return isinstance(value, str)


def _threshold_problem(metric: str, value: Any) -> tuple[str, str] | None:
    text = str(value)
    if metric in COUNTS:
        if not _is_number(value):
            return f"{metric} is a count, but {text!r} is not a number", "write a plain number such as 25"
        if value < 0:
            return f"a {metric} never goes below zero", "use a threshold of 0 or more"
    elif metric in TIMES and not _is_duration(value):
        return f"{metric} is a time, but {text!r} has no time unit", f"write a duration such as '{text}s'"
    elif metric in RATES:
        if not text.endswith("%"):
            return f"{metric} is a percentage, but {text!r} is not", f"write a percentage such as '{text}%'"
        if float(text[:-1]) > 100:
            return f"{metric} never exceeds 100%", "use a percentage from 0% to 100%"
    return None


def _problems(alert: Alert) -> Iterator[tuple[str, str, str]]:
    """(key, what, hint) for each problem of one alert."""
    if alert.above is None and alert.below is None:
        yield "metric", f"this {alert.metric} alert has no 'above' or 'below', so it never fires", "add a threshold"
        return
    for key in ("above", "below"):
        value = getattr(alert, key)
        found = _threshold_problem(alert.metric, value) if value is not None else None
        if found is not None:
            yield key, found[0], found[1]
    if alert.metric == "service_level" and alert.above is not None and alert.below is None:
        yield "above", "a service level alert fires when the level is too low", "use 'below:' instead of 'above:'"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for alert in book.alerts:
        for key, what, hint in _problems(alert):
            yield ctx.finding(alert.where(key), what, hint)
