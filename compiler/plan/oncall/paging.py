"""Which priorities page, and how each node of their ladder can be paged: a rota's schedule, or people by email.

Target-neutral: PagerDuty and Opsgenie both page users (found by email) and
schedules (built from rotas). A node is paged through the rota that covers it;
otherwise a person with an email is paged directly, and a team through its
members (each through their own rota, or by email). Roles without a rota,
vendors and services cannot be paged: those steps stay manual, with their time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.plan.oncall.ladder import Reach, reaches
from compiler.plan.plan import Plan, PriorityPlan
from playbook.model import Contact, Playbook, Rota, Team


@dataclass(frozen=True)
class Pageable:
    """Something an on-call tool can notify: a user (by email) or a schedule (from a rota)."""

    kind: str  # "user" or "schedule"
    id: str  # contact id or rota id
    email: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


@dataclass(frozen=True)
class PagedNode:
    reach: Reach
    pages: tuple[Pageable, ...]
    why_not: str = ""  # when `pages` is empty: why the node cannot be paged


@dataclass
class PagedPriority:
    prio: PriorityPlan
    nodes: list[PagedNode] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.prio.id

    def starts(self) -> list[tuple[float, Pageable]]:
        """(seconds after the start, pageable) for every pageable node, earliest first, each pageable once."""
        found: list[tuple[float, Pageable]] = []
        seen: set[tuple[str, str]] = set()
        for node in self.nodes:
            for page in node.pages:
                if page.key not in seen:
                    seen.add(page.key)
                    found.append((node.reach.offset, page))
        return found

    def manual(self) -> list[PagedNode]:
        return [node for node in self.nodes if not node.pages]


def paged_priorities(plan: Plan) -> list[PagedPriority]:
    """Every priority with `page: true`, most urgent first, with each ladder node resolved to what pages it."""
    book = plan.book
    return [
        PagedPriority(prio, [_paged(book, reach) for reach in reaches(prio)])
        for prio in plan.priorities
        if prio.priority.page
    ]


def _paged(book: Playbook, reach: Reach) -> PagedNode:
    pages, why_not = pageables(book, reach.node)
    return PagedNode(reach, tuple(pages), why_not)


def pageables(book: Playbook, node_id: str) -> tuple[list[Pageable], str]:
    """What pages a ladder node, and, when nothing does, why not."""
    rota = book.rota_of(node_id)
    if rota is not None:
        return [schedule(rota)], ""
    node = book.node(node_id)
    if isinstance(node, Team):
        found: list[Pageable] = []
        for member in node.members:
            for page in _member_pages(book, member):
                if page not in found:
                    found.append(page)
        if found:
            return found, ""
        return [], f"team {node_id!r} has no rota, and none of its members has a rota or is a person with an email"
    if isinstance(node, Contact):
        if node.kind == "person" and node.email:
            return [Pageable("user", node.id, node.email)], ""
        if node.kind == "person":
            return [], f"{node_id!r} has no email, which is how on-call tools find a user"
        if node.kind in ("vendor", "service"):
            return [], f"{node_id!r} is a {node.kind}: call {node.phone or 'them'} by hand"
        return [], f"{node_id!r} is a role: add a rota that covers it (people take the role in turns)"
    return [], f"{node_id!r} is not a contact or team"


def _member_pages(book: Playbook, member: str) -> list[Pageable]:
    rota = book.rota_of(member)
    if rota is not None:
        return [schedule(rota)]
    contact = book.contacts.get(member)
    if contact is not None and contact.kind == "person" and contact.email:
        return [Pageable("user", contact.id, contact.email)]
    return []


def schedule(rota: Rota) -> Pageable:
    return Pageable("schedule", rota.id)


def rota_members(book: Playbook, rota: Rota) -> list[tuple[Contact, str]]:
    """(member, why it cannot be a user) for members an on-call tool cannot find; empty when all can be."""
    missing = []
    for cid in rota.members:
        contact = book.contacts.get(cid)
        if contact is None:
            continue
        if not contact.email:
            missing.append((contact, "has no email"))
        elif contact.kind != "person":
            missing.append((contact, f"is a {contact.kind}, not a person"))
    return missing


def used_rotas(book: Playbook, paged: list[PagedPriority]) -> list[Rota]:
    """The rotas some paged ladder pages, in the order the playbook lists them."""
    ids = {page.id for prio in paged for node in prio.nodes for page in node.pages if page.kind == "schedule"}
    return [rota for rota in book.rotas.values() if rota.id in ids]
