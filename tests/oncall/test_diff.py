"""`playbook diff` reports changes to paging, on-call rotas and alert routing."""

from __future__ import annotations

import textwrap

from click.testing import CliRunner

from cli import main
from compiler.diff.changes import compare
from compiler.lint.pipeline import check_source
from compiler.lint.settings import RuleSettings
from playbook import source
from tests.helpers import TODAY

BASE = """\
playbook: t
priorities:
  P1: {title: Down, owner: duty, hours: calendar, page: true, post: [incidents, floor]}
  P2: {title: Slow, owner: duty, hours: calendar}
escalation:
  - {from: duty, to: boss, after: 30m}
contacts:
  duty: {name: Duty manager, kind: role}
  boss: {name: Boss, email: boss@acme.example}
  ama: {name: Ama, email: ama@acme.example}
  ben: {name: Ben, email: ben@acme.example}
rotas:
  duty-managers: {covers: duty, members: [ama, ben], start: 2026-11-30, handoff: "09:00", every: 1w}
  spare: {covers: boss, members: [ben], start: 2026-11-30, handoff: "09:00", every: 1d}
rooms:
  incidents: {slack: {channel: "#incidents", webhook: env:SLACK_INCIDENTS}}
  floor: {slack: {channel: "#floor", webhook: env:SLACK_FLOOR}, default: true}
alerts:
  - {metric: queue_depth, channel: chat, above: 25, for: 10m, notify: duty, post: [incidents, floor]}
  - {metric: asa, above: 60s, intervals: 3, notify: duty}
channels:
  chat: {intake: 5m}
"""


def _book(tmp_path, name, text):
    path = tmp_path / name / "playbook.yaml"
    path.parent.mkdir()
    path.write_text(textwrap.dedent(text))
    result = check_source(source.load(str(path)), RuleSettings(today=TODAY))
    assert not result.has_errors(), [f.message for f in result.findings]
    return result.book


def _changes(tmp_path, head_text):
    diff = compare(_book(tmp_path, "base", BASE), _book(tmp_path, "head", head_text))
    return [(c.section, c.subject, c.action, c.old, c.new, c.flagged) for c in diff.changes]


def test_a_priority_that_stops_paging_is_flagged(tmp_path):
    found = _changes(
        tmp_path, BASE.replace(", page: true", "").replace("P2: {title: Slow,", "P2: {title: Slow, page: true,")
    )
    assert ("paging", "P1", "removed", "pages its ladder", "not paged", True) in found
    assert ("paging", "P2", "added", "not paged", "pages its ladder", False) in found


def test_rota_members_hand_overs_and_removals_are_reported(tmp_path):
    head = BASE.replace("members: [ama, ben]", "members: [ben, ama]").replace(
        'handoff: "09:00", every: 1w', 'handoff: "08:00", every: 1w'
    )
    head = head.replace('  spare: {covers: boss, members: [ben], start: 2026-11-30, handoff: "09:00", every: 1d}\n', "")
    found = _changes(tmp_path, head)
    assert ("rotas", "duty-managers members", "changed", "ama, ben", "ben, ama", False) in found
    assert (
        "rotas",
        "duty-managers hand-over",
        "changed",
        "2026-11-30 09:00 UTC",
        "2026-11-30 08:00 UTC",
        False,
    ) in found
    assert ("rotas", "spare", "removed", "covers boss: ben, every 1d from 2026-11-30 09:00 UTC", "", True) in found


def test_alert_thresholds_recipients_and_fewer_rooms_are_reported(tmp_path):
    head = BASE.replace(
        "above: 25, for: 10m, notify: duty, post: [incidents, floor]",
        "above: 30, for: 10m, notify: boss, post: [floor]",
    )
    head = head.replace("  - {metric: asa, above: 60s, intervals: 3, notify: duty}\n", "")
    found = _changes(tmp_path, head)
    assert ("alerts", "queue_depth (chat) threshold", "changed", "above 25 for 10m", "above 30 for 10m", False) in found
    assert ("alerts", "queue_depth (chat) notify", "changed", "duty", "boss", False) in found
    assert ("alerts", "queue_depth (chat) rooms", "changed", "incidents, floor", "floor", True) in found
    assert ("alerts", "asa", "removed", "above 60s for 3 intervals, notify duty, post to floor", "", True) in found


def test_rooms_and_where_a_priority_posts_are_reported(tmp_path):
    head = BASE.replace('channel: "#incidents"', 'channel: "#major-incidents"').replace(
        "post: [incidents, floor]}\n  P2", "post: [incidents]}\n  P2"
    )
    found = _changes(tmp_path, head)
    assert (
        "alerts",
        "room incidents",
        "changed",
        "slack #incidents (SLACK_INCIDENTS)",
        "slack #major-incidents (SLACK_INCIDENTS)",
        False,
    ) in found
    assert ("alerts", "P1 messages", "changed", "incidents, floor", "incidents", True) in found


def test_reordering_alerts_is_no_change(tmp_path):
    lines = BASE.splitlines(keepends=True)
    start = lines.index("alerts:\n")
    swapped = lines[: start + 1] + [lines[start + 2], lines[start + 1]] + lines[start + 3 :]
    assert _changes(tmp_path, "".join(swapped)) == []


def test_the_markdown_report_has_the_new_sections(tmp_path):
    head = BASE.replace(", page: true", "").replace('handoff: "09:00", every: 1w', 'handoff: "08:00", every: 1w')
    head = head.replace("above: 25", "above: 30")
    base, new = _book(tmp_path, "base", BASE), _book(tmp_path, "head", head)
    assert base and new
    result = CliRunner().invoke(
        main, ["diff", str(tmp_path / "base"), str(tmp_path / "head"), "--format", "markdown", "--today", "2026-11-26"]
    )
    assert result.exit_code == 0, result.output
    for heading in ("#### Paging", "#### On-call rotas", "#### Alert routing"):
        assert heading in result.output
