"""`playbook diff` output: plain text for a terminal, Markdown for a pull-request comment."""

from __future__ import annotations

from compiler.diff.kinds import SECTIONS, Diff

_FLAG_MD = "⚠️"
_WHAT = "priorities, SLA targets, SLA policies, escalation, paging, rotas, alert routing, contacts or calendars"


def text(diff: Diff) -> str:
    lines = [f"{diff.base} -> {diff.head}"]
    if not diff.changes:
        return lines[0] + f"\nno changes to {_WHAT}\n"
    for section, title in SECTIONS.items():
        changes = diff.section(section)
        if not changes:
            continue
        lines.append(f"\n{title}")
        width = max(len(c.subject) for c in changes)
        for change in changes:
            mark = "!" if change.flagged else " "
            values = _values(change.old, change.new, " -> ")
            detail = f"  ({change.detail})" if change.detail else ""
            lines.append(f"  {mark} {change.subject:<{width}}  {change.action:<10}  {values}{detail}".rstrip())
    lines.append("")
    lines.append(_verdict(diff, "marked !").replace("**", ""))
    return "\n".join(lines) + "\n"


def markdown(diff: Diff) -> str:
    lines = [f"### Playbook changes: `{diff.base}` → `{diff.head}`", ""]
    if not diff.changes:
        lines.append(f"No changes to {_WHAT}.")
        return "\n".join(lines) + "\n"
    lines += [_verdict(diff, f"marked {_FLAG_MD}"), ""]
    for section, title in SECTIONS.items():
        changes = diff.section(section)
        if not changes:
            continue
        lines += [f"#### {title}", "", "| | What | Change | Before | After | Note |", "|---|---|---|---|---|---|"]
        for change in changes:
            mark = _FLAG_MD if change.flagged else ""
            cells = (change.subject, change.action, change.old, change.new, change.detail)
            lines.append(f"| {mark} | " + " | ".join(_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _values(old: str, new: str, arrow: str) -> str:
    if old and new:
        return f"{old}{arrow}{new}"
    return old or new


def _verdict(diff: Diff, marker: str) -> str:
    total = len(diff.changes)
    flagged = len(diff.flagged)
    changes = f"{total} change{'s' if total != 1 else ''}"
    if not flagged:
        return f"{changes}; none loosens an SLA target or removes an escalation step."
    weakening = f"{flagged} loosen{'s' if flagged == 1 else ''} the service"
    return (
        f"{changes}; **{weakening}** ({marker}): a slower or removed SLA target, a later or removed escalation "
        "step, an SLA policy removed, reordered or re-scoped, or a calendar that closes where it was open."
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
