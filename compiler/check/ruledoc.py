"""The rules table (`playbook rules --markdown`, the README's rule list) and each rule's page, from one catalogue."""

from __future__ import annotations

import textwrap

from compiler.check.catalog import CodeInfo, catalog, lookup
from compiler.check.rules import find_rule
from playbook.source import UsageError

START = "<!-- rules-table:start -->"
END = "<!-- rules-table:end -->"


def listed() -> list[CodeInfo]:
    """What `playbook rules` lists: lint rules and configuration/suppression checks, by code."""
    return [info for info in catalog().values() if info.kind != "input"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").strip()


def _yaml(value: object) -> str:
    """An option's default as it would be written in a configuration file."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return str(value)


def _options(code: str) -> str:
    rule = find_rule(code)
    if rule is None or not rule.options:
        return ""
    return ", ".join(f"`{name}: {_yaml(value)}`" for name, value in rule.options.items())


def markdown_table() -> str:
    """A Markdown table of every listed rule, one row per code."""
    rows = ["| Code | Name | Severity | What it checks | Options |", "|---|---|---|---|---|"]
    for info in listed():
        cells = (info.code, f"`{info.name}`", str(info.severity), _cell(info.summary), _options(info.code))
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def replace_table(readme: str, table: str) -> str:
    """`readme` with the text between the rules-table markers replaced by `table`."""
    head, found_start, rest = readme.partition(START)
    middle, found_end, tail = rest.partition(END)
    if not (found_start and found_end):
        raise ValueError(f"the README has no {START} ... {END} markers")
    return f"{head}{START}\n{table}{END}{tail}"


def table_in(readme: str) -> str:
    """The text currently between the markers."""
    return readme.partition(START)[2].partition(END)[0].lstrip("\n")


def rule_list() -> str:
    """`playbook rules`: one line per rule and check."""
    return "".join(f"{info.code}  {info.name:<34} {str(info.severity):<8} {info.summary}\n" for info in listed())


def rule_help(info: CodeInfo) -> str:
    """`playbook rules CODE`: the documentation of one rule or check, with its options."""
    text = f"{info.code} {info.name} (default severity: {info.severity})\n\n" + info.help.rstrip() + "\n\n"
    rule = find_rule(info.code)
    if rule is not None and rule.options:
        text += "Options (defaults):\n" + "".join(f"  {name}: {value!r}\n" for name, value in rule.options.items())
    return text


def rule_markdown(info: CodeInfo) -> str:
    """`playbook rules --markdown CODE`: one rule's documentation as Markdown, for a wiki or a review comment.

    The text of `rule_help`, with a heading, and each example (an indented block under `Bad:` or
    `Good:`) as a YAML code block.
    """
    out = [f"## {info.code} `{info.name}`", "", f"Default severity: {info.severity}.", ""]
    lines = info.help.rstrip().splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line not in ("Bad:", "Good:"):
            out.append(line)
            continue
        end = index
        while end < len(lines) and (lines[end].startswith(" ") or _blank_inside(lines, end)):
            end += 1
        example = textwrap.dedent("\n".join(lines[index:end])).strip("\n")
        out += [f"**{line}**", "", "```yaml", example, "```"]
        index = end
    rule = find_rule(info.code)
    if rule is not None and rule.options:
        out += ["", "Options (defaults):", ""]
        out += [f"- `{name}: {_yaml(value)}`" for name, value in rule.options.items()]
    return "\n".join(out) + "\n"


def _blank_inside(lines: list[str], index: int) -> bool:
    """A blank line within an indented block: the next line that is not blank is still indented."""
    rest = [line for line in lines[index:] if line.strip()]
    return not lines[index].strip() and bool(rest) and rest[0].startswith(" ")


def page(code: str | None, markdown: bool) -> str:
    """`playbook rules [CODE] [--markdown]`: the list (as the README's table with `markdown`), or CODE's
    documentation (as Markdown with `markdown`). An unknown CODE is a UsageError."""
    if code is None:
        return markdown_table() if markdown else rule_list()
    info = lookup(code)
    if info is None:
        raise UsageError(f"no rule {code!r}; run 'playbook rules' for the list")
    return rule_markdown(info) if markdown else rule_help(info)
