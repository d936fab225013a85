"""The lint configuration: `.playbook.yaml`, or `[tool.playbook]` in pyproject.toml.

Found by searching upward from the playbook (stopping at the repository root,
the first folder holding `.git`), or given with --config. It is validated
against schemas/config.schema.json and then against the rules that exist;
any problem is a `ConfigError` (exit code 2) naming the file, line and column.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from typing import Any

from compiler.check.catalog import catalog, lookup
from compiler.lint.settings import Ignore, RuleSettings
from compiler.time import clock
from playbook.findings import Finding, Location, Severity
from playbook.source import HasErrors

CONFIG_NAMES = (".playbook.yaml", ".playbook.yml")
PYPROJECT = "pyproject.toml"
PRESETS = ("default", "strict")


class ConfigError(HasErrors):
    """The configuration cannot be used; `problems` are PB300 findings with locations in it (its `text`)."""

    def __init__(self, problems: list[Finding], text: str = "") -> None:
        paths = {p.location.path for p in problems}
        super().__init__("invalid configuration; nothing was linted", problems, lambda p: text if p in paths else "")
        self.problems = problems
        self.text = text


@dataclass
class Config:
    """A resolved configuration (after `extends`)."""

    path: str | None = None
    severities: dict[str, Severity | None] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    ignores: tuple[Ignore, ...] = ()
    fail_on: Severity | None = None
    warn_unused_suppressions: bool = False
    today: dt.date | None = None  # pinned by `today:`; see compiler.time.clock

    def settings(self, today: dt.date | None = None, targets: frozenset[str] = frozenset()) -> RuleSettings:
        return RuleSettings(
            severities=dict(self.severities),
            options={code: dict(values) for code, values in self.options.items()},
            today=clock.today(today, self.today),
            targets=targets,
            ignores=self.ignores,
            warn_unused_suppressions=self.warn_unused_suppressions,
        )


def find(start: str) -> str | None:
    """The configuration file that applies to the playbook at `start`, if any."""
    folder = os.path.abspath(start if os.path.isdir(start) else os.path.dirname(start) or ".")
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return _shown(candidate)
        candidate = os.path.join(folder, PYPROJECT)
        if os.path.isfile(candidate) and _has_tool_section(candidate):
            return _shown(candidate)
        parent = os.path.dirname(folder)
        if parent == folder or os.path.exists(os.path.join(folder, ".git")):
            return None
        folder = parent


def _shown(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _has_tool_section(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            return re.search(r"^\s*\[tool\.playbook[.\]]", handle.read(), re.M) is not None
    except (OSError, UnicodeDecodeError):
        return False


def load(path: str) -> Config:
    """Load and check the configuration file at `path`, following `extends`."""
    return _load(path, ())


def settings_for(path: str, targets: frozenset[str] = frozenset(), today: dt.date | None = None) -> RuleSettings:
    """The rule settings `playbook lint` uses for the playbook at `path` (its nearest configuration), so that
    build, simulate and diff judge a playbook alike. Raises ConfigError."""
    found = find(path)
    return (load(found) if found else Config()).settings(today=today, targets=targets)


def _load(path: str, chain: tuple[str, ...]) -> Config:
    data, text, anchor = _read(path)
    _validate_schema(path, data, text, anchor)
    base = _base(path, data, text, anchor, chain)
    return _Applier(path, text, anchor).apply(base, data)


def _read(path: str) -> tuple[Any, str, Location]:
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise ConfigError([_problem(f"cannot read the configuration: {exc.strerror}", Location(path))]) from None
    if os.path.basename(path) == PYPROJECT or path.endswith(".toml"):
        return _read_toml(path, raw)
    return _read_yaml(path, raw)


def _read_yaml(path: str, raw: bytes) -> tuple[Any, str, Location]:
    from playbook.yamlfile import decode
    from playbook.yamlload import load_text

    text, problem = decode(path, raw)
    if problem is not None or text is None:
        raise ConfigError([_as_config(problem)] if problem else [])
    loaded = load_text(path, text)
    if [f.code for f in loaded.findings] == ["PB008"]:
        return {}, text, Location(path, 1, 1)  # an empty file (or only comments): all defaults
    if loaded.findings:
        raise ConfigError([_as_config(f) for f in loaded.findings], text)
    return loaded.data, text, Location(path, 1, 1)


def _read_toml(path: str, raw: bytes) -> tuple[Any, str, Location]:
    import tomllib

    text = raw.decode("utf-8", errors="replace")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = Location(path, int(match.group(1)), int(match.group(2))) if match else Location(path)
        raise ConfigError([_problem(f"invalid TOML: {str(exc).split(' (at')[0]}", where)], text) from None
    header = re.search(r"^\s*\[tool\.playbook[.\]]", text, re.M)
    line = text.count("\n", 0, header.start()) + 1 if header else 0
    section = document.get("tool", {}).get("playbook")
    if section is None:
        raise ConfigError([_problem("pyproject.toml has no [tool.playbook] section", Location(path))], text)
    return section, text, Location(path, line, 1 if line else 0)


def _validate_schema(path: str, data: Any, text: str, anchor: Location) -> None:
    from compiler.check.fastschema import compile_schema
    from schemas import load_schema

    if data is None:
        data = {}
    if compile_schema(load_schema("config"))(data):
        return  # valid: no need to import jsonschema (a tenth of a second) to hear so
    from compiler.check.fastschema import ecma_validator
    from compiler.check.schema import locate

    validator = ecma_validator()(load_schema("config"))
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    problems = []
    for error in map(_mapping_branch, errors):
        where = _located(locate(data, error.absolute_path), anchor)
        dotted = ".".join(str(p) for p in error.absolute_path) or "the top level"
        problems.append(_problem(f"{dotted}: {_schema_message(error)}", where, _schema_hint(error)))
    if problems:
        raise ConfigError(problems, text)


def _mapping_branch(error: Any) -> Any:
    """For a rule given as a mapping, the error inside the mapping rather than "not a severity or a mapping"."""
    if error.validator != "oneOf" or not isinstance(error.instance, dict):
        return error
    inner = [e for e in error.context if e.relative_schema_path and e.relative_schema_path[0] == 1]
    return min(inner, key=lambda e: -len(e.absolute_path)) if inner else error


def _schema_message(error: Any) -> str:
    if error.validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown key")
    if error.validator == "oneOf":
        return f"{error.instance!r} is not a severity ('error', 'warning', 'info', 'off') or a mapping"
    if error.validator == "enum":
        # `false` is only there for YAML's unquoted off; do not suggest writing it.
        options = ", ".join(repr(o) for o in error.validator_value if o is not False)
        return f"{error.instance!r} is not one of {options}"
    if error.validator == "type":
        from compiler.check.schemawords import describe, type_words

        return f"expected {type_words(error.validator_value)}, got {describe(error.instance)}"
    return error.message


def _schema_hint(error: Any) -> str:
    from compiler.check.schema import suggest

    if error.validator == "additionalProperties":
        extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
        return suggest(extra[0], error.schema.get("properties", {})) if extra else ""
    return error.schema.get("description", "") if isinstance(error.schema, dict) else ""


def _located(loc: tuple[str, int, int], anchor: Location) -> Location:
    return Location(*loc) if loc[0] else anchor


def _base(path: str, data: Any, text: str, anchor: Location, chain: tuple[str, ...]) -> Config:
    name = data.get("extends") if isinstance(data, dict) else None
    if name is None or name == "default":
        return Config()
    if name == "strict":
        return _strict()
    where = _key_location(data, "extends", anchor)
    parent = os.path.normpath(os.path.join(os.path.dirname(path), name))
    if parent in chain or os.path.normpath(path) == parent:
        raise ConfigError([_problem(f"'extends' loops back to {name!r}", where)], text)
    if not os.path.isfile(parent):
        hint = f"use a preset ({', '.join(PRESETS)}) or a path relative to this file"
        raise ConfigError([_problem(f"'extends': no such preset or file {name!r}", where, hint)], text)
    return _load(parent, (*chain, os.path.normpath(path)))


def _strict() -> Config:
    """Fail on warnings, report unused suppressions, and raise info-level rules to warnings."""
    raised: dict[str, Severity | None] = {
        code: Severity.WARNING
        for code, info in catalog().items()
        if info.kind in ("rule", "suppression") and info.severity is Severity.INFO
    }
    return Config(path="strict", severities=raised, fail_on=Severity.WARNING, warn_unused_suppressions=True)


def _key_location(data: Any, key: str, anchor: Location) -> Location:
    from playbook.yamlload import Map

    if isinstance(data, Map) and key in data:
        return Location(*data.value_loc(key))
    return anchor


class _Applier:
    """Applies one file's keys on top of the configuration it extends, checking rule names and options."""

    def __init__(self, path: str, text: str, anchor: Location) -> None:
        self.path = path
        self.text = text
        self.anchor = anchor
        self.problems: list[Finding] = []
        self.base_dir = os.path.dirname(path) or "."

    def apply(self, base: Config, data: Any) -> Config:
        data = data or {}
        config = replace(
            base,
            path=self.path,
            severities=dict(base.severities),
            options={code: dict(values) for code, values in base.options.items()},
        )
        if "fail_on" in data:
            config.fail_on = Severity.parse(data["fail_on"])
        if "warn_unused_suppressions" in data:
            config.warn_unused_suppressions = bool(data["warn_unused_suppressions"])
        if "today" in data:
            config.today = self._today(data)
        ignores = list(base.ignores)
        if data.get("ignore"):
            where = _key_location(data, "ignore", self.anchor)
            ignores.append(Ignore(tuple(data["ignore"]), frozenset(), self.base_dir, where))
        for key, value in (data.get("rules") or {}).items():
            ignores.extend(self._rule(config, data["rules"], key, value))
        config.ignores = tuple(ignores)
        if self.problems:
            raise ConfigError(self.problems, self.text)
        return config

    def _today(self, data: Any) -> dt.date | None:
        try:
            return clock.parse(str(data["today"]), "today")
        except clock.BadDate as exc:
            self.problems.append(_problem(str(exc), _key_location(data, "today", self.anchor)))
            return None

    def _rule(self, config: Config, holder: Any, key: str, value: Any) -> list[Ignore]:
        where = _located(_key_of(holder, key), self.anchor)
        info = lookup(str(key))
        if info is None:
            from compiler.check.schema import suggest

            names = [i.code for i in catalog().values()] + [i.name for i in catalog().values()]
            self.problems.append(_problem(f"rules: no rule {key!r}", where, suggest(key, names) or _RULES_HINT))
            return []
        if info.kind not in ("rule", "suppression"):
            message = f"rules: {info.code} ({info.name}) is an input check and cannot be configured"
            self.problems.append(_problem(message, where, "fix the playbook instead"))
            return []
        if not isinstance(value, dict):
            config.severities[info.code] = _level(value)
            return []
        if "severity" in value:
            config.severities[info.code] = _level(value["severity"])
        self._options(config, info.code, value, where)
        if value.get("ignore"):
            return [Ignore(tuple(value["ignore"]), frozenset({info.code}), self.base_dir, where)]
        return []

    def _options(self, config: Config, code: str, value: dict[str, Any], where: Location) -> None:
        from compiler.check.rules import find_rule
        from compiler.check.schema import suggest

        rule = find_rule(code)
        defaults = rule.options if rule else {}
        for name, option in value.items():
            if name in ("severity", "ignore"):
                continue
            at = _located(_key_of(value, name), where)
            if name not in defaults:
                known = ", ".join(["severity", "ignore", *defaults])
                hint = suggest(name, [*defaults, "severity", "ignore"]) or f"{code} takes: {known}"
                self.problems.append(_problem(f"rules.{code}: unknown option {name!r}", at, hint))
                continue
            expected = _type_name(defaults[name])
            if expected and not _type_ok(option, defaults[name]):
                message = f"rules.{code}.{name}: expected {expected}, got {option!r}"
                at_value = _located(_value_of(value, name), where)
                self.problems.append(_problem(message, at_value, f"the default is {defaults[name]!r}"))
                continue
            config.options.setdefault(code, {})[name] = option


_RULES_HINT = "run 'playbook rules' for the codes and names"


def _key_of(holder: Any, key: Any) -> tuple[str, int, int]:
    from playbook.yamlload import Map

    return holder.key_loc(key) if isinstance(holder, Map) else ("", 0, 0)


def _value_of(holder: Any, key: Any) -> tuple[str, int, int]:
    from playbook.yamlload import Map

    return holder.value_loc(key) if isinstance(holder, Map) else ("", 0, 0)


def _level(value: Any) -> Severity | None:
    if value is False or value == "off":
        return None
    return Severity.parse(str(value))


def _type_name(default: Any) -> str:
    for kind, name in ((bool, "true or false"), (int, "a whole number"), (float, "a number"), (str, "text")):
        if isinstance(default, kind):
            return name
    return "a list" if isinstance(default, list) else ""


def _type_ok(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, type(default))


def _problem(message: str, where: Location, hint: str = "") -> Finding:
    return Finding("PB300", "invalid-config", Severity.ERROR, message, where, hint)


def _as_config(finding: Finding) -> Finding:
    return Finding("PB300", "invalid-config", Severity.ERROR, finding.message, finding.location, finding.hint)
