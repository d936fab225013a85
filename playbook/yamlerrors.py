"""What to say about YAML the parser refuses: where, in words, and what to change (PyYAML's and libyaml's wording)."""

from __future__ import annotations

from typing import Any

import yaml

from playbook.findings import Finding, Location, Severity
from playbook.yamlshape import MAX_DEPTH


def _problem(code: str, name: str, message: str, loc: tuple[str, int, int], hint: str) -> Finding:
    return Finding(code, name, Severity.ERROR, message, Location(*loc), hint)


def _char_at(text: str, mark: Any) -> str:
    if mark is None or not 0 <= mark.index < len(text):
        return ""
    return text[mark.index]


def syntax_finding(path: str, exc: yaml.MarkedYAMLError, text: str = "") -> Finding:
    mark = exc.problem_mark or exc.context_mark
    loc = (path, mark.line + 1, mark.column + 1) if mark else (path, 1, 1)
    problem = exc.problem or "invalid YAML"
    if "expected a single document" in str(exc):
        return _problem(
            "PB009",
            "multiple-documents",
            "file holds more than one YAML document ('---')",
            loc,
            "keep one document per file; split the rest into other files of the playbook directory",
        )
    if "duplicate anchor" in (exc.context or ""):
        problem = "an anchor (&name) is defined twice"
    if "maximum nesting depth" in problem:
        return _problem(
            "PB006",
            "input-too-complex",
            f"nesting deeper than the YAML parser allows (far more than {MAX_DEPTH} levels)",
            loc,
            "a playbook needs only a few levels; flatten this structure",
        )
    if "found character '\\t'" in problem or "\t" in problem or _char_at(text, mark) == "\t":
        hint = "YAML forbids tabs for indentation; indent with spaces"
    else:
        hint = _syntax_hint(problem, exc.context or "", _char_at(text, mark), exc.context_mark)
    return _problem("PB001", "yaml-syntax", f"invalid YAML: {problem}", loc, hint)


def _syntax_hint(problem: str, context: str, char: str, opened: Any) -> str:
    """What to change for the parser errors people make (PyYAML's and libyaml's wording)."""
    where = f" (opened on line {opened.line + 1})" if opened is not None else ""
    if "mapping values are not allowed" in problem:
        return "a ': ' inside an unquoted value starts a mapping: quote the value, or indent the key under its parent"
    if "cannot start any token" in problem and char:
        return f"quote the value: YAML reserves {char!r} at the start of plain text"
    if "undefined alias" in problem:
        return "define the anchor (&name) before using it (*name), or quote the value if '*' is text"
    if "duplicate anchor" in context:
        return "give one of the two anchors (&name) another name"
    if "end of stream" in problem and "quoted scalar" in context:
        return f"close the quote{where}"
    if "expected ',' or '}'" in problem:
        return f"separate the entries of {{ }} with commas and close it with '}}'{where}"
    if "expected ',' or ']'" in problem:
        return f"separate the items of [ ] with commas and close it with ']'{where}"
    if "expected ':'" in problem:
        return "add ': ' after the key, or join this line to the one above if it continues a value"
    if "expected key" in problem or "expected <block end>" in problem:
        return "indent this line like the keys of its mapping; text after a closing quote must be inside the quotes"
    if "alphabetic or numeric character" in problem:
        return "write a name right after '*' or '&', or quote the value if the character is text"
    if "block scalar" in context:
        return "after '|' or '>' start the text on the next line, indented"
    return "fix the YAML syntax at this point" + (f" (the parser was {context})" if context else "")
