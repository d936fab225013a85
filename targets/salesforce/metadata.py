"""The Salesforce metadata files: business hours, milestone types, package.xml and the manifest.

The entitlement processes and the manual steps about them are in `targets.salesforce.processes`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass, field
from typing import Any

from compiler.plan.plan import Plan, PolicyPlan, SlaCell, policy_cells
from compiler.plan.targetfacts import TargetFacts, facts
from playbook.model import SLA_METRICS, Calendar
from targets.salesforce.xml import Node, document
from targets.shared.helpdesk import holiday_dates, local_week, schedule_calendars

DAYS = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")  # local_week's order
# A milestone's escalation alerts hang on the milestone the step is about.
WHEN_MILESTONE = {"unacknowledged": "acknowledge", "unmitigated": "mitigate", "unresolved": "resolve"}
# An SLA policy's periodic update to the customer is the recurring Customer Update milestone, as update_every.
MILESTONE_OF = {"periodic_update": "update_every"}


def salesforce_facts() -> TargetFacts:
    found = facts("salesforce")
    assert found is not None
    return found


def milestone_minutes(seconds: float) -> int:
    """minutesToComplete: whole minutes rounded down (stricter), at least 1 (looser; rule PB541)."""
    return max(1, math.floor(seconds / 60 + 1e-9))


def fit_name(text: str, limit: int) -> str:
    """A name within Salesforce's length limit; a long one keeps a digest so names stay unique."""
    if len(text) <= limit:
        return text
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    return f"{text[: limit - 9].rstrip()} {digest}"


@dataclass
class Build:
    plan: Plan
    facts: TargetFacts
    files: dict[str, bytes] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)  # package.xml type -> members
    manual: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, str]] = field(default_factory=list)
    hours_names: dict[str, str] = field(default_factory=dict)  # calendar id (or "24x7") -> entry name

    @property
    def book(self):  # type: ignore[no-untyped-def]
        return self.plan.book

    def note(self, kind: str, about: str, message: str) -> None:
        entry = {"kind": kind, "about": about, "message": message}
        if entry not in self.notes:
            self.notes.append(entry)

    def name(self, text: str) -> str:
        return fit_name(text, int(self.facts.data["metadata"]["max_name"]))


# --- business hours -------------------------------------------------------------------------


def _clock_cells(plan: Plan) -> list[SlaCell]:
    """Every target some process holds: each channel's, and each SLA policy's on every calendar it can pick."""
    found = [cell for prio in plan.priorities for cells in prio.sla.values() for cell in cells.values()]
    for policy_plan in plan.policies:
        for prio in plan.priorities:
            for value in calendar_values(policy_plan):
                found += policy_cells(plan.book, policy_plan.policy, prio.priority, value).values()
    return found


def calendar_values(policy_plan: PolicyPlan) -> list[str | None]:
    choice = policy_plan.policy.calendar
    return choice.values() if choice is not None else [None]


def _time(minutes: int) -> str:
    minutes %= 1440  # 24:00 is written 00:00, which the guide says is midnight at the day's end
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00.000Z"


