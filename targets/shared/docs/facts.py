"""What the documents say, read off the Plan once: templates only arrange these facts.

Nothing here formats Markdown or HTML; values are plain text that the
templates escape when they print them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.plan.phones import phone as parse_phone
from compiler.plan.plan import EVERY_CHANNEL, Plan, PriorityPlan, sla_channels
from playbook.model import SLA_METRICS, Calendar, Playbook
from playbook.policies import SlaPolicy
from targets.shared.docs import escape, words

# Names the documents use for their own pages; a priority with one of these ids gets a prefix.
RESERVED_PAGES = ("index", "contacts", "quick-reference", "onboarding", "triage-exercise", "triage-answers", "runbook")


@dataclass
class Person:
    """An escalation node as people see it: a contact or a team."""

    id: str
    name: str
    role: str
    phone: str = ""  # E.164, as written
    email: str = ""
    tel: str = ""
    phone_display: str = ""  # grouped for reading aloud: '+1 615-555-0100'
    phone_keys: tuple[str, ...] = ()  # digit runs a typed number is matched against (search)
    mailto: str = ""
    verified: str = ""
    reachable: str = ""
    notes: str = ""
    is_team: bool = False


@dataclass
class LadderStep:
    number: int
    at: str  # offset from the ticket's start, in words
    short_at: str  # the same, as '1h30m'
    after: str  # delay after the previous holder got it, in words
    when: str
    functional: bool
    source: Person
    target: Person
    note: str
    after_seconds: float
    offset_seconds: float
    clock: str  # what the step counts: "business" (bh/bd, or a business-hours priority) or "calendar"
    also: list[str] = field(default_factory=list)  # later paths to the same person: 'at 1 hour, from Dana Whitfield'
    customers: str = ""  # a step scoped to segments: 'for Enterprise plan customers only'; '' for every ticket
    segments: list[str] = field(default_factory=list)  # those segments' ids


@dataclass
class SlaLine:
    channel: str
    phrases: list[str]


@dataclass
class PriorityDoc:
    id: str
    title: str
    definition: str
    examples: list[str]
    page: str  # file name without extension
    clock: str
    clock_summary: str
    calendar: CalendarDoc | None
    owners: list[Person]
    sla_table: SlaTable
    ladder: list[LadderStep]  # every step (the diagram draws each)
    rungs: list[LadderStep]  # the ladder as people read it: each person once, at the first time they get it
    tree: list[TreeLine]  # the rungs as a tree (the quick-reference card)
    updates: list[SlaLine]
    incident_commander: Person | None
    status_page: bool
    first_response: str
    update_every: str
    resolve: str
    clock_name: str
    plan: PriorityPlan = field(repr=False)
    policy_table: SlaTable | None = None  # with SLA policies: a row per policy, in the order they are tried

    @property
    def heading(self) -> str:
        return f"{self.id}: {self.title}" if self.title else self.id


@dataclass
class SlaTable:
    """Per-channel targets as one table: a row per group of channels sharing every target."""

    metrics: list[str]  # column headings, in words
    rows: list[tuple[str, list[str]]]  # (channels, a cell per metric)


def policy_table(plan: Plan, pp: PriorityPlan) -> SlaTable | None:
    """The priority's targets per SLA policy, in order: who each applies to, its targets, its calendar."""
    if not plan.policies:
        return None
    metrics = [m for m in SLA_METRICS if any(pp.policy_cell(p.id, m) for p in plan.policies)]
    rows = []
    for policy_plan in plan.policies:
        policy = policy_plan.policy
        cells = [policy_cell_words(pp, policy.id, metric) for metric in metrics]
        title = f"{policy_plan.position}. {policy.title}"
        rows.append((title, [applies_to(plan.book, policy), *cells, _calendar_words(policy)]))
    headings = ["Applies to", *(words.METRIC_WORDS[m][:1].upper() + words.METRIC_WORDS[m][1:] for m in metrics)]
    return SlaTable([*headings, "Counts on"], rows)


def applies_to(book: Playbook, policy: SlaPolicy) -> str:
    """Which tickets a policy takes, in words, with its segments' titles."""
    if policy.when is None:
        return "every other ticket"
    text = policy.when.describe()
    for sid, segment in book.segments.items():
        text = text.replace(f"segment {sid}", segment.title)
    return text


