"""Inputs that once passed lint and then crashed a build are located lint errors now.

Each case is the minimal example with one change. Lint must report an error at
the line and column of the change, and `playbook build` with every target must
stop cleanly (exit 1, nothing built). Their valid neighbours (a holiday in
9998, ids that differ by more than case) build every target.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import targets
from cli import main
from compiler.lint.pipeline import check_source
from compiler.lint.settings import RuleSettings
from compiler.plan.plan import build_plan
from playbook import source
from playbook.findings import Severity
from tests.helpers import EXAMPLES, TODAY

MINIMAL = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")


def changed(old: str, new: str, count: int = -1) -> str:
    assert old in MINIMAL, old
    return MINIMAL.replace(old, new, count)


def at(text: str, needle: str) -> tuple[int, int]:
    """(line, column) where `needle` first starts in `text`."""
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def case(text: str, needle: str, code: str) -> tuple[str, tuple[int, int], str]:
    return text, at(text, needle), code


BROKEN = {
    # (text, (line, column) of the error, code)
    "priority ids that differ only in case": case(
        changed("  P2:\n", "  p1:\n").replace("  P2: {ack", "  p1: {ack"), "p1:", "PB002"
    ),
    "contact ids that differ only in case": case(
        MINIMAL + "  Owner: {name: Sam Other, email: sam2@cornershop.example, verified: 2026-11-25}\n",
        "Owner: {",
        "PB002",
    ),
    "a team and a contact whose ids differ only in case": case(
        MINIMAL + "teams:\n  Helpdesk: {name: Desk, members: [helpdesk]}\n", "Helpdesk:", "PB002"
    ),
    "calendar ids that differ only in case": case(
        changed("channels:", '  Shop: {weekly: {mon-fri: "09:00-17:00"}}\nchannels:'), "Shop:", "PB002"
    ),
    "a contact id ending in a newline": case(
        changed("  owner: {name: Sam Owner", '  "owner\\n": {name: Sam Owner').replace("to: owner,", 'to: "owner\\n",'),
        '"owner\\n",',
        "PB100",
    ),
    "a priority id ending in a newline": case(
        changed("  P2:\n", '  "P2\\n":\n').replace("  P2: {ack", '  "P2\\n": {ack'), '"P2\\n":', "PB100"
    ),
    "a playbook id ending in a newline": case(
        changed("playbook: corner-shop", 'playbook: "corner-shop\\n"'), '"corner-shop', "PB100"
    ),
    "a priority id ending in .md": case(
        changed("  P2:\n", "  P2.md:\n").replace("  P2: {ack", "  P2.md: {ack"), "P2.md:", "PB100"
    ),
    "a contact id ending in .MD": case(
        changed("  owner: {name: Sam Owner", "  owner.MD: {name: Sam Owner").replace("to: owner,", "to: owner.MD,"),
        "owner.MD: {",
        "PB100",
    ),
    "a team listing a member twice": case(
        MINIMAL + "teams:\n  desk: {name: Desk, members: [helpdesk, owner, helpdesk]}\n", "helpdesk]}", "PB100"
    ),
    "a holiday in the year 9999": case(changed("2026-12-26]", "9999-12-31]"), "9999-12-31", "PB101"),
    "calendar years running to 9999": case(changed('years: "2026-2027"', 'years: "2026-9999"'), '"2026-9999"', "PB101"),
}
VALID = {
    "a holiday in the year 9998": changed("2026-12-26]", "9998-12-31]"),
    "ids that differ by more than case": changed("  P2:\n", "  P1a:\n").replace("  P2: {ack", "  P1a: {ack"),
}


def lint(tmp_path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "playbook.yaml"
    path.write_text(text, encoding="utf-8")
    return check_source(source.load(str(path)), RuleSettings(today=TODAY, targets=frozenset(targets.TARGETS)))


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_input_that_crashed_a_build_is_a_located_lint_error(case, tmp_path):
    text, (line, column), code = BROKEN[case]
    result = lint(tmp_path, text)
    errors = [(f.code, f.location.line, f.location.column) for f in result.findings if f.severity is Severity.ERROR]
    assert (code, line, column) in errors, [str(f.location) + " " + f.message for f in result.findings]
    assert result.has_errors()  # `playbook build` stops here: "nothing built", exit 1


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_building_every_target_from_it_stops_cleanly(case, tmp_path):
    path = tmp_path / "playbook.yaml"
    path.write_text(BROKEN[case][0], encoding="utf-8")
    targets_args = [arg for name in sorted(targets.TARGETS) for arg in ("-t", name)]
    result = CliRunner().invoke(
        main, ["build", str(path), *targets_args, "--out", str(tmp_path / "out"), "--today", "2026-11-26"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    assert "nothing built" in result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize("case", sorted(VALID))
def test_the_valid_neighbours_build_every_target(case, tmp_path):
    result = lint(tmp_path, VALID[case])
    assert not result.has_errors(), [f.message for f in result.findings]
    assert result.book is not None
    plan = build_plan(result.book)
    for name in sorted(targets.TARGETS):
        assert targets.load(name).render(plan), name
