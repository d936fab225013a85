"""The loader's shortcuts give exactly what PyYAML's general code paths give."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from playbook.yamlload import MAX_DEPTH, _check_shape, _Loader, load_text
from tests.fuzzing import SETTINGS, TRAPS


@SETTINGS
@given(st.one_of(st.sampled_from(TRAPS), st.text(max_size=20), st.from_regex(r"[-+.0-9:eE_xob]{1,12}")))
def test_fast_resolver_gives_pyyaml_tags(value):
    loader = _Loader("")
    try:
        for implicit in ((True, False), (False, True), (False, False)):
            expected = yaml.resolver.BaseResolver.resolve(loader, yaml.ScalarNode, value, implicit)
            assert loader.resolve(yaml.ScalarNode, value, implicit) == expected
        for kind in (yaml.SequenceNode, yaml.MappingNode):
            assert loader.resolve(kind, None, (True, False)) == yaml.resolver.BaseResolver.resolve(
                loader, kind, None, (True, False)
            )
    finally:
        loader.dispose()


def _flow(depth: int) -> str:
    return "a: " + "[" * (depth - 2) + "x" + "]" * (depth - 2) + "\n"


def _block(depth: int) -> str:
    return "".join(" " * i + f"k{i}:\n" for i in range(depth - 2)) + " " * (depth - 2) + "leaf\n"


def _dashes(depth: int) -> str:
    return "a:\n" + "- " * (depth - 2) + "x\n"


def _complex_key(depth: int) -> str:
    return "? " + "[" * (depth - 2) + "x" + "]" * (depth - 2) + "\n: v\n"


@pytest.mark.parametrize("shape", [_flow, _block, _dashes, _complex_key])
def test_depth_tracked_while_constructing_agrees_with_the_full_walk(shape):
    for depth in range(MAX_DEPTH - 2, MAX_DEPTH + 3):
        loader = _Loader(shape(depth))
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        loaded = load_text("deep.yaml", shape(depth))
        assert ("PB006" in {f.code for f in loaded.findings}) == (_check_shape(node, "deep.yaml") is not None), depth


@pytest.mark.parametrize("shape", [_flow, _block, _dashes])
@pytest.mark.parametrize("anchored", [False, True])
def test_too_deep_nesting_is_reported_with_or_without_anchors(shape, anchored):
    prefix = "base: &b {x: 1}\n" if anchored else ""
    assert not load_text("deep.yaml", prefix + shape(MAX_DEPTH - 2)).findings
    too_deep = load_text("deep.yaml", prefix + shape(MAX_DEPTH + 2))
    assert [f.code for f in too_deep.findings] == ["PB006"] and too_deep.data is None


def test_strings_values_and_items_keep_their_locations():
    loaded = load_text("p.yaml", "a: text\nb: [one, 'two', 3]\nc: !!str 4\n")
    assert loaded.data == {"a": "text", "b": ["one", "two", 3], "c": "4"}
    assert loaded.data.value_loc("a") == ("p.yaml", 1, 4)
    assert loaded.data["b"].item_loc(1) == ("p.yaml", 2, 10)


def test_merge_keys_still_merge_and_duplicates_are_still_reported():
    merged = load_text("m.yaml", "d: &d {x: 1, y: 2}\ne:\n  <<: *d\n  z: 3\n")
    assert merged.data["e"] == {"x": 1, "y": 2, "z": 3} and not merged.findings
    twice = load_text("m.yaml", "a: 1\na: 2\n")
    assert [(f.code, f.location.line) for f in twice.findings] == [("PB002", 2)]
