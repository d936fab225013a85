"""A field of the language is declared once, in its dataclass; the builder reads it from there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from playbook.build import _Builder, read_fields
from playbook.model import Contact, Edge, built, read
from playbook.units import Duration
from playbook.yamlload import load_text


@dataclass(eq=False)
class _ContactWithPager(Contact):
    pager: str = ""
    paged_after: Duration | None = None
    escalates: bool = False
    since: dt.date | None = None
    rota: str = read("on_call_rota", default="")
    computed: int = built(0)


def _raw(text: str):  # type: ignore[no-untyped-def]
    return load_text("playbook.yaml", text).data


def test_a_new_field_is_read_by_its_type_without_touching_the_builder():
    raw = _raw("pager: '555'\npaged_after: 15m\nescalates: true\nsince: 2026-01-02\non_call_rota: weekly\n")
    builder = _Builder(raw)
    contact = builder.entity(_ContactWithPager, "ana", raw)
    assert (contact.pager, contact.paged_after.text, contact.escalates) == ("555", "15m", True)
    assert (contact.since, contact.rota, contact.computed, contact.name) == (dt.date(2026, 1, 2), "weekly", 0, "ana")
    assert builder.findings == []


def test_a_value_the_field_cannot_read_is_a_finding_at_the_value():
    raw = _raw("paged_after: soon\n")
    builder = _Builder(raw)
    assert builder.entity(_ContactWithPager, "ana", raw).paged_after is None
    assert [(f.code, f.location.line, f.location.column) for f in builder.findings] == [("PB101", 1, 14)]


def test_fields_named_differently_in_yaml_say_so_in_their_declaration():
    keys = {spec.name: spec.key for spec in read_fields(Edge)}
    assert (keys["source"], keys["target"]) == ("from", "to")
    assert "index" not in keys  # built from the step's position
