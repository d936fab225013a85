"""Validate a merged playbook against the JSON Schema, with readable, located messages."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from compiler.check.fastschema import Check, Compiler
from playbook.findings import Finding, Location, Severity
from playbook.source import Source
from playbook.yamlload import Loc, Map, Seq, Trap
from schemas import load_schema

if TYPE_CHECKING:
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

MAX_UNKNOWN_KEYS_LISTED = 20
MAX_SCHEMA_FINDINGS = 100

_compiler: Compiler | None = None
_validator: Draft7Validator | None = None


def fast_check() -> Compiler:
    """The compiled yes/no check of the playbook schema (see compiler.check.fastschema)."""
    global _compiler
    if _compiler is None:
        _compiler = Compiler(load_schema("playbook"))
    return _compiler


def validator() -> Draft7Validator:
    """jsonschema's validator, only ever descending into parts the compiled check rejects.

    Imported and built only for an invalid document. A part the compiled check
    accepts yields no error in jsonschema either, so skipping it changes no
    message, and an error deep in 10,000 contacts costs one contact's
    explanation instead of 10,000.
    """
    global _validator
    if _validator is None:
        from jsonschema import validators

        from compiler.check.fastschema import ecma_validator

        ecma = ecma_validator()
        pruned = validators.extend(ecma, _pruned_keywords(ecma.VALIDATORS, fast_check()))
        _validator = pruned(load_schema("playbook"))
    return _validator


def check(source: Source) -> list[Finding]:
    """Schema findings for the merged document of `source`."""
    fast = fast_check()
    if fast.compile(fast.root)(source.data):
        return []
    traps: dict[Loc, Trap] = {}
    for loaded in source.files:
        traps.update(loaded.traps)
    findings: list[Finding] = []
    for error in validator().iter_errors(source.data):
        if len(findings) >= MAX_SCHEMA_FINDINGS:
            # Explaining every error of a file broken 300,000 times takes minutes and helps nobody.
            findings.append(
                _finding(
                    f"more structural problems follow; only the first {MAX_SCHEMA_FINDINGS} are listed",
                    locate(source.data, error.absolute_path),
                    "fix the problems above, then lint again",
                )
            )
            break
        findings.extend(_explain(source.data, error, traps))
    return findings


def _pruned_keywords(original: dict[str, Any], fast: Compiler) -> dict[str, Any]:
    """jsonschema's descending keywords, skipping every child the compiled check accepts."""

    def valid(schema: Any) -> Check:
        return fast.compile(schema)

    def properties(validator, properties, instance, schema):  # type: ignore[no-untyped-def]
        if not validator.is_type(instance, "object"):
            return
        for name, subschema in properties.items():
            if name in instance and not valid(subschema)(instance[name]):
                yield from validator.descend(instance[name], subschema, path=name, schema_path=name)

    def additional_properties(validator, extra, instance, schema):  # type: ignore[no-untyped-def]
        if (
            validator.is_type(extra, "object")
            and validator.is_type(instance, "object")
            and not schema.get("patternProperties")
        ):
            # jsonschema walks the extra keys as a set; walk them in document order so that
            # the findings, and which ones survive MAX_SCHEMA_FINDINGS, never depend on hashing.
            check = valid(extra)
            known = schema.get("properties", {})
            for name, value in instance.items():
                if name not in known and not check(value):
                    yield from validator.descend(value, extra, path=name)
            return
        yield from original["additionalProperties"](validator, extra, instance, schema)

    def property_names(validator, names, instance, schema):  # type: ignore[no-untyped-def]
        if validator.is_type(instance, "object"):
            check = valid(names)
            for name in instance:
                if not check(name):
                    yield from validator.descend(instance=name, schema=names)

    def items(validator, items, instance, schema):  # type: ignore[no-untyped-def]
        if validator.is_type(instance, "array") and validator.is_type(items, "object"):
            check = valid(items)
            for index, item in enumerate(instance):
                if not check(item):
                    yield from validator.descend(item, items, path=index)
            return
        yield from original["items"](validator, items, instance, schema)

    return {
        "properties": properties,
        "additionalProperties": additional_properties,
        "propertyNames": property_names,
        "items": items,
    }


def locate(root: Any, path: Iterable[Any], key: bool = False) -> Loc:
    """The source position of the value (or the key, if `key`) at `path`."""
    loc: Loc = root.loc if isinstance(root, (Map, Seq)) else ("", 0, 0)
    node = root
    steps = list(path)
    for index, step in enumerate(steps):
        last = index == len(steps) - 1
        if isinstance(node, Map) and step in node:
            loc = node.key_loc(step) if (last and key) else node.value_loc(step)
            node = node[step]
        elif isinstance(node, Seq) and isinstance(step, int) and step < len(node):
            loc = node.item_loc(step)
            node = node[step]
        else:
            break
    return loc


def suggest(word: str, options: Iterable[str]) -> str:
    """A "did you mean" fragment, or empty when nothing is close."""
    matches = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f"did you mean {matches[0]!r}?" if matches else ""


def _finding(message: str, loc: Loc, hint: str, code: str = "PB100", name: str = "schema") -> Finding:
    return Finding(code, name, Severity.ERROR, message, Location(*loc), hint)


def _where(error: ValidationError) -> str:
    parts = [str(p) for p in error.absolute_path]
    return ".".join(parts) if parts else "the top level"


