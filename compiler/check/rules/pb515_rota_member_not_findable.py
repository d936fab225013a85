"""Every member of a paged rota must be a person with an email.

Why: on-call tools find users by email (PagerDuty looks them up, Opsgenie uses
it as the username). A member without one, or a role or vendor put in a rota,
cannot take a turn there: the build leaves them out of the schedule, and
their turns go to the others. Active for the requested pagerduty and
opsgenie targets, for rotas a paged priority uses.

Bad:
    priorities:
      P1: {title: Down, owner: duty, hours: calendar, page: true}
    contacts:
      duty: {name: Duty manager, kind: role}
      ama: {name: Ama, phone: "+442079460130"}
    rotas:
      duty-managers: {covers: duty, members: [ama], start: 2026-11-30, handoff: "09:00", every: 1w}

Good:
    priorities:
      P1: {title: Down, owner: duty, hours: calendar, page: true}
    contacts:
      duty: {name: Duty manager, kind: role}
      ama: {name: Ama, phone: "+442079460130", email: ama@acme-support.com}
    rotas:
      duty-managers: {covers: duty, members: [ama], start: 2026-11-30, handoff: "09:00", every: 1w}
"""

from __future__ import annotations

from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._oncall import names, paged, requested
from compiler.plan.oncall.paging import rota_members, used_rotas
from playbook.findings import Finding, Location
from playbook.model import Playbook

CODE = "PB515"
NAME = "rota-member-not-findable"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "only the team knows the member's email, or whether they leave the rota"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    products = requested(ctx.targets, "oncall")
    if not products:
        return
    for rota in used_rotas(book, paged(book)):
        holder = rota.raw.get("members")
        for contact, why in rota_members(book, rota):
            index = rota.members.index(contact.id)
            loc = Location(*holder.item_loc(index)) if hasattr(holder, "item_loc") else rota.where("members")
            yield ctx.finding(
                loc,
                f"rota {rota.id!r}: {contact.id!r} {why}, so {names(products)} cannot give them a turn",
                "give the member an email (a person's own), or take them out of the rota",
            )
