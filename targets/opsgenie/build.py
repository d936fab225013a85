"""The Opsgenie bundle: schedules, then escalations, with manual steps and notes."""

from __future__ import annotations

from typing import Any

from compiler.plan.oncall import opsgenie
from compiler.plan.oncall.paging import Pageable, PagedPriority, paged_priorities, used_rotas
from compiler.plan.plan import Plan
from playbook.model import Playbook, Rota
from targets.shared import oncall
from targets.shared.helpdesk import slug
from targets.shared.payloads import Bundle

API = {
    "name": "Opsgenie REST API v2",
    "base_url": "https://api.opsgenie.com",
    "reference": "https://docs.opsgenie.com/docs/api-overview",
}
PRODUCT = opsgenie.PRODUCT
ROTATION_TYPES = {"h": "hourly", "d": "daily", "w": "weekly"}
MAX_NAME = 100


def emit(plan: Plan) -> Bundle:
    book = plan.book
    bundle = Bundle("opsgenie", book.id, API)
    paged = paged_priorities(plan)
    rotas = used_rotas(book, paged)
    for rota in rotas:
        _schedule(bundle, book, rota)
    for prio in paged:
        _escalation(bundle, book, prio)
    if not paged:
        bundle.note("omitted", "priorities", "no priority has page: true, so there is nothing to page")
        return bundle
    _users_step(bundle, book, paged, rotas)
    bundle.manual(
        "opsgenie-owner-team",
        "Create the schedules and escalations as their owner team",
        "Opsgenie gives schedules and escalations the team of the API key's integration; a global key needs an "
        "ownerTeam in each body, and the playbook does not say which Opsgenie team owns them.",
        ['Send the files with the API key of the owning team\'s integration, or add "ownerTeam": {"name": ...}'],
    )
    bundle.manual(
        "opsgenie-routing",
        "Route each priority's alerts to its escalation",
        "Which alerts are which priority is decided by the team's routing rules, which the playbook does not hold.",
        [f"{prio.id}: route {prio.id} alerts to the escalation '{_name(oncall.policy_name(prio))}'" for prio in paged],
    )
    return bundle


def _name(text: str) -> str:
    return text if len(text) <= MAX_NAME else text[: MAX_NAME - 1].rstrip() + "…"


def _start(bundle: Bundle, rota: Rota) -> str:
    handoff = rota.first_handoff()
    assert handoff is not None  # the model parsed `start` (the schema requires it)
    kept = max(m for m in opsgenie.HANDOFF_MINUTES if m <= handoff.minute)
    if kept != handoff.minute:
        bundle.note(
            "rounded",
            f"rota {rota.id}",
            f"Opsgenie starts rotations on :00 or :30 (it moves other times itself): the {handoff:%H:%M} hand-over "
            f"of rota {rota.id!r} is sent as {handoff.hour:02d}:{kept:02d}",
        )
        handoff = handoff.replace(minute=kept)
    return handoff.isoformat()


def _schedule(bundle: Bundle, book: Playbook, rota: Rota) -> None:
    participants = [
        {"type": "user", "username": book.contacts[member].email}
        for member in rota.members
        if book.contacts[member].email
    ]
    for member in rota.members:
        if not book.contacts[member].email:
            bundle.note("omitted", f"rota {rota.id}", f"{member} has no email (an Opsgenie username): left out")
    body = {
        "name": rota.name,
        "description": oncall.rota_text(book, rota),
        "timezone": rota.timezone,
        "enabled": True,
        "rotations": [
            {
                "name": rota.name,
                "startDate": _start(bundle, rota),
                "type": ROTATION_TYPES[rota.every[-1]],
                "length": int(rota.every[:-1]),
                "participants": participants,
            }
        ],
    }
    bundle.add("schedule", f"schedules/{slug(rota.id)}.json", "POST", "/v2/schedules", body, f"Schedule {rota.name}")


def _recipient(book: Playbook, page: Pageable) -> dict[str, Any]:
    if page.kind == "schedule":
        return {"type": "schedule", "name": book.rotas[page.id].name}
    return {"type": "user", "username": page.email}


def _escalation(bundle: Bundle, book: Playbook, paged: PagedPriority) -> None:
    starts = paged.starts()
    converted = opsgenie.escalation(starts)
    oncall.moved_notes(bundle, book, paged, converted.moved, PRODUCT)
    oncall.manual_pages(bundle, book, paged, PRODUCT)
    oncall.business_clock_note(bundle, paged, PRODUCT)
    when = _conditions(paged)
    if any(node.reach.when == "unmitigated" for node in paged.nodes):
        bundle.note(
            "approximated",
            f"priority {paged.id}",
            f"{paged.id}: Opsgenie cannot see mitigation, so steps that stop once the incident is mitigated keep "
            "escalating until the alert is closed (if-not-closed)",
        )
    if not converted.rules:
        bundle.note("omitted", f"priority {paged.id}", f"{paged.id}: nobody on its ladder can be paged: no escalation")
        return
    name = _name(oncall.policy_name(paged))
    if name != oncall.policy_name(paged):
        bundle.note(
            "approximated",
            f"priority {paged.id}",
            f"Opsgenie escalation names take {MAX_NAME} characters: '{oncall.policy_name(paged)}' is sent as '{name}'",
        )
    body = {
        "name": name,
        "description": f"Generated by playbook from {book.id}: {oncall.ladder_text(book, paged)}.",
        "rules": [
            {
                "condition": opsgenie.CONDITIONS[when[rule.recipient.key]],
                "notifyType": "default",
                "delay": {"timeAmount": rule.delay, "timeUnit": "minutes"},
                "recipient": _recipient(book, rule.recipient),
            }
            for rule in converted.rules
        ],
    }
    bundle.add(
        "escalation", f"escalations/{slug(paged.id)}.json", "POST", "/v2/escalations", body, f"Escalation {name}"
    )


def _conditions(paged: PagedPriority) -> dict[tuple[str, str], str]:
    """Each pageable's `when`: that of the earliest node that pages it (as `starts` keeps the earliest)."""
    found: dict[tuple[str, str], str] = {}
    for node in paged.nodes:
        for page in node.pages:
            found.setdefault(page.key, node.reach.when)
    return found


def _users_step(bundle: Bundle, book: Playbook, paged: list[PagedPriority], rotas: list[Rota]) -> None:
    emails: dict[str, str] = {}
    for rota in rotas:
        for member in rota.members:
            contact = book.contacts[member]
            if contact.email:
                emails.setdefault(contact.email, contact.name)
    for prio in paged:
        for _, page in prio.starts():
            if page.kind == "user":
                emails.setdefault(page.email, book.contacts[page.id].name)
    bundle.manual(
        "opsgenie-users",
        "Check that every person is an Opsgenie user",
        "Schedules and escalations name users by username (their email); Opsgenie refuses a body naming a user "
        "it does not have.",
        [f"{email} ({name})" for email, name in sorted(emails.items())],
    )