def _explain(root: Any, error: ValidationError, traps: dict[Loc, Trap]) -> Iterator[Finding]:
    error = _pick_branch(error)
    loc = locate(root, error.absolute_path)
    trap = traps.get(loc)
    if trap is not None and error.validator in ("type", "oneOf", "anyOf", "pattern"):
        yield _finding(
            f"{trap.why}, but {_where(error)} needs text",
            loc,
            f'quote this value: "{trap.raw}"',
            "PB003",
            "yaml11-coercion",
        )
        return
    kind = error.validator
    if kind == "additionalProperties":
        yield from _unknown_keys(root, error)
    elif "propertyNames" in error.relative_schema_path:
        # The error is about a key of the mapping at the error's path, not its value.
        yield from _bad_names(root, error)
    elif kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield _finding(f"{_where(error)}: the key {missing!r} is required", loc, f"add '{missing}:'")
    elif kind == "enum":
        options = ", ".join(repr(o) for o in error.validator_value)
        hint = suggest(error.instance, [str(o) for o in error.validator_value]) or f"use one of {options}"
        yield _finding(f"{_where(error)}: {error.instance!r} is not one of {options}", loc, hint)
    elif kind == "type":
        yield _finding(
            f"{_where(error)}: expected {_type_words(error.validator_value)}, got {_describe(error.instance)}",
            loc,
            _schema_hint(error.schema) or "change the value's type",
        )
    elif kind in ("pattern", "oneOf", "anyOf", "const"):
        # A writeOnly value (a webhook reference) may hold a pasted secret: never echo it.
        shown = "this value" if error.schema.get("writeOnly") else _describe(error.instance)
        yield _finding(
            f"{_where(error)}: {shown} is not valid here",
            loc,
            _schema_hint(error.schema) or _schema_hint(error.parent.schema if error.parent else {}) or error.message,
        )
    elif kind == "uniqueItems" and isinstance(error.instance, list):
        index, first = _repeat(error.instance)
        yield Finding(
            "PB100",
            "schema",
            Severity.ERROR,
            f"{_where(error)}: {_describe(error.instance[index])} is listed twice",
            Location(*locate(root, [*error.absolute_path, index])),
            "remove the repeat",
            ((Location(*locate(root, [*error.absolute_path, first])), "first listed here"),),
        )
    else:
        yield _finding(f"{_where(error)}: {error.message}", loc, _schema_hint(error.schema))


def _repeat(items: list[Any]) -> tuple[int, int]:
    """(index of the first item equal to an earlier one, index of that earlier one)."""
    from compiler.check.fastschema import equal

    for index, item in enumerate(items):
        for earlier in range(index):
            if equal(items[earlier], item):
                return index, earlier
    return 0, 0


def _pick_branch(error: ValidationError) -> ValidationError:
    """For oneOf/anyOf, the error from the branch the author most likely meant."""
    from jsonschema.exceptions import best_match

    while error.validator in ("oneOf", "anyOf") and error.context:
        # Branches that failed only on type are the ones the author did not mean.
        relevant = [e for e in error.context if not (e.validator == "type" and not e.relative_path)]
        relevant = [e for e in relevant if e.validator != "const" or e.relative_path]
        if not relevant:
            return error
        chosen = best_match(relevant)
        if chosen is None:
            return error
        error = chosen
    return error


def _unknown_keys(root: Any, error: ValidationError) -> Iterator[Finding]:
    allowed = sorted(error.schema.get("properties", {}))
    instance = error.instance if isinstance(error.instance, dict) else {}
    extras = [k for k in instance if k not in error.schema.get("properties", {})]
    for count, key in enumerate(extras):
        path = [*error.absolute_path, key]
        if count == MAX_UNKNOWN_KEYS_LISTED:
            yield _finding(
                f"{_where(error)}: {len(extras) - count} more unknown keys not listed",
                locate(root, path, key=True),
                "remove the unknown keys",
            )
            return
        hint = suggest(key, allowed) or ("allowed keys: " + ", ".join(allowed))
        if instance.get(key) is None and " " in key:
            hint = "a comma inside { } starts a new key: quote the text that contains it"
        yield _finding(f"{_where(error)}: unknown key {key!r}", locate(root, path, key=True), hint)


def _bad_names(root: Any, error: ValidationError) -> Iterator[Finding]:
    name, schema = error.instance, error.schema
    path = [*error.absolute_path, name]
    hint = ""
    if "enum" in schema:
        hint = (
            _alias(name, schema.get("x-aliases", {}))
            or suggest(name, schema["enum"])
            or "use one of " + ", ".join(schema["enum"])
        )
    yield _finding(
        f"{_where(error)}: {name!r} is not a valid name here",
        locate(root, path, key=True),
        hint or _schema_hint(schema) or "use letters, digits, '-', '_' and '.'",
    )


def _alias(name: Any, aliases: dict[str, str]) -> str:
    """A "did you mean" for a long or common name of a known key (`x-aliases` in the schema)."""
    spelled = str(name).lower().replace("-", "_").replace(" ", "_")
    return f"did you mean {aliases[spelled]!r}?" if spelled in aliases else ""


_TYPE_WORDS = {
    "string": "text",
    "object": "a mapping",
    "array": "a list",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


def _type_words(value: Any) -> str:
    if isinstance(value, list):
        return " or ".join(_TYPE_WORDS.get(v, v) for v in value)
    return _TYPE_WORDS.get(value, str(value))


def _describe(instance: Any) -> str:
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
    text = str(instance)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _schema_hint(schema: Any) -> str:
    if not isinstance(schema, dict):
        return ""
    if "$ref" in schema:
        schema = _resolve(schema["$ref"])
    parts = []
    if schema.get("description"):
        parts.append(schema["description"].rstrip("."))
    if schema.get("examples"):
        parts.append("e.g. " + ", ".join(repr(e) for e in schema["examples"][:3]))
    return "; ".join(parts)


def _resolve(ref: str) -> dict[str, Any]:
    node: Any = load_schema("playbook")
    for part in ref.lstrip("#/").split("/"):
        node = node.get(part, {})
    return node
