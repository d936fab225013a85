"""Recurring work, shift models and QA sampling: the figures an operations document states besides SLAs.

`cadences:` (daily queue summaries, weekly trend reports, monthly SLA reviews),
`staffing.shifts` with `staffing.handover` (3x8 or 2x12 rotas and how long they
overlap), and `qa.sampling` (interactions reviewed per agent). `playbook.model`
holds the sections they belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from playbook.entity import Entity
from playbook.findings import Location
from playbook.units import Duration, parse_days, parse_duration, parse_hours_range, parse_window
from playbook.yamlload import Map

CADENCE_PERIODS = ("daily", "weekly", "monthly", "quarterly")


@dataclass(eq=False)
class Cadence(Entity):
    """One recurring task: what, how often, on which day and at what time, by whom."""

    title: str = ""
    every: str = "weekly"
    days: list[int] = field(default_factory=list)  # daily/weekly: weekdays (0 = Monday); empty: any
    day_of_month: int | None = None  # monthly/quarterly
    at: int | None = None  # minutes from midnight
    calendar: str | None = None
    owner: str | None = None
    audience: str = ""
    description: str = ""


@dataclass(frozen=True)
class Shift:
    """One shift of the rota: its days, its hours (in the playbook's time zone) and how many people."""

    name: str
    days: tuple[int, ...]
    start: int  # minutes from midnight
    end: int  # minutes from midnight; > 1440 when it ends the next day
    staff: int
    team: str | None
    loc: Location


@dataclass(frozen=True)
class Sampling:
    """QA sampling: interactions reviewed per agent per week or month."""

    low: float
    high: float
    every: str  # "week" or "month"
    loc: Location

    def per_month(self) -> tuple[float, float]:
        """The range per month (a month holds 52/12 weeks)."""
        factor = 52 / 12 if self.every == "week" else 1.0
        return self.low * factor, self.high * factor


def cadence(builder: Any, cid: str, raw: Map) -> Cadence:
    found = Cadence(
        cid,
        raw,
        title=str(raw.get("title", cid)),
        every=str(raw.get("every", "weekly")),
        calendar=raw.get("calendar"),
        owner=raw.get("owner"),
        audience=str(raw.get("audience", "")),
        description=str(raw.get("description", "")),
    )
    on = raw.get("on")
    if isinstance(on, int) and not isinstance(on, bool):
        if found.every in ("daily", "weekly"):
            builder.problem(
                Location(*raw.value_loc("on")),
                f"a {found.every} cadence happens on days of the week, not on day {on} of the month",
                "write a day such as 'mon' (or 'mon-fri' for a daily one)",
            )
        else:
            found.day_of_month = on
    elif isinstance(on, str):
        if found.every in ("monthly", "quarterly"):
            builder.problem(
                Location(*raw.value_loc("on")),
                f"a {found.every} cadence happens on a day of the month, not on {on!r}",
                "write the day of the month, e.g. 1",
            )
        else:
            found.days = parse_days(on)
    if "at" in raw:
        hours, _, minutes = str(raw["at"]).partition(":")
        if int(hours) > 23 or int(minutes) > 59:
            builder.problem(Location(*raw.value_loc("at")), f"{raw['at']!r} is not a time of day", "write HH:MM")
        else:
            found.at = int(hours) * 60 + int(minutes)
    return found


def shifts(builder: Any, raw: Map) -> list[Shift]:
    """`staffing.shifts`, with a finding for hours that are not a time window."""
    found = []
    rows = raw.get("shifts") or []
    for index, item in enumerate(rows):
        loc = Location(*rows.item_loc(index))
        window = builder.parse(item, "hours", parse_window, "write 'HH:MM-HH:MM', with +1 for a night shift")
        if window is None:
            continue
        team = item.get("team")
        found.append(Shift(str(item["name"]), tuple(parse_days(item["days"])), *window, int(item["staff"]), team, loc))
    return found


def handover(builder: Any, raw: Map) -> tuple[Duration, Duration] | None:
    """`staffing.handover`: (shortest, longest) overlap of consecutive shifts."""
    if "handover" not in raw:
        return None

    def parse(text: object) -> tuple[Duration, Duration]:
        low, _, high = str(text).partition("-")
        first = parse_duration(low.strip())
        last = parse_duration(high.strip()) if high else first
        if last.nominal_seconds < first.nominal_seconds:
            raise ValueError(f"{text!r}: the band is inverted")
        return first, last

    return builder.parse(raw, "handover", parse, "write a duration or a band such as '30m-60m'")


def sampling(builder: Any, raw: Map) -> Sampling | None:
    item = raw.get("sampling")
    if not isinstance(item, Map):
        return None
    interactions = builder.parse(item, "interactions", parse_hours_range, "write a number or a range such as '3-8'")
    if interactions is None:
        return None
    return Sampling(
        interactions[0], interactions[1], str(item.get("every", "week")), Location(*raw.value_loc("sampling"))
    )


_SHARE = re.compile(r"^\s*(\d+(?:\.\d+)?)%\s+of\s+normal\s*$")


def share_of_normal(value: object) -> float | None:
    """The percentage in a threshold written as a share of the normal volume ('10% of normal'), else None."""
    match = _SHARE.match(str(value)) if isinstance(value, str) else None
    return float(match.group(1)) if match else None
