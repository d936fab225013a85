"""Hypothesis strategies that break playbooks: structural mutations of the examples, random YAML, random bytes.

Every strategy is bounded and, with `SETTINGS`, derandomized, so the fuzz tests
run the same examples on every machine and stay within CI's time. For a long
hunt set PLAYBOOK_FUZZ_EXAMPLES (examples per test, default 60), e.g.
`PLAYBOOK_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py`.
"""

from __future__ import annotations

import copy
import math
import os
import re
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from playbook import source
from tests.helpers import EXAMPLES

MAX_EXAMPLES = int(os.environ.get("PLAYBOOK_FUZZ_EXAMPLES", "60"))
SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Raw(str):
    """A scalar written into YAML exactly as is (unquoted), so YAML 1.1 resolves it as it likes."""


# What people actually type, and what YAML 1.1 turns into something else.
TRAPS = [
    "NO", "no", "No", "yes", "Yes", "on", "off", "On", "OFF", "y", "n", "true", "False", "~", "null", "Null",
    "10:30", "09:30", "1:20:30", "+4915112345678", "+1 615 555 0100", "01234", "0o17", "0x1F", "0b101", "1_000",
    "1.10", "1e3", ".inf", "-.inf", ".nan", "2024-05-01", "2026-13-45", "2024-05-01 10:30:00", "24/7", "15m",
    "1bd", "0m", "-4h", "99999999999d", "1.5h", ">= 95%", "80% in 20s", "09:00-17:00", "25:00-26:00",
    "17:00-09:00", "mon-fri", "P1", "'", '"', "!!python/object:os.system", "*alias", "&anchor x", "%", "@x",
    "`x`", "{a: 1}", "[1, 2]", "a: b", "#comment", "- item", "?", "|", ">",
]  # fmt: skip
_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
SCALARS = st.one_of(
    st.sampled_from(TRAPS).map(Raw),
    st.sampled_from(TRAPS),
    _TEXT,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
KEYS = st.one_of(
    st.sampled_from(["playbook", "priorities", "sla", "contacts", "escalation", "channels", "calendars", "teams",
                     "routing", "kpis", "staffing", "from", "to", "after", "name", "phone", "weekly", "hours",
                     "target", "channels", "default", "lint", "P1", "P2"]),
    st.sampled_from(TRAPS).map(Raw),
    _TEXT,
)  # fmt: skip
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=12,
)


def example_documents() -> list[dict[str, Any]]:
    """The bundled examples as plain data (one merged document each)."""
    paths = [EXAMPLES / "minimal.yaml", *sorted(p for p in EXAMPLES.iterdir() if p.is_dir())]
    return [_plain(source.load(str(p)).data) for p in paths]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _slots(doc: Any) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) in the document, parents first."""
    found: list[tuple[Any, Any]] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node)) if isinstance(node, list) else []
        for key in keys:
            found.append((node, key))
            if isinstance(node[key], (dict, list)):
                stack.append(node[key])
    return found


def _strings(doc: Any) -> list[str]:
    return sorted({v for node, key in _slots(doc) if isinstance(v := node[key], str)} | {"nobody", "P9"})


@st.composite
def mutated_example(draw: st.DrawFn, documents: list[dict[str, Any]]) -> dict[str, Any]:
    """An example with 1-4 structural mutations: drop, duplicate, retype, rename, swap a reference, set a scalar."""
    doc = copy.deepcopy(draw(st.sampled_from(documents)))
    for _ in range(draw(st.integers(1, 4))):
        slots = _slots(doc)
        if not slots:
            break
        node, key = slots[draw(st.integers(0, len(slots) - 1))]
        action = draw(st.sampled_from(["drop", "duplicate", "retype", "rename", "swap", "scalar"]))
        if action == "drop":
            del node[key]
        elif action == "duplicate":
            if isinstance(node, list):
                node.insert(key, copy.deepcopy(node[key]))
            else:
                node[draw(KEYS)] = copy.deepcopy(node[key])
        elif action == "rename" and isinstance(node, dict):
            _rename(node, key, draw(st.one_of(KEYS, st.just(_typo(str(key))))))
        elif action == "swap":
            node[key] = draw(st.sampled_from(_strings(doc)))
        elif action == "retype":
            node[key] = draw(VALUES)
        else:
            node[key] = draw(SCALARS)
    return doc


def _rename(node: dict[Any, Any], old: Any, new: Any) -> None:
    items = [(new if k == old else k, v) for k, v in node.items()]
    node.clear()
    node.update(items)


def _typo(word: str) -> str:
    return word[:-1] + "x" if word else "x"


# ---- emitting YAML text ----------------------------------------------------------------------

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}


def to_yaml(doc: Any) -> str:
    """Block-style YAML; `Raw` scalars are written unquoted, all other text double-quoted."""
    if not isinstance(doc, (dict, list)) or not doc:
        return _scalar(doc) + "\n"
    return "\n".join(_block(doc, 0)) + "\n"


def _block(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    pairs = value.items() if isinstance(value, dict) else ((None, v) for v in value)
    for key, item in pairs:
        head = f"{pad}{_key(key)}:" if isinstance(value, dict) else f"{pad}-"
        if isinstance(item, (dict, list)) and item:
            lines.append(head)
            lines.extend(_block(item, indent + 2))
        else:
            lines.append(f"{head} {_scalar(item)}")
    return lines


def _key(key: Any) -> str:
    if isinstance(key, Raw):
        return str(key) or '""'
    if isinstance(key, str) and _PLAIN_KEY.match(key) and key.lower() not in _WORDS:
        return key
    return _scalar(key)


def _scalar(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value) or '""'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _quote(str(value))


def _quote(text: str) -> str:
    """A YAML double-quoted scalar: printable Unicode as is, everything else escaped."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F or (0xA0 <= code <= 0xD7FF) or (0xE000 <= code <= 0xFFFD and code != 0xFEFF):
            out.append(char)
        elif code >= 0x10000:
            out.append(char)
        elif code < 0x100:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out) + '"'
