"""Editor help: every field of the playbook schema has a title and a description, and examples where useful."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from click.testing import CliRunner

from cli import main
from schemas import load_schema

SCHEMA = load_schema("playbook")


def fields(node: Any, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every named key, map entry and list entry of object type, with its path."""
    if not isinstance(node, dict):
        return
    for key, sub in node.get("properties", {}).items():
        yield f"{path}.{key}", sub
        yield from fields(sub, f"{path}.{key}")
    entry = node.get("additionalProperties")
    if isinstance(entry, dict):
        yield f"{path}.*", entry
        yield from fields(entry, f"{path}.*")
    items = node.get("items")
    if isinstance(items, dict):
        if items.get("type") == "object" or "properties" in items:
            yield f"{path}[]", items
        yield from fields(items, f"{path}[]")
    for keyword in ("oneOf", "anyOf", "allOf"):
        for index, branch in enumerate(node.get(keyword, [])):
            yield from fields(branch, f"{path}<{keyword}{index}>")


def everything() -> Iterator[tuple[str, dict[str, Any]]]:
    yield from fields(SCHEMA)
    for name, definition in SCHEMA["definitions"].items():
        yield f"#{name}", definition
        yield from fields(definition, f"#{name}")


def resolved(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref", "")
    return SCHEMA["definitions"][ref.rsplit("/", 1)[-1]] if ref else {}


def test_every_field_has_a_title_and_a_description():
    missing = [(path, key) for path, schema in everything() for key in ("title", "description") if key not in schema]
    assert missing == []


def test_values_with_a_format_show_examples():
    # A pattern (durations, dates, windows, ids) is where an example helps most on hover.
    needs = [
        path
        for path, schema in everything()
        if "pattern" in schema or "pattern" in resolved(schema)
        if "examples" not in schema and "examples" not in resolved(schema)
    ]
    assert needs == []


def test_schema_command_writes_the_schema_to_a_file(tmp_path):
    target = tmp_path / "editor" / "playbook.schema.json"
    result = CliRunner().invoke(main, ["schema", "--output", str(target)])
    assert result.exit_code == 0
    assert json.loads(target.read_text()) == SCHEMA
    assert str(target) in result.output


def test_schema_command_prints_the_config_and_report_schemas():
    for name in ("config", "lint-report"):
        printed = CliRunner().invoke(main, ["schema", name]).output
        assert json.loads(printed) == load_schema(name)
