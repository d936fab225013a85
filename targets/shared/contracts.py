"""Payload contracts: the JSON Schema each target writes for its API objects, in `targets/<name>/schemas/`."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import targets


@functools.cache
def load_target_schema(name: str) -> dict[str, Any]:
    """`targets/<target>/schemas/<kind>.schema.json` for 'target/kind', or a shared one ('manifest')."""
    target, _, kind = name.rpartition("/")
    folder = resources.files("targets").joinpath(target or "shared", "schemas")
    return json.loads(folder.joinpath(f"{kind}.schema.json").read_text(encoding="utf-8"))


@functools.cache
def _registry() -> Any:
    """Every payload schema by its $id, so that a target's schemas can refer to each other."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    found = []
    for target in sorted(targets.TARGETS):
        folder = resources.files("targets").joinpath(target, "schemas")
        if not folder.is_dir():
            continue
        for entry in sorted(e.name for e in folder.iterdir() if e.name.endswith(".schema.json")):
            schema = load_target_schema(f"{target}/{entry.removesuffix('.schema.json')}")
            found.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7)))
    return Registry().with_resources(found)


def target_validator(name: str) -> Any:
    """A draft-07 validator for a payload contract, e.g. 'zendesk/sla_policy' or 'manifest'."""
    from jsonschema import Draft7Validator

    return Draft7Validator(load_target_schema(name), registry=_registry())
