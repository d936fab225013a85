"""The document targets end to end: the CLI, file layout, determinism."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

from click.testing import CliRunner

from cli import main
from tests.docs.support import example_plan, render
from tests.helpers import EXAMPLES, ROOT

_DIGEST = """
import hashlib, sys
from tests.docs.support import example_plan, render
plan = example_plan(sys.argv[1])
digest = hashlib.sha256()
for target in ("runbook", "onboarding", "site"):
    for name, content in sorted(render(target, plan).items()):
        digest.update(f"{target}/{name}".encode() + b"\\0" + content + b"\\0")
print(digest.hexdigest())
"""


def test_docs_group_builds_runbook_and_onboarding_folders(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "fsync", lambda fd: None)  # durability is write_atomic's test, not this one
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(EXAMPLES / "field-service"), "--target", "docs", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [".playbook-output", "onboarding", "runbook"]
    runbook = ("index", "P1", "P2", "P3", "P4", "contacts", "quick-reference")
    assert _names(out / "runbook") == sorted([".playbook-output", *_both(runbook), "runbook.json"])
    assert _names(out / "onboarding") == sorted(
        [".playbook-output", *_both(("onboarding", "triage-exercise", "triage-answers"))]
    )


def _names(folder) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(p.name for p in folder.iterdir())


def _both(pages: tuple[str, ...]) -> list[str]:
    return sorted(f"{page}.{ext}" for page in pages for ext in ("md", "html"))


def test_targets_command_lists_the_document_targets():
    output = CliRunner().invoke(main, ["targets"]).output
    for line in ("runbook ", "onboarding ", "site ", "docs         = runbook + onboarding"):
        assert line in output


def test_output_is_byte_identical_across_hash_seeds():
    # This process runs with a random hash seed; the child with a fixed, different one.
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    run = subprocess.run(
        [sys.executable, "-c", _DIGEST, "online-care"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    in_process = hashlib.sha256()
    plan = example_plan("online-care")
    for target in ("runbook", "onboarding", "site"):
        for name, content in sorted(render(target, plan).items()):
            in_process.update(f"{target}/{name}".encode() + b"\0" + content + b"\0")
    assert run.stdout.strip() == in_process.hexdigest()


def test_site_is_one_flat_folder_with_a_search_script_and_no_markdown():
    files = render("site", example_plan("online-care"))
    assert sorted(files) == sorted(
        [f"{p}.html" for p in ("index", "P0", "P1", "P2", "P3", "contacts", "quick-reference")]
        + [f"{p}.html" for p in ("onboarding", "triage-exercise", "triage-answers")]
        + ["search.js", "runbook.json"]
    )
    for name, content in files.items():
        if name.endswith(".html"):
            page = content.decode()
            assert '<script src="search.js"></script>' in page and 'id="search"' in page
            assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
            assert "https://" not in page.replace("https://status.lumen.example", "")
