"""No placeholder phone numbers or example email domains outside examples.

Why: fictional numbers and reserved domains are how templates and examples are
written, and they survive copy-paste into the real directory. A ladder that
pages `+1 615 555 0100` reaches nobody. This fires on:

- North American 555-01xx numbers (`+1NXX55501XX`), reserved for fiction;
- UK drama numbers reserved by Ofcom (e.g. `+44 20 7946 0xxx`, `+44 7700 900xxx`);
- email domains `example.com`, `example.org`, `example.net` (and their
  subdomains) and the reserved top-level domains `.example`, `.test`,
  `.invalid` and `.localhost`.

Files inside a directory named `examples` (any `examples/` component of the
path) are skipped, since placeholders are what examples should use; set the
option `skip_examples: false` to check them too.

Bad:
    contacts:
      team-lead: {name: Dana Whitfield, phone: "+16155550101", email: dana@acme.example}

Good:
    contacts:
      team-lead: {name: Dana Whitfield, phone: "+16152220101", email: dana@acme-support.com}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from compiler.check.rules import Context
from compiler.check.rules._common import in_examples
from playbook.findings import Finding
from playbook.model import Contact, Playbook, Team

CODE = "PB221"
NAME = "placeholder-contact"
SEVERITY = "warning"
OPTIONS = {"skip_examples": True}

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


def placeholder_email(email: str) -> bool:
    domain = email.rpartition("@")[2].lower().rstrip(".")
    if any(domain == d or domain.endswith("." + d) for d in _RESERVED_DOMAINS):
        return True
    return domain.rpartition(".")[2] in _RESERVED_TLDS


def _fields(entity: Contact | Team) -> Iterator[tuple[str, str]]:
    if isinstance(entity, Contact) and entity.phone and placeholder_phone(entity.phone):
        yield "phone", f"phone number {entity.phone} is in a range reserved for fiction"
    if entity.email and placeholder_email(entity.email):
        yield "email", f"email {entity.email} uses a domain reserved for examples"


def check(book: Playbook, ctx: Context) -> Iterator[Finding]:
    entities: list[Contact | Team] = [*book.contacts.values(), *book.teams.values()]
    for entity in entities:
        for key, problem in _fields(entity):
            where = entity.where(key)
            if ctx.options["skip_examples"] and in_examples(where.path):
                continue
            yield ctx.finding(
                where,
                f"{entity.id!r}: {problem}",
                f"write the real {key} for {entity.name or entity.id}",
            )
