"""Apply the edits findings carry (`Finding.fix`) to a file's text.

An edit names the scalar written at a line and column and its replacement
(see `playbook.findings.Edit`). Applying one checks that the text there is
what the edit expects, so an edit computed from one version of a file never
lands in another.
"""

from __future__ import annotations

from collections.abc import Iterable

from playbook.findings import Edit


class FixError(Exception):
    """An edit does not match the text it is applied to, or two edits overlap."""


def apply(text: str, edits: Iterable[Edit]) -> str:
    """`text` with every edit made."""
    starts = _line_starts(text)
    spans: list[tuple[int, int, str]] = []
    for edit in edits:
        start, end = _span(text, starts, edit)
        spans.append((start, end, edit.new))
    spans.sort()
    for (_, first_end, _), (second_start, _, _) in zip(spans, spans[1:], strict=False):
        if second_start < first_end:
            raise FixError("two edits change the same text")
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def matches(text: str, edit: Edit) -> bool:
    """Whether `edit` names text that is there: an edit a finding offers must apply."""
    try:
        _span(text, _line_starts(text), edit)
    except FixError:
        return False
    return True


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def _span(text: str, starts: list[int], edit: Edit) -> tuple[int, int]:
    loc = edit.location
    if not 1 <= loc.line < len(starts) or loc.column < 1:
        raise FixError(f"{loc}: no such place in the file")
    offset = starts[loc.line - 1] + loc.column - 1
    if text.startswith(edit.old, offset):
        return offset, offset + len(edit.old)
    quote = text[offset : offset + 1]
    if quote in ("'", '"') and text.startswith(edit.old + quote, offset + 1):
        return offset + 1, offset + 1 + len(edit.old)
    found = text[offset : offset + max(len(edit.old), 1) + 2]
    raise FixError(f"{loc}: expected {edit.old!r}, found {found!r}")
