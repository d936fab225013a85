"""Loading a directory in worker processes gives exactly what loading it file by file gives."""

from __future__ import annotations

import pickle

from bench import gen
from playbook import source
from tests.helpers import TODAY


def test_parallel_load_equals_sequential_load_findings_and_locations_included(tmp_path, monkeypatch):
    gen.write_split(tmp_path / "book", gen.generate(300, today=TODAY), 6)
    (tmp_path / "book" / "zz-broken.yaml").write_text("contacts:\n  x: {name: X, phone: +4915112345678}\n  x: {}\n")
    (tmp_path / "book" / "zz-syntax.yaml").write_text("teams: [unclosed\n")
    monkeypatch.setenv(source.JOBS_VARIABLE, "1")
    one = source.load(str(tmp_path / "book"))
    monkeypatch.setenv(source.JOBS_VARIABLE, "3")
    assert source._workers(source.discover(str(tmp_path / "book"))) == 3
    three = source.load(str(tmp_path / "book"))
    assert [f.path for f in three.files] == [f.path for f in one.files]
    assert three.findings == one.findings and {"PB001", "PB002"} <= {f.code for f in one.findings}
    for a, b in zip(one.files, three.files, strict=True):
        assert (a.traps, a.text, a.findings) == (b.traps, b.text, b.findings)
    assert pickle.dumps(three.data) == pickle.dumps(one.data)  # same values, same locations, same order


def test_small_playbooks_load_without_a_process_pool(monkeypatch):
    monkeypatch.delenv(source.JOBS_VARIABLE, raising=False)
    assert source._workers(["a.yaml", "b.yaml"]) == 1


def test_busy_cores_get_no_extra_worker_and_idle_ones_do(monkeypatch):
    monkeypatch.setattr(source.os, "getloadavg", lambda: (7.9, 8.0, 8.0))
    assert source.idle_cores(2) == 1
    monkeypatch.setattr(source.os, "getloadavg", lambda: (0.2, 0.1, 0.1))
    assert source.idle_cores(2) == 2
    assert source.idle_cores(8) == 8
    monkeypatch.setattr(source.os, "getloadavg", lambda: (3.0, 3.0, 3.0))
    assert source.idle_cores(8) == 5


def test_the_default_on_a_busy_machine_is_one_process(tmp_path, monkeypatch):
    monkeypatch.delenv(source.JOBS_VARIABLE, raising=False)
    monkeypatch.setattr(source.os, "getloadavg", lambda: (50.0, 50.0, 50.0))
    paths = []
    for index in range(6):
        path = tmp_path / f"part-{index}.yaml"
        path.write_text("x: " + "a" * 200_000 + "\n", encoding="utf-8")
        paths.append(str(path))
    assert source._workers(paths) == 1
