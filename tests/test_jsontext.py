"""The fast pretty JSON writer writes what json.dumps(indent=2, sort_keys=True, ensure_ascii=False) writes."""

from __future__ import annotations

import enum
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.shared import jsontext
from tests.fuzzing import SETTINGS

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(), st.sampled_from(["", 'é\n"\\\u2028'])
)
KEYS = st.one_of(st.text(max_size=6), st.integers(-5, 5), st.sampled_from([True, None, 1.5]))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=6), inner, max_size=4),
    ),
    max_leaves=25,
)


def _reference(value):  # type: ignore[no-untyped-def]
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


@SETTINGS
@given(VALUES)
def test_same_text_as_the_standard_library(value):
    assert jsontext.dumps(value) == _reference(value)


@SETTINGS
@given(st.dictionaries(KEYS, SCALARS, max_size=1))
def test_same_keys_as_the_standard_library(value):
    assert jsontext.dumps(value) == _reference(value)


class Level(enum.IntEnum):
    HIGH = 3


def test_same_errors_and_subclasses_as_the_standard_library():
    assert jsontext.dumps({"level": Level.HIGH, "nested": {"empty": [], "also": {}}}) == _reference(
        {"level": Level.HIGH, "nested": {"empty": [], "also": {}}}
    )
    loop: list[object] = []
    loop.append(loop)
    for bad in (loop, {"x": object()}, {("tuple", "key"): 1}):
        with pytest.raises((ValueError, TypeError)):
            _reference(bad)
        with pytest.raises((ValueError, TypeError)):
            jsontext.dumps(bad)
