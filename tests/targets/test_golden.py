"""Golden files pin the API targets' output (help desks, on-call, chat, support stack) of the two realistic examples.

After an intended change, regenerate them and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/targets/test_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.targets.support import HELPDESK, PAYLOAD_TARGETS, build_example

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
STACK = ("salesforce", "twilio", "intercom", "kpis", "checklists")
CASES = [(example, target) for example in ("field-service", "online-care") for target in (*PAYLOAD_TARGETS, *STACK)]
# The multi-plan SaaS desk pins what SLA policies compile to in the help desks and the support stack.
CASES += [("saas-desk", target) for target in (*HELPDESK, *STACK)]


@pytest.mark.parametrize(("example", "target"), CASES)
def test_output_matches_the_golden_files(example, target):
    files = build_example(example, target)
    folder = GOLDEN / example / target
    if os.environ.get("UPDATE_GOLDEN") == "1":
        shutil.rmtree(folder, ignore_errors=True)
        for name, content in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(content)
    golden = {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(golden), "files differ; see the module docstring to regenerate"
    for name, content in files.items():
        assert content == golden[name], f"{example}/{target}/{name} differs from its golden file"
