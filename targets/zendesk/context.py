"""What every part of the Zendesk renderer needs: the plan, the bundle, mappings and references."""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.plan.helpdesk import PolicyGroup, channel_codes, level_owners, metric_map, policy_groups, priority_levels
from compiler.plan.plan import Plan, PriorityPlan
from playbook.model import Playbook
from targets.shared.helpdesk import Texts, carried_priorities
from targets.shared.payloads import Bundle, Ref

API = {
    "name": "Zendesk Support API",
    "base_url": "https://{subdomain}.zendesk.com",
    "reference": "https://developer.zendesk.com/api-reference/",
}
TEXTS = Texts("{{ticket.id}}", "{{ticket.title}}", "{{ticket.link}}")


@dataclass
class Context:
    plan: Plan
    bundle: Bundle
    levels: dict[str, str] = field(default_factory=dict)  # priority id -> Zendesk priority
    owners: dict[str, str] = field(default_factory=dict)  # Zendesk priority -> priority id carrying it
    metrics: dict[str, str] = field(default_factory=dict)  # playbook metric -> Zendesk metric
    groups: list[PolicyGroup] = field(default_factory=list)
    codes: dict[str, tuple[int, ...]] = field(default_factory=dict)  # channel -> via_id values

    @classmethod
    def create(cls, plan: Plan) -> Context:
        book = plan.book
        metrics = metric_map(book, "zendesk")
        return cls(
            plan,
            Bundle("zendesk", book.id, API),
            levels={k: str(v) for k, v in priority_levels(book, "zendesk").items()},
            owners={str(k): v for k, v in level_owners(book, "zendesk").items()},
            metrics=metrics,
            groups=policy_groups(plan, "zendesk"),
            codes=channel_codes(book, "zendesk"),
        )

    @property
    def book(self) -> Playbook:
        return self.plan.book

    def carried(self) -> list[tuple[PriorityPlan, str]]:
        """(priority plan, Zendesk priority) for each priority that owns its level, most urgent first."""
        return carried_priorities(self.plan.priorities, self.levels, self.owners)

    def group(self, team: str) -> Ref:
        return Ref("group", team)

    def user(self, contact_id: str) -> Ref:
        ref = Ref("user", contact_id)
        contact = self.book.contacts[contact_id]
        if contact.email:
            find, match = f"GET /api/v2/users/search?query=email:{contact.email}", {"email": contact.email}
        else:
            find, match = f"GET /api/v2/users/search?query=name:{contact.name}", {"name": contact.name}
            self.bundle.note(
                "lookup",
                f"contact {contact_id}",
                f"{contact_id} has no email, so its Zendesk user is looked up by name ({contact.name!r})",
            )
        self.bundle.lookup(ref, find, match, contact.name)
        if contact.kind in ("vendor", "service"):
            self.bundle.note(
                "lookup",
                f"contact {contact_id}",
                f"{contact_id} is a {contact.kind}: Zendesk only notifies its own users, so add it as a user "
                "(an end user is enough) before applying",
            )
        return ref

    def node(self, node: str) -> tuple[str, Ref]:
        """('user' or 'group', reference) for an escalation node."""
        if node in self.book.teams:
            return "group", self.group(node)
        return "user", self.user(node)
