"""`playbook diff` between two versions of the SaaS desk names every policy renamed, reordered, removed,
re-scoped or loosened, and calendar changes that move deadlines later; --fail-on-loosened covers them."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from cli import main
from compiler.diff.run import run as run_diff
from tests.helpers import EXAMPLES

SAAS = EXAMPLES / "saas-desk"

BILLING_HOURS = (
    "  billing-office:\n    description: Billing team, Boston.\n    timezone: America/New_York\n"
    '    weekly: {mon-fri: "09:00-17:00"}\n'
)
# Each edit of examples/saas-desk/playbook.yaml, as (old text, new text).
EDITS = [
    # renamed: same id, new title; and a new id with the same selector
    ("    title: Premium plan\n", "    title: Premium support\n"),
    ("  - id: free\n    title: Free plan\n", "  - id: community\n    title: Community (free plan)\n"),
    # re-scoped: a narrower selector
    ("    when: {segment: security}\n", "    when: {tags: security}\n"),
    # loosened, tightened, a band's limit loosened
    ("      P2: {answer: 60s, first_reply: 1h, next_reply: 2h, resolve: 1bd-3bd}",
     "      P2: {answer: 60s, first_reply: 2h, next_reply: 2h, resolve: 1bd-4bd}"),
    ("      P1: {answer: 90% in 20s, first_reply: 15m, periodic_update: 30m, mitigate: 30m-60m, resolve: 4h}",
     "      P1: {answer: 90% in 20s, first_reply: 15m, periodic_update: 30m, mitigate: 30m-60m, resolve: 2h}"),
    # a target removed
    ("      P4: {first_reply: eod+1, resolve: 5bd}", "      P4: {resolve: 5bd}"),
    # the billing office closes at 15:00 on Fridays
    (BILLING_HOURS, BILLING_HOURS.replace('{mon-fri: "09:00-17:00"}', '{mon-thu: "09:00-17:00", fri: "09:00-15:00"}')),
    # the removed policy is no longer overridden
    ("    overrides: [privacy, billing, partners]\n", "    overrides: [privacy, billing]\n"),
]  # fmt: skip
PARTNERS = "  - id: partners\n"
PRIVACY = "  - id: privacy\n"
BILLING = "  - id: billing\n"


def _block(text: str, start: str) -> str:
    """One policy's lines, from its '- id:' to the next one."""
    begin = text.index(start)
    end = text.index("\n  - id:", begin + 1) + 1
    return text[begin:end]


@pytest.fixture(scope="module")
def head(tmp_path_factory):
    folder = tmp_path_factory.mktemp("head") / "saas-desk"
    shutil.copytree(SAAS, folder)
    path = folder / "playbook.yaml"
    text = path.read_text()
    for old, new in EDITS:
        assert old in text, old
        text = text.replace(old, new, 1)
    text = text.replace(_block(text, PARTNERS), "")  # removed
    privacy, billing = _block(text, PRIVACY), _block(text, BILLING)
    text = text.replace(privacy + billing, billing + privacy)  # reordered
    path.write_text(text)
    return folder


@pytest.fixture(scope="module")
def changes(head):
    found = run_diff(str(SAAS), str(head), None).changes
    return {(c.section, c.subject, c.action): c for c in found}


@pytest.mark.parametrize(
    ("key", "old", "new", "flagged"),
    [
        (("policies", "premium", "renamed"), "Premium plan", "Premium support", False),
        (("policies", "community", "renamed"), "free: Free plan", "community: Community (free plan)", False),
        (("policies", "partners", "removed"), "5. Reseller partners (segment partners)", "", True),
        (("policies", "billing position", "reordered"), "4", "3", True),
        (("policies", "privacy position", "reordered"), "3", "4", True),
        (("policies", "security when", "changed"), "segment security", "tag security", True),
        (("policies", "enterprise P2 acknowledge", "loosened"), "1h (business hours)", "2h (business hours)", True),
        (("policies", "enterprise P2 resolve limit", "loosened"), "3bd", "4bd", True),
        (("policies", "emergency P1 resolve", "tightened"), "4h (calendar hours)", "2h (calendar hours)", False),
        (("policies", "billing P4 acknowledge", "removed"), "eod+1 (business hours)", "", True),
        (
            ("calendars", "billing-office hours", "loosened"),
            "mon-fri 09:00-17:00",
            "mon-thu 09:00-17:00, fri 09:00-15:00",
            True,
        ),
    ],
)
def test_every_policy_change_is_named(changes, key, old, new, flagged):
    change = changes[key]
    assert (change.old, change.new, change.flagged) == (old, new, flagged)


def test_a_rename_is_not_an_addition_and_a_removal(changes):
    assert ("policies", "community", "added") not in changes
    assert ("policies", "free", "removed") not in changes


def test_renamed_policies_still_compare_their_targets(changes):
    # Same targets under the new name: nothing but the rename is reported for them.
    assert [key for key in changes if key[1].startswith(("community ", "premium "))] == []


def test_fail_on_loosened_covers_policy_changes(head):
    result = CliRunner().invoke(main, ["diff", str(SAAS), str(head), "--fail-on-loosened"])
    assert result.exit_code == 1, result.output
    assert "SLA policies" in result.output
    assert "  ! partners" in result.output


def test_only_a_rename_passes_fail_on_loosened(tmp_path):
    folder = tmp_path / "saas-desk"
    shutil.copytree(SAAS, folder)
    path = folder / "playbook.yaml"
    path.write_text(path.read_text().replace("    title: Premium plan\n", "    title: Premium support\n"))
    result = CliRunner().invoke(main, ["diff", str(SAAS), str(folder), "--fail-on-loosened"])
    assert result.exit_code == 0, result.output
    assert "premium  renamed     Premium plan -> Premium support" in result.output


def test_a_calendar_change_is_its_own_row_not_a_change_of_every_target_on_it(changes):
    assert ("policies", "billing P3 resolve", "tightened") not in changes
    assert [key for key in changes if key[1].startswith("billing P") and key[2] != "removed"] == []
