"""The shape of a semantic diff: one `Change` per thing a reviewer must know, grouped in sections."""

from __future__ import annotations

from dataclasses import dataclass, field

SECTIONS = {
    "priorities": "Priorities",
    "sla": "SLA targets",
    "policies": "SLA policies",
    "escalation": "Escalation",
    "paging": "Paging",
    "rotas": "On-call rotas",
    "alerts": "Alert routing",
    "contacts": "Contacts",
    "calendars": "Calendars and holidays",
}


@dataclass(frozen=True)
class Change:
    section: str  # a key of SECTIONS
    subject: str  # what changed, e.g. "P1 resolve" or "P1: team-lead -> service-manager"
    action: str  # added, removed, tightened, loosened, changed, renumbered
    old: str = ""
    new: str = ""
    detail: str = ""
    flagged: bool = False  # weakens the service: a reviewer must look


@dataclass
class Diff:
    base: str  # labels, e.g. "origin/main:examples/field-service"
    head: str
    changes: list[Change] = field(default_factory=list)

    @property
    def flagged(self) -> list[Change]:
        return [c for c in self.changes if c.flagged]

    def section(self, name: str) -> list[Change]:
        return [c for c in self.changes if c.section == name]
