"""Schema errors in words: what is wrong at a place, and what to write there instead (read from the schema)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from playbook.findings import shown
from schemas import load_schema

if TYPE_CHECKING:  # jsonschema is imported only when a playbook is invalid
    from jsonschema.exceptions import ValidationError


def add_hint(key: str, schema: Any) -> str:
    """How to add a required key: with an example value when the schema has one."""
    written = (schema.get("properties") or {}).get(key, {}) if isinstance(schema, dict) else {}
    prop = resolved(written)
    # Free text's examples are about some other text; only the key's own say what goes here.
    examples = written.get("examples") or ([] if written.get("$ref") == "#/definitions/text" else prop.get("examples"))
    examples = examples or []
    if examples and isinstance(examples[0], (str, int, float)) and not isinstance(examples[0], bool):
        return f"add '{key}:' with its value, e.g. '{key}: {examples[0]}'"
    what = lower_first(description_of(prop)) or type_words(prop.get("type", "a value"))
    return f"add '{key}:' ({what})"


def write_hint(schema: Any, error: ValidationError) -> str:
    """What to write at a place whose value is wrong: its examples or type, with its description.

    Read from the place's schema, or from the branch the error came from when
    the place's own says nothing useful.
    """
    if error.validator == "const":
        return f"write {error.validator_value!r}"
    places = [resolved(schema), resolved(error.schema)]
    examples = next((p["examples"] for p in places if p.get("examples")), [])
    description = next((d for d in map(description_of, places) if d), "")
    if examples:
        core = "write a value like " + or_list([repr(e) for e in examples[:3]])
    elif error.validator == "type":
        core = f"write {type_words(error.validator_value)} here"
    elif description.startswith(("A ", "An ")):
        return "write " + lower_first(description)
    else:
        core = ""
    if core or description:
        return core + (f" ({lower_first(description)})" if core and description else description)
    return "change the value to what this place takes: " + shown(error.message, 120)


def keyword_problem(error: ValidationError) -> str:
    """What a length, size or range keyword found, without echoing the whole value."""
    value, kind = error.validator_value, error.validator
    words = {
        "maxLength": f"is longer than {value} characters",
        "minLength": f"is shorter than {value} characters",
        "maxItems": f"lists more than {value} items",
        "minItems": f"lists fewer than {value} items",
        "maxProperties": f"has more than {value} entries",
        "minProperties": f"has fewer than {value} entries",
        "minimum": f"is below {value}",
        "maximum": f"is above {value}",
        "exclusiveMinimum": f"is not above {value}",
        "exclusiveMaximum": f"is not below {value}",
        "multipleOf": f"is not a multiple of {value}",
    }
    if kind in words:
        return f"{describe(error.instance)} {words[kind]}"
    return shown(error.message, 200)


def keyword_hint(error: ValidationError) -> str:
    value, kind = error.validator_value, error.validator
    hints = {
        "maxLength": f"shorten it to at most {value} characters",
        "minLength": f"write at least {value} characters",
        "maxItems": f"list at most {value} items",
        "minItems": f"list at least {value} items",
        "maxProperties": f"keep at most {value} entries",
        "minProperties": f"add entries: at least {value}",
        "minimum": f"use a number of at least {value}",
        "maximum": f"use a number of at most {value}",
        "exclusiveMinimum": f"use a number above {value}",
        "exclusiveMaximum": f"use a number below {value}",
        "multipleOf": f"use a multiple of {value}",
    }
    return hints.get(kind) or write_hint(error.schema, error)


def or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def lower_first(text: str) -> str:
    """'A duration' -> 'a duration'; 'IANA name' stays."""
    return text if text[:2].isalpha() and text[:2].isupper() else text[:1].lower() + text[1:]


def description_of(schema: Any) -> str:
    return str(resolved(schema).get("description", "")).rstrip(".")


def resolved(schema: Any) -> dict[str, Any]:
    if not isinstance(schema, dict):
        return {}
    return {**resolve(schema["$ref"]), **schema} if "$ref" in schema else schema


TYPE_WORDS = {
    "string": "text",
    "object": "a mapping",
    "array": "a list",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


def type_words(value: Any) -> str:
    if isinstance(value, list):
        return " or ".join(TYPE_WORDS.get(v, v) for v in value)
    return TYPE_WORDS.get(value, str(value))


def describe(instance: Any) -> str:
    if isinstance(instance, dict):
        return "a mapping"
    if isinstance(instance, list):
        return "a list"
    if isinstance(instance, bool):
        return f"the boolean {str(instance).lower()}"
    if instance is None:
        return "an empty value"
    if isinstance(instance, (int, float)):
        return f"the number {instance}"
    return shown(str(instance), 60)


def resolve(ref: str) -> dict[str, Any]:
    node: Any = load_schema("playbook")
    for part in ref.lstrip("#/").split("/"):
        node = node.get(part, {})
    return node
