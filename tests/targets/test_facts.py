"""Each target's vendor facts (targets/<name>/facts.toml) and the places that must agree with them."""

from __future__ import annotations

import targets
from compiler.plan.targetfacts import facts, helpdesks
from schemas import load_schema


def _priority_schema() -> dict:
    return load_schema("playbook")["properties"]["priorities"]["additionalProperties"]["properties"]


def _allowed(schema: dict) -> set:
    if "enum" in schema:
        return set(schema["enum"])
    return set(range(schema["minimum"], schema["maximum"] + 1))


def test_help_desk_facts_say_what_the_plan_and_rules_need():
    for name in helpdesks(targets.TARGETS):
        found = facts(name)
        assert found is not None and found.title and found.levels and found.channel_code_name, name
        assert not found.level_names or len(found.level_names) == len(found.levels), name


def test_the_helpdesk_group_is_every_target_whose_facts_say_helpdesk():
    assert targets.GROUPS["helpdesk"] == ("zendesk", "freshdesk")
    assert helpdesks(["zendesk", "runbook", "freshdesk", "no-such", "../x"]) == ("freshdesk", "zendesk")


def test_the_schema_accepts_exactly_each_targets_levels():
    levels = _priority_schema()["levels"]["properties"]
    with_levels = {name for name in targets.TARGETS if (f := facts(name)) is not None and f.levels}
    assert set(levels) == with_levels
    for name in with_levels:
        found = facts(name)
        assert found is not None
        if found.open_levels:  # the customer's own values (a picklist): any text, its defaults by rank
            assert levels[name]["type"] == "string" and "enum" not in levels[name], name
        else:
            assert _allowed(levels[name]) == set(found.levels), name


def test_the_old_level_keys_accept_the_same_levels_as_the_mapping():
    schema = _priority_schema()
    old_keys = [name for name in schema["levels"]["properties"] if name in schema]
    assert old_keys == ["zendesk", "freshdesk"]  # only the help desks had a key of their own
    for name in old_keys:
        assert _allowed(schema[name]) == _allowed(schema["levels"]["properties"][name]), name


def test_targets_without_facts_have_none():
    assert facts("runbook") is None
    assert facts("../zendesk") is None
