"""A run over many playbooks holds one playbook's data at a time, not all of them."""

from __future__ import annotations

import gc
import weakref

from bench import gen
from compiler.lint import pipeline
from compiler.lint.run import LintOptions, run
from tests.helpers import TODAY


def test_each_playbook_is_freed_once_linted(tmp_path, monkeypatch):
    built: list[weakref.ref] = []
    real_build = pipeline.build

    def build(data):  # type: ignore[no-untyped-def]
        book, findings = real_build(data)
        built.append(weakref.ref(book))
        return book, findings

    monkeypatch.setattr(pipeline, "build", build)
    gen.write_many(tmp_path, 4, 50, today=TODAY)
    options = LintOptions(tuple(str(p) for p in sorted(tmp_path.glob("*.yaml"))))
    options.today = TODAY
    outcome = run(options)
    gc.collect()
    assert len(built) == 4 and not outcome.report.findings
    # The last one may stay as the rules' latest plan; none of the others is reachable.
    assert [ref() for ref in built[:-1]] == [None, None, None]
    assert all(result.book is None and not result.source.files[0].text for result in outcome.report.results)


def test_a_playbook_with_findings_keeps_what_its_report_shows(tmp_path):
    path = tmp_path / "book.yaml"
    data = gen.generate(50, today=TODAY)
    data["contacts"]["director"]["verified"] = "2020-01-01"  # long ago: PB220
    gen.write_file(path, data)
    options = LintOptions((str(path),), fail_on="error")
    options.today = TODAY
    outcome = run(options)
    assert [f.code for f in outcome.report.findings] == ["PB220"]
    record = outcome.report.records()[0]
    assert record["yaml_path"] == "contacts.director.verified" and record["fingerprint"]
    assert "verified: 2020-01-01" in outcome.report.text_of(str(path))
