"""The compiled schema check agrees with jsonschema, and lint's schema findings are jsonschema's own.

"jsonschema" here reads patterns as JSON Schema specifies (ECMA-262, see
`fastschema.ecma_regex`); plain Python `re` would accept "id\\n" for `^[a-z]+$`.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compiler.check import schema as schema_check
from compiler.check.fastschema import compile_schema, ecma_regex, ecma_validator, equal
from playbook import source
from playbook.yamlload import load_text
from schemas import load_schema
from tests.fuzzing import SETTINGS, VALUES, example_documents, mutated_example, to_yaml

CASES = [
    ({"type": "integer"}, [1, 1.0, 1.5, True, "1", None]),
    ({"type": "number"}, [1, 2.5, False, "2"]),
    ({"type": ["string", "null"]}, ["a", None, 0]),
    ({"enum": ["a", "b"]}, ["a", "c", 1, None]),
    ({"enum": [1, True, None, [1], {"a": 1}]}, [1, 1.0, True, False, None, [1], [True], {"a": 1}, {"a": True}]),
    ({"const": True}, [True, 1, 1.0, "true"]),
    ({"const": 1}, [1, 1.0, True]),
    ({"pattern": "^a+$", "minLength": 2, "maxLength": 3}, ["aa", "a", "aaaa", "ab", 5, "aa\n"]),
    ({"pattern": "^\\d+$"}, ["12", "١٢", "12\n"]),
    ({"minimum": 1, "maximum": 4}, [0, 1, 4, 4.5, True, "9"]),
    ({"exclusiveMinimum": 0, "exclusiveMaximum": 1}, [0, 0.5, 1]),
    ({"required": ["a"], "properties": {"a": {"type": "string"}}, "additionalProperties": False},
     [{"a": "x"}, {"a": 1}, {}, {"a": "x", "b": 1}, "not an object"]),
    ({"patternProperties": {"^x-": {"type": "integer"}}, "properties": {"x-a": {"minimum": 5}},
      "additionalProperties": {"type": "string"}},
     [{"x-a": 6}, {"x-a": 4}, {"x-a": "s"}, {"b": "s"}, {"b": 1}, {"x-b": 1}]),
    ({"propertyNames": {"pattern": "^[a-z]+$"}, "minProperties": 1, "maxProperties": 2},
     [{"ab": 1}, {"A": 1}, {}, {"a": 1, "b": 2, "c": 3}]),
    ({"items": {"type": "integer"}, "minItems": 1, "maxItems": 2}, [[1], [], [1, 2, 3], ["a"], "x"]),
    ({"items": [{"type": "string"}], "additionalItems": False}, [["a"], ["a", 1], [1], []]),
    ({"items": [{"type": "string"}], "additionalItems": {"type": "integer"}}, [["a", 1], ["a", "b"]]),
    ({"contains": {"const": 3}}, [[1, 3], [1], []]),
    ({"oneOf": [{"type": "integer"}, {"minimum": 2}]}, [1, 3, 2.5, "x"]),
    ({"anyOf": [{"type": "string"}, {"type": "null"}]}, ["a", None, 1]),
    ({"allOf": [{"minimum": 1}, {"maximum": 3}]}, [0, 2, 4]),
    ({"not": {"type": "string"}}, ["a", 1]),
    ({"if": {"type": "string"}, "then": {"minLength": 2}, "else": {"type": "integer"}}, ["a", "ab", 1, 1.5]),
    ({"$ref": "#/definitions/s", "type": "integer", "definitions": {"s": {"type": "string"}}}, ["a", 1]),
    ({"uniqueItems": True}, [[1, 2], [1, 1], [1, True], [1, 1.0], [0, False], ["a", "a"], ["a", "b"], [[1], [1.0]],
                             [{"a": 1}, {"a": 1}], [{"a": 1}, {"a": True}], [None, None], [2.5, 2.5], "not a list"]),
    ({"type": "array", "uniqueItems": False}, [[1, 1]]),
    ({"dependencies": {"a": ["b"]}}, [{"a": 1}, {"a": 1, "b": 2}]),
    ({"multipleOf": 0.5}, [1.5, 1.2]),
    (True, [1, None]),
    (False, [1, None]),
    ({"format": "email"}, ["not an email"]),
]  # fmt: skip


@pytest.mark.parametrize(("schema", "instances"), CASES)
def test_compiled_check_agrees_with_jsonschema_on_each_keyword(schema, instances):
    check, reference = compile_schema(schema), ecma_validator()(schema)
    for instance in instances:
        assert check(instance) == reference.is_valid(instance), instance


def test_equal_follows_json_semantics():
    assert equal(1, 1.0) and not equal(1, True) and not equal(0, False)
    assert equal([1, {"a": "b"}], [1.0, {"a": "b"}]) and not equal([True], [1])
    assert not equal({"a": 1}, {"a": 1, "b": 2}) and not equal("1", 1)


DOCUMENTS = example_documents()
PLAYBOOK = load_schema("playbook")
REFERENCE = ecma_validator()(PLAYBOOK)


def _reference_findings(loaded):
    traps = loaded.traps
    return sorted(
        (f for error in REFERENCE.iter_errors(loaded.data) for f in schema_check._explain(loaded.data, error, traps)),
        key=lambda f: (f.sort_key(), f.hint),
    )


@SETTINGS
@given(mutated_example(DOCUMENTS))
def test_schema_findings_equal_jsonschemas_own_on_mutated_examples(doc):
    loaded = load_text("fuzz.yaml", to_yaml(doc))
    if loaded.data is None:
        return
    fast = schema_check.fast_check()
    assert fast.compile(PLAYBOOK)(loaded.data) == REFERENCE.is_valid(loaded.data)
    merged = source.Source(root="fuzz.yaml", files=[loaded], data=loaded.data)
    found = sorted(schema_check.check(merged), key=lambda f: (f.sort_key(), f.hint))
    assert found == _reference_findings(loaded)


SUBSCHEMAS = [PLAYBOOK["definitions"][name] for name in sorted(PLAYBOOK["definitions"])] + [
    PLAYBOOK["properties"][name] for name in sorted(PLAYBOOK["properties"])
]


@SETTINGS
@given(st.sampled_from(SUBSCHEMAS), VALUES)
def test_compiled_check_agrees_with_jsonschema_on_random_values(subschema, value):
    fast = schema_check.fast_check()
    assert fast.compile(subschema)(value) == REFERENCE.evolve(schema=subschema).is_valid(value)


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("^[a-z-]+$", "team-lead", True),
        ("^[a-z-]+$", "team-lead\n", False),
        ("^\\d{4}$", "2026", True),
        ("^\\d{4}$", "٢٠٢٦", False),
        ("^[\\d$]+$", "1$2", True),
        ("^a\\$$", "a$", True),
    ],
)
def test_patterns_mean_what_json_schema_says(pattern, text, matches):
    assert bool(ecma_regex(pattern).search(text)) is matches


def test_an_id_with_a_trailing_newline_is_a_located_finding():
    loaded = load_text("p.yaml", 'playbook: t\npriorities:\n  "P1\\n": {title: Outage}\n')
    merged = source.Source(root="p.yaml", files=[loaded], data=loaded.data)
    found = [(f.code, f.location.line, f.location.column, f.message) for f in schema_check.check(merged)]
    assert found == [("PB100", 3, 3, "priorities: 'P1\\n' is not a valid name here")]
