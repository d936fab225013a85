"""`find_contact`: who a name, role, team, id or typed phone number means, and whether they can be reached."""

from __future__ import annotations

import re
from collections.abc import Callable

from compiler.check.rules.pb402_round_the_clock_step_office_hours import office_hours_of
from compiler.plan import routing
from compiler.plan.phones import phone as parse_phone
from compiler.plan.plan import Plan
from compiler.time import calendars
from compiler.time.simulate import BadArgument, check_zone, read_time
from mcpserver.shapes import Availability, Contactable, ContactMatch, FindContactAnswer, Moment, cite
from playbook.findings import Location, shown
from playbook.model import Calendar, Contact, Playbook, Team
from targets.shared.docs import words

_STOP_WORDS = frozenset(
    "a an and are as at be by can do for from has have how i in is it its me my of on or our the their them "
    "they this to was we what when where which who whom why will with you your contact number call reach".split()
)


def words_in(text: str, *, keep_short: bool = False) -> set[str]:
    found = set(re.findall(r"[a-z0-9]+", text.lower()))
    return {w for w in found if w not in _STOP_WORDS and (keep_short or len(w) > 2)}


class ContactSearch:
    """Contacts and teams scored by the words and digits of a query; their roles and reachability."""

    def __init__(
        self,
        book: Playbook,
        plan: Plan,
        moment: Callable[[float, str | None], Moment],
        contactable: Callable[[str], Contactable],
    ) -> None:
        self.book, self.plan, self.moment, self.contactable = book, plan, moment, contactable

    def find(self, query: str, at: str | None = None, tz: str | None = None) -> FindContactAnswer:
        check_zone(tz)
        words_wanted = words_in(query, keep_short=True)
        typed_digits = re.sub(r"\D", "", query)
        if not words_wanted and len(typed_digits) < 4:
            raise BadArgument("query", "give a name, role, team, id or phone number to look for")
        instant = read_time(at, tz or self.book.timezone, "at") if at is not None else None
        roles = self._roles()
        scored: list[tuple[int, int, ContactMatch]] = []
        nodes: list[Contact | Team] = [*self.book.contacts.values(), *self.book.teams.values()]
        for order, node in enumerate(nodes):
            hay = words_in(" ".join(self._haystack(node, roles.get(node.id, []))), keep_short=True)
            matched = sorted(w for w in words_wanted if any(h == w or h.startswith(w) for h in hay))
            number = self.book.reach(node.id).phone
            if number and parse_phone(number).matches(query):
                matched.append(number)
            if not matched:
                continue
            scored.append(
                (-len(matched), order, self._contact_match(node, roles.get(node.id, []), matched, instant, tz))
            )
        matches = [item for *_, item in sorted(scored, key=lambda s: s[:2])][:5]
        if not matches:
            summary = f"No contact or team matches {shown(query)}"
        else:
            best = matches[0]
            person = best["contact"]
            reach = person["phone_display"] or person["email"] or "no phone or email"
            summary = f"{person['name']} ({person['id']}): {reach}; {best['available']['summary']}"
            summary += (
                f"; {len(matches) - 1} more match" + ("es" if len(matches) > 2 else "") if len(matches) > 1 else ""
            )
        return FindContactAnswer(query=query, matches=matches, summary=summary + ".")

    def _roles(self) -> dict[str, list[str]]:
        """What the playbook asks of each contact or team, in words an agent would search for."""
        book = self.book
        roles: dict[str, list[str]] = {}

        def add(node: str | None, role: str) -> None:
            if node:
                roles.setdefault(node, [])
                if role not in roles[node]:
                    roles[node].append(role)

        organisation = book.organisation
        if organisation is not None:
            add(organisation.privacy_contact, "privacy contact")
            add(organisation.security_contact, "security contact")
            add(organisation.emergency_line, "emergency line")
        for pp in self.plan.priorities:
            for owner in pp.owners:
                add(owner, f"{pp.id} owner")
            add(pp.priority.incident_commander, f"{pp.id} incident commander")
            first = len(pp.owners) + 1
            for index, step in enumerate(pp.steps):
                kind = "brought in" if step.edge.kind == "functional" else "escalation"
                add(step.target, f"{pp.id} {kind} step {first + index}")
        for team in book.teams.values():
            add(team.lead, f"lead of {team.name}")
            for member in team.members:
                add(member, f"member of {team.name}")
        for route in book.routing:
            add(route.team, f"routing: {routing.describe(route)}")
        for alert in book.alerts:
            add(alert.notify, f"notified by the {alert.metric} alert")
        return roles

    def _haystack(self, node: Contact | Team, roles: list[str]) -> list[str]:
        parts = [node.id, node.id.replace("-", " "), node.name, *roles]
        if isinstance(node, Contact):
            parts += [node.title, node.kind, node.notes, node.email]
            team = self.book.teams.get(node.team) if node.team else None
            parts += [team.name] if team else []
            parts += ["on call"] if node.on_call else []
        else:
            parts += ["team", node.email]
        return parts

    def _contact_match(
        self, node: Contact | Team, roles: list[str], matched: list[str], instant: float | None, tz: str | None
    ) -> ContactMatch:
        return ContactMatch(
            contact=self.contactable(node.id),
            on_call=node.on_call,
            available=self._availability(node, instant, tz),
            roles=roles,
            team=node.team if isinstance(node, Contact) else None,
            verified=node.verified.isoformat() if isinstance(node, Contact) and node.verified else None,
            notes=node.notes if isinstance(node, Contact) else "",
            matched=matched,
        )

    def _availability(self, node: Contact | Team, instant: float | None, tz: str | None) -> Availability:
        calendar, why, loc = self._reach_calendar(node)
        if calendar is None:
            return Availability(
                summary=why,
                calendar=None,
                open_at=True if instant is not None else None,
                next_change=None,
                source=cite(loc),
            )
        summary = f"{calendar.id} hours: " + "; ".join(words.opening_hours(calendar))
        open_at: bool | None = None
        change: Moment | None = None
        if instant is not None:
            open_at, when = calendars.state_at(calendar, instant)
            change = self.moment(when, tz) if when is not None else None
            summary += "; open now" if open_at else "; closed now"
            if change is not None:
                summary += f", {'closes' if open_at else 'opens'} {change['shown']}"
        return Availability(
            summary=summary, calendar=calendar.id, open_at=open_at, next_change=change, source=cite(loc)
        )

    def _reach_calendar(self, node: Contact | Team) -> tuple[Calendar | None, str, Location]:
        """The calendar limiting when `node` can be reached (None: any time), why, and the line that says so.

        Rule PB402's reading, so the linter and the answers never disagree: on call (or a team
        with an on-call member) means any time; else the contact's `available` calendar, else
        its team's; a 24/7 calendar limits nothing.
        """
        limit = office_hours_of(self.book, node.id)
        if limit is not None:
            return limit[0], "", limit[1]
        if node.on_call:
            return None, "any time (on call)", node.where("on_call")
        return None, "any time", node.loc