def day_windows(intervals: list[tuple[int, int]]) -> dict[int, list[tuple[int, int]]]:
    """Minutes-of-week intervals (Sunday 00:00 = 0, never crossing midnight) as minutes of each day."""
    found: dict[int, list[tuple[int, int]]] = {}
    for start, end in intervals:
        found.setdefault(start // 1440, []).append((start % 1440, end - (start // 1440) * 1440))
    return found


def hours_entry(build: Build, name: str, calendar: Calendar | None) -> Node:
    """A BusinessHoursEntry: one window a day (start = end = 00:00 is all day; no times is closed)."""
    times: dict[str, tuple[int, int]] = {}
    if calendar is None:
        times = {day: (0, 0) for day in DAYS}
        zone = build.book.timezone
    else:
        intervals, notes = local_week(calendar)
        for note in notes:
            build.note("approximated", f"calendar {calendar.id}", note)
        for index, windows in sorted(day_windows(intervals).items()):
            start, end = windows[0][0], windows[-1][1]
            if len(windows) > 1:
                build.note(
                    "approximated",
                    f"calendar {calendar.id}",
                    f"{DAYS[index].title()} has {len(windows)} windows but Salesforce business hours hold one a day: "
                    f"open {_time(start)[:5]}-{_time(end)[:5]}, the gaps included (rule PB542)",
                )
            times[DAYS[index]] = (start, 0 if end == 1440 and start == 0 else end)
        zone = calendar.timezone
    fields: dict[str, Any] = {"active": True, "default": False, "name": name, "timeZoneId": zone}
    for day, (start, end) in times.items():
        fields[f"{day}StartTime"] = _time(start)
        fields[f"{day}EndTime"] = _time(end)
    # The WSDL's order: alphabetical by element name (metadata.xsd, BusinessHoursEntry).
    return ("businessHours", [(key, fields[key]) for key in sorted(fields)])


def business_hours(build: Build) -> None:
    entries: list[Node] = []
    cells = _clock_cells(build.plan)
    if any(cell.clock == "calendar" or _always(build, cell.calendar) for cell in cells):
        name = build.name(f"{build.book.id} 24x7")
        build.hours_names["24x7"] = name
        entries.append(hours_entry(build, name, None))
    holidays: dict[tuple[dt.date, str], list[str]] = {}
    for calendar in schedule_calendars(build.plan):
        name = build.name(f"{build.book.id} {calendar.id}")
        build.hours_names[calendar.id] = name
        entries.append(hours_entry(build, name, calendar))
        notes: list[str] = []
        for day, holiday in holiday_dates(calendar, notes):
            holidays.setdefault((day, build.name(holiday)), []).append(name)
        for note in notes:
            build.note("approximated", f"calendar {calendar.id}", note)
    if not entries:
        return
    holiday_nodes: list[Node] = [
        (
            "holidays",
            [
                ("activityDate", day.isoformat()),
                *[("businessHours", hours) for hours in names],
                ("isRecurring", False),
                ("name", holiday),
            ],
        )
        for (day, holiday), names in sorted(holidays.items())
    ]
    build.files["settings/BusinessHours.settings"] = document("BusinessHoursSettings", entries + holiday_nodes)
    build.members.setdefault("Settings", []).append("BusinessHours")


# --- milestones and entitlement processes ----------------------------------------------------


def milestone_spec(build: Build, metric: str) -> dict[str, str]:
    return dict(build.facts.data["milestones"][metric])


def _always(build: Build, calendar: str | None) -> bool:
    found = build.book.calendars.get(calendar) if calendar else None
    return found is not None and found.always


def milestone_types(build: Build) -> None:
    used = {MILESTONE_OF.get(cell.metric, cell.metric) for cell in _clock_cells(build.plan)}
    for metric in SLA_METRICS:
        if metric not in used or metric not in build.facts.data["milestones"]:
            continue
        spec = milestone_spec(build, metric)
        body: list[Node] = [("description", spec["description"]), ("recurrenceType", spec["recurrence"])]
        build.files[f"milestoneTypes/{spec['name']}.milestoneType"] = document("MilestoneType", body)
        if spec["recurrence"] != "none":
            build.note(
                "approximated",
                f"milestone {spec['name']}",
                f"{spec['name']} recurs ({spec['recurrence']}) so that every update restarts the clock; the Metadata "
                "API guide does not say from when a recurrence's target counts: check it in a sandbox",
            )
        build.members.setdefault("MilestoneType", []).append(spec["name"])


def standing_manual_steps(build: Build) -> None:
    if not build.members.get("EntitlementProcess"):
        return
    names = sorted(set(build.members.get("MilestoneType", [])))
    build.manual.append(
        {
            "id": "complete-milestones",
            "title": "Complete milestones when the work is done",
            "why": "Salesforce never completes a milestone by itself (Case Milestone CompletionDate)",
            "instructions": [
                f"Add a flow or trigger that sets the CompletionDate of the case's open {name} milestone when it is "
                "met (first reply sent, customer updated, impact contained, case resolved)."
                for name in names
            ],
        }
    )
    build.manual.append(
        {
            "id": "entitlement-settings",
            "title": "Turn on entitlement management before deploying",
            "why": "The metadata types exist only with Entitlement Management on (Setup, Entitlement Settings)",
            "instructions": [
                "Setup > Entitlement Settings: Enable Entitlement Management.",
                "If entitlement versioning is on, a process with an existing name is refused (forcedotcom/cli#2431): "
                "deploy it as a new version in Setup, or rename the playbook's process.",
            ],
        }
    )


# --- package.xml and manifest -------------------------------------------------------------------


def package_xml(build: Build) -> bytes:
    types: list[Node] = [
        ("types", [*[("members", m) for m in sorted(set(members))], ("name", kind)])
        for kind, members in sorted(build.members.items())
    ]
    return document("Package", [*types, ("version", build.facts.data["metadata"]["api_version"])])


def manifest(build: Build) -> dict[str, Any]:
    return {
        "target": "salesforce",
        "playbook": build.book.id,
        "deploy": "sf project deploy start --metadata-dir <this folder>",
        "api_version": build.facts.data["metadata"]["api_version"],
        "files": sorted([*build.files, "manifest.json"]),
        "manual_steps": build.manual,
        "notes": build.notes,
    }
