from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from compiler.plan.plan import EVERY_CHANNEL, build_plan
from tests.helpers import EXAMPLES, ROOT, TODAY, lint_text


def _plan(path):
    result = lint_path(str(path), RuleSettings(today=TODAY))
    assert not result.has_errors()
    return build_plan(result.book)


def test_field_service_p1_ladder_offsets_are_cumulative_from_ticket_start():
    p1 = _plan(EXAMPLES / "field-service").priority("P1")
    ladder = [(s.target, s.offset / 60) for s in p1.steps if s.edge.kind == "hierarchical"]
    assert ladder == [("team-lead", 30), ("service-manager", 60), ("vp-operations", 240)]
    assert p1.clock == "calendar"
    assert p1.owners == ["coordinator"]


def test_business_day_counts_the_calendars_open_day():
    p2 = _plan(EXAMPLES / "field-service").priority("P2")
    assert p2.clock == "business"
    assert p2.cell("phone", "resolve").seconds == 3 * 8.5 * 3600


def test_channel_override_wins_over_the_priority_value():
    p0 = _plan(EXAMPLES / "online-care").priority("P0")
    assert p0.cell("email", "acknowledge").seconds == 15 * 60
    assert p0.cell("chat", "acknowledge").seconds == 5 * 60


def test_per_target_clock_override(tmp_path):
    result = lint_text(
        tmp_path,
        """\
        playbook: t
        calendars:
          office: {weekly: {mon-fri: "09:00-17:00"}}
        priorities:
          P1: {title: A, calendar: office}
        sla:
          P1: {acknowledge: {target: 15m, hours: calendar}, resolve: 2d}
        """,
    )
    plan = build_plan(result.book)
    assert result.book.clock_of(result.book.priorities["P1"]) == "business"
    cells = plan.priority("P1").sla
    # No channels: the priority's targets hold for every ticket, each on its own clock.
    assert {m: (c.seconds, c.clock) for m, c in cells[EVERY_CHANNEL].items()} == {
        "acknowledge": (900, "calendar"),
        "resolve": (2 * 8 * 3600, "business"),
    }
    assert result.book.sla_seconds("P1", "resolve") == 2 * 8 * 3600
    assert result.book.sla_seconds("P1", "acknowledge") == 900


def test_node_reached_by_two_paths_counts_from_the_earliest(tmp_path):
    result = lint_text(
        tmp_path,
        """\
        playbook: t
        priorities:
          P1: {title: A, owner: a}
        contacts:
          a: {name: A}
          b: {name: B}
          c: {name: C}
        escalation:
          - {from: a, to: b, after: 1h}
          - {from: a, to: c, after: 10m}
          - {from: c, to: b, after: 10m}
        """,
    )
    steps = build_plan(result.book).priority("P1").steps
    assert [(s.source, s.target, s.offset / 60) for s in steps] == [
        ("a", "c", 10),
        ("c", "b", 20),
        ("a", "b", 60),
    ]


def test_channel_first_reply_is_the_acknowledge_target_of_priorities_that_set_none():
    plan = _plan(ROOT / "tests" / "precision" / "online-care" / "playbook")
    payment = plan.priority("payment")
    assert payment.cell("email", "acknowledge").seconds == 24 * 3600
    assert payment.cell("chat", "acknowledge").seconds == 3600
    assert plan.priority("account-takeover").cell("email", "acknowledge").seconds == 15 * 60
