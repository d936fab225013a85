"""Rules rewritten for speed on big playbooks give what their plain definitions give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compiler.check.rules import pb260_routing_rule_shadowed as pb260
from playbook.model import Calendar, Route, Window
from playbook.yamlload import Map
from tests.fuzzing import SETTINGS

VALUE = st.sampled_from([None, None, "a", "b"])
ROUTES = st.lists(st.tuples(VALUE, VALUE, VALUE, st.booleans()), max_size=12).map(
    lambda rows: [
        Route(f"r{i}", Map(), index=i, category=c, tag=t, channel=ch, default=d and i % 3 == 0)
        for i, (c, t, ch, d) in enumerate(rows)
    ]
)


@SETTINGS
@given(ROUTES)
def test_shadowed_routes_match_comparing_every_pair(routes):
    expected = []
    for index, route in enumerate(routes):
        earlier = next((r for r in routes[:index] if pb260._covers(r, route)), None)
        if earlier is not None:
            expected.append((route, earlier))
    assert list(pb260._shadowed(routes)) == expected


def test_calendar_figures_are_computed_once_per_calendar():
    calendar = Calendar("office", Map(), timezone="UTC", windows=[Window(0, 540, 1020, None)])
    assert calendar.weekly_seconds() == 8 * 3600.0 and calendar.business_day_seconds() == 8 * 3600.0
    calendar.windows.clear()  # a built calendar never changes; the figures were kept
    assert calendar.weekly_seconds() == 8 * 3600.0
    assert Calendar("other", Map(), windows=[]).weekly_seconds() == 0.0
