"""Safe YAML loading that keeps a file:line:column for every key, value and item.

Mappings load as `Map` (a dict) and sequences as `Seq` (a list), so jsonschema and
the rest of the code treat them as plain containers, while every entry keeps
where it came from.  The loader also refuses what YAML lets through silently:
duplicate keys, YAML 1.1 coercions of scalars people mean as text, tags that
would construct Python objects, alias bombs and absurd nesting.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from playbook.findings import Edit, Finding, Location, Severity, shown
from playbook.yamlerrors import syntax_finding
from playbook.yamlshape import MAX_DEPTH
from playbook.yamlshape import check_shape as _check_shape

# A "Loc" is (path, line, column), 1-based; kept as a tuple because a big
# contact directory has hundreds of thousands of them.
Loc = tuple[str, int, int]


_LoaderBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Map(dict):
    """A mapping that remembers where it and each of its entries came from.

    `locs[key]` is (path, key_line, key_col, value_line, value_col).
    """

    __slots__ = ("loc", "locs")

    def __init__(self) -> None:
        super().__init__()
        self.loc: Loc = ("", 0, 0)
        self.locs: dict[Any, tuple[str, int, int, int, int]] = {}

    def key_loc(self, key: Any) -> Loc:
        entry = self.locs.get(key)
        return (entry[0], entry[1], entry[2]) if entry else self.loc

    def value_loc(self, key: Any) -> Loc:
        entry = self.locs.get(key)
        return (entry[0], entry[3], entry[4]) if entry else self.loc


class Seq(list):
    """A sequence that remembers where it and each of its items came from."""

    __slots__ = ("loc", "item_locs")

    def __init__(self) -> None:
        super().__init__()
        self.loc: Loc = ("", 0, 0)
        self.item_locs: list[Loc] = []

    def item_loc(self, index: int) -> Loc:
        if 0 <= index < len(self.item_locs):
            return self.item_locs[index]
        return self.loc


@dataclass
class Trap:
    """A scalar YAML 1.1 resolved to something other than the text written."""

    raw: str
    became: Any
    why: str


@dataclass
class LoadedFile:
    path: str
    data: Any = None
    findings: list[Finding] = field(default_factory=list)
    traps: dict[Loc, Trap] = field(default_factory=dict)
    text: str = ""
    # Nothing to merge: no text, only comments, a null document, or a file that could not be read at all.
    # The rest of a playbook is checked without it.
    empty: bool = False


def to_location(loc: Loc) -> Location:
    return Location(loc[0], loc[1], loc[2])


def _finding(code: str, name: str, msg: str, loc: Loc, hint: str = "") -> Finding:
    return Finding(code, name, Severity.ERROR, msg, to_location(loc), hint)


_BOOL_WORDS = {"true", "false"}
_OCTAL = re.compile(r"^[-+]?0[0-7_]+$")


_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_ScalarNode = yaml.ScalarNode


class _Loader(_LoaderBase):  # type: ignore[misc, valid-type]
    pb_path: str
    pb_findings: list[Finding]
    pb_traps: dict[Loc, Trap]
    pb_depth: int  # depth of the next container constructed (the root is 1)
    pb_text: str

    def _loc(self, node: yaml.Node) -> Loc:
        mark = node.start_mark
        return (self.pb_path, mark.line + 1, mark.column + 1)

    # The C parser calls these three for every node. PyYAML's versions also
    # serve path-based resolvers, which a playbook never registers; these give
    # the same tags with a fraction of the work (a third of a bare load).
    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is _ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], _WILDCARD):
                    if regexp.match(value):
                        return tag
            return _STR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _implicit_resolvers() -> tuple[dict[str, list[tuple[str, re.Pattern[str]]]], list[tuple[str, re.Pattern[str]]]]:
    table = _LoaderBase.yaml_implicit_resolvers
    wildcard = list(table.get(None, []))
    return {first: list(found) + wildcard for first, found in table.items() if first is not None}, wildcard


_IMPLICIT, _WILDCARD = _implicit_resolvers()
assert not _LoaderBase.yaml_path_resolvers, "the fast resolve() above assumes no path resolvers"


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Any:
    result = Map()
    path = loader.pb_path
    mark = node.start_mark
    result.loc = (path, mark.line + 1, mark.column + 1)
    depth = loader.pb_depth
    if depth >= MAX_DEPTH and node.value:
        raise _TooDeep
    yield result
    first_explicit = 0
    overridable: set[str] | None = None  # explicit keys seen so far, when merges are present
    if any(k.tag == _MERGE_TAG for k, _ in node.value):
        overridable = set()
        explicit = sum(1 for k, _ in node.value if k.tag != _MERGE_TAG)
        loader.flatten_mapping(node)
        first_explicit = len(node.value) - explicit
    locs = result.locs
    construct = loader.construct_object
    for index, (key_node, value_node) in enumerate(node.value):
        # Keys are ids and names: take the text as written, so `no:` or `1:` stay
        # the strings the author meant instead of becoming False or 1.
        key = key_node.value if key_node.__class__ is _ScalarNode else _mapping_key(loader, key_node, depth + 1)
        if key is None:
            continue
        km = key_node.start_mark
        if key in result and index >= first_explicit and locs[key][0] == path:
            # Overriding a key brought in by `<<: *defaults` is what merges are for.
            if overridable is None or key in overridable:
                _duplicate_key(loader, key, km, locs[key])
                continue
        if overridable is not None and index >= first_explicit:
            overridable.add(key)
        vm = value_node.start_mark
        if value_node.tag == _STR_TAG and value_node.__class__ is _ScalarNode:
            result[key] = value_node.value  # what construct_object would return, minus its bookkeeping
        else:
            loader.pb_depth = depth + 1
            result[key] = construct(value_node, deep=False)
        locs[key] = (path, km.line + 1, km.column + 1, vm.line + 1, vm.column + 1)


def _duplicate_key(loader: _Loader, key: str, mark: Any, first: tuple[str, int, int, int, int]) -> None:
    loader.pb_findings.append(
        Finding(
            "PB002",
            "duplicate-key",
            Severity.ERROR,
            f"duplicate key {shown(key)}: YAML would silently keep only the last value",
            Location(loader.pb_path, mark.line + 1, mark.column + 1),
            "remove one of the two, or rename one if both are meant (YAML would keep only the second)",
            ((Location(first[0], first[1], first[2]), "first defined here"),),
        )
    )


def _mapping_key(loader: _Loader, key_node: yaml.Node, depth: int) -> str | None:
    if isinstance(key_node, yaml.ScalarNode):
        return key_node.value
    if _check_shape(key_node, loader.pb_path, depth):
        raise _TooDeep  # never constructed, but as deep as it is written
    loader.pb_findings.append(
        _finding(
            "PB001",
            "yaml-syntax",
            "a mapping key must be a plain value, not a list or mapping",
            loader._loc(key_node),
            "write the key as plain text",
        )
    )
    return None


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Any:
    result = Seq()
    path = loader.pb_path
    mark = node.start_mark
    result.loc = (path, mark.line + 1, mark.column + 1)
    depth = loader.pb_depth
    if depth >= MAX_DEPTH and node.value:
        raise _TooDeep
    yield result
    item_locs = result.item_locs
    construct = loader.construct_object
    for child in node.value:
        cm = child.start_mark
        item_locs.append((path, cm.line + 1, cm.column + 1))
        if child.tag == _STR_TAG and child.__class__ is _ScalarNode:
            result.append(child.value)
        else:
            loader.pb_depth = depth + 1
            result.append(construct(child, deep=False))


def _trap(loader: _Loader, node: yaml.ScalarNode, became: Any, why: str) -> Any:
    loader.pb_traps[loader._loc(node)] = Trap(node.value, became, why)
    return became


def _construct_bool(loader: _Loader, node: yaml.Node) -> Any:
    if node.__class__ is not _ScalarNode or node.value.lower() not in yaml.SafeLoader.bool_values:
        return _mismatch(loader, node, "true or false")
    value = yaml.SafeLoader.construct_yaml_bool(loader, node)
    if node.value.lower() not in _BOOL_WORDS:
        return _trap(loader, node, value, f"YAML 1.1 reads {shown(node.value)} as {value}")
    return value


# No playbook number needs more digits; Python cannot print an int of over 4,300 of them.
MAX_NUMBER_CHARS = 64


def _construct_int(loader: _Loader, node: yaml.Node) -> Any:
    value = _scalar(loader, node, yaml.SafeLoader.construct_yaml_int)
    if value is _NOT_IT:
        return _mismatch(loader, node, "a whole number", "42")
    text = node.value
    if len(text) > MAX_NUMBER_CHARS:
        return text  # as text: where a number belongs, the schema says it is not one
    if ":" in text:
        return _trap(loader, node, value, f"YAML 1.1 reads {shown(text)} as the number {value} (base 60)")
    if text.startswith("+"):
        return _trap(loader, node, value, f"YAML 1.1 reads {shown(text)} as the number {value}, dropping the '+'")
    if _OCTAL.match(text):
        return _trap(loader, node, value, f"YAML 1.1 reads {shown(text)} as the octal number {value}")
    return value


def _construct_float(loader: _Loader, node: yaml.Node) -> Any:
    value = _scalar(loader, node, yaml.SafeLoader.construct_yaml_float)
    if value is _NOT_IT:
        return _mismatch(loader, node, "a number", "2.5")
    if ":" in node.value:
        return _trap(loader, node, value, f"YAML 1.1 reads {shown(node.value)} as the number {value:g} (base 60)")
    return value


def _construct_timestamp(loader: _Loader, node: yaml.Node) -> Any:
    # Dates stay ISO text: the schema checks their shape and the model parses them.
    if node.__class__ is not _ScalarNode or not yaml.SafeLoader.timestamp_regexp.match(node.value):
        return _mismatch(loader, node, "a date or a date and time", "2026-12-24")
    if _scalar(loader, node, yaml.SafeLoader.construct_yaml_timestamp) is _NOT_IT:
        return _mismatch(loader, node, "a real date", "2026-12-24")
    return node.value


def _construct_null(loader: _Loader, node: yaml.Node) -> Any:
    if node.__class__ is not _ScalarNode or not _NULL.match(node.value):
        return _mismatch(loader, node, "empty (null)")
    return None


def _construct_str(loader: _Loader, node: yaml.Node) -> Any:
    # Plain and quoted text never gets here (the containers take it directly): only an explicit tag does.
    return node.value if node.__class__ is _ScalarNode else _mismatch(loader, node, "text")


def _construct_tagged_map(loader: _Loader, node: yaml.Node) -> Any:
    return _construct_map(loader, node) if isinstance(node, yaml.MappingNode) else _mismatch(loader, node, "a mapping")


def _construct_tagged_seq(loader: _Loader, node: yaml.Node) -> Any:
    return _construct_seq(loader, node) if isinstance(node, yaml.SequenceNode) else _mismatch(loader, node, "a list")


_NOT_IT = object()  # a scalar that its tag's constructor cannot read
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
MAX_ECHO = 40  # characters of a value a message repeats


def _scalar(loader: _Loader, node: yaml.Node, construct: Any) -> Any:
    if node.__class__ is not _ScalarNode:
        return _NOT_IT
    try:
        return construct(loader, node)
    except (ValueError, KeyError, IndexError, TypeError, OverflowError):
        return _NOT_IT


_WRITTEN_TAG = re.compile(r"(?:&\S+\s+)?!")


def _tag_written(loader: _Loader, node: yaml.Node) -> bool:
    return bool(_WRITTEN_TAG.match(loader.pb_text, node.start_mark.index))


_KINDS = {yaml.ScalarNode: "a single value", yaml.SequenceNode: "a list", yaml.MappingNode: "a mapping"}


def _mismatch(loader: _Loader, node: yaml.Node, wanted: str, example: str = "") -> Any:
    """A standard tag on a value it does not describe (`!!int abc`, `!!map x`): report it, keep the value untagged."""
    if node.__class__ is _ScalarNode and not _tag_written(loader, node):
        return node.value  # an untagged `0x_` matched YAML 1.1's number pattern but is no number: text
    tag = "!!" + node.tag.rsplit(":", 1)[-1]
    if node.__class__ is _ScalarNode:
        shown = node.value if len(node.value) <= MAX_ECHO else node.value[:MAX_ECHO] + "…"
        message = f"{shown!r} is tagged {tag}, but it is not {wanted}"
    else:
        message = f"the tag {tag} needs {wanted}, not {_KINDS[node.__class__]}"
    fix = f", or write a value such as {example}" if example and node.__class__ is _ScalarNode else ""
    written = _written_tag(loader, node)
    loader.pb_findings.append(
        Finding(
            "PB011",
            "tag-mismatch",
            Severity.ERROR,
            message,
            to_location(loader._loc(node)),
            f"remove the tag {tag}{fix}",
            (),
            (Edit(Location(loader.pb_path, written[0], written[1]), written[2], ""),) if written else (),
        )
    )
    if node.__class__ is _ScalarNode:
        return node.value
    return _construct_seq(loader, node) if isinstance(node, yaml.SequenceNode) else _construct_map(loader, node)


def _construct_unsafe(loader: _Loader, node: yaml.Node) -> Any:
    written = _written_tag(loader, node)
    tag = written[2].strip() if written else node.tag
    loader.pb_findings.append(
        Finding(
            "PB004",
            "unsafe-tag",
            Severity.ERROR,
            f"the tag {shown(tag)} is not allowed: playbooks are plain data",
            to_location(loader._loc(node)),
            "remove the tag; only standard YAML types are accepted",
            (),
            (Edit(Location(loader.pb_path, written[0], written[1]), written[2], ""),) if written else (),
        )
    )
    return None


_TAG = re.compile(r"(?:&\S+\s+)?(!\S*\s?)")


def _written_tag(loader: _Loader, node: yaml.Node) -> tuple[int, int, str] | None:
    """(line, column, text) of the tag as written at `node` (after its anchor), with one space after it."""
    mark = node.start_mark
    lines = loader.pb_text.splitlines()
    if not 0 <= mark.line < len(lines):
        return None
    match = _TAG.match(lines[mark.line], mark.column)
    if match is None:
        return None
    return mark.line + 1, match.start(1) + 1, match.group(1)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_tagged_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_tagged_seq)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:null", _construct_null)
_Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:binary", _construct_unsafe)
_Loader.add_constructor("tag:yaml.org,2002:omap", _construct_unsafe)
_Loader.add_constructor("tag:yaml.org,2002:pairs", _construct_unsafe)
_Loader.add_constructor("tag:yaml.org,2002:set", _construct_unsafe)
_Loader.add_constructor(None, _construct_unsafe)


# An anchor starts a token, so it never follows a letter or digit ("Q&A" is text).
_ANCHOR = re.compile(r"(?<![A-Za-z0-9])&")


class _TooDeep(Exception):
    """Raised while constructing a node nested deeper than MAX_DEPTH (found without a separate walk)."""


def load_text(path: str, text: str) -> LoadedFile:
    """Parse one YAML document; problems come back as findings, never exceptions."""
    result = LoadedFile(path, text=text)
    loader = _Loader(text)
    loader.pb_path = path
    loader.pb_text = text
    loader.pb_findings = result.findings
    loader.pb_traps = result.traps
    loader.pb_depth = 1
    loader.pb_text = text
    gc_was_enabled = gc.isenabled()
    # A bulk load creates millions of objects and no cycles; the cyclic
    # collector would spend most of the load time scanning them for nothing.
    gc.disable()
    try:
        node = loader.get_single_node()
        if node is None:
            result.empty = True
            result.findings.append(
                _finding(
                    "PB008", "empty-file", "file is empty", (path, 1, 1), "add playbook sections or remove the file"
                )
            )
            return result
        # Aliases need anchors: only then can a small text expand into a bomb,
        # and only then is the full walk needed before constructing anything.
        # Otherwise the node graph is a tree and construction tracks its depth.
        problem = _check_shape(node, path) if _ANCHOR.search(text) else None
        if problem is None:
            try:
                result.data = loader.construct_document(node)
            except _TooDeep:
                problem = _check_shape(node, path)
        if problem is not None:
            result.findings[:] = [problem]
            result.traps.clear()
            result.data = None
        elif result.data is None and node.__class__ is _ScalarNode:
            # `~`, `null`, `!!null` or a bare `---`: YAML's null, which would otherwise pass as "nothing to check".
            result.empty = True
            result.findings.append(
                _finding(
                    "PB008",
                    "empty-file",
                    "file holds no playbook data: its document is empty (null)",
                    loader._loc(node) if node.value else (path, 1, 1),  # a bare '---' has nothing to point at
                    "add playbook sections or remove the file",
                )
            )
    except yaml.MarkedYAMLError as exc:
        result.findings.append(syntax_finding(path, exc, text))
    except yaml.YAMLError as exc:
        result.findings.append(_finding("PB001", "yaml-syntax", str(exc), (path, 1, 1), "fix the YAML syntax"))
    except RecursionError:
        # Only the pure-Python parser recurses per level; libyaml reports a depth error instead.
        result.findings.append(
            _finding(
                "PB006",
                "input-too-complex",
                "nesting too deep to parse",
                (path, 1, 1),
                "a playbook needs only a few levels; flatten this structure",
            )
        )
    finally:
        loader.dispose()
        if gc_was_enabled:
            gc.enable()
    return result
