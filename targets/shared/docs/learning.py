"""Facts for the onboarding guide: curriculum, plan, goals, measures, and the triage exercise."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from compiler.plan.plan import Plan
from playbook.model import Kpi, Playbook
from targets.shared.docs import facts, words

_KINDS = {"classroom": "Classroom", "shadowing": "Shadowing", "supervised": "Supervised", "independent": "Independent"}


@dataclass
class TopicRow:
    topic: str
    hours: str
    description: str


@dataclass
class PhaseRow:
    weeks: str
    kind: str
    focus: str
    goals: list[str]


@dataclass
class Goal:
    week: int
    words: str


@dataclass
class KpiRow:
    name: str
    target: str
    scope: str


@dataclass
class RubricRow:
    item: str
    points: str
    description: str


@dataclass
class Ticket:
    text: str
    priority: str
    title: str
    definition: str


@dataclass
class OnboardingDoc:
    curriculum: list[TopicRow] = field(default_factory=list)
    total: str = ""
    band_words: str = ""
    phases: list[PhaseRow] = field(default_factory=list)
    certification: list[str] = field(default_factory=list)
    ramp: list[Goal] = field(default_factory=list)
    kpis: list[KpiRow] = field(default_factory=list)
    rubric: list[RubricRow] = field(default_factory=list)
    rubric_total: str = ""
    evaluations: int | None = None
    calibration: str = ""
    tickets: list[Ticket] = field(default_factory=list)

    @property
    def ticket_count(self) -> int:
        return len(self.tickets)


def hours_range(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


_BAND_KINDS = {"shadowing": "shadowing", "supervised": "supervised work", "independent": "independent work"}


def band_words(
    total: tuple[float, float], band: tuple[float, float] | None, includes: tuple[str, ...] = ("classroom",)
) -> str:
    """How the curriculum's total compares with the stated band (which may count other work too)."""
    if band is None:
        return "no band is stated"
    stated = f"band {hours_range(*band)} hours"
    others = [_BAND_KINDS[k] for k in includes if k in _BAND_KINDS]
    if others:
        counted = " and ".join(others) if len(others) < 3 else ", ".join(others[:-1]) + " and " + others[-1]
        if "classroom" not in includes:
            return f"the {stated} counts {counted} only"
        if total[1] <= band[1]:
            return f"part of the {stated}, which also counts {counted}"
        return f"above the {stated}, which also counts {counted}"
    if total[0] >= band[0] and total[1] <= band[1]:
        return f"within the {stated}"
    if total[1] < band[0]:
        return f"below the {stated}"
    if total[0] > band[1]:
        return f"above the {stated}"
    return f"partly outside the {stated}"


def onboarding_doc(plan: Plan) -> OnboardingDoc:
    book = plan.book
    doc = OnboardingDoc(kpis=_kpis(book), tickets=triage_tickets(plan))
    if book.onboarding is not None:
        _fill_onboarding(book, doc)
    if book.qa is not None:
        doc.rubric = [RubricRow(r.item, f"{r.points:g}", r.description) for r in book.qa.rubric]
        doc.rubric_total = f"{sum(r.points for r in book.qa.rubric):g}"
        doc.evaluations = book.qa.evaluations_per_month
        doc.calibration = words.target_words(book.qa.calibration_variance) if book.qa.calibration_variance else ""
    return doc


def _fill_onboarding(book: Playbook, doc: OnboardingDoc) -> None:
    onboarding = book.onboarding
    assert onboarding is not None
    doc.curriculum = [TopicRow(t.topic, hours_range(*t.hours), t.description) for t in onboarding.curriculum]
    total = (sum(t.hours[0] for t in onboarding.curriculum), sum(t.hours[1] for t in onboarding.curriculum))
    doc.total = f"{hours_range(*total)} hours"
    doc.band_words = band_words(total, onboarding.total_hours, onboarding.total_includes)
    doc.ramp = [Goal(week, words.target_words(target)) for week, target, _ in onboarding.ramp]
    doc.phases = [
        PhaseRow(
            str(phase.weeks[0]) if phase.weeks[0] == phase.weeks[1] else f"{phase.weeks[0]}–{phase.weeks[1]}",
            _KINDS.get(phase.kind, phase.kind),
            phase.focus,
            [f"week {g.week}: {g.words} productivity" for g in doc.ramp if phase.weeks[0] <= g.week <= phase.weeks[1]],
        )
        for phase in onboarding.plan
    ]
    doc.certification = [facts.channel_name(book, c) if c in book.channels else c for c in onboarding.certification]


def _kpis(book: Playbook) -> list[KpiRow]:
    rows = []
    for name, kpi in book.kpis.items():
        label = words.KPI_NAMES.get(name, name.replace("_", " ").capitalize())
        if kpi.target is not None:
            rows.append(KpiRow(label, words.target_words(kpi.target), _scope(book, kpi)))
        for cid, target in kpi.per_channel.items():
            channel = facts.channel_name(book, cid) if cid in book.channels else cid
            rows.append(KpiRow(label, words.target_words(target), channel))
    return rows


def _scope(book: Playbook, kpi: Kpi) -> str:
    parts = []
    if kpi.metric:
        parts.append(words.METRIC_WORDS.get(kpi.metric, kpi.metric))
    if kpi.priorities:
        parts.append(", ".join(kpi.priorities))
    if kpi.channels:
        parts.append(", ".join(facts.channel_name(book, c) if c in book.channels else c for c in kpi.channels))
    return "; ".join(parts) or "all tickets"


def triage_tickets(plan: Plan) -> list[Ticket]:
    """Every priority's example tickets, shuffled the same way for the same playbook.

    The order comes from hashing the examples themselves, so it changes only
    when they change: never per run, per machine or per PYTHONHASHSEED.
    """
    tickets = [
        Ticket(text, pp.id, pp.priority.title, pp.priority.definition)
        for pp in plan.priorities
        for text in pp.priority.examples
    ]
    seed = hashlib.sha256(json.dumps([[t.text, t.priority] for t in tickets]).encode()).hexdigest()
    keys = [hashlib.sha256(f"{seed}:{index}".encode()).hexdigest() for index in range(len(tickets))]
    return [ticket for _, ticket in sorted(zip(keys, tickets, strict=True), key=lambda pair: pair[0])]
