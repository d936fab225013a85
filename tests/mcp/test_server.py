"""`playbook mcp`: an MCP client session over the server, in memory, over stdio and over HTTP.

The answers must be the ones `playbook simulate` gives: the tests ask both and compare.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import anyio
import pytest
from click.testing import CliRunner
from mcp import Client, StdioServerParameters

import targets
from cli import main
from compiler.lint.pipeline import lint_path
from compiler.plan.plan import build_plan
from compiler.time import clock
from mcpserver.server import build_server
from tests.helpers import EXAMPLES, ROOT, TODAY

FIELD = str(EXAMPLES / "field-service")
CARE = str(EXAMPLES / "online-care")
TOOLS = {"classify_ticket", "ticket_timeline", "who_holds", "sla_status", "find_contact", "calendar_status"}
DONE_WHEN = {
    "priority": "P1",
    "channel": "phone",
    "opened": "2026-11-27T16:50",
    "at": "2026-11-27T17:35",
    "tz": "America/Chicago",
}


@pytest.fixture(scope="module")
def field():  # type: ignore[no-untyped-def]
    return build_server(lint_path(FIELD).book)


@pytest.fixture(scope="module")
def care():  # type: ignore[no-untyped-def]
    return build_server(lint_path(CARE).book)


def session(server: Any, work: Any) -> Any:
    """Run `work(client)` in a client session connected to `server` (in memory, a URL or a command)."""

    async def go() -> Any:
        async with Client(server) as client:
            return await work(client)

    return anyio.run(go)


def call(server: Any, tool: str, **arguments: Any) -> Any:
    return session(server, lambda client: client.call_tool(tool, arguments))


def answer(server: Any, tool: str, **arguments: Any) -> dict[str, Any]:
    result = call(server, tool, **arguments)
    assert not result.is_error, result.content
    return result.structured_content


def simulate_json(path: str, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["simulate", path, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def cli_error(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 2, result.output
    return result.output.strip().removeprefix("playbook: error: ")


def test_a_client_session_lists_the_six_read_only_tools_with_typed_output(field):
    tools = session(field, lambda client: client.list_tools()).tools
    assert {tool.name for tool in tools} == TOOLS
    for tool in tools:
        assert tool.annotations.read_only_hint is True
        assert tool.annotations.idempotent_hint is True
        assert tool.annotations.open_world_hint is False
        assert tool.output_schema is not None and tool.output_schema["type"] == "object"
        assert tool.description


def test_who_holds_a_p1_phone_ticket_names_the_team_lead_and_dispatch_brought_in(field):
    held = answer(field, "who_holds", **DONE_WHEN)
    assert held["holder"]["person"]["id"] == "team-lead"
    assert held["holder"]["person"]["name"] == "Dana Whitfield"
    assert held["holder"]["how"] == "escalated"
    lines = (EXAMPLES / "field-service" / "playbook.yaml").read_text(encoding="utf-8").splitlines()
    step = next(n for n, line in enumerate(lines, 1) if "{from: coordinator, to: team-lead, after: 30m" in line)
    assert held["holder"]["source"] == f"{FIELD}/playbook.yaml:{step}"
    brought = [h["person"]["id"] for h in held["also_notified"] if h["how"] == "brought in"]
    assert brought == ["dispatch-on-call"]
    assert [e["person"]["id"] for e in held["next_escalations"]] == ["service-manager"]
    assert held["next_escalations"][0]["at"]["shown"] == "Fri 2026-11-27 17:50 CST"


def test_who_holds_gives_the_answers_of_playbook_simulate(field):
    args = DONE_WHEN
    cli = simulate_json(
        FIELD,
        "--priority",
        "P1",
        "--channel",
        "phone",
        "--opened",
        args["opened"],
        "--tz",
        args["tz"],
        "--at",
        args["at"],
    )["at"]
    held = answer(field, "who_holds", **args)
    assert held["holder"]["person"]["id"] == cli["holder"]["id"]
    assert [h["person"]["id"] for h in held["also_notified"]] == [p["id"] for p in cli["also_notified"]]
    for ours, theirs in (("overdue", "overdue"), ("next_due", "next_due")):
        assert [(e["label"], e["at"]["utc"]) for e in held[ours]] == [(e["label"], e["at"]["utc"]) for e in cli[theirs]]


@pytest.mark.parametrize(
    ("path", "priority", "channel", "opened"),
    [
        (FIELD, "P1", "phone", "2026-11-27T16:50"),
        (FIELD, "P2", "email", "2026-11-25T16:00"),  # across Thanksgiving and the weekend
        (FIELD, "P3", "web", "2026-12-24T08:00"),
        (CARE, "P0", "email", "2026-03-29T00:30"),  # the night the UK moves its clocks
        (CARE, "P2", "chat", "2026-12-24T22:00"),  # follow-the-sun over Christmas
    ],
)
def test_ticket_timeline_matches_simulate_event_for_event(field, care, path, priority, channel, opened):
    server = field if path == FIELD else care
    timeline = answer(server, "ticket_timeline", priority=priority, channel=channel, opened=opened)
    cli = simulate_json(path, "--priority", priority, "--channel", channel, "--opened", opened)
    ours = [(e["kind"], e["label"], e["at"]["utc"] if e["at"] else None) for e in timeline["events"]]
    theirs = [(e["kind"], e["label"], e["at"]["utc"] if e["at"] else None) for e in cli["events"]]
    assert ours == theirs
    text = CliRunner().invoke(main, ["simulate", path, "-p", priority, "-c", channel, "--opened", opened]).output
    assert timeline["text"] == text
    assert all(e["source"].startswith(path) and e["source"].rsplit(":", 1)[1].isdigit() for e in timeline["events"])


@pytest.mark.parametrize(
    ("arguments", "cli_args"),
    [
        ({"priority": "P9", "channel": "phone"}, ["--priority", "P9", "--channel", "phone"]),
        ({"priority": "P1", "channel": "fax"}, ["--priority", "P1", "--channel", "fax"]),
        ({"priority": "P1"}, ["--priority", "P1"]),
        (
            {"priority": "P1", "channel": "phone", "tz": "Mars/Olympus"},
            ["-p", "P1", "-c", "phone", "--tz", "Mars/Olympus"],
        ),
    ],
)
def test_bad_arguments_are_tool_errors_worded_like_the_cli(field, arguments, cli_args):
    result = call(field, "ticket_timeline", opened="2026-11-27T16:50", **arguments)
    assert result.is_error
    expected = cli_error("simulate", FIELD, "--opened", "2026-11-27T16:50", *cli_args).replace("--", "", 1)
    assert result.content[0].text.endswith(expected)


def test_a_time_that_is_not_one_is_a_tool_error_naming_the_argument(field):
    result = call(field, "who_holds", priority="P1", channel="phone", opened="2026-11-27T16:50", at="half past five")
    assert result.is_error
    expected = cli_error(
        "simulate", FIELD, "-p", "P1", "-c", "phone", "--opened", "2026-11-27T16:50", "--at", "half past five"
    )
    assert expected.startswith("--at: ")
    assert result.content[0].text.endswith(expected.removeprefix("--"))


def test_classify_ticket_applies_the_first_matching_routing_rule(field):
    outage = answer(field, "classify_ticket", channel="phone", tags=["vip", "outage"], text="generator failed")
    assert outage["rule"]["index"] == 1 and outage["rule"]["matches"] == "tag outage"
    assert outage["priority"]["id"] == "P1"
    assert outage["team"]["id"] == "coordinators" and outage["within"] == "5m"
    assert {t["metric"]: t["target"] for t in outage["sla"]} == {
        "acknowledge": "15m",
        "update_every": "30m",
        "mitigate": "4h",
        "resolve": "4h",
    }
    assert outage["similar_examples"][0]["example"] == "Hospital backup generator failed its weekly self-test"
    by_field = answer(field, "classify_ticket", channel="email", fields={"category": "safety", "site": "12"})
    assert by_field["priority"]["id"] == "P1" and by_field["ignored_fields"] == ["site"]


def test_classify_ticket_without_a_priority_rule_offers_the_definitions(field):
    billing = answer(field, "classify_ticket", channel="email", category="billing", text="Invoice shows the wrong site")
    assert billing["priority"] is None and billing["team"]["id"] == "billing"
    assert [c["id"] for c in billing["candidates"]] == ["P1", "P2", "P3", "P4"]
    assert billing["similar_examples"][0]["priority"] == "P3"
    fallback = answer(field, "classify_ticket", channel="chat")
    assert fallback["rule"]["matches"] == "the default rule"


def test_sla_status_judges_each_metric_on_its_clock(field):
    # P2 on office hours: opened Friday 16:50, so acknowledge is due Monday 09:20 (40m Friday, 20m Monday).
    status = answer(
        field, "sla_status", priority="P2", channel="email", opened="2026-11-27T16:50", now="2026-11-30T09:15"
    )
    ack = next(m for m in status["metrics"] if m["metric"] == "acknowledge")
    assert ack["due"]["shown"] == "Mon 2026-11-30 09:20 CST"
    assert ack["status"] == "at_risk" and ack["left_seconds"] == 300
    late = answer(
        field, "sla_status", priority="P2", channel="email", opened="2026-11-27T16:50", now="2026-11-30T10:00"
    )
    assert late["breached"] == ["acknowledge"]
    done = answer(
        field,
        "sla_status",
        priority="P2",
        channel="email",
        opened="2026-11-27T16:50",
        now="2026-11-30T10:00",
        acknowledged="2026-11-30T09:10",
    )
    assert {m["metric"]: m["status"] for m in done["metrics"]} == {
        "acknowledge": "met",
        "update_every": "on_track",
        "resolve": "on_track",
    }


def test_sla_status_counts_updates_from_the_previous_one_and_resolution_closes_the_rest(field):
    base = {"priority": "P1", "channel": "phone", "opened": "2026-11-27T16:50"}
    on_time = answer(field, "sla_status", **base, now="2026-11-27T17:40", updates=["2026-11-27T17:15"])
    update = next(m for m in on_time["metrics"] if m["metric"] == "update_every")
    assert update["status"] == "at_risk" and update["update_number"] == 2
    assert update["due"]["shown"] == "Fri 2026-11-27 17:45 CST"
    late = answer(field, "sla_status", **base, now="2026-11-27T17:40", updates=["2026-11-27T17:30"])
    assert next(m for m in late["metrics"] if m["metric"] == "update_every")["late_updates"] == 1
    resolved = answer(field, "sla_status", **base, now="2026-11-27T19:00", resolved="2026-11-27T17:04")
    assert {m["metric"]: m["status"] for m in resolved["metrics"]} == {
        "acknowledge": "met",
        "update_every": "met",
        "mitigate": "met",
        "resolve": "met",
    }


def test_sla_status_refuses_moments_out_of_order(field):
    base = {"priority": "P1", "channel": "phone", "opened": "2026-11-27T16:50"}
    early = call(field, "sla_status", **base, now="2026-11-27T16:00")
    assert early.is_error and "now: '2026-11-27T16:00' is before the ticket was opened" in early.content[0].text
    future = call(field, "sla_status", **base, now="2026-11-27T17:00", resolved="2026-11-27T18:00")
    assert future.is_error and "resolved: '2026-11-27T18:00' is after now" in future.content[0].text


@pytest.mark.parametrize("typed", ["615-555-0102", "(615) 555 0102", "+1 615 555 0102", "16155550102", "0102"])
def test_find_contact_finds_a_number_however_it_is_typed(field, typed):
    found = answer(field, "find_contact", query=typed)
    person = found["matches"][0]["contact"]
    assert person["id"] == "service-manager"
    assert (person["phone"], person["phone_display"], person["tel"]) == (
        "+16155550102",
        "+1 615-555-0102",
        "tel:+16155550102",
    )


def test_find_contact_by_role_says_when_they_can_be_reached(field, care):
    vendor = answer(care, "find_contact", query="payments vendor", at="2026-12-25T03:00")["matches"][0]
    assert vendor["contact"]["name"] == "PayFlow Merchant Hotline"
    assert vendor["available"]["calendar"] is None and vendor["available"]["open_at"] is True  # a 24/7 line
    privacy = answer(field, "find_contact", query="privacy contact", at="2026-11-27T18:00")["matches"][0]
    assert privacy["contact"]["id"] == "privacy-office" and "privacy contact" in privacy["roles"]
    assert privacy["available"]["open_at"] is False
    assert privacy["available"]["next_change"]["shown"] == "Mon 2026-11-30 09:00 CST"
    commander = answer(field, "find_contact", query="P1 incident commander")["matches"][0]
    assert commander["contact"]["id"] == "service-manager"


def test_find_contact_that_finds_nobody_says_so_in_one_short_sentence(field):
    assert answer(field, "find_contact", query="Zebra")["summary"] == "No contact or team matches 'Zebra'."
    pasted = answer(field, "find_contact", query="Zebra " * 10_000)["summary"]
    assert len(pasted) < 200 and pasted.endswith("(60,000 characters).")


def test_find_contact_with_nothing_to_look_for_is_a_tool_error(field):
    result = call(field, "find_contact", query=" the ")
    assert result.is_error and result.content[0].text.endswith(
        "query: give a name, role, team, id or phone number to look for"
    )


def test_calendar_status_knows_the_holiday_and_the_next_opening(field, care):
    thanksgiving = answer(field, "calendar_status", calendar="office", at="2026-11-26T10:00")
    assert thanksgiving["open"] is False
    assert thanksgiving["holiday"]["name"] == "Thanksgiving Day"
    assert thanksgiving["next_change"]["shown"] == "Fri 2026-11-27 09:00 CST" and thanksgiving["next_state"] == "open"
    assert [h["date"] for h in thanksgiving["upcoming_holidays"][:2]] == ["2026-12-24", "2026-12-25"]
    working = answer(field, "calendar_status", calendar="office", at="2026-11-27T16:50")
    assert working["open"] is True and working["next_change"]["shown"] == "Fri 2026-11-27 17:30 CST"
    always = answer(field, "calendar_status", calendar="always", at="2026-12-25T03:00")
    assert always["open"] is True and always["next_change"] is None
    # Follow-the-sun: Singapore opens Monday 07:00 local = Sunday 23:00 in London.
    sunday = answer(care, "calendar_status", calendar="follow-the-sun", at="2026-11-29T12:00")
    assert sunday["open"] is False and sunday["next_change"]["shown"] == "Sun 2026-11-29 23:00 GMT"


def test_runbook_pages_and_runbook_json_are_resources_as_built(field):
    built = targets.load("runbook").render(build_plan(lint_path(FIELD).book))

    async def read_all(client: Client) -> dict[str, str]:
        listed = (await client.list_resources()).resources
        return {str(r.uri): (await client.read_resource(str(r.uri))).contents[0].text for r in listed}

    resources = session(field, read_all)
    expected = {f"playbook://runbook/{name[:-3]}": name for name in built if name.endswith(".md")}
    expected["playbook://runbook.json"] = "runbook.json"
    assert set(resources) == set(expected)
    for uri, name in expected.items():
        assert resources[uri] == built[name].decode("utf-8")


def _environment() -> dict[str, str]:
    return {clock.ENV: TODAY.isoformat(), "PYTHONPATH": str(ROOT)}


def readme_client_config() -> dict[str, Any]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- mcp-client-config:start -->", 1)[1].split("<!-- mcp-client-config:end -->", 1)[0]
    return json.loads(block.strip().removeprefix("```json").removesuffix("```"))["mcpServers"]["playbook"]


def test_stdio_session_started_as_the_readme_configures_a_client_answers_who_holds():
    config = readme_client_config()
    assert config["args"] == ["mcp", "/path/to/support/playbook"]
    # The client runs `playbook` from this environment, with the README's placeholder path filled in.
    command = str(Path(sys.executable).parent / config["command"])
    server = StdioServerParameters(command=command, args=[*config["args"][:-1], FIELD], env=_environment(), cwd=ROOT)

    async def work(client: Client) -> Any:
        tools = await client.list_tools()
        return {t.name for t in tools.tools}, await client.call_tool("who_holds", DONE_WHEN)

    names, result = session(server, work)
    assert names == TOOLS
    assert result.structured_content["holder"]["person"]["id"] == "team-lead"


def test_http_session_on_a_port_the_system_picks_answers_who_holds():
    env = {**os.environ, **_environment()}
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", "mcp", FIELD, "--http", "--port", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        # The address is announced once the port is bound, with the port the system chose.
        announced = server.stderr.readline()
        address = re.search(r"at (http://127\.0\.0\.1:(\d+)/mcp) ", announced)
        assert address is not None and address[2] != "0", announced
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", int(address[2]))) == 0:
                    break
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "the HTTP server did not start within 30 s"
            time.sleep(0.1)
        result = call(address[1], "who_holds", **DONE_WHEN)
        assert result.structured_content["holder"]["person"]["id"] == "team-lead"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_port_in_use_is_a_one_line_error_not_a_server_that_never_starts():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        # In a process of its own with a timeout: the failure this guards against is a server that hangs.
        result = subprocess.run(
            [sys.executable, "-m", "cli", "mcp", FIELD, "--http", "--port", str(port)],
            cwd=ROOT,
            env={**os.environ, **_environment()},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr == (
        f"playbook: error: cannot listen on 127.0.0.1:{port}: Address already in use; "
        "choose another --port (0 picks a free one)\n"
    )


def test_port_without_http_is_a_usage_error():
    result = CliRunner().invoke(main, ["mcp", FIELD, "--port", "8123"])
    assert result.exit_code == 2
    assert (
        result.output == "playbook: error: --port is for --http; without it playbook mcp speaks MCP on stdin/stdout\n"
    )


def test_without_the_mcp_extra_playbook_mcp_exits_2_with_the_pip_command():
    # Importing a module set to None in sys.modules fails as if it were not installed.
    code = "import sys; sys.modules['mcp'] = None; import cli; sys.argv[0] = 'playbook'; cli.main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "mcp", FIELD],
        cwd=ROOT,
        env={**os.environ, **_environment()},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert result.stderr.rstrip().endswith(f"install it with: {sys.executable} -m pip install '{extra['mcp'][0]}'")
    assert "Traceback" not in result.stderr


def test_a_playbook_with_errors_is_not_served(tmp_path):
    broken = tmp_path / "playbook.yaml"
    broken.write_text("playbook: x\npriorities:\n  P1: {calendar: nowhere}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["mcp", str(broken)])
    assert result.exit_code == 2
    assert "has errors; fix them" in result.output


def test_who_holds_at_a_time_before_the_opening_is_a_tool_error_naming_both_times(field):
    result = call(field, "who_holds", **{**DONE_WHEN, "at": "2026-11-27T16:00"})
    assert result.is_error
    assert "at: '2026-11-27T16:00' is before the ticket was opened ('2026-11-27T16:50')" in result.content[0].text


@pytest.mark.parametrize("over_http", [False, True], ids=["stdio", "http"])
def test_ctrl_c_stops_playbook_mcp_quietly_with_exit_130(over_http):
    import signal

    extra = ["--http", "--port", "0"] if over_http else []
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", "mcp", FIELD, *extra],
        cwd=ROOT,
        env={**os.environ, **_environment()},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None and server.stderr is not None
    if over_http:
        announced = server.stderr.readline()  # the port is held: the server is up
        assert "serving" in announced, announced
    else:
        request = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
        server.stdin.write(json.dumps(request) + "\n")
        server.stdin.flush()
        assert '"id":1' in server.stdout.readline().replace(" ", "")  # the server answers: it is up
    server.send_signal(signal.SIGINT)
    _, errors = server.communicate(timeout=30)
    assert server.returncode == 130
    assert errors.strip() == ""
