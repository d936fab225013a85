"""The MCP server: six read-only tools and the runbook as resources, over one checked playbook.

Tools take typed arguments and return structured content (their output schemas
come from the answer types in `mcpserver.answers`). An argument the playbook
cannot use (an unknown priority, a time that is not one) comes back as a tool
error worded as `playbook simulate` words it, with the argument's name in place
of the option (`priority: no priority 'P9'; choose from P1, P2, P3, P4`).
"""

# No `from __future__ import annotations`: the SDK reads the tools' annotations, some of them local aliases.
import socket
from collections.abc import Callable
from typing import Annotated, Any

from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.mcpserver.resources.types import TextResource
from mcp_types import ToolAnnotations
from pydantic import Field

import targets
from compiler.plan.plan import Plan, build_plan
from mcpserver.answers import Answers, BadArgument
from mcpserver.policies import TicketAttributes
from mcpserver.shapes import (
    CalendarAnswer,
    ClassifyAnswer,
    FindContactAnswer,
    SlaStatusAnswer,
    TimelineAnswer,
    WhoHoldsAnswer,
)
from playbook import __version__
from playbook.model import Playbook
from playbook.source import UsageError

LOOPBACK = "127.0.0.1"
HTTP_PATH = "/mcp"
RESOURCE_ROOT = "playbook://"
# Every tool only reads the playbook: the same arguments always give the same answer.
READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)

_TIME = "An ISO date and time such as 2026-11-27T16:50, read in `tz` unless it carries an offset (2026-11-27T22:50Z)."
_TZ = "The requester's time zone (IANA name, e.g. America/Chicago); default: the playbook's."


def _choices(names: list[str]) -> str:
    return ", ".join(names) if names else "(none)"


