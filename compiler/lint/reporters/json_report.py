"""The `json` format: a versioned document, described in docs/lint-report.md.

Its shape is published as schemas/lint-report.schema.json; `version` changes
only when a field is removed or changes meaning (new fields may appear).
"""

from __future__ import annotations

import json
from typing import Any


def render(report: Any) -> str:
    return json.dumps(report.document(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
