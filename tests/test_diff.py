"""`playbook diff`: every kind of change on paired fixtures, both outputs, git revisions, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from compiler.diff.run import Side, load
from compiler.diff.run import run as run_diff
from tests.helpers import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "diff"
BASE, HEAD = FIXTURES / "base", FIXTURES / "head"


def diff(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["diff", *args])


@pytest.fixture(scope="module")
def changes():  # type: ignore[no-untyped-def]
    found = run_diff(str(BASE), str(HEAD), None).changes
    return {(c.section, c.subject, c.action): c for c in found}


@pytest.mark.parametrize(
    ("key", "old", "new", "flagged"),
    [
        (("priorities", "P0", "added"), "", "Safety", False),
        (("priorities", "P3", "removed"), "Question", "", False),
        (("sla", "P1 resolve", "loosened"), "4h", "8h", True),
        (("sla", "P2 acknowledge", "tightened"), "8h", "4h", False),
        (("sla", "P2 acknowledge (chat)", "loosened"), "1h", "2h", True),
        (("sla", "P2 update_every", "removed"), "1d = 8h (business hours)", "", True),
        (("sla", "P1 mitigate", "added"), "", "2h (calendar hours)", False),
        (("escalation", "P1: lead -> manager", "removed"), "after 30m, at 1h (calendar hours)", "", True),
        (("escalation", "P1: lead -> director", "added"), "", "after 1h, at 2h (calendar hours)", False),
        (
            ("escalation", "P1: desk -> lead", "loosened"),
            "after 30m, at 30m (calendar hours)",
            "after 1h, at 1h (calendar hours)",
            True,
        ),
        (("contacts", "director", "added"), "", "+442071838003, jo@harbour-support.com", False),
        (("contacts", "old-vendor", "removed"), "Old vendor line", "", False),
        (("contacts", "lead phone", "renumbered"), "+442071838001", "+442071838011", False),
        (("contacts", "lead email", "renumbered"), "ana@harbour-support.com", "ana.lima@harbour-support.com", False),
        (("calendars", "office hours", "changed"), "mon-fri 09:00-17:00", "mon-fri 08:00-18:00", False),
        # A new holiday on a business-hours calendar moves deadlines over it later.
        (("calendars", "office holiday", "added"), "", "2027-01-01 New Year's Day", True),
        (("calendars", "office holiday", "removed"), "2026-12-26 Boxing Day", "", False),
        (("calendars", "weekend", "added"), "", "sat,sun 10:00-16:00", False),
    ],
)
def test_each_kind_of_change_is_reported(changes, key, old, new, flagged):
    change = changes[key]
    assert (change.old, change.new, change.flagged) == (old, new, flagged)


def test_business_day_targets_compare_in_the_calendars_hours(changes):
    # 3bd is 24h of business time on an 8-hour day and 30h on a 10-hour day: a looser target.
    change = changes[("sla", "P2 resolve", "loosened")]
    assert (change.old, change.new, change.detail) == ("3bd = 24h", "3bd = 30h", "+6h of business time")


def test_inserting_a_priority_is_not_a_rank_change(changes):
    assert not [key for key in changes if key[1].endswith(" rank")]


def test_rank_change_among_common_priorities(tmp_path):
    swapped = tmp_path / "swapped.yaml"
    text = (BASE / "playbook.yaml").read_text()
    p1 = "  P1: {title: Outage, calendar: always, owner: desk, examples: [Nobody can log in]}\n"
    p2 = "  P2: {title: Degraded, calendar: office, owner: desk, examples: [Reports are slow]}\n"
    # The targets move with the ranks, so the new order is one that lints clean.
    sla1 = "  P1: {acknowledge: 15m, update_every: 30m, resolve: 4h}\n"
    sla2 = "  P2: {acknowledge: 8h, update_every: 1d, resolve: 3bd, channels: {chat: {acknowledge: 1h}}}\n"
    sla = "  P1:" + sla2[5:] + "  P2:" + sla1[5:]
    swapped.write_text(text.replace(p1 + p2, p2 + p1).replace(sla1 + sla2, sla))
    found = {(c.subject, c.old, c.new) for c in run_diff(str(BASE), str(swapped), None).changes}
    assert ("P1 rank", "1", "2") in found and ("P2 rank", "2", "1") in found


def test_clock_change_compares_wall_clock_time(tmp_path):
    moved = tmp_path / "moved.yaml"
    moved.write_text(
        (BASE / "playbook.yaml")
        .read_text()
        .replace("P3: {title: Question, calendar: office", "P3: {title: Question, calendar: always")
    )
    found = {c.subject: c for c in run_diff(str(BASE), str(moved), None).changes}
    assert found["P3 clock"].old == "office (business hours)"
    assert found["P3 resolve"].action == "tightened"
    assert "wall-clock" in found["P3 resolve"].detail


def test_a_version_with_a_lint_rule_error_is_refused_with_exit_2(tmp_path):
    broken = tmp_path / "broken.yaml"
    text = (BASE / "playbook.yaml").read_text()
    broken.write_text(text.replace("P1: {acknowledge: 15m,", "P1: {acknowledge: 5h,"))  # after its 4h resolve
    result = diff(str(BASE), str(broken))
    assert result.exit_code == 2
    assert "[PB211 " in result.output
    assert result.output.endswith(f"playbook: error: {broken} has errors; fix them (playbook lint) before comparing\n")


def test_a_rule_switched_off_in_the_configuration_does_not_stop_diff(tmp_path):
    broken = tmp_path / "broken.yaml"
    text = (BASE / "playbook.yaml").read_text()
    broken.write_text(text.replace("P1: {acknowledge: 15m,", "P1: {acknowledge: 5h,"))
    (tmp_path / ".playbook.yaml").write_text("rules: {PB210: off, PB211: off}\n")
    result = diff(str(BASE), str(broken))
    assert result.exit_code == 0, result.output
    assert "P1 acknowledge" in result.output


def test_text_output_marks_flagged_changes():
    result = diff(str(BASE), str(HEAD))
    assert result.exit_code == 0
    assert "  ! P1 resolve" in result.output
    assert "8h -> 4h" in result.output
    assert result.output.rstrip().endswith("or a calendar that closes where it was open.")


def test_markdown_output_is_a_pr_comment():
    result = diff(str(BASE), str(HEAD), "--format", "markdown")
    assert result.output.startswith(f"### Playbook changes: `{BASE}` → `{HEAD}`\n")
    assert "**8 loosen the service**" in result.output
    assert "| ⚠️ | P1 resolve | loosened | 4h | 8h | +4h of calendar time |" in result.output
    assert "#### Calendars and holidays" in result.output


def test_fail_on_loosened_is_a_ci_gate():
    assert diff(str(BASE), str(HEAD), "--fail-on-loosened").exit_code == 1
    assert diff(str(HEAD), str(BASE), "--fail-on-loosened").exit_code == 1  # P3's targets and a step come back
    same = diff(str(BASE), str(BASE), "--fail-on-loosened")
    assert same.exit_code == 0 and "no changes" in same.output


def test_a_version_with_errors_is_exit_2_with_its_findings(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text((HEAD / "playbook.yaml").read_text().replace("to: director", "to: nobody"))
    result = diff(str(BASE), str(broken))
    assert result.exit_code == 2
    assert "PB102 unknown-reference" in result.output
    assert "has errors; fix them (playbook lint) before comparing" in result.output


@pytest.mark.parametrize(
    "args",
    [["only-one-arg"], ["--git", "HEAD", "a", "b"], ["no/such/old", "no/such/new"]],
)
def test_usage_errors_are_exit_2(args):
    assert diff(*args).exit_code == 2


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo / "support" / "playbook")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)
    shutil.copy(HEAD / "playbook.yaml", repo / "support" / "playbook" / "playbook.yaml")
    return repo


def test_git_revision_against_the_working_tree(repo):
    path = str(repo / "support" / "playbook")
    for args in (["HEAD", path], ["--git", "HEAD", path], [f"HEAD:{path}", path]):
        result = diff(*args, "--fail-on-loosened")
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"HEAD:{path} -> {path} (working tree)\n")
        assert "  ! P1 resolve" in result.output


def test_git_revision_files_are_labelled_with_the_revision(repo):
    book = load(Side(str(repo / "support" / "playbook"), "HEAD"))
    assert book.contacts["lead"].loc.path == "HEAD:support/playbook/playbook.yaml"


def test_unknown_revision_is_exit_2(repo):
    result = diff("--git", "no-such-branch", str(repo / "support" / "playbook"))
    assert result.exit_code == 2
    assert "'no-such-branch' is not a git revision" in result.output


def test_readme_shows_the_real_markdown_output():
    readme = (ROOT / "README.md").read_text()
    start = readme.index("<!-- diff-example:start -->")
    end = readme.index("<!-- diff-example:end -->")
    shown = readme[start:end].split("```markdown\n", 1)[1].rsplit("```", 1)[0]
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        actual = diff("tests/fixtures/diff/base", "tests/fixtures/diff/head", "--format", "markdown").output
    finally:
        os.chdir(old)
    assert shown == actual, "regenerate the README example with the command shown above it"


def test_a_way_to_reach_a_contact_is_compared_once_named_in_contact_reach(monkeypatch, tmp_path):
    # A contact field that diff shows is one name in Contact.REACH, not a change to the diff.
    from playbook.model import Contact

    head = tmp_path / "playbook.yaml"
    text = (HEAD / "playbook.yaml").read_text(encoding="utf-8")
    head.write_text(
        text.replace("lead: {name: Ana Lima,", "lead: {name: Ana Lima, title: Team lead,"), encoding="utf-8"
    )
    monkeypatch.setattr(Contact, "REACH", (*Contact.REACH, "title"))
    found = {(c.subject, c.action, c.old, c.new) for c in run_diff(str(BASE), str(head), None).changes}
    assert ("lead title", "added", "", "Team lead") in found
    assert ("lead phone", "renumbered", "+442071838001", "+442071838011") in found