def _calendar_words(policy: SlaPolicy) -> str:
    choice = policy.calendar
    hours = f"{policy.hours} hours" if policy.hours else ""
    if choice is None:
        return hours or "the priority's calendar"
    where = choice.default or ""
    if choice.field_name:
        field_name = choice.field_name
        picks = "; ".join(f"{calendar} when {field_name} is {value}" for value, calendar in choice.choices.items())
        where = f"{choice.default} ({picks})"
    return ", ".join(part for part in (where, hours) if part)


def policy_cell_words(pp: PriorityPlan, policy: str, metric: str) -> str:
    cell = pp.policy_cell(policy, metric)
    if cell is None:
        return ""
    text = words.deadline_words(cell.text, cell.clock)
    return text if cell.clock == pp.clock or cell.eod is not None else f"{text} ({words.clock_words(cell.clock)})"


def policy_summary(plan: Plan, pp: PriorityPlan, metric: str) -> str:
    """'15 minutes to 1 business day, by SLA policy': the range of a metric across the policies."""
    cells = [c for p in plan.policies if (c := pp.policy_cell(p.id, metric)) is not None]
    if not cells:
        return ""
    fastest = min(cells, key=lambda c: c.seconds)
    slowest = max(cells, key=lambda c: c.seconds)
    low = policy_cell_words(pp, fastest.policy, metric)
    high = policy_cell_words(pp, slowest.policy, metric)
    return f"{low} to {high}, by SLA policy" if low != high else f"{low}, by SLA policy"


@dataclass
class CalendarDoc:
    id: str
    description: str
    always: bool
    hours: list[str]
    holidays: list[str]
    years: str


def page_names(ids: list[str]) -> dict[str, str]:
    """A file name per priority id, unique even on case-insensitive file systems."""
    names: dict[str, str] = {}
    taken = {name.lower() for name in RESERVED_PAGES}
    for pid in ids:
        name = pid if pid.lower() not in taken else f"priority-{pid}"
        while name.lower() in taken:
            name += "-"
        taken.add(name.lower())
        names[pid] = name
    return names


def person(book: Playbook, node_id: str) -> Person:
    reach = book.reach(node_id)
    if reach.contact is None and reach.team is None:
        return Person(node_id, node_id, "")
    contact, team, lead = reach.contact, reach.team, reach.lead
    checked = contact if contact is not None else lead
    if team is not None:
        role = f"team, led by {lead.name}" if lead else "team"
        reachable = _reachable(book, team.calendar, team.on_call)
    else:
        assert contact is not None
        role, reachable = contact.title, _reachable(book, contact.available, contact.on_call)
    return Person(
        node_id,
        reach.name,
        role,
        phone=reach.phone,
        email=reach.email,
        tel=escape.tel(reach.phone) if reach.phone else "",
        **_phone_parts(reach.phone),
        mailto=escape.mailto(reach.email) if reach.email else "",
        verified=checked.verified.isoformat() if checked is not None and checked.verified else "",
        reachable=reachable,
        notes=contact.notes if contact is not None else "",
        is_team=team is not None,
    )


def _phone_parts(number: str) -> dict[str, object]:
    if not number:
        return {}
    shown = parse_phone(number)
    return {"phone_display": shown.display, "phone_keys": shown.keys}


def _reachable(book: Playbook, calendar_id: str | None, on_call: bool) -> str:
    calendar = book.calendars.get(calendar_id) if calendar_id else None
    parts = []
    if calendar is not None:
        parts.append("24/7" if calendar.always else f"{calendar.id} hours")
    if on_call:
        parts.append("on call")
    return ", ".join(parts)


def calendar_doc(calendar: Calendar) -> CalendarDoc:
    holidays = [
        " ".join(part for part in (h.date.isoformat() if h.date else "", h.name, _holiday_region(h)) if part)
        for h in calendar.holidays
    ]
    years = ""
    if calendar.years:
        first, last = calendar.years
        years = str(first) if first == last else f"{first}–{last}"
    return CalendarDoc(
        calendar.id,
        str(calendar.raw.get("description", "")),
        calendar.always,
        words.opening_hours(calendar),
        holidays,
        years,
    )


