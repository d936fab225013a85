"""The checklist pages: one per product, each section an object of that product with its values."""

from __future__ import annotations

from compiler.plan.helpdesk import sla_policies
from compiler.plan.plan import EVERY_CHANNEL, Plan, policy_cells
from playbook.model import Calendar, Playbook
from playbook.policies import resolve
from playbook.units import duration_text
from targets.shared.docs.escape import md_escape
from targets.shared.docs.pages import document_files
from targets.shared.docs.render import Page
from targets.shared.helpdesk import holiday_dates, node_name

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# HubSpot ticket priorities, most urgent first (Service Hub ticket property hs_ticket_priority).
HUBSPOT_PRIORITIES = ("Urgent", "High", "Medium", "Low")
HUBSPOT_METRICS = {
    "acknowledge": "First response time",
    "update_every": "Next response time",
    "resolve": "Time to close",
}


def _e(value: object) -> str:
    return md_escape(value) or "—"


def _hours(calendar: Calendar) -> list[str]:
    if calendar.always:
        return ["Open 24 hours, every day."]
    lines = []
    for tz, window in sorted(calendar.all_windows(), key=lambda p: (p[0], p[1].day, p[1].start)):
        end = window.end % 1440
        suffix = " (next day)" if window.end > 1440 else ""
        lines.append(
            f"{DAY_NAMES[window.day]} {window.start // 60:02d}:{window.start % 60:02d}-"
            f"{end // 60:02d}:{end % 60:02d}{suffix} ({_e(tz)})"
        )
    return lines


def _calendar_section(plan: Plan, where: str) -> list[str]:
    lines = ["## Business hours and holidays", "", f"Where: {where}.", ""]
    for cid, calendar in plan.book.calendars.items():
        lines += [f"### {_e(cid)}", "", f"- [ ] Time zone: {_e(calendar.timezone)}"]
        lines += [f"- [ ] {line}" for line in _hours(calendar)]
        notes: list[str] = []
        for day, name in holiday_dates(calendar, notes):
            lines.append(f"- [ ] Holiday (closed all day): {day.isoformat()} {_e(name)}")
        lines += [f"- Note: {_e(n)}" for n in notes]
        lines.append("")
    return lines


def _policy_rows(plan: Plan, names: dict[str, str], metrics: dict[str, str]) -> list[str]:
    """One section per SLA policy, in the order they are tried, with a row per priority and calendar it picks."""
    book = plan.book
    lines = [
        "HubSpot sets SLA goals per priority. The playbook's SLA policies give other goals to some tickets: keep "
        "each policy's tickets apart (e.g. a pipeline of their own, where your edition sets SLAs per pipeline) "
        "and enter its rows there. The first policy that matches a ticket applies.",
        "",
    ]
    for policy_plan in plan.policies:
        policy = policy_plan.policy
        applies = "every other ticket" if policy.when is None else resolve(policy.when, book.segments).describe()
        lines += [f"### SLA policy {policy_plan.position}. {_e(policy.title)}", "", f"Applies to: {_e(applies)}.", ""]
        lines += ["| Priority | " + " | ".join(metrics.values()) + " | Hours |", "|---" * (len(metrics) + 2) + "|"]
        choice = policy.calendar
        for value in choice.values() if choice is not None else [None]:
            for prio in plan.priorities:
                cells = policy_cells(book, policy, prio.priority, value)
                # HubSpot's next response time is the policy's next reply (else its update_every).
                shown = {m: (cells.get("next_reply") if m == "update_every" else None) or cells.get(m) for m in metrics}
                if not any(shown.values()):
                    continue
                values = [_e(c.text) if c is not None else "—" for c in shown.values()]
                business = next((c.calendar for c in shown.values() if c is not None and c.clock == "business"), None)
                hours = f"{_e(business)} business hours" if business else "24/7 (calendar time)"
                label = names.get(prio.id, prio.id)
                if value is not None and choice is not None:
                    label += f", {choice.field_name} = {value}"
                lines.append(f"| {_e(label)} | " + " | ".join(values) + f" | {hours} |")
        lines.append("")
    return lines


def _sla_rows(plan: Plan, names: dict[str, str], metrics: dict[str, str]) -> list[str]:
    if plan.policies:
        return _policy_rows(plan, names, metrics)
    lines = []
    for channels in sla_policies(plan):
        scope = "every channel" if channels == (EVERY_CHANNEL,) else ", ".join(channels)
        lines += [f"### SLA policy for {_e(scope)}", "", "| Priority | " + " | ".join(metrics.values()) + " | Hours |"]
        lines.append("|---" * (len(metrics) + 2) + "|")
        for prio in plan.priorities:
            cells = prio.sla.get(channels[0], {})
            if not any(m in cells for m in metrics):
                continue
            values = [_e(cells[m].text) if m in cells else "—" for m in metrics]
            clock = {c.clock for c in cells.values()}
            hours = (
                f"{_e(prio.calendar.id)} business hours"
                if "business" in clock and prio.calendar
                else "24/7 (calendar time)"
            )
            lines.append(f"| {_e(names.get(prio.id, prio.id))} | " + " | ".join(values) + f" | {hours} |")
        lines.append("")
    return lines


def _ladder(plan: Plan) -> list[str]:
    lines = ["## Escalation ladder", ""]
    for prio in plan.priorities:
        if not prio.steps:
            continue
        lines += [f"### {_e(prio.id)}: {_e(prio.priority.title)}", ""]
        owners = ", ".join(node_name(plan.book, o) for o in prio.owners)
        lines.append(f"- [ ] Holds new tickets: {_e(owners or 'nobody named')}")
        for step in prio.steps:
            clock = " business" if step.clock == "business" else ""
            customers = " or ".join(plan.book.segments[s].title for s in step.segments)
            only = f", for {_e(customers)} customers only" if customers else ""
            lines.append(
                f"- [ ] {duration_text(step.offset)}{clock} after the ticket opens, if still "
                f"{_e(step.edge.when)}{only}: {_e(node_name(plan.book, step.target))} ({_e(step.edge.kind)})"
            )
        lines.append("")
    return lines


