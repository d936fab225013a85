"""A routing rule must be able to match something no earlier rule matches.

Why: routing is first match wins. A rule after `default: true`, or after an
earlier rule that matches everything it matches (the same tag, or the same
category with no further condition), never fires: its team never gets those
tickets and its routing target is never measured. A rule matches what all of
its conditions (`category`, `tag`, `channel`) match; fewer conditions match more.

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
import itertools
from collections.abc import Iterator

from compiler.rules import Context
from playbook.findings import Finding
from playbook.model import Playbook, Route

CODE = "PB260"
NAME = "routing-rule-shadowed"
SEVERITY = "warning"
OPTIONS: dict[str, object] = {}

CONDITIONS = ("category", "tag", "channel")


def _pattern(route: Route) -> tuple[str | None, ...]:
    return tuple(getattr(route, c) for c in CONDITIONS)


def _covering_patterns(route: Route) -> Iterator[tuple[str | None, ...]]:
    """Every condition pattern of a rule that would match all `route` matches: drop any of its conditions."""
    values = _pattern(route)
    for mask in itertools.product((False, True), repeat=len(values)):
        yield tuple(None if drop else value for drop, value in zip(mask, values, strict=True))


def _describe(route: Route) -> str:
    if route.default:
        return "the default rule"
    return "the rule for " + ", ".join(f"{c} {getattr(route, c)!r}" for c in CONDITIONS if getattr(route, c))


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    first: dict[tuple[str | None, ...], Route] = {}  # earliest rule with each condition pattern
    default: Route | None = None
    for route in book.routing:
        candidates = [] if route.default else [first[p] for p in _covering_patterns(route) if p in first]
        candidates += [default] if default is not None else []
        if candidates:
            earlier = min(candidates, key=lambda r: r.index)
            yield ctx.finding(
                route.loc,
                f"this rule never matches: {_describe(earlier)} comes first and takes all its tickets",
                "move the more specific rule above the general one (first match wins), or remove it",
                [(earlier.loc, _describe(earlier))],
            )
        if route.default:
            default = default or route
        else:
            first.setdefault(_pattern(route), route)
