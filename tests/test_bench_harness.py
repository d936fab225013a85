"""A smoke run of the benchmark harness: tiny data, one round, no peers."""

from __future__ import annotations

import json
import sys

import targets
from bench import gen, run
from compiler.lint.pipeline import check_source
from compiler.lint.settings import RuleSettings
from playbook import source
from schemas import load_schema
from tests.helpers import ROOT, TODAY


def test_generated_playbook_is_schema_valid_and_lints_clean(tmp_path):
    from jsonschema import Draft7Validator

    data = gen.generate(120, today=TODAY)
    gen.write_file(tmp_path / "one.yaml", data)
    gen.write_split(tmp_path / "split", data, 4)
    gen.write_file(tmp_path / "legacy.yaml", gen.generate(120, today=TODAY, realistic=False))
    validator = Draft7Validator(load_schema("playbook"))
    for path in [tmp_path / "one.yaml", tmp_path / "legacy.yaml", *sorted((tmp_path / "split").glob("*.yaml"))]:
        loaded = source.load(str(path))
        assert not list(validator.iter_errors(loaded.data)), path
    named = {(h["country"], h.get("subdivision")) for c in data["calendars"].values() if isinstance(c, dict)
             for h in c.get("holidays", []) if isinstance(h, dict) and "country" in h}  # fmt: skip
    assert len(named) == 4, "every office calendar names its country's public holidays"
    for path in (tmp_path / "one.yaml", tmp_path / "legacy.yaml", tmp_path / "split"):
        every_target = frozenset(targets.TARGETS) if path.name != "legacy.yaml" else frozenset()
        result = check_source(source.load(str(path)), RuleSettings(today=TODAY, targets=every_target))
        # Clean, so the benchmarks measure throughput (rules landing later must keep it so: adjust bench/gen.py);
        # the realistic shape also for every build target's rules, as `build` runs them.
        assert not result.findings, [f"{f.location} {f.code} {f.message}" for f in result.findings]
        assert len(result.book.contacts) == 120


def test_split_playbook_holds_the_same_data_as_one_file(tmp_path):
    data = gen.generate(80, today=TODAY)
    gen.write_file(tmp_path / "one.yaml", data)
    gen.write_split(tmp_path / "split", data, 5)
    one = source.load(str(tmp_path / "one.yaml")).data
    split = source.load(str(tmp_path / "split")).data
    assert json.dumps(one, sort_keys=True) == json.dumps(split, sort_keys=True)
    assert len(list((tmp_path / "split").glob("*.yaml"))) == 5


def test_many_small_playbooks_are_separate_and_lint_clean(tmp_path):
    gen.write_many(tmp_path, 3, 50, today=TODAY)
    files = sorted(tmp_path.glob("*.yaml"))
    names = set()
    for path in files:
        result = check_source(source.load(str(path)), RuleSettings(today=TODAY))
        assert not result.findings, [f"{f.location} {f.code} {f.message}" for f in result.findings]
        names.add(result.book.name)
    assert len(files) == len(names) == 3


def test_harness_measures_and_reports_ratios(tmp_path):
    sizes = {"tiny": run.Spec(60), "tiny-split": run.Spec(60, 3), "tiny-many": run.Spec(50, 2, separate=True)}
    datasets = run.make_datasets(tmp_path, list(sizes), TODAY.isoformat(), sizes)
    tools = run.Tools(python=(sys.executable,), playbook=(sys.executable, "-m", "cli"))
    cases = run.make_cases(datasets, tools, tmp_path, ("floor", "lint"))
    assert [(c.dataset, c.tool) for c in cases] == [
        ("tiny", "floor"),
        ("tiny", "lint"),
        ("tiny-split", "floor"),
        ("tiny-split", "lint"),
        ("tiny-split", "lint, 1 job"),
        ("tiny-many", "floor"),
        ("tiny-many", "lint"),
    ]
    assert cases[-1].argv[-2:] == tuple(str(p) for p in sorted(datasets[2].path.glob("*.yaml")))
    assert dict(cases[4].env) == {"PLAYBOOK_JOBS": "1"}
    summaries = run.measure(cases[:2], runs=1, cwd=ROOT, warmup=False, log=lambda line: None)
    assert all(s.rc == 0 and s.wall > 0 and s.rss_mb > 1 for s in summaries)
    table = run.markdown(summaries, datasets, {"cpu": "test"})
    assert "| tiny (0.0" in table and "| lint |" in table
    lint_row = next(line for line in table.splitlines() if "| lint |" in line)
    floor_ratio = float(lint_row.split("|")[7])
    assert floor_ratio == round(summaries[1].cpu / summaries[0].cpu, 2)
