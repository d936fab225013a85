"""An alert's threshold must be in the metric's unit and able to fire.

Why: an alert is a safety net only if it can go off. `queue_depth` counts
tickets, so `above: 10m` compares a count with a duration; `asa` is a time, so
`above: 60` leaves the unit to guess; a percentage above 100% or a negative
count is never crossed; an alert with neither `above` nor `below` never fires;
a service level alert fires when the level drops, so it needs `below`.

- counts (`queue_depth`, `backlog`, `sla_breaches`): a plain number, not negative, or for
  `queue_depth` and `backlog` a share of the normal volume (`10% of normal`; see PB265);
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
from playbook.findings import Edit, Finding, shown
from playbook.model import Alert, Playbook
from playbook.operations import share_of_normal
from playbook.units import ValueError_, parse_duration

CODE = "PB262"
NAME = "alert-threshold-invalid"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}

COUNTS = {"queue_depth", "backlog", "sla_breaches"}
VOLUMES = {"queue_depth", "backlog"}  # counts that can be written as a share of the normal volume
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


def _threshold_problem(metric: str, value: Any) -> tuple[str, str, str | None] | None:
    """(what, hint, the value to write instead when it is certain) for a threshold, or None when it is fine."""
    text = str(value)
    if share_of_normal(value) is not None:
        if metric in VOLUMES:
            return None
        return (
            f"{metric} is not a volume, so it cannot be a share of the normal volume",
            "write the threshold in the metric's own unit; only queue_depth and backlog can be '% of normal'",
            None,
        )
    if metric in COUNTS:
        if not _is_number(value):
            return f"{metric} is a count, but {shown(text)} is not a number", "write a plain number such as 25", None
        if value < 0:
            return f"a {metric} never goes below zero", "use a threshold of 0 or more", None
    elif metric in TIMES and not _is_duration(value):
        if _is_number(value):
            return f"{metric} is a time, but {text!r} has no time unit", f"write '{text}s' (seconds)", f"{text}s"
        what = f"{metric} is a time, but {shown(text)} is not a duration"
        return what, "write a duration such as '60s' or '2m'", None
    elif metric in RATES:
        if not text.endswith("%"):
            if _is_number(value) and 1 <= value <= 100:
                return f"{metric} is a percentage, but {text!r} is not", f"write '{text}%'", f"{text}%"
            return f"{metric} is a percentage, but {shown(text)} is not", "write a percentage such as '80%'", None
        if float(text[:-1]) > 100:
            return f"{metric} never exceeds 100%", "use a percentage from 0% to 100%", None
    return None


def _problems(alert: Alert) -> Iterator[tuple[str, str, str, list[Edit]]]:
    """(key, what, hint, fix) for each problem of one alert."""
    if alert.above is None and alert.below is None:
        yield (
            "metric",
            f"this {alert.metric} alert has no 'above' or 'below', so it never fires",
            "add 'above:' or 'below:' with the value that should raise the alert",
            [],
        )
        return
    for key in ("above", "below"):
        value = getattr(alert, key)
        found = _threshold_problem(alert.metric, value) if value is not None else None
        if found is not None:
            what, hint, better = found
            yield key, what, hint, [Edit(alert.where(key), str(value), better)] if better else []
    if alert.metric == "service_level" and alert.above is not None and alert.below is None:
        yield (
            "above",
            "a service level alert fires when the level is too low",
            "use 'below:' instead of 'above:'",
            [Edit(alert.where("above", at_key=True), "above", "below")],
        )


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for alert in book.alerts:
        for key, what, hint, fix in _problems(alert):
            yield ctx.finding(alert.where(key), what, hint, fix=fix)
