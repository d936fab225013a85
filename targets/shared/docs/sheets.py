"""Facts for the whole runbook: contact sheet, quick-reference matrix, closure and compliance."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.plan.plan import Plan, PriorityPlan, sla_channels
from playbook.model import Playbook
from targets.shared.docs import facts, words
from targets.shared.docs.facts import Person, PriorityDoc
from targets.shared.docs.reuse import reuse_last

_MATRIX_METRICS = ("acknowledge", "update_every", "mitigate", "resolve")


@dataclass
class ContactRow:
    person: Person
    priorities: list[str]


@dataclass
class MatrixRow:
    priority: str  # empty on a priority's second and later rows
    channels: str
    acknowledge: str
    update_every: str
    mitigate: str
    resolve: str
    clock: str


@dataclass
class ChannelRow:
    name: str
    answer: str
    first_reply: str
    abandon: str
    handle: str


@dataclass
class ClosureDoc:
    message: str
    survey: str
    survey_after: str


@dataclass
class RunbookDoc:
    name: str
    playbook_id: str
    status_page: str
    priorities: list[PriorityDoc]
    org_contacts: list[tuple[str, Person]]
    escalation_contacts: list[ContactRow]
    contact_notes: list[tuple[str, str]]
    matrix: list[MatrixRow]
    channels: list[ChannelRow]
    closure: ClosureDoc | None
    compliance: list[str]
    by_policy: bool = False  # the matrix gives each target's range over the SLA policies


@reuse_last
def runbook_doc(plan: Plan) -> RunbookDoc:
    book = plan.book
    priorities = facts.priority_docs(plan)
    escalation = facts.escalation_people(plan)
    org = _org_contacts(book)
    reached = {pp.id: _nodes(pp) for pp in plan.priorities}
    sheet = [
        ContactRow(facts.person(book, node), [pid for pid, nodes in reached.items() if node in nodes])
        for node in escalation
    ]
    return RunbookDoc(
        name=book.name,
        playbook_id=book.id,
        status_page=book.organisation.status_page if book.organisation else "",
        priorities=priorities,
        org_contacts=org,
        escalation_contacts=sheet,
        contact_notes=[(row.person.name, row.person.notes) for row in sheet if row.person.notes]
        + [(p.name, p.notes) for _, p in org if p.notes and p.id not in escalation],
        matrix=[row for pp in plan.priorities for row in _matrix_rows(plan, pp)],
        channels=_channel_rows(book),
        closure=_closure(book),
        compliance=compliance_reminders(book),
        by_policy=bool(plan.policies),
    )


def _org_contacts(book: Playbook) -> list[tuple[str, Person]]:
    org = book.organisation
    if org is None:
        return []
    lines = (
        ("Emergency line", org.emergency_line),
        ("Security", org.security_contact),
        ("Privacy", org.privacy_contact),
    )
    return [(label, facts.person(book, node)) for label, node in lines if node]


def _nodes(pp: PriorityPlan) -> set[str]:
    nodes = set(pp.owners) | {s.source for s in pp.steps} | {s.target for s in pp.steps}
    if pp.priority.incident_commander:
        nodes.add(pp.priority.incident_commander)
    return nodes


def _matrix_rows(plan: Plan, pp: PriorityPlan) -> list[MatrixRow]:
    """One row per group of channels that share every target, so the matrix fits one page.

    With SLA policies, one row per priority: each target's range over the policies (the
    fallback's alone would understate what a plan customer is promised).
    """
    book = plan.book
    title = f"{pp.id}: {pp.priority.title}" if pp.priority.title else pp.id
    if plan.policies:
        update = facts.policy_summary(plan, pp, "update_every") or facts.policy_summary(plan, pp, "periodic_update")
        cells = [facts.policy_summary(plan, pp, m) for m in ("acknowledge", "mitigate", "resolve")]
        return [MatrixRow(title, "every channel", cells[0], update, cells[1], cells[2], words.clock_words(pp.clock))]
    groups: dict[tuple[str, ...], list[str]] = {}
    for cid in sla_channels(book):
        cells = tuple(facts.cell_words(pp, cid, metric) for metric in _MATRIX_METRICS)
        if any(cells):
            groups.setdefault(cells, []).append(facts.channel_name(book, cid))
    rows = []
    for index, (cells, names) in enumerate(groups.items()):
        first = index == 0
        clock = words.clock_words(pp.clock) if first else ""
        rows.append(MatrixRow(title if first else "", ", ".join(names), *cells, clock))
    return rows


def _channel_rows(book: Playbook) -> list[ChannelRow]:
    rows = []
    for cid, channel in book.channels.items():
        answer = ""
        if channel.service_level:
            percent, seconds = channel.service_level
            answer = f"{percent:g}% within {words.answer_time(seconds)}"
        rows.append(
            ChannelRow(
                facts.channel_name(book, cid),
                answer,
                words.duration_words(channel.first_reply.text, "calendar") if channel.first_reply else "",
                words.target_words(channel.abandon_rate) if channel.abandon_rate else "",
                words.target_words(channel.handle_time) if channel.handle_time else "",
            )
        )
    return rows


def _closure(book: Playbook) -> ClosureDoc | None:
    closure = book.closure
    if closure is None:
        return None
    after = closure.survey_after
    return ClosureDoc(closure.message, closure.survey, words.duration_words(after.text, "calendar") if after else "")


def compliance_reminders(book: Playbook) -> list[str]:
    rules = book.compliance
    if rules is None:
        return []
    reminders = []
    if rules.identity_verification:
        where = ""
        names = [facts.channel_name(book, c) for c in rules.identity_channels if c in book.channels]
        if names:
            where = " on " + words.join_and(names)
        how = f": {rules.identity_method}" if rules.identity_method else ""
        reminders.append(f"Check the customer's identity before any account change{where}{how}.")
    if rules.card_redaction:
        reminders.append("Redact card numbers from tickets and call recordings.")
    if rules.recording_retention:
        kept = words.duration_words(rules.recording_retention.text, "calendar")
        reminders.append(f"Call recordings are kept for {kept}.")
    if rules.data_access_requests:
        privacy = _privacy_name(book)
        reminders.append(
            "Answer a customer's request for their data within "
            + words.duration_words(rules.data_access_requests.text, "calendar")
            + (f" (privacy contact: {privacy})." if privacy else ".")
        )
    return reminders + list(rules.notes)


def _privacy_name(book: Playbook) -> str:
    org = book.organisation
    node = book.node(org.privacy_contact) if org and org.privacy_contact else None
    return node.name if node else ""
