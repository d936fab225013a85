"""A routing rule must be able to match something no earlier rule matches.

Why: routing is first match wins. A rule after `default: true`, or after an
earlier rule that matches everything it matches (the same tag, or the same
category with no further condition), never fires: its team never gets those
tickets and its routing target is never measured. A rule matches what all of
its conditions (`category`, `tag`, `channel`, `segment`) match; fewer conditions match more.

Bad:
    routing:
      - {category: billing, team: billing}
      - {category: billing, channel: phone, team: billing-phone}
      - {default: true, team: coordinators}
      - {tag: outage, team: coordinators}

Good:
    routing:
      - {category: billing, channel: phone, team: billing-phone}
      - {category: billing, team: billing}
      - {tag: outage, team: coordinators}
      - {default: true, team: coordinators}
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from compiler.check.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook, Route

CODE = "PB260"
NAME = "routing-rule-shadowed"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}
MANUAL_FIX = "whether to reorder or remove the rule is the team's decision"

CONDITIONS = ("category", "tag", "channel", "segment")


def _covers(earlier: Route, later: Route) -> bool:
    """Whether every ticket `later` matches is already matched by `earlier`."""
    if earlier.default:
        return True
    if later.default:
        return False
    return all(getattr(earlier, c) is None or getattr(earlier, c) == getattr(later, c) for c in CONDITIONS)


def _describe(route: Route) -> str:
    if route.default:
        return "the default rule"
    return "the rule for " + ", ".join(f"{c} {getattr(route, c)!r}" for c in CONDITIONS if getattr(route, c))


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    for route, earlier in _shadowed(book.routing):
        yield ctx.finding(
            route.loc,
            f"this rule never matches: {_describe(earlier)} comes first and takes all its tickets",
            "move the more specific rule above the general one (first match wins), or remove it",
            [(earlier.loc, _describe(earlier))],
        )


def _shadowed(routes: list[Route]) -> Iterator[tuple[Route, Route]]:
    """(route, the first earlier route that `_covers` it), in one pass instead of comparing every pair.

    An earlier non-default rule covers a later one exactly when each of its
    conditions is unset or equal, so the candidates are the rules first seen
    with one of the 2**4 ways of blanking the later rule's conditions.
    """
    first_with: dict[tuple[str | None, ...], int] = {}
    first_default: int | None = None
    for index, route in enumerate(routes):
        found = [] if first_default is None else [first_default]
        if not route.default:
            options = [(None,) if getattr(route, c) is None else (None, getattr(route, c)) for c in CONDITIONS]
            found += [first_with[k] for k in itertools.product(*options) if k in first_with]
        if found:
            yield route, routes[min(found)]
        if route.default:
            first_default = index if first_default is None else first_default
        else:
            first_with.setdefault(tuple(getattr(route, c) for c in CONDITIONS), index)
