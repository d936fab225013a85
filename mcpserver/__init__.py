"""`playbook mcp`: the compiled playbook served to software agents over the Model Context Protocol.

An output surface like the build targets, but live: instead of writing files it
answers questions (which priority, when is it due, who holds it, is the SLA
breached, whom to call, is the desk open), each answer citing the playbook line it
rests on. It sits above `targets/` (its resources are the runbook target's pages)
and below `cli.py`, which wires it:

- `mcpserver.answers`: the questions as plain functions over a checked playbook,
  with typed answers; no MCP import, so other surfaces can ask them too;
- `mcpserver.server`: the MCP tools and resources around them (the optional
  `mcp` package, `pip install 'playbook[mcp]'`, is imported only here).
"""

# The `mcp` extra of pyproject.toml (tests/test_readme_setup.py holds the two together). `playbook mcp`
# names this interpreter's pip when the SDK is missing, so it lands where playbook runs.
MCP_REQUIREMENT = "mcp>=2.3,<3"


def install_hint(missing: ImportError, python: str) -> str:
    """Why `playbook mcp` cannot start without the SDK, and the command that installs it into `python`."""
    return (
        f"playbook mcp needs the MCP SDK (the 'mcp' extra), which is missing or too old ({missing}); "
        f"install it with: {python} -m pip install '{MCP_REQUIREMENT}'"
    )
