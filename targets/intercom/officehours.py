"""Intercom office hours schedules, holiday exceptions and SLA-rule manual steps."""

from __future__ import annotations

from compiler.plan.helpdesk import sla_policies
from compiler.plan.plan import EVERY_CHANNEL, Plan, SlaCell, policy_cells
from compiler.plan.targetfacts import facts
from playbook.model import Calendar
from playbook.policies import resolve
from playbook.units import duration_text
from targets.shared.helpdesk import holiday_dates, local_week, slug
from targets.shared.payloads import Bundle, Ref

API = {
    "name": "Intercom REST API (Intercom-Version: Preview)",
    "base_url": "https://api.intercom.io",
    "reference": "https://developers.intercom.com/docs/references/preview/rest-api/api.intercom.io/office-hours",
}
WEEK = 10080
# Intercom's SLA rule fields for the playbook's metrics (Preview "SLA Rule"); mitigate has none.
SLA_FIELDS = {
    "acknowledge": "First reply time",
    "update_every": "Next reply time",
    "resolve": "Time to close",
}
# With SLA policies: an SLA policy's next reply is Intercom's next reply (preferred over update_every, the
# same field), and a phone queue's answer speed is its speed of answer (`speed_of_answer_in_seconds`).
POLICY_FIELDS = {**SLA_FIELDS, "next_reply": "Next reply time", "answer": "Speed of answer (phone)"}


def step_minutes() -> int:
    found = facts("intercom")
    return int(found.data["office_hours"]["step_minutes"]) if found else 15


def monday_intervals(calendar: Calendar) -> tuple[list[tuple[int, int]], list[str]]:
    """Open hours as minutes from Monday 00:00, joined across midnights, widened to 15-minute boundaries."""
    if calendar.always:
        return [(0, WEEK)], []
    intervals, notes = local_week(calendar)
    step = step_minutes()
    moved = sorted(((start - 1440) % WEEK, (start - 1440) % WEEK + end - start) for start, end in intervals)
    joined: list[list[int]] = []
    for start, end in moved:
        low, high = start - start % step, end + (-end) % step
        if (low, high) != (start, end):
            notes.append(
                f"Intercom office hours move in {step}-minute steps: hours not on a boundary were widened "
                "(open earlier or close later), so clocks never pause while the desk is open (rule PB546)"
            )
        if joined and low <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], high)
        else:
            joined.append([low, min(high, WEEK)])
    return [(a, b) for a, b in joined], sorted(set(notes), key=notes.index)


def render_bundle(plan: Plan) -> dict[str, bytes]:
    book = plan.book
    bundle = Bundle("intercom", book.id, API)
    names: dict[str, str] = {}
    for cid, calendar in book.calendars.items():
        ref = Ref("office_hours_schedule", slug(cid))
        intervals, notes = monday_intervals(calendar)
        for note in notes:
            bundle.note("approximated", f"calendar {cid}", note)
        if not intervals:
            bundle.note("omitted", f"calendar {cid}", f"calendar {cid} has no open hours, which Intercom cannot hold")
            continue
        name = f"{book.name}: {cid}"
        names[cid] = name
        body = {
            "name": name,
            "time_zone_name": calendar.timezone,
            "time_intervals": [{"start_minute": a, "end_minute": b} for a, b in intervals],
        }
        bundle.add(
            "office_hours_schedule",
            f"office_hours/{slug(cid)}.json",
            "POST",
            "/office_hours_schedules",
            body,
            f"Office hours {cid}",
            ref,
        )
        holiday_notes: list[str] = []
        for day, holiday in holiday_dates(calendar, holiday_notes):
            bundle.add(
                "office_hours_exception",
                f"office_hours/{slug(cid)}--closed-{day.isoformat()}.json",
                "POST",
                f"/office_hours_schedules/{ref.text}/office_hours_exceptions",
                {"exception_date": day.isoformat(), "exception_type": "closed", "name": holiday},
                f"Office hours {cid}: closed {day.isoformat()}",
            )
        for note in holiday_notes:
            bundle.note("approximated", f"calendar {cid}", note)
    sla_rules(plan, bundle, names)
    return bundle.render()


def sla_rules(plan: Plan, bundle: Bundle, names: dict[str, str]) -> None:
    """SLA rules are read-only in the API: one manual step per policy with every value to enter."""
    if plan.policies:
        policy_rules(plan, bundle, names)
        return
    for channels in sla_policies(plan):
        scope = "every conversation" if channels == (EVERY_CHANNEL,) else "conversations from " + ", ".join(channels)
        rules = []
        for prio in plan.priorities:
            cells = prio.sla.get(channels[0], {})
            values = {SLA_FIELDS[m]: duration_text(c.seconds) for m, c in cells.items() if m in SLA_FIELDS}
            if not values:
                continue
            business = {c.clock for c in cells.values()} == {"business"} and prio.calendar is not None
            hours = names.get(prio.calendar.id, "") if business and prio.calendar is not None else ""
            rules.append(
                {
                    "name": f"{prio.id} {prio.priority.title}".strip(),
                    "targets": values,
                    "office_hours": hours or "no (calendar time, 24/7)",
                }
            )
            if "mitigate" in cells:
                bundle.note("omitted", f"priority {prio.id}", f"{prio.id} mitigate has no Intercom SLA field")
            if {c.clock for c in cells.values()} == {"business", "calendar"}:
                bundle.note(
                    "approximated",
                    f"priority {prio.id}",
                    f"{prio.id} mixes business-hour and calendar targets; an Intercom SLA counts all its targets "
                    "one way: the rule above counts calendar time",
                )
        if rules:
            bundle.manual(
                f"sla-{slug('-'.join(channels)) if channels != (EVERY_CHANNEL,) else 'all-channels'}",
                f"SLA rules for {scope}",
                "Intercom's API can read SLA rules but not write them (Preview GET /sla_rules only)",
                [
                    "Settings > Helpdesk > SLAs: create one SLA per row of data.rules with these targets; "
                    "'office_hours' names the schedule it counts in.",
                    "Apply each SLA from a workflow that matches the conversation's priority (and channel).",
                ],
                {"rules": rules},
            )


