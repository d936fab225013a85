"""A compiled yes/no JSON Schema (draft-07) check, many times faster than jsonschema's validator.

jsonschema builds an explanation for every keyword it visits, which costs tens of
microseconds per object: seconds for a directory of 10,000 contacts. Most
playbooks are valid, so lint first asks a check compiled from the schema into
nested Python closures whether the document is valid at all. Only when it says
no does jsonschema run, and then only into the parts this check rejects (see
`schema_check`), so every message is still jsonschema's own.

The one promise: `compile_schema(root)(x)` is True only if jsonschema's
Draft7Validator finds no error in `x`. Each keyword below mirrors
`jsonschema._keywords` (including draft-07's "a $ref hides its siblings", bool
not being a number, and 1.0 being an integer); a keyword not compiled here
makes its subschema delegate to jsonschema, so a new schema feature is slow at
worst, never wrong. tests/test_fastschema.py checks the two agree.

Patterns are read as JSON Schema defines them, as ECMA-262 regular expressions
(see `ecma_regex`), by both this check and the jsonschema validator that
explains its verdicts (`ecma_keywords`), so `team-lead\n` is not an id.
"""

from __future__ import annotations

import functools
import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

Check = Callable[[Any], bool]

# Keywords the draft-07 validator ignores: annotations and containers of subschemas.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "examples", "default", "definitions", "readOnly",
     "writeOnly", "contentMediaType", "contentEncoding", "format"}
)  # fmt: skip
# `format` is only checked with a format checker, and playbook validation uses none.
_OBJECT_KEYWORDS = frozenset(
    {"properties", "additionalProperties", "patternProperties", "required", "propertyNames", "minProperties",
     "maxProperties"}
)  # fmt: skip
_STRING_KEYWORDS = frozenset({"pattern", "minLength", "maxLength"})
_NUMBER_KEYWORDS = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_ARRAY_KEYWORDS = frozenset({"items", "additionalItems", "minItems", "maxItems", "contains", "uniqueItems"})
_ANY_KEYWORDS = frozenset({"type", "enum", "const", "allOf", "anyOf", "oneOf", "not", "if", "then", "else"})
_COMPILED = _OBJECT_KEYWORDS | _STRING_KEYWORDS | _NUMBER_KEYWORDS | _ARRAY_KEYWORDS | _ANY_KEYWORDS


def _always(_: Any) -> bool:
    return True


def _never(_: Any) -> bool:
    return False


def _is_number(x: Any) -> bool:
    return isinstance(x, numbers.Number) and not isinstance(x, bool)


def _is_integer(x: Any) -> bool:
    if isinstance(x, bool):
        return False
    return isinstance(x, int) or (isinstance(x, float) and x.is_integer())


_TYPES: dict[str, Check] = {
    "string": lambda x: isinstance(x, str),
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "number": _is_number,
    "integer": _is_integer,
}


