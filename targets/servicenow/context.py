"""What every part of the ServiceNow build shares: the bundle being written, facts, formats, lookups."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from compiler.plan.plan import Plan
from compiler.plan.targetfacts import TargetFacts, facts
from playbook.model import Calendar
from targets.shared.helpdesk import REFERENCE_YEARS
from targets.shared.payloads import Bundle, Ref

API = {
    "name": "ServiceNow Table API",
    "base_url": "https://<instance>.service-now.com",
    "reference": "https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html",
}
EPOCH = dt.datetime(1970, 1, 1)


def servicenow_facts() -> TargetFacts:
    found = facts("servicenow")
    assert found is not None
    return found


def table_path(table: str) -> str:
    return f"/api/now/table/{table}"


def glide_duration(seconds: int) -> str:
    """A glide_duration value: the duration as a date and time counted from 1970-01-01 00:00:00."""
    return (EPOCH + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


def whole_seconds(seconds: float) -> int:
    """Durations are whole seconds: rounded down (stricter), at least 1."""
    return max(1, math.floor(seconds + 1e-6))


def schedule_time(day: dt.date, minutes: int) -> str:
    """A schedule date-time value (yyyyMMddTHHmmss); minute 1440 is the next day's 00:00."""
    moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)
    return moment.strftime("%Y%m%dT%H%M%S")


def first_sunday(calendar: Calendar) -> dt.date:
    """The Sunday that starts the week weekly entries begin in: the first of the calendar's first year."""
    year = calendar.years[0] if calendar.years else REFERENCE_YEARS[0]
    day = dt.date(year, 1, 1)
    return day + dt.timedelta(days=(6 - day.weekday()) % 7)


def days_of_week(sunday_based: int) -> str:
    """cmn_schedule_span.days_of_week digit: 1 Monday ... 7 Sunday."""
    return "7" if sunday_based == 0 else str(sunday_based)


@dataclass
class Build:
    plan: Plan
    facts: TargetFacts
    bundle: Bundle
    schedules: dict[str, Ref] = field(default_factory=dict)  # calendar id -> its schedule
    definitions: dict[tuple[str, str], str] = field(default_factory=dict)  # (priority, metric) -> default SLA's name

    @property
    def book(self):  # type: ignore[no-untyped-def]
        return self.plan.book

    @property
    def table(self) -> str:
        return str(self.facts.data["table"]["name"])


def user(build: Build, contact_id: str) -> Ref | None:
    contact = build.book.contacts.get(contact_id)
    if contact is None or not contact.email:
        return None
    ref = Ref("user", contact_id)
    build.bundle.lookup(
        ref,
        f"GET /api/now/table/sys_user?sysparm_query=email={contact.email}&sysparm_fields=sys_id,email",
        {"email": contact.email},
        contact.name,
    )
    return ref
