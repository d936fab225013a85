"""The Statuspage bundle: four incident templates per priority that posts to the status page."""

from __future__ import annotations

from compiler.plan.plan import Plan, PriorityPlan
from playbook.model import Playbook
from playbook.policyview import target_seconds, update_cadences
from targets.shared.helpdesk import slug
from targets.shared.payloads import Bundle, Ref

API = {
    "name": "Statuspage REST API v1",
    "base_url": "https://api.statuspage.io",
    "reference": "https://developer.statuspage.io/",
}
PAGE = Ref("page", "status")
STATUSES = ("investigating", "identified", "monitoring", "resolved")
OPENINGS = {
    "investigating": "We are investigating a problem: {title}.",
    "identified": "We have found the cause of the problem ({title}) and are working on a fix.",
    "monitoring": "A fix is in place and we are watching the results closely.",
    "resolved": "This incident has been resolved. Thank you for your patience.",
}


def emit(plan: Plan) -> Bundle:
    book = plan.book
    bundle = Bundle("statuspage", book.id, API)
    posting = [prio for prio in plan.priorities if prio.priority.status_page]
    if not posting:
        bundle.note("omitted", "priorities", "no priority has status_page: true, so there is no template to write")
        return bundle
    url = book.organisation.status_page if book.organisation else ""
    match = {"url": url} if url else {"name": book.name}
    bundle.lookup(PAGE, "GET /v1/pages", match, f"{book.name} status page")
    for prio in posting:
        for status in STATUSES:
            _template(bundle, book, prio, status)
    bundle.manual(
        "statuspage-replace",
        "Replace the old templates by hand",
        "Statuspage can create and list incident templates but not update or delete them through the API "
        "(yannh/terraform-provider-statuspage#30): applying twice makes duplicates.",
        [
            "Before applying a changed playbook, delete its earlier templates: Incidents > Templates, the ones named "
            + ", ".join(f"'{_name(prio, status)}'" for prio in posting for status in STATUSES),
            "Send the files one per second at most: the API allows 1 request per second per token.",
        ],
    )
    bundle.manual(
        "statuspage-components",
        "Pick the affected components when opening an incident",
        "Components are parts of the status page, which the playbook does not describe.",
        ["Opening an incident from a template, tick the components it affects."],
    )
    return bundle


def _name(prio: PriorityPlan, status: str) -> str:
    return f"{prio.id} - {status}"


def _cadence(book: Playbook, bundle: Bundle, prio: PriorityPlan) -> str:
    """The update cadence the templates promise: `sla:`'s, else the fastest any SLA policy promises."""
    cadences = update_cadences(book, prio.id)
    if not cadences:
        bundle.note(
            "omitted",
            f"priority {prio.id}",
            f"{prio.id} posts to the status page but has no update_every: the templates promise no next update",
        )
        return ""
    timed = [(target_seconds(book, written), written) for written in cadences]
    (seconds, clock), fastest = min(timed, key=lambda item: item[0][0])
    if fastest.policy is not None:
        others = ", ".join(f"{w.policy.id} {w.target.duration.text}" for _, w in timed if w is not fastest and w.policy)
        bundle.note(
            "approximated",
            f"priority {prio.id}",
            f"{prio.id}'s SLA policies promise updates at different paces; a status page speaks to every customer "
            f"at once, so the templates promise the fastest, SLA policy {fastest.policy.id}'s "
            f"{fastest.metric} {fastest.target.duration.text}" + (f" (the others: {others})" if others else ""),
        )
    return spoken(seconds) + (" of business hours" if clock == "business" else "")


def spoken(seconds: float) -> str:
    """Words for customers: 900 -> '15 minutes', 5400 -> '1 hour 30 minutes'."""
    total = int(round(seconds / 60))
    days, rest = divmod(total, 1440)
    hours, minutes = divmod(rest, 60)
    parts = [
        f"{value} {unit}{'s' if value != 1 else ''}"
        for value, unit in ((days, "day"), (hours, "hour"), (minutes, "minute"))
        if value
    ]
    return " ".join(parts) or "1 minute"


def _template(bundle: Bundle, book: Playbook, prio: PriorityPlan, status: str) -> None:
    title = prio.priority.title or prio.id
    cadence = _cadence(book, bundle, prio) if status != "resolved" else ""
    body = OPENINGS[status].format(title=title)
    if cadence:
        body += f" We will post the next update within {cadence}."
    payload = {
        "template": {
            "name": _name(prio, status),
            "title": title,
            "body": body,
            "update_status": status,
            "should_tweet": False,
            "should_send_notifications": True,
        }
    }
    bundle.add(
        "incident_template",
        f"incident_templates/{slug(prio.id)}-{status}.json",
        "POST",
        f"/v1/pages/{PAGE.text}/incident_templates",
        payload,
        f"Incident template {_name(prio, status)}",
    )
