"""What each chat message says, before Slack or Teams formats it: one per alert, escalation step and update cadence.

Target-neutral, like `compiler.plan.helpdesk`: the `slack` and `teams` renderers
format these facts, and the messaging lint rules measure them against the
products' limits (below, with their sources), so both see the same text.

The facts a responder needs at 3 am: the priority, what fired, the threshold
or timing, who is brought in (with a phone number) and who is next, and the
runbook page. Nothing playbook builds sends these messages: each says what
must send it (a monitoring system for alerts, the on-call tool or help desk for
escalation steps, an incident bot for update reminders), and the manifest
lists the rooms (channel and webhook variable) each goes to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.plan.plan import Plan, PriorityPlan, Step
from compiler.plan.targetfacts import facts
from playbook.findings import Location
from playbook.model import Alert, Playbook, Room
from playbook.policyview import target_seconds, update_cadences
from playbook.units import format_seconds

# Slack Block Kit limits (header 150 characters, section 3000, 10 fields of 2000, 50 blocks),
# as data in targets/slack/facts.toml.
_SLACK = facts("slack")
assert _SLACK is not None, "targets/slack/facts.toml is missing"
SLACK_HEADER = int(_SLACK.message_limits["header"])
SLACK_SECTION = int(_SLACK.message_limits["section"])
SLACK_FIELD = int(_SLACK.message_limits["field"])
SLACK_FIELDS = int(_SLACK.message_limits["fields"])
SLACK_BLOCKS = int(_SLACK.message_limits["blocks"])
SLACK_TEXT = int(_SLACK.message_limits["text"])

WHEN_WORDS = {"unacknowledged": "unacknowledged", "unmitigated": "not mitigated", "unresolved": "unresolved"}
METRIC_WORDS = {
    "queue_depth": "queue depth (contacts waiting)",
    "asa": "average speed of answer",
    "abandon_rate": "abandon rate",
    "service_level": "service level",
    "oldest_ticket": "age of the oldest open ticket",
    "backlog": "backlog (open tickets)",
    "sla_breaches": "SLA breaches",
}
LIVE = "the phone or chat platform's real-time queue statistics (its wallboard alerts or API)"
HELPDESK = "the help desk's reporting (a scheduled report or analytics alert)"
METRIC_SOURCES = {
    "queue_depth": LIVE,
    "asa": LIVE,
    "abandon_rate": LIVE,
    "service_level": LIVE,
    "oldest_ticket": HELPDESK,
    "backlog": HELPDESK,
    "sla_breaches": HELPDESK,
}


@dataclass(frozen=True)
class Fact:
    title: str
    value: str


@dataclass
class Message:
    folder: str  # alerts, escalation or updates
    name: str  # unique within the folder; the renderers make a file name of it
    about: str
    where: Location  # the playbook entity the message comes from
    headline: str
    summary: str  # the notification fallback text
    facts: list[Fact]
    note: str
    link: tuple[str, str] | None  # (title, https URL)
    send_when: str
    sent_by: str
    rooms: list[Room] = field(default_factory=list)
    footer: str = ""


def messages(plan: Plan, pages: dict[str, str] | None = None) -> list[Message]:
    """Every message, alerts first, then per priority its escalation steps and its update reminder.

    `pages` maps priority ids to runbook page names (the site target's); the
    default is the id itself.
    """
    book = plan.book
    pages = pages or {prio.id: prio.id for prio in plan.priorities}
    found = [_alert(book, index, alert) for index, alert in enumerate(book.alerts)]
    for prio in plan.priorities:
        link = _link(book, f"{pages[prio.id]}.html", f"Runbook: {prio.id}")
        found.extend(_step(book, prio, step, link) for step in prio.common_steps())
        update = _update(book, prio, link)
        if update is not None:
            found.append(update)
    for message in found:
        message.footer = f"{book.name} playbook ({book.id}) · sent by {message.sent_by}"
    return found


def slack_overflows(message: Message) -> list[str]:
    """What of a message is longer than Slack's Block Kit allows (the renderer shortens it; PB518 warns)."""
    over = []
    if len(message.headline) > SLACK_HEADER:
        over.append(f"its heading has {len(message.headline)} characters (Slack: {SLACK_HEADER})")
    for fact in message.facts:
        if len(fact.title) + len(fact.value) + 3 > SLACK_FIELD:  # "*title*\nvalue"
            over.append(f"its '{fact.title}' field is over {SLACK_FIELD} characters")
    if len(message.note) > SLACK_SECTION - 200:  # the section also holds the runbook link
        over.append(f"its note is near or over {SLACK_SECTION} characters")
    return over


def who(book: Playbook, node_id: str) -> str:
    """'Morgan Ellis (head-of-care), Head of Customer Care, +442079460101'."""
    node = book.node(node_id)
    if node is None:
        return node_id
    parts = [f"{node.name} ({node_id})" if node.name != node_id else node_id]
    title = getattr(node, "title", "")
    if title:
        parts.append(title)
    phone = getattr(node, "phone", "")
    if phone:
        parts.append(phone)
    rota = book.rota_of(node_id)
    if rota is not None:
        parts.append(f"on call from rota '{rota.name}'")
    return ", ".join(parts)


def _link(book: Playbook, page: str, title: str) -> tuple[str, str] | None:
    base = book.organisation.runbooks if book.organisation else ""
    return (title, f"{base.rstrip('/')}/{page}") if base else None


def _threshold(alert: Alert) -> str:
    bound = f"above {alert.above}" if alert.above is not None else f"below {alert.below}"
    if alert.duration is not None:
        return f"{bound} for {alert.duration.text}"
    if alert.intervals:
        return f"{bound} for {alert.intervals} intervals in a row"
    return bound


def _alert(book: Playbook, index: int, alert: Alert) -> Message:
    metric = METRIC_WORDS.get(alert.metric, alert.metric)
    channel = book.channels[alert.channel].name if alert.channel and alert.channel in book.channels else ""
    scope = f"{channel} {metric}" if channel else metric
    threshold = _threshold(alert)
    facts = [
        Fact("What fired", scope[0].upper() + scope[1:]),
        Fact("Threshold", threshold),
        Fact("Who acts", who(book, alert.notify)),
        Fact("Evaluated by", METRIC_SOURCES.get(alert.metric, "your monitoring system")),
    ]
    name = "-".join(part for part in (f"{index + 1:02d}", alert.metric, alert.channel or "") if part)
    notified = book.node(alert.notify)
    return Message(
        folder="alerts",
        name=name,
        about=f"alerts[{index}]",
        where=alert.loc,
        headline=f"Alert: {scope} {threshold}",
        summary=f"Alert: {scope} {threshold}. {notified.name if notified else alert.notify} acts.",
        facts=facts,
        note=(
            "Nothing playbook builds watches this metric: the system named under 'Evaluated by' must check it and "
            "post this message when the threshold is crossed."
        ),
        link=_link(book, "index.html", "Runbook"),
        send_when=f"{scope} is {threshold}",
        sent_by=METRIC_SOURCES.get(alert.metric, "your monitoring system"),
        rooms=book.rooms_for(alert.post),
    )


def _step(book: Playbook, prio: PriorityPlan, step: Step, link: tuple[str, str] | None) -> Message:
    target = book.node(step.target)
    source = book.node(step.source)
    target_name = target.name if target is not None else step.target
    source_name = source.name if source is not None else step.source
    clock = "business hours" if step.clock == "business" else "calendar hours"
    when = WHEN_WORDS.get(step.edge.when, step.edge.when)
    functional = step.edge.kind == "functional"
    action = f"bring in {target_name}" if functional else f"{target_name} takes over"
    later = [s for s in prio.common_steps() if s.order > step.order]
    after_text = format_seconds(step.after)
    facts = [
        Fact("Priority", f"{prio.id} {prio.priority.title}".strip()),
        Fact("What fired", f"still {when} {after_text} after {source_name} got it"),
        Fact("When", f"{format_seconds(step.offset)} after the ticket opened ({clock})"),
        Fact("Who", who(book, step.target)),
        Fact("Next", _next(book, later[0]) if later else "nobody: this is the last step of the ladder"),
    ]
    return Message(
        folder="escalation",
        name=f"{prio.id}-step-{step.order}-{step.target}",
        about=f"{prio.id} escalation step {step.order} ({step.source} -> {step.target})",
        where=step.edge.loc,
        headline=f"{prio.id} escalation: {action}",
        summary=f"{prio.id} escalation: {action}, {format_seconds(step.offset)} after the ticket opened.",
        facts=facts,
        note=step.edge.note,
        link=link,
        send_when=f"a {prio.id} ticket is still {when} {after_text} after {source_name} got it",
        sent_by="the on-call tool or the help desk's escalation automation",
        rooms=book.rooms_for(prio.priority.post),
    )


def _next(book: Playbook, step: Step) -> str:
    node = book.node(step.target)
    name = node.name if node is not None else step.target
    return f"{name} at {format_seconds(step.offset)} if still {WHEN_WORDS.get(step.edge.when, step.edge.when)}"


def _update(book: Playbook, prio: PriorityPlan, link: tuple[str, str] | None) -> Message | None:
    """The customer-update reminder: `sla:`'s update_every, else each SLA policy's cadence (the fastest leads)."""
    cadences = update_cadences(book, prio.id)
    if not cadences:
        return None
    timed = sorted(((target_seconds(book, w), w) for w in cadences), key=lambda item: item[0][0])
    (seconds, clock_name), written = timed[0]
    target = written.target
    clock = "business hours" if clock_name == "business" else "calendar hours"
    cadence = f"every {format_seconds(seconds)} ({clock})"
    facts = [Fact("Priority", f"{prio.id} {prio.priority.title}".strip())]
    if written.policy is None:
        facts.append(Fact("Cadence", cadence))
        sla = book.sla[prio.id]
        overrides = [
            f"{book.channels[cid].name}: every {override['update_every'].duration.text}"
            for cid, override in sla.channels.items()
            if "update_every" in override and cid in book.channels
        ]
        if overrides:
            facts.append(Fact("Per channel", "; ".join(overrides)))
    else:
        cadence += f" in SLA policy {written.policy.id}, the fastest"
        by_policy = [f"{w.policy.id} every {w.target.duration.text}" for _, w in timed if w.policy is not None]
        facts.append(Fact("Cadence", "by SLA policy: " + "; ".join(by_policy)))
    status_page = book.organisation.status_page if book.organisation else ""
    where = "the ticket's requester"
    if prio.priority.status_page:
        where += f" and the public status page{f' ({status_page})' if status_page else ''}"
    facts.append(Fact("Update", where))
    if prio.priority.incident_commander:
        facts.append(Fact("Who", who(book, prio.priority.incident_commander)))
    return Message(
        folder="updates",
        name=prio.id,
        about=f"{prio.id} update_every",
        where=target.loc,
        headline=f"{prio.id} customer update due",
        summary=f"{prio.id}: the next customer update is due ({cadence}).",
        facts=facts,
        note="Post the update even when nothing has changed: say so, and when the next one will come.",
        link=link,
        send_when=f"{cadence} while a {prio.id} ticket is open",
        sent_by="an incident bot or reminder in the chat tool",
        rooms=book.rooms_for(prio.priority.post),
    )