def _holiday_region(holiday) -> str:  # type: ignore[no-untyped-def]
    if not holiday.country:
        return ""
    region = holiday.country + (f"-{holiday.subdivision}" if holiday.subdivision else "")
    return f"(public holidays of {region})"


def clock_summary(pp: PriorityPlan) -> str:
    calendar = pp.calendar
    if pp.clock == "business":
        where = f"the {calendar.id} calendar's" if calendar else "the"
        return f"Targets count in business hours only: the clock stops outside {where} opening hours and on holidays."
    if calendar is None or calendar.always:
        return "Targets count in calendar hours: around the clock, every day."
    return (
        f"Targets count in calendar hours, around the clock, even outside the {calendar.id} calendar's opening hours."
    )


def priority_docs(plan: Plan) -> list[PriorityDoc]:
    pages = page_names([pp.id for pp in plan.priorities])
    docs = [_priority_doc(plan.book, pp, pages[pp.id]) for pp in plan.priorities]
    if plan.policies:
        # The priority's own targets are per SLA policy: the table by policy, and the ranges.
        for doc, pp in zip(docs, plan.priorities, strict=True):
            doc.policy_table = policy_table(plan, pp)
            doc.sla_table = SlaTable([], [])
            doc.first_response = policy_summary(plan, pp, "acknowledge")
            doc.update_every = policy_summary(plan, pp, "update_every") or policy_summary(plan, pp, "periodic_update")
            doc.resolve = policy_summary(plan, pp, "resolve")
            doc.updates = [SlaLine("by SLA policy", [doc.update_every])] if doc.update_every else []
    return docs


def _priority_doc(book: Playbook, pp: PriorityPlan, page: str) -> PriorityDoc:
    priority = pp.priority
    steps = ladder(book, pp)
    owners = [person(book, owner) for owner in pp.owners]
    kept = rungs(steps, len(owners))
    return PriorityDoc(
        id=pp.id,
        title=priority.title,
        definition=priority.definition,
        examples=list(priority.examples),
        page=page,
        clock=pp.clock,
        clock_summary=clock_summary(pp),
        calendar=calendar_doc(pp.calendar) if pp.calendar else None,
        owners=owners,
        sla_table=sla_table(book, pp),
        ladder=steps,
        rungs=kept,
        tree=tree(owners, kept),
        updates=_updates(book, pp),
        incident_commander=person(book, priority.incident_commander) if priority.incident_commander else None,
        status_page=priority.status_page,
        first_response=metric_summary(book, pp, "acknowledge"),
        update_every=metric_summary(book, pp, "update_every"),
        resolve=metric_summary(book, pp, "resolve"),
        clock_name=words.clock_words(pp.clock),
        plan=pp,
    )


def channel_name(book: Playbook, channel_id: str) -> str:
    if channel_id == EVERY_CHANNEL:
        return "All channels"
    name = book.channels[channel_id].name or channel_id
    return name[:1].upper() + name[1:]


def cell_words(pp: PriorityPlan, channel: str, metric: str) -> str:
    cell = pp.cell(channel, metric)
    if cell is None:
        return ""
    text = words.deadline_words(cell.text, cell.clock)
    return text if cell.clock == pp.clock else f"{text} ({words.clock_words(cell.clock)})"


def metric_summary(book: Playbook, pp: PriorityPlan, metric: str) -> str:
    """'5 minutes (Email: 15 minutes)': the most common target first, then the channels that differ."""
    groups = _channel_groups(book, pp, metric)
    if not groups:
        return ""
    common = max(groups, key=lambda text: len(groups[text]))
    others = [f"{', '.join(names)}: {text}" for text, names in groups.items() if text != common]
    return common + (f" ({'; '.join(others)})" if others else "")


def _channel_groups(book: Playbook, pp: PriorityPlan, metric: str) -> dict[str, list[str]]:
    """Channels that share one target, grouped, in the order the playbook lists channels."""
    groups: dict[str, list[str]] = {}
    for cid in sla_channels(book):
        text = cell_words(pp, cid, metric)
        if text:
            groups.setdefault(text, []).append(channel_name(book, cid))
    return groups