def equal(one: Any, two: Any) -> bool:
    """JSON equality as jsonschema's `_utils.equal` defines it: True is not 1, containers recurse."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return bool(one == two)
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(k in two and equal(v, two[k]) for k, v in one.items())
    return bool(_unbool(one) == _unbool(two))


_TRUE, _FALSE = object(), object()


def _unbool(value: Any) -> Any:
    if value is True:
        return _TRUE
    if value is False:
        return _FALSE
    return value


@functools.cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    r"""`pattern` with the meaning JSON Schema gives it (ECMA-262), as a Python regex.

    Two constructs mean more in Python: `$` also matches before a final newline,
    so `^[a-z-]+$` would accept "team-lead\n", and `\d` matches any Unicode digit.
    Outside a character class `$` becomes `\Z`; `\d` becomes `[0-9]` (`0-9` in a class).
    """
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            if escaped == "d":
                out.append("0-9" if in_class else "[0-9]")
            elif escaped == "D" and not in_class:
                out.append("[^0-9]")
            else:
                out.append(char + escaped)
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        elif char == "$" and not in_class:
            out.append("\\Z")
        else:
            out.append(char)
        index += 1
    return re.compile("".join(out))


def ecma_keywords() -> dict[str, Any]:
    """jsonschema keyword functions for `pattern` and `patternProperties` that use `ecma_regex`.

    (jsonschema's `additionalProperties` still matches `patternProperties` with
    Python's `re`; no schema of ours uses both.)
    """
    from jsonschema.exceptions import ValidationError

    def pattern(validator, patrn, instance, schema):  # type: ignore[no-untyped-def]
        if validator.is_type(instance, "string") and not ecma_regex(patrn).search(instance):
            yield ValidationError(f"{instance!r} does not match {patrn!r}")

    def pattern_properties(validator, patterns, instance, schema):  # type: ignore[no-untyped-def]
        if not validator.is_type(instance, "object"):
            return
        for patrn, subschema in patterns.items():
            regex = ecma_regex(patrn)
            for key, value in instance.items():
                if regex.search(key):
                    yield from validator.descend(value, subschema, path=key, schema_path=patrn)

    return {"pattern": pattern, "patternProperties": pattern_properties}


@functools.cache
def ecma_validator() -> Any:
    """jsonschema's Draft7Validator class, reading patterns as ECMA-262 (see `ecma_regex`)."""
    from jsonschema import Draft7Validator, validators

    return validators.extend(Draft7Validator, ecma_keywords())


class Compiler:
    """Compiles the subschemas of one root schema, each once (so `$ref` cycles terminate)."""

    def __init__(self, root: Any, fallback: Callable[[Any], Check] | None = None) -> None:
        self.root = root
        self._fallback = fallback
        self._cache: dict[int, Check] = {}
        self._keep: list[Any] = []  # keeps compiled subschemas alive so their ids stay unique

    def compile(self, schema: Any) -> Check:
        key = id(schema)
        found = self._cache.get(key)
        if found is not None:
            return found
        slot: list[Check] = []
        # While compiling, a $ref back to this schema calls through the slot.
        self._cache[key] = lambda x: slot[0](x)
        self._keep.append(schema)
        check = self._build(schema)
        slot.append(check)
        self._cache[key] = check
        return check

    def fallback(self, schema: Any) -> Check:
        """jsonschema's own verdict, for subschemas using keywords not compiled here."""
        if self._fallback is None:
            root = ecma_validator()(self.root)
            self._fallback = lambda sub: root.evolve(schema=sub).is_valid
        return self._fallback(schema)

    def _build(self, schema: Any) -> Check:
        if schema is True:
            return _always
        if schema is False:
            return _never
        if not isinstance(schema, dict):
            return self.fallback(schema)
        if "$ref" in schema:  # draft-07: siblings of $ref are ignored
            target = self._resolve(schema["$ref"])
            return self.fallback(schema) if target is None else self.compile(target)
        keywords = set(schema) - _ANNOTATIONS
        if (keywords - _COMPILED) & _JSONSCHEMA_KEYWORDS:
            return self.fallback(schema)
        parts = [
            part
            for part in (
                self._typed(schema, keywords & _OBJECT_KEYWORDS, dict, self._object),
                self._typed(schema, keywords & _STRING_KEYWORDS, str, _string),
                self._typed(schema, keywords & _NUMBER_KEYWORDS, None, _number),
                self._typed(schema, keywords & _ARRAY_KEYWORDS, list, self._array),
                *self._generic(schema),
            )
            if part is not None
        ]
        return _all(parts)

    def _resolve(self, ref: str) -> Any:
        if not ref.startswith("#"):
            return None
        node = self.root
        for part in ref[1:].lstrip("/").split("/") if ref != "#" else []:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node

    def _typed(self, schema: dict[str, Any], present: set[str], kind: type | None, build: Any) -> Check | None:
        """A check for keywords that only apply to one type of instance (others pass them)."""
        if not present:
            return None
        inner: Check = build(schema)
        if kind is None:  # numbers: bool is not one
            return lambda x: not _is_number(x) or inner(x)
        return lambda x: not isinstance(x, kind) or inner(x)

    def _generic(self, schema: dict[str, Any]) -> list[Check]:
        checks: list[Check] = []
        if "type" in schema:
            checks.append(_type_check(schema["type"]))
        if "enum" in schema:
            checks.append(_enum_check(schema["enum"]))
        if "const" in schema:
            const = schema["const"]
            checks.append(lambda x: equal(x, const))
        if "allOf" in schema:
            checks.append(_all([self.compile(s) for s in schema["allOf"]]))
        if "anyOf" in schema:
            options = [self.compile(s) for s in schema["anyOf"]]
            checks.append(lambda x: any(c(x) for c in options))
        if "oneOf" in schema:
            checks.append(_one_of([self.compile(s) for s in schema["oneOf"]]))
        if "not" in schema:
            negated = self.compile(schema["not"])
            checks.append(lambda x: not negated(x))
        if "if" in schema:
            condition = self.compile(schema["if"])
            then = self.compile(schema.get("then", True))
            otherwise = self.compile(schema.get("else", True))
            checks.append(lambda x: then(x) if condition(x) else otherwise(x))
        return checks

    def _object(self, schema: dict[str, Any]) -> Check:
        properties = {k: self.compile(v) for k, v in schema.get("properties", {}).items()}
        patterns = [(ecma_regex(p), self.compile(v)) for p, v in schema.get("patternProperties", {}).items()]
        extra = schema.get("additionalProperties", True)
        extra_check = None if extra is True or extra is False else self.compile(extra)
        forbid_extra = extra is False
        required = frozenset(schema.get("required", ()))
        names = self.compile(schema["propertyNames"]) if "propertyNames" in schema else None
        low, high = schema.get("minProperties", 0), schema.get("maxProperties")

        def check(x: dict[Any, Any]) -> bool:
            if required and not x.keys() >= required:
                return False
            if len(x) < low or (high is not None and len(x) > high):
                return False
            for key, value in x.items():
                known = properties.get(key)
                if known is not None and not known(value):
                    return False
                matched = known is not None
                for regex, sub in patterns:
                    if regex.search(key):
                        matched = True
                        if not sub(value):
                            return False
                if not matched:
                    if forbid_extra or (extra_check is not None and not extra_check(value)):
                        return False
                if names is not None and not names(key):
                    return False
            return True

        return check

    def _array(self, schema: dict[str, Any]) -> Check:
        items = schema.get("items", True)
        low, high = schema.get("minItems", 0), schema.get("maxItems")
        contains = self.compile(schema["contains"]) if "contains" in schema else None
        unique = bool(schema.get("uniqueItems"))
        if isinstance(items, list):
            positional = [self.compile(s) for s in items]
            extra = schema.get("additionalItems", True)
            rest = self.compile(extra) if extra is not False else _never
        else:
            positional, rest = [], self.compile(items)
        every = rest if rest is not _always else None

        def check(x: list[Any]) -> bool:
            if len(x) < low or (high is not None and len(x) > high):
                return False
            for index, item in enumerate(x):
                if index < len(positional):
                    if not positional[index](item):
                        return False
                elif every is not None and not every(item):
                    return False
            if unique and not _unique(x):
                return False
            return contains is None or any(contains(item) for item in x)

        return check


_JSONSCHEMA_KEYWORDS = frozenset(
    {"$ref", "additionalItems", "additionalProperties", "allOf", "anyOf", "const", "contains", "dependencies",
     "enum", "exclusiveMaximum", "exclusiveMinimum", "format", "if", "items", "maxItems", "maxLength",
     "maxProperties", "maximum", "minItems", "minLength", "minProperties", "minimum", "multipleOf", "not", "oneOf",
     "pattern", "patternProperties", "properties", "propertyNames", "required", "type", "uniqueItems"}
)  # fmt: skip
# Draft7Validator.VALIDATORS, spelled out so the fast path never imports jsonschema.


def _all(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda x: first(x) and second(x)
    return lambda x: all(c(x) for c in checks)


def _one_of(options: list[Check]) -> Check:
    def check(x: Any) -> bool:
        found = 0
        for option in options:
            if option(x):
                found += 1
                if found > 1:
                    return False
        return found == 1

    return check


def _unique(items: list[Any]) -> bool:
    """No two items `equal` (jsonschema's uniqueItems)."""
    if all(type(i) is str for i in items) or all(type(i) in (int, float) for i in items):
        return len(set(items)) == len(items)  # here == and hashing agree with `equal`
    seen: list[Any] = []
    for item in items:
        if any(equal(item, other) for other in seen):
            return False
        seen.append(item)
    return True


def _type_check(types: Any) -> Check:
    names = types if isinstance(types, list) else [types]
    checks = [_TYPES[n] for n in names if n in _TYPES]
    if len(checks) == 1:
        return checks[0]
    return lambda x: any(c(x) for c in checks)


def _enum_check(options: list[Any]) -> Check:
    if options and all(isinstance(o, str) for o in options):
        allowed = frozenset(options)
        return lambda x: isinstance(x, str) and x in allowed
    return lambda x: any(equal(o, x) for o in options)


def _string(schema: dict[str, Any]) -> Check:
    regex = ecma_regex(schema["pattern"]) if "pattern" in schema else None
    low, high = schema.get("minLength", 0), schema.get("maxLength")
    search = regex.search if regex is not None else None

    def check(x: str) -> bool:
        if search is not None and search(x) is None:
            return False
        return low <= len(x) and (high is None or len(x) <= high)

    return check


def _number(schema: dict[str, Any]) -> Check:
    low, high = schema.get("minimum"), schema.get("maximum")
    above, below = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")

    def check(x: Any) -> bool:
        return (
            (low is None or x >= low)
            and (high is None or x <= high)
            and (above is None or x > above)
            and (below is None or x < below)
        )

    return check


def compile_schema(root: Any) -> Check:
    """The yes/no check for `root` (a draft-07 schema)."""
    return Compiler(root).compile(root)
