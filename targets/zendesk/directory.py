"""Groups (from teams), their memberships, and the Category field routing rules read."""

from __future__ import annotations

from targets.shared.helpdesk import slug, tag
from targets.zendesk.context import Context


def emit_groups(ctx: Context) -> None:
    for tid, team in ctx.book.teams.items():
        body = {"group": {"name": team.name, "description": f"{ctx.book.name}: team {tid}"}}
        ctx.bundle.add(
            "group",
            f"groups/{slug(tid)}.json",
            "POST",
            "/api/v2/groups",
            body,
            f"Group {team.name}",
            ctx.group(tid).integer(),
        )
    for tid, team in ctx.book.teams.items():
        for member in team.members:
            body = {"group_membership": {"user_id": ctx.user(member).integer(), "group_id": ctx.group(tid).integer()}}
            ctx.bundle.add(
                "group_membership",
                f"group_memberships/{slug(tid)}--{slug(member)}.json",
                "POST",
                "/api/v2/group_memberships",
                body,
                f"{member} joins group {team.name}",
            )


def category_tag(category: str) -> str:
    return tag("category", category)


def emit_category_field(ctx: Context) -> None:
    """A Category drop-down: Zendesk turns the chosen option into a tag, which routing triggers match."""
    categories = list(dict.fromkeys(route.category for route in ctx.book.routing if route.category))
    if not categories:
        return
    options = [
        {"name": c.replace("-", " ").replace("_", " ").capitalize(), "value": category_tag(c)} for c in categories
    ]
    body = {"ticket_field": {"type": "tagger", "title": "Category", "custom_field_options": options}}
    ctx.bundle.add(
        "ticket_field", "ticket_fields/category.json", "POST", "/api/v2/ticket_fields", body, "Ticket field Category"
    )
