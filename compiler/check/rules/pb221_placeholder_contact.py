"""No placeholder or impossible phone numbers, and no example domains, in a playbook that is not a template.

Why: fictional numbers and reserved domains are how templates and examples are
written, and they survive copy-paste into the real directory. A ladder that
pages `+1 615 555 0100` reaches nobody, and a status page at
`status.example.com` tells customers nothing. This fires on:

- North American 555-01xx numbers (`+1NXX55501XX`), reserved for fiction;
- North American numbers that cannot exist: area code 555 (the film
  favourite `+1 555 ...`), an area code or exchange starting with 0 or 1 or
  ending in 11 (service codes such as 411 and 911), or not ten digits after `+1`;
- UK drama numbers reserved by Ofcom (e.g. `+44 20 7946 0xxx`, `+44 7700 900xxx`);
- email domains and the status page's host on `example.com`, `example.org`,
  `example.net` (and their subdomains) or the reserved top-level domains
  `.example`, `.test`, `.invalid` and `.localhost`.

Placeholders are a decision, not noise: a playbook that is a template or a
training example says `template: true` at the top level, and this rule then
leaves it alone. Files inside a directory named `examples` (any `examples/`
component of the path) are skipped too, since placeholders are what examples
should use; set the option `skip_examples: false` to check them as well.

Bad:
    organisation: {name: Acme Support, status_page: https://status.example.com}
    contacts:
      team-lead: {name: Dana Whitfield, phone: "+15558675309", email: dana@acme.example}

Good:
    organisation: {name: Acme Support, status_page: https://status.acme-support.com}
    contacts:
      team-lead: {name: Dana Whitfield, phone: "+16152220101", email: dana@acme-support.com}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from compiler.check.rules import Context
from compiler.check.rules._common import in_examples
from playbook.findings import Finding, Location, clipped
from playbook.model import Contact, Playbook, Team

CODE = "PB221"
NAME = "placeholder-contact"
SEVERITY = "warning"
OPTIONS = {"skip_examples": True}
MANUAL_FIX = "only the team knows the real number or address"

# NANP 555-0100..0199; Ofcom's drama ranges (geographic, mobile, freephone, premium, 03).
_FICTIONAL_PHONE = re.compile(
    r"^\+1[2-9]\d{2}55501\d{2}$"
    r"|^\+44(?:11[3-8]|121|131|141|151|161)4960\d{3}$"
    r"|^\+44(?:2079460|2920180|1632960|7700900|8081570|3069990)\d{3}$"
    r"|^\+449098790\d{3}$"
)
_RESERVED_DOMAINS = ("example.com", "example.org", "example.net")
_RESERVED_TLDS = ("example", "test", "invalid", "localhost")


def placeholder_phone(phone: str) -> bool:
    return bool(_FICTIONAL_PHONE.match(phone))


def impossible_phone(phone: str) -> str | None:
    """Why a North American (+1) number cannot exist, or None when it can (or is not +1)."""
    if not phone.startswith("+1"):
        return None
    digits = phone[2:]
    if len(digits) != 10:
        return f"a +1 number has ten digits after +1, not {len(digits)}"
    area, exchange = digits[:3], digits[3:6]
    if area == "555":
        return "area code 555 is not assigned to any area"
    for part, word in ((area, "area code"), (exchange, "exchange")):
        if part[0] in "01":
            return f"no North American {word} starts with {part[0]}"
        if part[1:] == "11":
            return f"{word} {part} is a service code (like 411 and 911), not part of a phone number"
    return None


def reserved_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    if any(host == d or host.endswith("." + d) for d in _RESERVED_DOMAINS):
        return True
    return host.rpartition(".")[2] in _RESERVED_TLDS


def placeholder_email(email: str) -> bool:
    return reserved_host(email.rpartition("@")[2])


def _url_host(url: str) -> str:
    try:
        return urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return ""


def _fields(entity: Contact | Team) -> Iterator[tuple[str, str]]:
    if isinstance(entity, Contact) and entity.phone:
        if placeholder_phone(entity.phone):
            yield "phone", f"phone number {entity.phone} is in a range reserved for fiction"
        elif (why := impossible_phone(entity.phone)) is not None:
            yield "phone", f"phone number {entity.phone} cannot exist: {why}"
    if entity.email and placeholder_email(entity.email):
        yield "email", f"email {clipped(entity.email)} uses a domain reserved for examples"


def _problems(book: Playbook) -> Iterator[tuple[Location, str, str]]:
    """(where, what, hint) for every placeholder value."""
    organisation = book.organisation
    if organisation is not None and organisation.status_page:
        host = _url_host(organisation.status_page)
        if host and reserved_host(host):
            yield (
                organisation.where("status_page"),
                f"status page {organisation.status_page} is on a domain reserved for examples",
                f"write the real status page address of {book.name}",
            )
    entities: list[Contact | Team] = [*book.contacts.values(), *book.teams.values()]
    for entity in entities:
        for key, problem in _fields(entity):
            yield (
                entity.where(key),
                f"{entity.id!r}: {problem}",
                f"write the real {key} for {clipped(entity.name or entity.id)}",
            )


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    if book.template:
        return
    for where, problem, hint in _problems(book):
        if ctx.options["skip_examples"] and in_examples(where.path):
            continue
        yield ctx.finding(
            where, problem, hint + " (or, if this playbook is a template, add 'template: true' at its top)"
        )
