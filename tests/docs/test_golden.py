"""Golden files pin the Markdown (and runbook.json) built from the realistic examples.

After an intended change, regenerate them and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/docs/test_golden.py
"""

from __future__ import annotations

import os

import pytest

from tests.docs.support import example_plan, render
from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden"
CASES = [(example, target) for example in ("field-service", "online-care") for target in ("runbook", "onboarding")]
CASES += [("saas-desk", "runbook")]  # targets per SLA policy


def _pinned(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: content for name, content in files.items() if name.endswith((".md", ".json"))}


@pytest.mark.parametrize(("example", "target"), CASES)
def test_markdown_matches_golden_files(example, target):
    files = _pinned(render(target, example_plan(example)))
    folder = GOLDEN / example / target
    if os.environ.get("UPDATE_GOLDEN") == "1":
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            stale.unlink()
        for name, content in files.items():
            (folder / name).write_bytes(content)
    expected = {path.name: path.read_bytes() for path in sorted(folder.iterdir())}
    assert sorted(files) == sorted(expected), "files differ; regenerate with UPDATE_GOLDEN=1 and review the diff"
    for name, content in files.items():
        assert content.decode() == expected[name].decode(), f"{example}/{target}/{name} differs from the golden file"