def _policy_values(cells: dict[str, SlaCell]) -> tuple[dict[str, str], list[str]]:
    """Intercom field -> value for one priority of a policy, and the metrics no field holds."""
    values: dict[str, str] = {}
    unheld = []
    for metric, cell in cells.items():
        name = POLICY_FIELDS.get(metric)
        if name is None:
            unheld.append(metric)
        elif name not in values or metric == "next_reply":
            values[name] = duration_text(cell.seconds)
    return values, unheld


def policy_rules(plan: Plan, bundle: Bundle, names: dict[str, str]) -> None:
    """One manual step per SLA policy, in the order they are tried: an Intercom SLA per priority (and calendar)."""
    book = plan.book
    for policy_plan in plan.policies:
        policy = policy_plan.policy
        about = f"SLA policy {policy.id}"
        rules = []
        choice = policy.calendar
        for value in choice.values() if choice is not None else [None]:
            for prio in plan.priorities:
                cells = policy_cells(book, policy, prio.priority, value)
                values, unheld = _policy_values(cells)
                if not values:
                    continue
                clocks = {c.clock for c in cells.values() if c.metric != "answer"}
                calendar = next((c.calendar for c in cells.values() if c.clock == "business"), None)
                rule = {
                    "name": f"{policy.title}: {prio.id} {prio.priority.title}".strip(),
                    "priority": prio.id,
                    "targets": values,
                    "office_hours": names.get(calendar or "", "") or "no (calendar time, 24/7)",
                }
                if choice is not None and choice.field_name:
                    rule["when_" + choice.field_name] = value  # None: any other value (the default calendar)
                rules.append(rule)
                for metric in unheld:
                    bundle.note(
                        "omitted",
                        about,
                        f"{prio.id} {metric} {cells[metric].text} in SLA policy {policy.id} has no Intercom SLA field",
                    )
                if clocks == {"business", "calendar"}:
                    bundle.note(
                        "approximated",
                        about,
                        f"{prio.id} in SLA policy {policy.id} mixes business-hour and calendar targets; an Intercom "
                        "SLA counts all its targets one way: the rule counts in the office hours named",
                    )
                for cell in cells.values():
                    if cell.metric in unheld:
                        continue
                    if cell.eod is not None:
                        bundle.note(
                            "approximated",
                            about,
                            f"{prio.id} {cell.metric} {cell.text} in SLA policy {policy.id}: Intercom has no "
                            f"end-of-business-day target, so the rule holds {duration_text(cell.seconds)} of office "
                            "hours, later than the playbook for a conversation opened after the start of the day",
                        )
                    if cell.upper is not None:
                        bundle.note(
                            "approximated",
                            about,
                            f"{prio.id} {cell.metric} {cell.text} in SLA policy {policy.id}: the rule holds the "
                            "band's lower end; its upper end is in the runbooks and simulate",
                        )
                answer = cells.get("answer")
                if answer is not None and answer.percent is not None:
                    bundle.note(
                        "approximated",
                        about,
                        f"{prio.id} answer {answer.text} in SLA policy {policy.id}: an Intercom SLA judges each call, "
                        f"so the rule holds {duration_text(answer.seconds)}; the {answer.percent:g}% share is a "
                        "reporting target",
                    )
        if not rules:
            bundle.note("omitted", about, f"SLA policy {policy.id} has no target an Intercom SLA can hold")
            continue
        applies = "every other conversation" if policy.when is None else resolve(policy.when, book.segments).describe()
        field = f" and, where rules differ by {choice.field_name}, its value" if choice and choice.field_name else ""
        bundle.manual(
            f"sla-{slug(policy.id)}",
            f"SLA rules for SLA policy {policy_plan.position}. {policy.title}",
            "Intercom's API can read SLA rules but not write them (Preview GET /sla_rules only)",
            [
                "Settings > Helpdesk > SLAs: create one SLA per row of data.rules with these targets; "
                "'office_hours' names the schedule it counts in.",
                f"In the workflow that applies SLAs, this policy is branch {policy_plan.position} (the branches are "
                f"tried in order, the first that matches wins): conversations where {applies} get the SLA of the "
                f"rule for their priority{field}.",
            ],
            {"position": policy_plan.position, "applies_to": applies, "rules": rules},
        )
