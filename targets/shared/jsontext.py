"""Pretty JSON, byte for byte what `json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)` writes.

The standard library only uses its C encoder without `indent`; with it, every
value goes through a chain of Python generators, which made JSON a third of
building a 10,000-contact playbook. This writer produces the same text with
one list of fragments and plain recursion (strings still go through the
standard library's C escaper), about three times faster.
"""

from __future__ import annotations

import json.encoder
from typing import Any

_escape = json.encoder.encode_basestring  # the C version where available, as json.dumps uses
_INF = float("inf")


def file_bytes(value: Any) -> bytes:
    """A JSON output file: the text of `dumps`, UTF-8, with a trailing newline."""
    return (dumps(value) + "\n").encode("utf-8")


def dumps(value: Any) -> str:
    out: list[str] = []
    _write(value, "\n", out, set())
    return "".join(out)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
        return "-Infinity"
    return float.__repr__(value)


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        return _escape(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _write(value: Any, newline: str, out: list[str], seen: set[int]) -> None:
    text = _scalar(value)
    if text is not None:
        out.append(text)
    elif isinstance(value, (list, tuple)):
        _write_list(value, newline, out, seen)
    elif isinstance(value, dict):
        _write_dict(value, newline, out, seen)
    else:
        raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _enter(value: Any, seen: set[int]) -> int:
    marker = id(value)
    if marker in seen:
        raise ValueError("Circular reference detected")
    seen.add(marker)
    return marker


def _write_list(items: list[Any] | tuple[Any, ...], newline: str, out: list[str], seen: set[int]) -> None:
    if not items:
        out.append("[]")
        return
    marker = _enter(items, seen)
    inner = newline + "  "
    separator = "," + inner
    out.append("[" + inner)
    for index, item in enumerate(items):
        if index:
            out.append(separator)
        text = _scalar(item)
        if text is not None:
            out.append(text)
        else:
            _write(item, inner, out, seen)
    out.append(newline + "]")
    seen.discard(marker)


def _key(key: Any) -> str:
    """A key as text: strings as they are, other scalars as they would be written as values."""
    if isinstance(key, str):
        return key
    text = _scalar(key)
    if text is None:
        raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")
    return text


def _write_dict(mapping: dict[Any, Any], newline: str, out: list[str], seen: set[int]) -> None:
    if not mapping:
        out.append("{}")
        return
    marker = _enter(mapping, seen)
    inner = newline + "  "
    separator = "," + inner
    out.append("{" + inner)
    for index, (key, item) in enumerate(sorted(mapping.items())):
        if index:
            out.append(separator)
        out.append(_escape(_key(key)) + ": ")
        text = _scalar(item)
        if text is not None:
            out.append(text)
        else:
            _write(item, inner, out, seen)
    out.append(newline + "}")
    seen.discard(marker)
