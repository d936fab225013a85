"""Validate a merged playbook against the JSON Schema, with readable, located messages."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from compiler.check.fastschema import Check, Compiler
from compiler.check.schemawords import (
    add_hint,
    describe,
    description_of,
    keyword_hint,
    keyword_problem,
    lower_first,
    resolved,
    type_words,
    write_hint,
)
from playbook.findings import Edit, Finding, Location, Severity, shown
from playbook.source import Source
from playbook.yamlload import Loc, Map, Seq, Trap, load_text
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
    return _applicable(findings, {loaded.path: loaded.text for loaded in source.files})


def _applicable(findings: list[Finding], texts: dict[str, str]) -> list[Finding]:
    """The findings with each fix kept only if it applies to the text as written (`1e3` is not `1000.0`)."""
    from compiler.check.fixes import matches

    return [
        f
        if all(matches(texts.get(e.location.path, ""), e) for e in f.fix)
        else Finding(f.code, f.name, f.severity, f.message, f.location, f.hint, f.related)
        for f in findings
    ]


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


def closest(word: Any, options: Iterable[Any]) -> str | None:
    """The option closest to `word` when one is close enough to be a typo of it."""
    matches = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggest(word: str, options: Iterable[str]) -> str:
    """A "did you mean" fragment, or empty when nothing is close."""
    match = closest(word, options)
    return f"did you mean {match!r}?" if match else ""


def _finding(
    message: str, loc: Loc, hint: str, code: str = "PB100", name: str = "schema", fix: Iterable[Edit] = ()
) -> Finding:
    return Finding(code, name, Severity.ERROR, message, Location(*loc), hint, (), tuple(fix))


def _where(error: ValidationError) -> str:
    parts = [shown(p, 40)[1:-1] if isinstance(p, str) else str(p) for p in error.absolute_path]
    return ".".join(parts) if parts else "the top level"


def _explain(root: Any, error: ValidationError, traps: dict[Loc, Trap]) -> Iterator[Finding]:
    whole = error  # the error at this place, before a oneOf/anyOf branch is chosen: its schema is the place's
    error = _pick_branch(error)
    loc = locate(root, error.absolute_path)
    trap = traps.get(loc)
    if trap is not None and error.validator in ("type", "oneOf", "anyOf", "pattern"):
        yield _coerced(error, whole, loc, trap)
        return
    kind = error.validator
    if kind == "additionalProperties":
        yield from _unknown_keys(root, error)
    elif "propertyNames" in error.relative_schema_path:
        # The error is about a key of the mapping at the error's path, not its value.
        yield from _bad_names(root, error)
    elif kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        yield _finding(f"{_where(error)}: the key {missing!r} is required", loc, add_hint(missing, error.schema))
    elif kind == "enum":
        options = ", ".join(repr(o) for o in error.validator_value)
        better = closest(error.instance, error.validator_value) if isinstance(error.instance, str) else None
        yield _finding(
            f"{_where(error)}: {describe(error.instance)} is not one of {options}",
            loc,
            f"did you mean {better!r}?" if better else f"use one of {options}",
            fix=_replace(loc, error.instance, better),
        )
    elif kind in ("type", "pattern", "oneOf", "anyOf", "const"):
        # A writeOnly value (a webhook reference) may hold a pasted secret: never echo it, nor offer it back.
        secret = bool(error.schema.get("writeOnly") or resolved(whole.schema).get("writeOnly"))
        described = "this value" if secret else describe(error.instance)
        if kind == "type":
            message = f"expected {type_words(error.validator_value)}, got {described}"
        else:
            message = f"{described} is not valid here"
        rewritten = None if secret else _as_text(error.instance, whole.schema)
        hint = (
            (f"quote this value: {rewritten}" if len(rewritten) <= 80 else "quote this value")
            if rewritten
            else (write_hint(whole.schema, error))
        )
        yield _finding(f"{_where(error)}: {message}", loc, hint, fix=_replace(loc, error.instance, rewritten))
    elif kind == "uniqueItems" and isinstance(error.instance, list):
        index, first = _repeat(error.instance)
        yield Finding(
            "PB100",
            "schema",
            Severity.ERROR,
            f"{_where(error)}: {describe(error.instance[index])} is listed twice",
            Location(*locate(root, [*error.absolute_path, index])),
            "remove the repeat",
            ((Location(*locate(root, [*error.absolute_path, first])), "first listed here"),),
        )
    else:
        yield _finding(f"{_where(error)}: {keyword_problem(error)}", loc, keyword_hint(error))


def _coerced(error: ValidationError, whole: ValidationError, loc: Loc, trap: Trap) -> Finding:
    """PB003: YAML 1.1 read text as a number or boolean. The hint is what to write instead, checked to fit."""
    candidates = [_quoted(trap.raw), _as_duration(trap.raw), _as_clock_time(trap.raw)]
    better = next((c for c in candidates if c is not None and _fits(c, whole.schema)), None)
    if better is None:
        hint = write_hint(whole.schema, error)
    elif better.startswith('"'):
        hint = f"quote this value: {better}" if len(better) <= 80 else "quote this value"
    else:
        hint = f"write {better}"
    return _finding(
        f"{trap.why}, but {_where(error)} needs text",
        loc,
        hint,
        "PB003",
        "yaml11-coercion",
        [Edit(Location(*loc), trap.raw, better)] if better else (),
    )


_SEXAGESIMAL = re.compile(r"([0-9]+):([0-5]?[0-9])(?::([0-5]?[0-9]))?")


def _as_duration(raw: str) -> str | None:
    """'1:30' -> '1h30m' (hours and minutes, then seconds), for a place that takes a duration."""
    match = _SEXAGESIMAL.fullmatch(raw)
    if match is None:
        return None
    parts = [(int(v), unit) for v, unit in zip(match.groups(), "hms", strict=True) if v is not None]
    return "".join(f"{v}{unit}" for v, unit in parts if v) or "0m"


def _as_clock_time(raw: str) -> str | None:
    """'9:30' -> '"09:30"', for a place that takes a time of day (quoted: YAML 1.1 reads 10:30 as a number)."""
    match = _SEXAGESIMAL.fullmatch(raw)
    if match is None or match.group(3) is not None:
        return None
    return f'"{int(match.group(1)):02d}:{int(match.group(2)):02d}"'


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fits(text: str, schema: Any) -> bool:
    """Whether `text`, written as a YAML value, is what `schema` accepts (read back by our own loader)."""
    loaded = load_text("", f"value: {text}\n")
    if loaded.findings or loaded.traps or not isinstance(loaded.data, Map):
        return False
    return fast_check().compile(schema)(loaded.data["value"])


def _as_text(instance: Any, schema: Any) -> str | None:
    """A number or boolean where the place wants text: the same, quoted, when that fits."""
    if isinstance(instance, (bool, int, float)):
        quoted = _quoted(_scalar_text(instance))
        return quoted if _fits(quoted, schema) else None
    return None


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _replace(loc: Loc, instance: Any, new: str | None) -> tuple[Edit, ...]:
    """The edit writing `new` over the scalar `instance` at `loc` (check() drops it if the text differs)."""
    if new is None or isinstance(instance, (dict, list)) or instance is None:
        return ()
    return (Edit(Location(*loc), _scalar_text(instance), new),)


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
    known = error.schema.get("properties", {})
    allowed = sorted(known)
    instance = error.instance if isinstance(error.instance, dict) else {}
    extras = [k for k in instance if k not in known]
    free = [k for k in allowed if k not in instance]  # renaming to a key already there would duplicate it
    for count, key in enumerate(extras):
        path = [*error.absolute_path, key]
        where = locate(root, path, key=True)
        if count == MAX_UNKNOWN_KEYS_LISTED:
            yield _finding(
                f"{_where(error)}: {len(extras) - count} more unknown keys not listed",
                where,
                "remove the unknown keys, or rename them to allowed ones: " + ", ".join(allowed),
            )
            return
        better = closest(key, free)
        fix: tuple[Edit, ...] = ()
        if instance.get(key) is None and " " in str(key):
            hint = "a comma inside { } starts a new key: quote the text that contains it"
        elif better is not None:
            hint, fix = f"did you mean {better!r}?", (Edit(Location(*where), str(key), better),)
        else:
            hint = "remove it, or use one of the allowed keys: " + ", ".join(allowed)
        yield _finding(f"{_where(error)}: unknown key {shown(key)}", where, hint, fix=fix)


def _bad_names(root: Any, error: ValidationError) -> Iterator[Finding]:
    name, schema = error.instance, error.schema
    path = [*error.absolute_path, name]
    where = locate(root, path, key=True)
    hint, fix = "", ()
    if "enum" in schema:
        better = _alias_of(name, schema.get("x-aliases", {})) or closest(name, schema["enum"])
        if better is not None and better not in _node_at(root, error.absolute_path):
            hint, fix = f"did you mean {better!r}?", (Edit(Location(*where), str(name), better),)
        else:
            hint = "use one of " + ", ".join(schema["enum"])
    yield _finding(
        f"{_where(error)}: {shown(name)} is not a valid name here",
        where,
        hint or "rename it: " + (lower_first(description_of(schema)) or "letters, digits, '-', '_' and '.'"),
        fix=fix,
    )


def _alias_of(name: Any, aliases: dict[str, str]) -> str | None:
    """The known key a long or common name stands for (`x-aliases` in the schema)."""
    return aliases.get(str(name).lower().replace("-", "_").replace(" ", "_"))


def _node_at(root: Any, path: Iterable[Any]) -> Any:
    node = root
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return {}
    return node