def sla_table(book: Playbook, pp: PriorityPlan) -> SlaTable:
    """The priority's targets per channel; channels sharing every target share a row, columns only for metrics set.

    Queue service levels ('answer 80% of calls within 20 seconds') are not here: they judge
    a team's queue over a day, not one ticket, so they live in the team section.
    """
    metrics = [m for m in SLA_METRICS if any(pp.cell(cid, m) for cid in sla_channels(book))]
    groups: dict[tuple[str, ...], list[str]] = {}
    for cid in sla_channels(book):
        cells = tuple(cell_words(pp, cid, metric) for metric in metrics)
        if any(cells):
            groups.setdefault(cells, []).append(channel_name(book, cid))
    return SlaTable(
        [words.METRIC_WORDS[m][:1].upper() + words.METRIC_WORDS[m][1:] for m in metrics],
        [(", ".join(names), list(cells)) for cells, names in groups.items()],
    )


def _updates(book: Playbook, pp: PriorityPlan) -> list[SlaLine]:
    """Update cadence, with channels that share one cadence grouped together."""
    groups = _channel_groups(book, pp, "update_every")
    return [SlaLine(", ".join(names), [text]) for text, names in groups.items()]


def ladder(book: Playbook, pp: PriorityPlan) -> list[LadderStep]:
    first = len(pp.owners) + 1
    return [
        LadderStep(
            number=first + index,
            at=words.span_words(step.offset, step.clock),
            short_at=words.short(step.offset, step.clock),
            after=words.span_words(step.after, step.clock),
            when=words.WHEN_WORDS.get(step.edge.when, step.edge.when),
            functional=step.edge.kind == "functional",
            source=person(book, step.source),
            target=person(book, step.target),
            note=step.edge.note,
            after_seconds=step.after,
            offset_seconds=step.offset,
            clock=step.clock,
            customers=customers_words(book, step.segments),
            segments=list(step.segments),
        )
        for index, step in enumerate(pp.steps)
    ]


def customers_words(book: Playbook, segments: tuple[str, ...]) -> str:
    """Whose tickets a segment-scoped step is for, in words; '' for every ticket."""
    if not segments:
        return ""
    return f"for {' or '.join(book.segments[s].title for s in segments)} customers only"


def rungs(steps: list[LadderStep], owners: int) -> list[LadderStep]:
    """The ladder with each person once, at the earliest time they get the ticket (steps come in firing order);
    other paths to them are kept as a note on that rung, numbered after the owners."""
    first: dict[str, LadderStep] = {}
    for step in steps:
        if step.target.id in first:
            first[step.target.id].also.append(f"at {step.at}, from {step.source.name}")
            continue
        first[step.target.id] = LadderStep(**{**step.__dict__, "also": []})
    kept = list(first.values())
    for index, step in enumerate(kept):
        step.number = owners + 1 + index
    return kept


@dataclass
class TreeLine:
    """One line of the ladder drawn as the tree it is: who, how deep, and the step that reaches them."""

    depth: int
    person: Person
    step: LadderStep | None  # None for an owner (has it from the start)


def tree(owners: list[Person], rungs_: list[LadderStep]) -> list[TreeLine]:
    """Owners at the root, each person under the one who hands it to them, children in firing order.

    A loop back to someone already drawn (possible when rule PB201 is lowered to a warning)
    is shown once more, without drawing their branch again.
    """
    lines: list[TreeLine] = []
    drawn: set[str] = set()

    def grow(node: Person, depth: int, step: LadderStep | None) -> None:
        lines.append(TreeLine(depth, node, step))
        if node.id in drawn:
            return
        drawn.add(node.id)
        for child in rungs_:
            if child.source.id == node.id:
                grow(child.target, depth + 1, child)

    for owner in owners:
        grow(owner, 0, None)
    return lines


def escalation_people(plan: Plan) -> list[str]:
    """Every node a ticket can reach, in the order the ladders name them."""
    seen: dict[str, None] = {}  # an ordered set
    for pp in plan.priorities:
        names = list(pp.owners)
        for step in pp.steps:
            names += [step.source, step.target]
        if pp.priority.incident_commander:
            names.append(pp.priority.incident_commander)
        seen.update(dict.fromkeys(names))
    return list(seen)