def _teams(book: Playbook) -> list[str]:
    lines = []
    for tid, team in book.teams.items():
        members = ", ".join(node_name(book, m) for m in team.members) or "—"
        lines.append(f"- [ ] {_e(team.name)} (`{_e(tid)}`): members {_e(members)}")
    return lines or ["- No teams in the playbook."]


def _routing(book: Playbook) -> list[str]:
    lines = []
    for route in book.routing:
        if route.segment is not None and route.segment in book.segments:
            segment = book.segments[route.segment]
            match = f"segment {route.segment} ({segment.selector().describe()})"
        elif route.category is not None:
            match = f"category {route.category}"
        elif route.tag is not None:
            match = f"tag {route.tag}"
        elif route.channel is not None:
            match = f"channel {route.channel}"
        else:
            match = "everything else"
        extra = f", priority {route.priority}" if route.priority else ""
        within = f", within {route.within}" if route.within else ""
        lines.append(f"- [ ] {route.index + 1}. {_e(match)} → {_e(node_name(book, route.team))}{_e(extra)}{_e(within)}")
    return lines or ["- No routing rules in the playbook."]


def _service_levels(book: Playbook) -> list[str]:
    lines = []
    for channel in book.channels.values():
        if channel.service_level is not None:
            percent, seconds = channel.service_level
            lines.append(f"- [ ] {_e(channel.name)}: service level {percent:g}% answered within {seconds:g} seconds")
        if channel.abandon_rate is not None:
            lines.append(f"- [ ] {_e(channel.name)}: abandon rate target {_e(channel.abandon_rate.text)}")
    return lines or ["- No service levels in the playbook."]


def hubspot(plan: Plan) -> str:
    names = {p.id: f"{HUBSPOT_PRIORITIES[p.priority.rank]} ({p.id})" for p in plan.priorities if p.priority.rank < 4}
    lines = [
        f"# HubSpot Service Hub setup: {_e(plan.book.name)}",
        "",
        "HubSpot has no API for SLA goals: enter these values by hand. Afterwards, check tickets' "
        "`hs_time_to_first_response_sla_at` and `hs_time_to_close_sla_at` properties against the targets.",
        "",
        "## Ticket priorities",
        "",
    ]
    lines += [
        f"- [ ] {_e(p.id)} {_e(p.priority.title)} → HubSpot priority {_e(names.get(p.id, 'none left'))}"
        for p in plan.priorities
    ]
    lines += ["", "## SLAs", "", "Where: Settings > Inbox & Help Desk > Help Desk > SLAs, one row per priority.", ""]
    lines += _sla_rows(plan, names, HUBSPOT_METRICS)
    if any("mitigate" in cells for p in plan.priorities for cells in [*p.sla.values(), *p.policies.values()]):
        lines += ["- Note: HubSpot SLAs have no mitigation goal; track it in the runbook.", ""]
    lines += _calendar_section(plan, "Settings > Inbox & Help Desk > Help Desk > the help desk's operating hours")
    lines += ["## Teams", ""] + _teams(plan.book) + ["", "## Routing", ""] + _routing(plan.book) + [""]
    lines += _ladder(plan)
    return "\n".join(lines)


def contact_centre(plan: Plan, product: str, queue_word: str, where: dict[str, str]) -> str:
    book = plan.book
    lines = [
        f"# {product} setup: {_e(book.name)}",
        "",
        f"{product} has no configuration format this build can check offline: enter these values in its admin "
        "tools. Menu names vary by edition; the objects are the product's own.",
        "",
        f"## {queue_word} (one per team)",
        "",
        f"Where: {where['queues']}.",
        "",
        *_teams(book),
        "",
        "## Routing",
        "",
        f"Where: {where['routing']}.",
        "",
        *_routing(book),
        "",
        "## Service levels",
        "",
        f"Where: {where['service']}.",
        "",
        *_service_levels(book),
        "",
    ]
    lines += _calendar_section(plan, where["hours"])
    lines += _ladder(plan)
    return "\n".join(lines)


def checklist_files(plan: Plan) -> dict[str, bytes]:
    pages = [
        Page("hubspot", "HubSpot setup", "HubSpot", hubspot(plan)),
        Page(
            "five9",
            "Five9 setup",
            "Five9",
            contact_centre(
                plan,
                "Five9",
                "Skills",
                {
                    "queues": "Five9 Administrator: Skills (assign each member as an agent of the skill)",
                    "routing": "the inbound campaign's IVR script: a Skill Transfer per rule, in this order",
                    "service": "each skill's service level settings",
                    "hours": "the IVR script's schedule (and the domain's holiday list)",
                },
            ),
        ),
        Page(
            "ringcentral",
            "RingCentral setup",
            "RingCentral",
            contact_centre(
                plan,
                "RingCentral",
                "Call queues",
                {
                    "queues": "Admin Portal: Call Queues (members of each queue)",
                    "routing": "the IVR menu or call-handling rules that send calls to each queue, in this order",
                    "service": "each call queue's service-level and hold-time settings",
                    "hours": "each call queue's business hours and custom (holiday) rules",
                },
            ),
        ),
    ]
    return document_files(pages, site_name=f"{plan.book.name} setup checklists")
