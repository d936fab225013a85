"""Staffing maths against the independently computed vectors in other-targets.md §5, and the CLI."""

from __future__ import annotations

import json
import math
import shutil

import pytest
from click.testing import CliRunner

from cli import main
from compiler.time import staffing as maths
from tests.helpers import EXAMPLES, ROOT

UNDERSTAFFED = str(ROOT / "tests" / "fixtures" / "understaffed.yaml")


@pytest.mark.parametrize(
    ("volume", "interval", "handle", "target", "cap", "traffic", "agents", "sl", "pw", "asa", "occ", "scheduled"),
    [
        (100, 1800, 180, 20, None, 10.000, 14, 0.8884, 0.1741, 7.84, 0.714, 20),
        (1000, 3600, 120, 20, 0.85, 33.333, 40, 0.9372, 0.1907, 3.43, 0.833, 58),
        (60, 3600, 600, 60, None, 10.000, 14, 0.8833, 0.1741, 26.12, 0.714, 20),
    ],
)
def test_erlang_c_reproduces_the_reference_vectors(
    volume, interval, handle, target, cap, traffic, agents, sl, pw, asa, occ, scheduled
):
    a = volume / interval * handle
    assert round(a, 3) == traffic
    n = maths.required_agents(a, handle, 0.80, target, cap)
    assert n == agents
    assert round(maths.service_level(a, n, target, handle), 4) == sl
    assert round(maths.wait_probability(a, n), 4) == pw
    assert round(maths.average_speed_of_answer(a, n, handle), 2) == asa
    assert round(a / n, 3) == occ
    assert maths.scheduled(n, 0.30) == scheduled


def test_low_volume_long_target_needs_one_agent_not_two():
    # 12 emails/h, 3 min each, 80% within 60 min: the search starts at floor(A) + 1.
    assert maths.required_agents(12 / 3600 * 180, 180, 0.80, 3600) == 1


def test_erlang_b_recursion_is_stable_for_large_centres():
    p = maths.wait_probability(950.0, 1000)
    assert 0 < p < 1 and math.isfinite(p)
    assert maths.required_agents(950.0, 300, 0.8, 20) > 950


def test_unstable_queue_waits_always_and_never_answers():
    assert maths.wait_probability(18.0, 18) == 1.0
    assert maths.service_level(18.0, 18, 20, 360) == 0.0
    assert math.isinf(maths.average_speed_of_answer(18.0, 17, 360))


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["staffing", *args])


def test_staffing_table_shows_each_channel_and_interval():
    result = run(str(EXAMPLES / "online-care"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("phone: Erlang C, target 80% in 20s, handle time 6m, 30m intervals")
    assert lines[2].split() == [
        "09:00",
        "90",
        "18.00",
        "23",
        "85.6%",
        "19.1%",
        "13.7s",
        "78.3%",
        "36",
        "24",
        "90.9%",
        "75.0%",
    ]
    assert "chat: Erlang C with handle time ÷ concurrency 3 (approximation)" in result.output


def test_staffing_json_labels_the_model_of_each_channel():
    data = json.loads(run(UNDERSTAFFED, "--format", "json").output)
    models = {c["channel"]: c["model"] for c in data["channels"]}
    assert models == {"phone": "erlang-c", "chat": "erlang-c-concurrency", "email": "workload"}
    email = data["channels"][2]["rows"][0]
    assert email["required"] == 5 and email["service_level"] is None and email["planned_occupancy"] == 0.95
    assert data["channels"][0]["rows"][1]["planned_service_level"] == 0.0


def test_playbook_without_forecast_says_so():
    result = run(str(EXAMPLES / "field-service"))
    assert result.exit_code == 0
    assert result.output.startswith("no staffing forecast")


def test_a_playbook_with_input_errors_is_refused_with_exit_1_as_lint_and_build_do(tmp_path):
    broken = tmp_path / "playbook.yaml"
    broken.write_text("playbook: x\npriorities: {P1: {title: Down, calendar: nowhere}}\n", encoding="utf-8")
    result = run(str(broken))
    assert result.exit_code == 1
    assert run(str(tmp_path / "missing.yaml")).exit_code == 2
    assert "[PB102 unknown-reference]" in result.output
    assert result.output.endswith("1 playbook checked: 1 error; cannot compute staffing\n")


def test_an_unstable_queue_is_a_finding_the_table_still_shows(tmp_path):
    # PB412 is an error for lint, but the table is where one looks into it.
    folder = tmp_path / "care"
    shutil.copytree(EXAMPLES / "online-care", folder)
    forecast = folder / "playbook.yaml"
    forecast.write_text(
        forecast.read_text(encoding="utf-8").replace("volume: 90, agents: 24", "volume: 90, agents: 12")
    )
    assert CliRunner().invoke(main, ["lint", str(folder)]).exit_code == 1
    result = run(str(folder))
    assert result.exit_code == 0, result.output
    assert "09:00       90     18.00        23" in result.output


def test_readme_shows_the_real_output():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ playbook staffing examples/online-care\n", 1)[1].split("```", 1)[0]
    assert shown == run(str(EXAMPLES / "online-care")).output


def test_an_interval_without_contacts_needs_nobody():
    assert maths.required_agents(0.0, 180, 0.8, 20) == 0
    assert maths.service_level(0.0, 0, 20, 180) == 1.0


def test_absurd_inputs_finish_quickly():
    assert maths.wait_probability(0.5, 10**9) == 0.0  # the recursion stops once it underflows
    basis = maths.Assumptions("phone", "erlang-c", "Erlang C", 1800, 360, 1, 0.8, 20, 0.85, 0.3)
    huge = maths.row(basis, 540, 1e12, 20)  # 2e11 Erlangs: sized by workload, not searched
    assert huge.service_level is None and huge.required == maths.ceil(2e11 / 0.85)
