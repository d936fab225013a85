"""A threshold written as a share of the normal volume needs a normal volume.

Why: "reroute when the backlog exceeds 10% of normal volume" is a sound rule
only when everyone agrees what normal is. `above: 10% of normal` takes the
alert's `normal:` (contacts a day), or else the day's total of its channel's
staffing forecast; with neither, the alert has no number to fire at and
whoever sets it up in a monitoring tool guesses.

Bad:
    alerts:
      - {metric: backlog, above: 10% of normal, notify: team-lead}

Good:
    alerts:
      - {metric: backlog, above: 10% of normal, normal: 600, notify: team-lead}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Alert, Playbook
from playbook.operations import share_of_normal

CODE = "PB265"
NAME = "alert-normal-unknown"
SEVERITY = "error"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "the normal volume is the team's own figure"


def normal_volume(book: Playbook, alert: Alert) -> float | None:
    """Contacts in a normal day: the alert's `normal`, else its channel's forecast for the day."""
    if alert.normal is not None:
        return float(alert.normal)
    forecast = book.staffing.forecast.get(alert.channel or "") if book.staffing else None
    if forecast is None or not forecast.intervals:
        return None
    return float(sum(row.volume for row in forecast.intervals))


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for alert in book.alerts:
        for key in ("above", "below"):
            if share_of_normal(getattr(alert, key)) is None or normal_volume(book, alert) is not None:
                continue
            channel = f" for channel {alert.channel}" if alert.channel else ""
            yield ctx.finding(
                alert.where(key),
                f"this {alert.metric} alert fires at a share of the normal volume, but no normal volume is "
                f"known{channel}",
                "add 'normal:' (contacts a day) to the alert, or a staffing forecast for its channel",
            )
