"""The ticket's attributes that choose its SLA policy, and the policy in the answers (for `mcpserver.answers`).

The attributes are `playbook simulate`'s (--tag, --org, --org-tag, --form, --type, --group,
--brand, --field), checked by the same code, so a tool and the CLI refuse the same input in
the same words (with the argument's name for the option).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from compiler.time.simulate import ATTRIBUTE_OPTIONS, PolicyChoice, ticket_of
from mcpserver.shapes import PolicyInfo, cite
from playbook.model import Playbook
from playbook.policies import resolve
from playbook.selection import Ticket

# The tools' argument names for the attributes of `compiler.time.simulate.ticket_of` (errors name them).
ATTRIBUTE_ARGUMENTS = {name: name for name in ATTRIBUTE_OPTIONS}


@dataclass(frozen=True)
class TicketAttributes:
    """What a ticket carries that chooses its SLA policy: `playbook simulate`'s --tag, --org, ... --field."""

    tags: tuple[str, ...] = ()
    organization: str | None = None
    organization_tags: tuple[str, ...] = ()
    form: str | None = None
    ticket_type: str | None = None
    group: str | None = None
    brand: str | None = None
    fields: dict[str, str] = dataclass_field(default_factory=dict)

    def given(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in ATTRIBUTE_ARGUMENTS}


NO_ATTRIBUTES = TicketAttributes()


def ticket_for(channel: str | None, attributes: TicketAttributes) -> Ticket:
    a = attributes
    return ticket_of(
        channel, a.tags, a.organization_tags, a.organization, a.form, a.ticket_type, a.group, a.brand, a.fields
    )


def policy_info(choice: PolicyChoice | None) -> PolicyInfo | None:
    if choice is None:
        return None
    policy = choice.policy.policy
    return PolicyInfo(
        id=policy.id,
        title=policy.title,
        position=choice.policy.position,
        why=list(choice.why),
        calendar=choice.calendar.id if choice.calendar is not None else None,
        field_value=choice.field_value,
        source=cite(policy.loc),
    )


def policy_clause(choice: PolicyChoice | None) -> str:
    """'; SLA policy 6. Enterprise plan (enterprise)' for a summary; empty without SLA policies."""
    if choice is None:
        return ""
    policy = choice.policy.policy
    return f"; SLA policy {choice.policy.position}. {policy.title} ({policy.id})"


def policy_fields(book: Playbook) -> set[str]:
    """The custom fields SLA policies read: in their selectors (segments included) and to pick a calendar."""
    found = set()
    for policy in book.policies:
        if policy.when is not None:
            found |= {c.field_name for c in resolve(policy.when, book.segments).conditions() if c.field_name}
        if policy.calendar is not None and policy.calendar.field_name:
            found.add(policy.calendar.field_name)
    return found
