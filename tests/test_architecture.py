"""The layering, read from the source with ast: every import, also those inside functions.

playbook/ and schemas/ -> compiler/ -> targets/ -> mcpserver/ -> cli.py, one way; within compiler/, its
sub-packages in the order of compiler/__init__.py; no target imports another target; click
only in cli.py and clikit.py (the command line), the optional MCP SDK only in mcpserver/server.py;
no import cycle between modules; no module over 500 lines.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import networkx as nx

import targets

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("playbook", "schemas", "compiler", "targets", "mcpserver")
# Lower layers first; a module may import its own layer and the ones before it.
LAYER_RANK = {"playbook": 0, "schemas": 0, "compiler": 1, "targets": 2, "mcpserver": 3, "clikit": 4, "cli": 5}
COMPILER_ORDER = ("plan", "time", "check", "lint", "diff")


@functools.cache
def modules() -> dict[str, Path]:
    found = {"cli": ROOT / "cli.py", "clikit": ROOT / "clikit.py"}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _resolve(name: str) -> str | None:
    """The project module `name` refers to (a package's __init__ for a package), or None if outside."""
    while name and name not in modules():
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    """Every name imported by `module` (absolute: the project uses no relative imports)."""
    tree = ast.parse(modules()[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{module}: relative import"
            assert node.module is not None
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@functools.cache
def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module in modules():
        targets_of = {_resolve(name) for name in imports_of(module)}
        edges[module] = {t for t in targets_of if t is not None and t != module}
    return edges


def _layer(module: str) -> str:
    return module.split(".")[0]


def _compiler_rank(module: str) -> int:
    parts = module.split(".")
    if len(parts) < 2:
        return -1  # compiler/__init__.py: the docstring only
    return COMPILER_ORDER.index(parts[1])


def _target_of(module: str) -> str | None:
    """The registered target a `targets.*` module belongs to, or None for shared target code."""
    for name, path in targets.TARGETS.items():
        if module == path or module.startswith(path + "."):
            return name
    return None


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} imports {imported}"
        for module, imported_set in edges.items()
        for imported in imported_set
        if LAYER_RANK[_layer(imported)] > LAYER_RANK[_layer(module)]
        or _layer(module) == _layer(imported) == "compiler"
        and _compiler_rank(imported) > _compiler_rank(module)
    )


def target_crossings(edges: dict[str, set[str]]) -> list[str]:
    crossing = []
    for module, imported_set in edges.items():
        own = _target_of(module) if _layer(module) == "targets" else None
        for imported in imported_set:
            other = _target_of(imported)
            if _layer(module) == "targets" and other is not None and other != own:
                crossing.append(f"{module} ({own or 'shared'}) imports {imported} ({other})")
    return sorted(crossing)


def import_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    digraph = nx.DiGraph([(m, i) for m, imported in edges.items() for i in imported])
    return sorted(sorted(c) for c in nx.strongly_connected_components(digraph) if len(c) > 1)


def test_no_module_imports_a_later_layer_or_a_later_compiler_package() -> None:
    assert upward_imports(graph()) == []


def test_every_compiler_sub_package_has_its_place_in_the_order() -> None:
    packages = {p.name for p in (ROOT / "compiler").iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(COMPILER_ORDER)


def test_no_target_imports_another_target() -> None:
    assert target_crossings(graph()) == []


def test_click_is_imported_only_by_the_command_line() -> None:
    users = [m for m in modules() if any(n == "click" or n.startswith("click.") for n in imports_of(m))]
    assert users == ["cli", "clikit"]


def test_the_mcp_sdk_is_imported_only_by_the_server_module() -> None:
    # An optional extra: lint, build and the answers must work without it.
    users = [m for m in modules() if any(n == "mcp" or n.startswith(("mcp.", "mcp_types")) for n in imports_of(m))]
    assert users == ["mcpserver.server"]


def test_no_import_cycles_between_modules() -> None:
    assert import_cycles(graph()) == []


def test_each_check_reports_a_planted_violation() -> None:
    planted = {
        "playbook.model": {"compiler.plan.plan"},
        "compiler.plan.plan": {"compiler.lint.pipeline"},
        "compiler.lint.pipeline": {"playbook.model"},
        "targets.zendesk.sla": {"targets.freshdesk.sla"},
        "targets.freshdesk.sla": set(),
    }
    assert upward_imports(planted) == [
        "compiler.plan.plan imports compiler.lint.pipeline",
        "playbook.model imports compiler.plan.plan",
    ]
    assert target_crossings(planted) == ["targets.zendesk.sla (zendesk) imports targets.freshdesk.sla (freshdesk)"]
    assert import_cycles(planted) == [["compiler.lint.pipeline", "compiler.plan.plan", "playbook.model"]]


def test_every_folder_under_targets_is_a_registered_target_or_shared() -> None:
    folders = {p.name for p in (ROOT / "targets").iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(targets.TARGETS) | {"shared"}
    assert all(module == f"targets.{name}" for name, module in targets.TARGETS.items())


def test_each_compiler_package_says_in_one_line_what_it_may_import() -> None:
    for name in COMPILER_ORDER:
        doc = ast.get_docstring(ast.parse((ROOT / "compiler" / name / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import" in doc, name


def test_docs_architecture_names_every_package() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in COMPILER_ORDER:
        assert f"`compiler/{name}/`" in text, name
    for name in ("playbook/", "schemas/", "targets/", "cli.py"):
        assert f"`{name}`" in text, name


def test_no_module_is_over_500_lines() -> None:
    long = {m: n for m, p in modules().items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}
