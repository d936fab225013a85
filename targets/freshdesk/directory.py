"""Groups (from teams, with escalate_to and unassigned_for) and business hours (a manual step)."""

from __future__ import annotations

from playbook.model import Team
from playbook.units import duration_text
from targets.freshdesk.context import Context
from targets.shared.helpdesk import schedule_calendars, slug, unused_calendars, weekly_schedule

# A group's "unassigned for" choices.
UNASSIGNED_FOR = (
    ("30m", 1800),
    ("1h", 3600),
    ("2h", 7200),
    ("4h", 14400),
    ("8h", 28800),
    ("12h", 43200),
    ("1d", 86400),
    ("2d", 172800),
    ("3d", 259200),
)


def _unassigned_for(ctx: Context, tid: str, team: Team) -> str | None:
    """The team's fastest routing target, as the nearest shorter choice Freshdesk offers."""
    withins = [r.within for r in ctx.book.routing if r.team == tid and r.within is not None]
    if not withins:
        return None
    if team.lead is None:
        ctx.bundle.note(
            "not-expressible",
            f"team {tid}",
            f"{team.name}: routing time targets ('within') become Freshdesk's 'unassigned for', which escalates to "
            "the team's lead, and the team has no lead: not compiled",
        )
        return None
    seconds = min(
        ctx.book.seconds(w, next(iter(ctx.book.priorities.values()))) if w.is_days else w.nominal_seconds
        for w in withins
    )
    fitting = [(label, value) for label, value in UNASSIGNED_FOR if value <= seconds + 1e-6]
    label, value = fitting[-1] if fitting else UNASSIGNED_FOR[0]
    if value != round(seconds):
        direction = "nearest shorter choice" if value < seconds else "shortest choice, later than the playbook"
        ctx.bundle.note(
            "rounded",
            f"team {tid}",
            f"{team.name}: tickets must be routed within {duration_text(seconds)}; Freshdesk's 'unassigned for' "
            f"offers fixed choices, so it is {label} ({direction})",
        )
    return label


def emit_groups(ctx: Context) -> None:
    for tid, team in ctx.book.teams.items():
        body: dict[str, object] = {"name": team.name, "description": f"{ctx.book.name}: team {tid}"}
        if team.members:
            body["agent_ids"] = [ctx.agent(member) for member in team.members]
        unassigned = _unassigned_for(ctx, tid, team)
        if unassigned is not None and team.lead is not None:
            body["escalate_to"] = ctx.agent(team.lead)
            body["unassigned_for"] = unassigned
        ctx.bundle.add(
            "group", f"groups/{slug(tid)}.json", "POST", "/api/v2/groups", body, f"Group {team.name}", ctx.group(tid)
        )


def emit_business_hours(ctx: Context) -> None:
    """Freshdesk's API cannot create business hours: say exactly what to create by hand."""
    calendars = schedule_calendars(ctx.plan)
    for team in ctx.book.teams.values():
        cal = ctx.book.calendars.get(team.calendar or "")
        if cal is not None and not cal.always and cal not in calendars:
            calendars.append(cal)
    for calendar in calendars:
        schedule = weekly_schedule(calendar)
        teams = [t.name for t in ctx.book.teams.values() if t.calendar == calendar.id]
        name = f"{ctx.book.name}: {calendar.id}"
        holidays = [{"date": date.strftime("%b %d"), "name": name} for date, name in schedule.holidays]
        steps = [
            f"Admin > Account > Business hours: add '{name}' in time zone '{schedule.zone}' with the hours below.",
            "Add the holidays below (Freshdesk repeats them every year: remove the ones that do not recur).",
        ]
        if teams:
            steps.append(f"Admin > Team > Groups: set the business hours of {', '.join(teams)} to '{name}'.")
        policies = [p.policy.title for p in ctx.plan.policies if calendar in p.calendars]
        if policies:
            steps.append(
                f"SLA policies {', '.join(policies)} count on these hours: give them to the groups that work "
                "those policies' tickets (Freshdesk takes business hours from the ticket's group)."
            )
        steps.append("SLA targets with business_hours true count on the business hours of the ticket's group.")
        data = {
            "name": name,
            "time_zone": schedule.zone,
            "hours": schedule_hours(schedule.intervals),
            "holidays": holidays,
        }
        why = "Freshdesk's public API can read business hours but not create or change them."
        ctx.bundle.manual(
            f"freshdesk-business-hours-{slug(calendar.id)}", f"Create business hours '{name}'", why, steps, data
        )
        for note in schedule.notes:
            ctx.bundle.note("approximated", f"calendar {calendar.id}", note)
    for cid in unused_calendars(ctx.book):
        ctx.bundle.note(
            "omitted",
            f"calendar {cid}",
            f"calendar {cid} is declared but nothing uses it, so no business hours (PB245)",
        )


def schedule_hours(intervals: list[tuple[int, int]]) -> dict[str, list[str]]:
    from targets.shared.timezones import day_hours

    return day_hours(intervals)
