"""What every part of the Freshdesk renderer needs: the plan, the bundle, mappings and references."""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.plan.helpdesk import PolicyGroup, channel_codes, level_owners, policy_groups, priority_levels
from compiler.plan.plan import Plan, PriorityPlan
from playbook.model import Playbook
from targets.shared.helpdesk import Texts, carried_priorities
from targets.shared.payloads import Bundle, Ref

API = {
    "name": "Freshdesk API v2",
    "base_url": "https://{domain}.freshdesk.com",
    "reference": "https://developers.freshdesk.com/api/",
}
TEXTS = Texts("{{ticket.id}}", "{{ticket.subject}}", "{{ticket.url}}")
RESOLVED = [4, 5]  # ticket statuses Resolved and Closed
OPEN = 2


@dataclass
class Context:
    plan: Plan
    bundle: Bundle
    levels: dict[str, int] = field(default_factory=dict)  # priority id -> Freshdesk priority (1..4)
    owners: dict[int, str] = field(default_factory=dict)  # Freshdesk priority -> priority id carrying it
    groups: list[PolicyGroup] = field(default_factory=list)
    codes: dict[str, tuple[int, ...]] = field(default_factory=dict)  # channel -> ticket sources

    @classmethod
    def create(cls, plan: Plan) -> Context:
        book = plan.book
        return cls(
            plan,
            Bundle("freshdesk", book.id, API),
            levels={k: int(v) for k, v in priority_levels(book, "freshdesk").items()},
            owners={int(k): v for k, v in level_owners(book, "freshdesk").items()},
            groups=policy_groups(plan, "freshdesk"),
            codes=channel_codes(book, "freshdesk"),
        )

    @property
    def book(self) -> Playbook:
        return self.plan.book

    def carried(self) -> list[tuple[PriorityPlan, int]]:
        """(priority plan, Freshdesk priority) for each priority that owns its level, most urgent first."""
        return carried_priorities(self.plan.priorities, self.levels, self.owners)

    def group(self, team: str) -> Ref:
        return Ref("group", team, "integer")

    def agent(self, contact_id: str) -> Ref:
        ref = Ref("agent", contact_id, "integer")
        contact = self.book.contacts[contact_id]
        if contact.email:
            self.bundle.lookup(ref, f"GET /api/v2/agents?email={contact.email}", {"email": contact.email}, contact.name)
        else:
            self.bundle.lookup(ref, "GET /api/v2/agents", {"contact.name": contact.name}, contact.name)
            self.bundle.note(
                "lookup", f"contact {contact_id}", f"{contact_id} has no email, so its agent is looked up by name"
            )
        if contact.kind in ("vendor", "service"):
            self.bundle.note(
                "lookup",
                f"contact {contact_id}",
                f"{contact_id} is a {contact.kind}: Freshdesk escalations only email agents, so add it as an "
                "agent (an occasional or collaborator agent) before applying",
            )
        return ref

    def business_hours(self, calendar_id: str) -> Ref:
        ref = Ref("business_hours", calendar_id, "integer")
        name = f"{self.book.name}: {calendar_id}"
        self.bundle.lookup(ref, "GET /api/v2/business_hours", {"name": name}, name)
        return ref
