"""JSON Schemas shipped with the package (draft-07, for editors and for validation)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """Load `schemas/<name>.schema.json` (name may include a sub-folder, e.g. 'targets/zendesk-sla')."""
    text = resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def schema_text(name: str = "playbook") -> str:
    return resources.files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")


@functools.cache
def _target_registry() -> Any:
    """Every schema under schemas/targets/<vendor>/, by its $id, so that they can refer to each other."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    root = resources.files(__name__).joinpath("targets")
    found = []
    for vendor in sorted(entry.name for entry in root.iterdir() if entry.is_dir()):
        for entry in sorted(e.name for e in root.joinpath(vendor).iterdir() if e.name.endswith(".schema.json")):
            schema = load_schema(f"targets/{vendor}/{entry.removesuffix('.schema.json')}")
            found.append((schema["$id"], Resource.from_contents(schema, default_specification=DRAFT7)))
    return Registry().with_resources(found)


def target_validator(name: str) -> Any:
    """A draft-07 validator for `schemas/targets/<name>.schema.json`, e.g. 'zendesk/sla_policy' or 'manifest'."""
    from jsonschema import Draft7Validator

    return Draft7Validator(load_schema(f"targets/{name}"), registry=_target_registry())