def build_server(book: Playbook, plan: Plan | None = None) -> MCPServer:
    """An MCP server over `book`, a playbook `playbook lint` passes (no errors)."""
    plan = plan or build_plan(book)
    answers = Answers(book, plan)
    priorities = _choices(list(book.priorities))
    channels = _choices(list(book.channels))
    channel_help = f"Channel id: one of {channels}." + (
        " Required." if book.channels else " The playbook has no channels: omit it."
    )
    server = MCPServer(
        "playbook",
        title=f"Playbook: {book.name}",
        version=__version__,
        instructions=(
            f"Answers what should happen to a support ticket under {book.name}'s service playbook "
            f"(priorities {priorities}; channels {channels}; time zone {book.timezone}): "
            "which priority and team, every deadline and escalation, who holds it at a moment, "
            "whether its SLA is met, whom to call, whether a calendar is open. Answers are computed "
            "from the playbook, not from live systems, and cite the playbook line (path:line) they rest on. "
            "Pass every moment explicitly; the server never reads the clock."
        ),
        log_level="WARNING",
    )

    Priority = Annotated[str, Field(description=f"Priority id: one of {priorities}.")]
    Channel = Annotated[str | None, Field(description=channel_help)]
    Time = Annotated[str, Field(description=_TIME)]
    OptionalTime = Annotated[str | None, Field(description=_TIME + " Omit if it has not happened.")]
    Tz = Annotated[str | None, Field(description=_TZ)]

    # The ticket's attributes that choose its SLA policy, as `playbook simulate`'s --tag, --org... options.
    choose = " Chooses the SLA policy." if book.policies else " (The playbook has no SLA policies: omit it.)"
    Tags = Annotated[list[str] | None, Field(description="The ticket's tags." + choose)]
    Organization = Annotated[str | None, Field(description="The requester's organization, by name." + choose)]
    OrgTags = Annotated[list[str] | None, Field(description="Tags of the requester's organization." + choose)]
    Form = Annotated[str | None, Field(description="The ticket form, by name." + choose)]
    TicketType = Annotated[str | None, Field(description="The ticket type (e.g. incident)." + choose)]
    Group = Annotated[str | None, Field(description=f"The ticket's group: a team id ({_choices(list(book.teams))}).")]
    Brand = Annotated[str | None, Field(description="The ticket's brand, by name." + choose)]
    Fields = Annotated[
        dict[str, str] | None, Field(description="Custom field values by field name, e.g. preferred_region." + choose)
    ]

    def attributes(
        tags: list[str] | None = None,
        organization: str | None = None,
        organization_tags: list[str] | None = None,
        form: str | None = None,
        ticket_type: str | None = None,
        group: str | None = None,
        brand: str | None = None,
        fields: dict[str, str] | None = None,
    ) -> TicketAttributes:
        return TicketAttributes(
            tuple(tags or ()),
            organization,
            tuple(organization_tags or ()),
            form,
            ticket_type,
            group,
            brand,
            dict(fields or {}),
        )

    def tool(function: Any) -> Any:
        return server.tool(annotations=READ_ONLY)(function)

    @tool
    def classify_ticket(
        channel: Annotated[str | None, Field(description=f"Channel id: one of {channels}.")] = None,
        category: Annotated[
            str | None, Field(description="The ticket's category field (routing matches on it).")
        ] = None,
        tags: Annotated[list[str] | None, Field(description="The ticket's tags (routing and SLA policies).")] = None,
        fields: Annotated[
            dict[str, str] | None,
            Field(
                description="Ticket fields by name; 'category' is read like `category`; others may choose the SLA "
                "policy."
            ),
        ] = None,
        text: Annotated[str, Field(description="Subject and description, to find similar example tickets.")] = "",
        organization: Organization = None,
        organization_tags: OrgTags = None,
        form: Form = None,
        ticket_type: TicketType = None,
        group: Group = None,
        brand: Brand = None,
    ) -> ClassifyAnswer:
        """Which routing rule takes a ticket (first match wins), its team, routing target and priority, the SLA
        policy its attributes choose (the first that matches, and why), that priority's SLA targets in it (or on
        the channel), and the playbook's example tickets most like the text."""
        ticket = attributes(None, organization, organization_tags, form, ticket_type, group, brand)
        return _answer(lambda: answers.classify_ticket(channel, category, tags or [], fields, text, ticket))

    @tool
    def ticket_timeline(
        priority: Priority,
        opened: Time,
        channel: Channel = None,
        tz: Tz = None,
        tags: Tags = None,
        organization: Organization = None,
        organization_tags: OrgTags = None,
        form: Form = None,
        ticket_type: TicketType = None,
        group: Group = None,
        brand: Brand = None,
        fields: Fields = None,
    ) -> TimelineAnswer:
        """Every SLA deadline and escalation step of a ticket opened at `opened`, with who is notified and when,
        on the priority's business or calendar clock (holidays and daylight-saving changes included): the
        timeline `playbook simulate` prints. With SLA policies, the ticket's attributes (tags, organization,
        organization tags, form, type, group, brand, fields, channel) choose the policy, the first that
        matches; `policy` says which and why."""
        ticket = attributes(tags, organization, organization_tags, form, ticket_type, group, brand, fields)
        return _answer(lambda: answers.ticket_timeline(priority, channel, opened, tz, ticket))

    @tool
    def who_holds(
        priority: Priority,
        opened: Time,
        at: Time,
        channel: Channel = None,
        tz: Tz = None,
        tags: Tags = None,
        organization: Organization = None,
        organization_tags: OrgTags = None,
        form: Form = None,
        ticket_type: TicketType = None,
        group: Group = None,
        brand: Brand = None,
        fields: Fields = None,
    ) -> WhoHoldsAnswer:
        """Who holds a ticket at moment `at` (the last hierarchical escalation so far), who else has it (the owner,
        earlier holders, people brought in by functional steps), the next escalation and when, and the
        deadlines overdue or next due (of the SLA policy the ticket's attributes choose); as `playbook
        simulate --at` shows, assuming each step's condition (unacknowledged, unmitigated, unresolved) still
        holds."""
        ticket = attributes(tags, organization, organization_tags, form, ticket_type, group, brand, fields)
        return _answer(lambda: answers.who_holds(priority, channel, opened, at, tz, ticket))

    @tool
    def sla_status(
        priority: Priority,
        opened: Time,
        now: Time,
        channel: Channel = None,
        acknowledged: OptionalTime = None,
        mitigated: OptionalTime = None,
        resolved: OptionalTime = None,
        updates: Annotated[list[str] | None, Field(description="Times of the status updates sent so far.")] = None,
        tz: Tz = None,
        tags: Tags = None,
        organization: Organization = None,
        organization_tags: OrgTags = None,
        form: Form = None,
        ticket_type: TicketType = None,
        group: Group = None,
        brand: Brand = None,
        fields: Fields = None,
    ) -> SlaStatusAnswer:
        """Per SLA metric at `now`: met, breached, at_risk (less than a quarter of the target left) or on_track,
        with the deadline and the time left on the target's clock. A later milestone counts for the earlier
        ones (resolved implies mitigated and acknowledged); each status update is due `update_every` after
        the previous one (the first after opening). With SLA policies, the targets judged are those of the
        policy the ticket's attributes choose (`policy` says which and why); requester wait and agent work end
        at resolution."""
        ticket = attributes(tags, organization, organization_tags, form, ticket_type, group, brand, fields)
        return _answer(
            lambda: answers.sla_status(
                priority, channel, opened, now, acknowledged, mitigated, resolved, updates or [], tz, ticket
            )
        )

    @tool
    def find_contact(
        query: Annotated[
            str,
            Field(
                description="A name, role ('P1 incident commander', 'privacy contact', 'payments vendor'), team, "
                "id or phone number typed any way ('615-555-0102')."
            ),
        ],
        at: Annotated[str | None, Field(description=_TIME + " Also say whether each match is reachable then.")] = None,
        tz: Tz = None,
    ) -> FindContactAnswer:
        """Contacts and teams matching the query, best first: phone (exact and readable) and email, when they can
        be reached, and what the playbook asks of them (owner, incident commander, escalation step)."""
        return _answer(lambda: answers.find_contact(query, at, tz))

    @tool
    def calendar_status(
        calendar: Annotated[str, Field(description=f"Calendar id: one of {_choices(list(book.calendars))}.")],
        at: Time,
        tz: Tz = None,
    ) -> CalendarAnswer:
        """Whether a calendar is open at moment `at`, when it next opens or closes, the holiday that closes that
        day if any, the next holidays and the weekly hours."""
        return _answer(lambda: answers.calendar_status(calendar, at, tz))

    _add_resources(server, plan)
    return server


