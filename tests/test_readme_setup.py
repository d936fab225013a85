"""The README's two set-up commands: the first installs only what running playbook needs, the second
adds the test tools and runs the tests, and CI runs what the README says."""

from __future__ import annotations

import ast
import re
import sys
import tomllib

from tests.helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# Distribution name -> the module it provides, where the two differ.
IMPORT_NAMES = {"pyyaml": "yaml", "markdown-it-py": "markdown_it"}
RUNTIME_CODE = ["cli.py", "clikit.py", "playbook", "compiler", "targets", "schemas", "mcpserver"]
# What the `mcp` extra installs that mcpserver/ imports: the SDK and its own declared dependencies
# (anyio and uvicorn run the HTTP server on a socket mcpserver binds itself).
MCP_EXTRA_MODULES = {"mcp", "mcp_types", "pydantic", "typing_extensions", "anyio", "uvicorn"}


def setup_commands() -> list[str]:
    section = README.split("\n## Set up\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    return [block.strip() for block in blocks]


def test_readme_has_exactly_two_set_up_commands():
    commands = setup_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)


def test_first_command_installs_only_the_runtime_and_lints_the_examples():
    first = setup_commands()[0]
    assert "pip install -e . &&" in first and "[test]" not in first
    assert first.endswith("&& playbook lint examples/*")


def test_second_command_installs_the_test_extra_and_runs_the_tests():
    assert setup_commands()[1] == "pip install -e '.[test]' && python -m pytest"


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    install = lines.index("python -m pip install --quiet -e '.[test]'")
    assert lines.index("python -m pytest") > install


def _top_level_imports(path) -> set[str]:  # type: ignore[no-untyped-def]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_everything_the_tool_imports_is_a_declared_dependency():
    """So `pip install -e .` alone is enough to run playbook; test tools stay in the test extra."""
    declared = {re.split(r"[<>=!~ \[;]", spec, maxsplit=1)[0].lower() for spec in PYPROJECT["project"]["dependencies"]}
    available = {IMPORT_NAMES.get(name, name) for name in declared}
    first_party = {"cli", "clikit", "playbook", "compiler", "targets", "schemas", "mcpserver"}
    assert PYPROJECT["project"]["optional-dependencies"]["mcp"] == ["mcp>=2.3,<3"]
    for entry in RUNTIME_CODE:
        root = ROOT / entry
        extra = MCP_EXTRA_MODULES if entry == "mcpserver" else set()
        for path in [root] if root.is_file() else sorted(root.rglob("*.py")):
            missing = _top_level_imports(path) - available - extra - first_party - set(sys.stdlib_module_names)
            assert not missing, f"{path.relative_to(ROOT)} imports {sorted(missing)}, not in [project] dependencies"
    test_tools = {
        re.split(r"[<>=!~ \[;]", spec, maxsplit=1)[0] for spec in PYPROJECT["project"]["optional-dependencies"]["test"]
    }
    assert {"pytest", "hypothesis", "ruff", "selenium", "pre-commit"} <= test_tools
    assert not test_tools & declared
