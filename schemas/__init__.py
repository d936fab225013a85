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