def _answer(ask: Any) -> Any:
    try:
        return ask()
    except BadArgument as exc:
        raise ToolError(exc.worded()) from None


def _add_resources(server: MCPServer, plan: Plan) -> None:
    """Each runbook page (Markdown) and runbook.json, exactly as `playbook build --target runbook` writes them."""
    files = targets.load("runbook").render(plan)
    for name, content in sorted(files.items()):
        text = content.decode("utf-8")
        if name.endswith(".md"):
            page = name.removesuffix(".md")
            title = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("# ")), page)
            server.add_resource(
                TextResource(
                    uri=f"{RESOURCE_ROOT}runbook/{page}",
                    name=f"runbook/{page}",
                    title=title,
                    description=f"The runbook page {name} (Markdown).",
                    mime_type="text/markdown",
                    text=text,
                )
            )
        elif name == "runbook.json":
            server.add_resource(
                TextResource(
                    uri=f"{RESOURCE_ROOT}runbook.json",
                    name="runbook.json",
                    title="runbook.json",
                    description="The runbook's facts for programs (schema: https://playbook.dev/schemas/runbook-v1.json).",
                    mime_type="application/json",
                    text=text,
                )
            )


def listen(port: int) -> socket.socket:
    """A socket bound to `port` on loopback (0: a free port the system picks); OSError when it cannot be had.

    Bound here rather than by the web server, which on a taken port logs an error and then never
    exits: the command must say why in one line and stop.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # As uvicorn sets it: a port the last run left in TIME_WAIT is reusable, one in use is not.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((LOOPBACK, port))
    except OSError:
        sock.close()
        raise
    return sock


def serve(server: MCPServer, *, http: socket.socket | None = None) -> None:
    """Run until the client hangs up (stdio) or the process is stopped (HTTP on `http`, a `listen` socket).

    HTTP is loopback only and has no authentication.
    """
    if http is None:
        server.run("stdio")
        return
    import anyio
    import uvicorn

    app = server.streamable_http_app(streamable_http_path=HTTP_PATH, host=LOOPBACK)
    config = uvicorn.Config(app, log_level=server.settings.log_level.lower())
    anyio.run(uvicorn.Server(config).serve, [http])


def run(book: Playbook, *, http: bool, port: int | None, announce: Callable[[str], None]) -> None:
    """`playbook mcp`: serve `book` on stdin/stdout, or over HTTP on `port` (default 8000; 0: a free one).

    `announce` gets the address once the port is held. A port that cannot be had is a UsageError.
    """
    server = build_server(book)
    if not http:
        serve(server)
        return
    wanted = 8000 if port is None else port
    try:
        sock = listen(wanted)
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {LOOPBACK}:{wanted}: {exc.strerror}; choose another --port (0 picks a free one)"
        ) from None
    announce(f"http://{LOOPBACK}:{sock.getsockname()[1]}{HTTP_PATH}")
    serve(server, http=sock)
