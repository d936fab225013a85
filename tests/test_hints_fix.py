"""Every hint, followed, fixes the problem, and causes no new one.

Lint rules: the findings on a rule's Bad example (its docstring) either carry a
`fix`, which is applied here, or the rule sets `MANUAL_FIX` (why the change is
left to a person) and its Good example is the Bad one with the hint followed.
Either way the fixed text must no longer have the rule's finding, nor any
finding (of any check) that the Bad one did not have. A new rule cannot skip
this: without fixes and without `MANUAL_FIX` it fails here.

Loader, schema, value and reference checks: one bad input per hint, fixed by
the finding's own edits or, where a person must choose, by hand as the hint says.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import targets
from cli import main
from compiler.check import references
from compiler.check import schema as schema_check
from compiler.check.catalog import catalog
from compiler.check.fixes import FixError, apply
from compiler.check.rules import Rule, all_rules
from compiler.lint import fingerprint
from compiler.lint.pipeline import check_source, run_rules
from compiler.lint.settings import RuleSettings
from playbook import source
from playbook.build import build
from playbook.findings import Edit, Finding, Location, Severity
from playbook.source import assemble
from playbook.yamlload import Map, load_text
from schemas import load_schema
from tests.helpers import EXAMPLES, TODAY
from tests.test_rule_catalogue import doc_examples

RULES = all_rules()


def completed(text: str) -> str:
    """A documentation snippet with the sections every playbook has, appended so that lines stay put."""
    data = load_text("doc.yaml", text).data
    extra = ""
    if isinstance(data, Map):
        if "playbook" not in data:
            extra += "playbook: doc\n"
        if "priorities" not in data:
            ids = list(data["sla"]) if isinstance(data.get("sla"), Map) else ["P1"]
            extra += "priorities:\n" + "".join(f"  {pid}: {{title: {pid}}}\n" for pid in ids)
    return text.rstrip("\n") + "\n" + extra


Found = list[tuple[Finding, str]]  # each finding with its YAML path


def everything(text: str, requested: frozenset[str] = frozenset()) -> Found:
    """Every finding on `text`: loader, schema, values, references and every rule.

    Unlike `playbook lint`, the rules run even when references do not resolve:
    documentation snippets leave out most of a playbook.
    """
    loaded = load_text("doc.yaml", text)
    source = assemble("doc.yaml", [loaded])
    found = list(source.findings)
    if isinstance(loaded.data, Map):
        found += schema_check.check(source)
        if not any(f.severity is Severity.ERROR for f in found):
            book, problems = build(source.data)
            found += problems + references.check(book)
            if not problems:
                found += run_rules(book, RuleSettings(today=TODAY, targets=requested))
    paths = fingerprint.yaml_paths(loaded.data)
    return [(f, fingerprint.locate_path(paths, f)) for f in found]


def targets_of(rule: Rule, text: str) -> frozenset[str]:
    """What a build would request to see the rule fire on `text`: nothing for a plain `playbook lint`;
    for a target rule (PB5xx), each target that makes it fire, as a build of those targets would."""
    if not rule.code.startswith("PB5"):
        return frozenset()
    alone = {t for t in targets.TARGETS if any(f.code == rule.code for f, _ in everything(text, frozenset([t])))}
    return frozenset(alone or targets.TARGETS)


def new_findings(before: Found, after: Found) -> list[str]:
    """Findings of `after` that no finding of `before` matches by code and YAML path (the same problem with
    a new value) or by code and message (the same problem moved, e.g. a contact the snippet leaves out)."""
    known = {(f.code, path) for f, path in before} | {(f.code, f.message) for f, _ in before}
    return [
        f"{f.code} {f.location.line}:{f.location.column} {f.message}"
        for f, path in after
        if (f.code, path) not in known and (f.code, f.message) not in known
    ]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_following_a_rules_hint_fixes_its_bad_example(rule: Rule):
    examples = doc_examples(rule)
    bad = completed(examples["Bad"])
    requested = targets_of(rule, bad)
    before = everything(bad, requested)
    mine = [f for f, _ in before if f.code == rule.code]
    assert mine, f"{rule.code}'s Bad example does not fire"
    assert all(f.hint for f in mine), f"{rule.code}: every finding needs a hint"
    if rule.manual_fix:
        assert not any(f.fix for f in mine), f"{rule.code} has fixes, so it should not set MANUAL_FIX"
        fixed = completed(examples["Good"])
    else:
        assert all(f.fix for f in mine), (
            f"{rule.code}: give each finding a fix (ctx.finding(..., fix=[Edit(...)])), or set MANUAL_FIX to "
            "why the change is left to a person and make the Good example the Bad one with the hint followed"
        )
        fixed = apply(bad, [edit for f in mine for edit in f.fix])
    after = everything(fixed, requested)
    assert [f.message for f, _ in after if f.code == rule.code] == [], fixed
    assert new_findings(before, after) == [], fixed


def test_edits_replace_the_scalar_they_name_and_keep_its_quotes():
    text = 'a: 1:30\nb: "x"\n'
    assert apply(text, [Edit(Location("f", 1, 4), "1:30", "1h30m"), Edit(Location("f", 2, 4), "x", "y")]) == (
        'a: 1h30m\nb: "y"\n'
    )
    assert apply(text, [Edit(Location("f", 1, 1), "", "# top\n")]) == "# top\n" + text
    with pytest.raises(FixError):
        apply(text, [Edit(Location("f", 1, 4), "2:30", "x")])
    with pytest.raises(FixError):
        apply(text, [Edit(Location("f", 9, 1), "a", "b")])


# Loader, schema, value and reference checks. Each case changes the minimal example (which lints
# clean in a folder named examples, as its fictional contacts are) so that one check fires;
# `fixed` is the text with the hint followed by hand, or None when the finding's own edits are
# the fix. After the fix the playbook must lint clean again.
MINIMAL = (EXAMPLES / "minimal.yaml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Case:
    code: str
    bad: str | bytes | dict[str, str]  # a file's text or bytes, or a directory's files
    hint: str  # part of the expected hint
    fixed: str | dict[str, str] | None = None


def changed(old: str, new: str, text: str = MINIMAL) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def block(first: str, last: str) -> str:
    """The lines of MINIMAL from the one starting with `first` through the one starting with `last`."""
    lines = MINIMAL.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if i >= start and line.startswith(last))
    return "".join(lines[start : end + 1])


TEAM = "teams:\n  desk: {name: Desk, members: [helpdesk, owner]}\n"
CONTACTS, REST = MINIMAL.split("contacts:\n")

INPUT_CASES = {
    # PB001: YAML syntax, fixed by hand as each hint says
    "a tab used for indentation": Case(
        "PB001", changed("    title: Shop is down", "\ttitle: Shop is down"), "indent with spaces", MINIMAL
    ),
    "': ' inside an unquoted value": Case(
        "PB001",
        changed("definition: Customers cannot order at all.", "definition: Note: customers cannot order."),
        "quote the value",
        changed("definition: Customers cannot order at all.", 'definition: "Note: customers cannot order."'),
    ),
    "a quote left open": Case(
        "PB001", changed("definition: A question", "definition: 'A question"), "close the quote", MINIMAL
    ),
    "a value starting with @": Case(
        "PB001",
        changed("title: Shop is down", "title: @shop is down"),
        "quote the value",
        changed("title: Shop is down", 'title: "@shop is down"'),
    ),
    "an alias never defined": Case(
        "PB001",
        changed("title: Shop is down", "title: *shop is down*"),
        "quote the value if '*' is text",
        changed("title: Shop is down", 'title: "*shop is down*"'),
    ),
    "a flow mapping left open": Case(
        "PB001",
        changed("P2: {acknowledge: 8h, resolve: 3bd}", "P2: {acknowledge: 8h, resolve: 3bd"),
        "close it with '}'",
        MINIMAL,
    ),
    "a flow list left open": Case(
        "PB001",
        changed("examples: [Where is my order?]", "examples: [Where is my order?"),
        "close it with ']'",
        MINIMAL,
    ),
    "a key indented too far": Case(
        "PB001", changed("    calendar: shop\n", "     calendar: shop\n"), "indent this line", MINIMAL
    ),
    "a key without its colon": Case(
        "PB001", changed("    calendar: shop\n", "    calendar shop\n    owner\n"), "add ': ' after the key", MINIMAL
    ),
    "text after a block scalar indicator": Case(
        "PB001",
        changed("    definition: Customers cannot order at all.", "    definition: |Customers cannot order at all."),
        "start the text on the next line",
        changed(
            "    definition: Customers cannot order at all.", "    definition: |\n      Customers cannot order at all."
        ),
    ),
    "a list as a mapping key": Case(
        "PB001",
        changed("  P2: {acknowledge: 8h, resolve: 3bd}", "  ? [P2]\n  : {acknowledge: 8h, resolve: 3bd}"),
        "write the key as plain text",
        MINIMAL,
    ),
    "an anchor defined twice": Case(
        "PB001",
        changed("P1: {acknowledge", "P1: &fast {acknowledge").replace("P2: {ack", "P2: &fast {ack"),
        "another name",
        changed("P1: {acknowledge", "P1: &fast {acknowledge").replace("P2: {ack", "P2: &slow {ack"),
    ),
    # PB002
    "a key given twice": Case(
        "PB002",
        changed("    title: Shop is down\n", "    title: Shop is down\n    title: Shop down\n"),
        "remove one of the two",
        MINIMAL,
    ),
    "an id defined in two files": Case(
        "PB002",
        {"a.yaml": CONTACTS + "contacts:\n" + REST, "b.yaml": "contacts:\n" + REST},
        "keep one definition",
        {"a.yaml": CONTACTS + "contacts:\n" + REST},
    ),
    "ids that differ only in case": Case(
        "PB002",
        MINIMAL + "  Owner: {name: Sam Owner, kind: role, email: owner@cornershop.example, verified: 2026-11-25}\n",
        "differ in more than case",
        MINIMAL
        + "  shop-owner: {name: Sam Owner, kind: role, email: owner@cornershop.example, verified: 2026-11-25}\n",
    ),
    # PB003: YAML 1.1 reads text as something else; the fix is checked to fit the place
    "1:30 where a duration goes": Case("PB003", changed("after: 1h}", "after: 1:30}"), "write 1h30m"),
    "an unquoted phone number": Case("PB003", changed('phone: "+442079460123"', "phone: +442079460123"), "quote"),
    "9:30 where a time of day goes": Case(
        "PB003",
        MINIMAL
        + "staffing:\n  forecast:\n    email: {interval: 1h, handle_time: 6m, intervals: [{start: 9:30, volume: 4}]}\n",
        'quote this value: "09:30"',
    ),
    "no where text goes": Case("PB003", changed("title: Shop is down", "title: no"), 'quote this value: "no"'),
    # PB004
    "a Python tag": Case(
        "PB004", changed("title: Shop is down", "title: !!python/object:os.system Shop is down"), "remove the tag"
    ),
    "a standard tag on a value it does not fit": Case(
        "PB011", changed("title: Shop is down", "title: !!int Shop is down"), "remove the tag !!int"
    ),
    "a directory holding two playbooks": Case(
        "PB012",
        {"playbook.yaml": MINIMAL, "other.yaml": "playbook: another\n"},
        "give each playbook its own folder",
        {"playbook.yaml": MINIMAL},
    ),
    # PB005
    "a UTF-16 file": Case("PB005", MINIMAL.encode("utf-16"), "save the file as UTF-8", MINIMAL),
    "a Latin-1 file": Case(
        "PB005",
        changed("Corner Shop Support", "Corner Shop Support Café").encode("latin-1"),
        "save the file as UTF-8",
        changed("Corner Shop Support", "Corner Shop Support Café"),
    ),
    "a binary file": Case("PB005", b"\x7fELF\x02\x01\x01\x00\x00", "check the path", MINIMAL),
    # PB006
    "nesting far too deep": Case(
        "PB006",
        changed("organisation: {name: Corner Shop Support}", "organisation: " + "{a: " * 70 + "b" + "}" * 70),
        "flatten this structure",
        MINIMAL,
    ),
    "an alias inside its own anchor": Case(
        "PB006",
        changed("examples: [Where is my order?]", "examples: &loop [Where is my order?, *loop]"),
        "remove the alias",
        changed("examples: [Where is my order?]", "examples: &loop [Where is my order?]"),
    ),
    # PB007, PB008, PB009
    "a list at the top of a file": Case(
        "PB007", "- " + MINIMAL.replace("\n", "\n  ").rstrip() + "\n", "start the file with a section", MINIMAL
    ),
    "an empty file": Case("PB008", "", "add playbook sections", MINIMAL),
    "two documents in one file": Case(
        "PB009",
        {"playbook.yaml": CONTACTS + "---\ncontacts:\n" + REST},
        "split the rest into other files",
        {"playbook.yaml": CONTACTS, "contacts.yaml": "contacts:\n" + REST},
    ),
    # PB100: structure
    "a misspelt key": Case(
        "PB100", changed("    title: Shop is down", "    titel: Shop is down"), "did you mean 'title'"
    ),
    "a key that means nothing": Case(
        "PB100",
        changed("    title: Shop is down\n", "    title: Shop is down\n    colour: red\n"),
        "remove it, or use one of the allowed keys",
        MINIMAL,
    ),
    "a comma in a flow mapping's text": Case(
        "PB100",
        changed("helpdesk: {name: Help desk,", "helpdesk: {name: Help desk, north wing,"),
        "quote the text",
        changed("helpdesk: {name: Help desk,", 'helpdesk: {name: "Help desk, north wing",'),
    ),
    "a required key left out": Case(
        "PB100", changed("    title: Shop is down\n", ""), "add 'title:' (short title)", MINIMAL
    ),
    "a misspelt level": Case("PB100", changed("zendesk: urgent", "zendesk: urgnt"), "did you mean 'urgent'"),
    "a level that does not exist": Case(
        "PB100", changed("zendesk: urgent", "zendesk: critical"), "use one of", MINIMAL
    ),
    "priorities as a list": Case(
        "PB100",
        MINIMAL.replace(block("priorities:", "    levels: {zendesk: normal"), "priorities: [P1, P2]\n"),
        "write a mapping here (priority tiers, highest first)",
        MINIMAL,
    ),
    "a number where text goes": Case("PB100", changed("title: Shop is down", "title: 404"), 'quote this value: "404"'),
    "a duration in words": Case(
        "PB100", changed("after: 1h}", "after: 1 hour}"), "write a value like '15m', '1h30m' or '3d'", MINIMAL
    ),
    "an unknown language version": Case(
        "PB100",
        changed("playbook: corner-shop\n", "playbook: corner-shop\nversion: 2\n"),
        "write 1",
        changed("playbook: corner-shop\n", "playbook: corner-shop\nversion: 1\n"),
    ),
    "an id with a space": Case(
        "PB100",
        MINIMAL.replace("  P2:\n", "  P 2:\n").replace("  P2: {ack", "  P 2: {ack"),
        "rename it: an identifier",
        MINIMAL,
    ),
    "an id ending in .md": Case(
        "PB100",
        MINIMAL.replace("  P2:\n", "  P2.md:\n").replace("  P2: {ack", "  P2.md: {ack"),
        "not ending in '.md'",
        MINIMAL,
    ),
    "a team member listed twice": Case(
        "PB100",
        MINIMAL + TEAM.replace("[helpdesk, owner]", "[helpdesk, owner, helpdesk]"),
        "remove the repeat",
        MINIMAL + TEAM,
    ),
    "a title over 4000 characters": Case(
        "PB100", changed("title: Shop is down", "title: " + "x" * 4001), "shorten it to at most 4000", MINIMAL
    ),
    "a number above the maximum": Case(
        "PB100",
        changed("email: {intake", "email: {concurrency: 50, intake"),
        "use a number of at most 20",
        changed("email: {intake", "email: {concurrency: 20, intake"),
    ),
    # PB101: values of the right shape that mean nothing
    "a misspelt time zone": Case("PB101", changed("timezone: Europe/London", "timezone: Europe/Londn"), "did you mean"),
    "an unknown time zone": Case(
        "PB101", changed("timezone: Europe/London", "timezone: Mars/Olympus"), "use an IANA name", MINIMAL
    ),
    "the machine's own time zone": Case(
        "PB101",
        changed("timezone: Europe/London", "timezone: localtime"),
        "whatever zone the machine is set to",
        MINIMAL,
    ),
    "years the wrong way round": Case("PB101", changed('years: "2026-2027"', 'years: "2027-2026"'), "earlier year"),
    "years past 9998": Case(
        "PB101",
        changed('years: "2026-2027"', 'years: "2026-9999"'),
        "end the range by 9998",
        changed('years: "2026-2027"', 'years: "2026-9998"'),
    ),
    "a holiday past 9998": Case("PB101", changed("2026-12-26]", "9999-12-26]"), "correct the year", MINIMAL),
    "a day that does not exist": Case("PB101", changed("2026-12-26]", "2026-02-30]"), "a day that exists", MINIMAL),
    "an hour that does not exist": Case(
        "PB101", changed('"09:00-18:00"', '"09:00-25:00"'), "from 00:00 to 24:00", MINIMAL
    ),
    "a day range that is not one": Case("PB101", changed("mon-sat:", "daily-sat:"), "'mon-fri' or 'daily'", MINIMAL),
    "a range the wrong way round": Case(
        "PB101", changed("email: {intake", "email: {handle_time: 12m-7m, intake"), "smaller end first"
    ),
    "a service level over 100%": Case(
        "PB101",
        changed("email: {intake", "email: {service_level: 120% in 1h, intake"),
        "at most 100%",
        changed("email: {intake", "email: {service_level: 90% in 1h, intake"),
    ),
    "a channel of no known kind": Case(
        "PB101",
        MINIMAL.replace("  email: {intake", "  inbox: {intake").replace("", ""),
        "add 'type:'",
        MINIMAL.replace("  email: {intake", "  inbox: {type: email, intake"),
    ),
    "an unknown country": Case(
        "PB101",
        changed("holidays: [2026-12-25, 2026-12-26]", "holidays: [{country: XX}]"),
        "ISO 3166 alpha-2 code",
        changed("holidays: [2026-12-25, 2026-12-26]", "holidays: [{country: GB}]"),
    ),
    # PB102: references
    "a misspelt contact": Case("PB102", changed("to: owner,", "to: ownr,"), "did you mean 'owner'"),
    "a contact nobody defined": Case(
        "PB102", changed("to: owner,", "to: manager,"), "define 'manager' under 'contacts:' or 'teams:'", MINIMAL
    ),
    "a team and a contact with one id": Case(
        "PB102", MINIMAL + TEAM.replace("desk:", "owner:"), "rename the team or the contact", MINIMAL + TEAM
    ),
    # PB103
    "no playbook id": Case("PB103", changed("playbook: corner-shop\n", ""), "add 'playbook: playbook'"),
    "no priorities": Case(
        "PB103",
        MINIMAL.replace(block("priorities:", "    levels: {zendesk: normal"), ""),
        "with at least one priority",
        MINIMAL,
    ),
}
NO_TEXT_FIX = {"PB010": "the file cannot be read: the fix is to its path or permissions, not to any text"}


def lint_files(folder: Path, files: str | bytes | dict[str, str]) -> list[Finding]:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    named = files if isinstance(files, dict) else {"playbook.yaml": files}
    for name, content in named.items():
        target = folder / name
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    path = folder if isinstance(files, dict) else folder / "playbook.yaml"
    return check_source(source.load(str(path)), RuleSettings(today=TODAY)).findings


def test_the_minimal_example_lints_clean(tmp_path):
    assert lint_files(tmp_path / "examples", MINIMAL) == []


@pytest.mark.parametrize("name", sorted(INPUT_CASES))
def test_following_an_input_checks_hint_fixes_it(name, tmp_path):
    case = INPUT_CASES[name]
    before = lint_files(tmp_path / "examples", case.bad)
    mine = [f for f in before if f.code == case.code and case.hint in f.hint]
    assert mine, [f"{f.code} {f.message} || {f.hint}" for f in before]
    if case.fixed is None:
        assert isinstance(case.bad, str)
        assert all(f.fix for f in mine), "a case without a hand-made fix needs the finding's edits"
        fixed: str | dict[str, str] = apply(case.bad, [edit for f in mine for edit in f.fix])
    else:
        fixed = case.fixed
    after = lint_files(tmp_path / "examples", fixed)
    assert [f"{f.code} {f.location.line}:{f.location.column} {f.message}" for f in after] == []


def test_every_input_check_has_a_case_or_says_why_not():
    covered = {case.code for case in INPUT_CASES.values()} | set(NO_TEXT_FIX)
    inputs = {code for code, info in catalog().items() if info.kind == "input"}
    assert inputs - covered == set()


def test_the_json_report_carries_fixes_that_apply(tmp_path):
    folder = tmp_path / "examples"
    folder.mkdir()
    path = folder / "playbook.yaml"
    path.write_text(changed("to: owner,", "to: ownr,"), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path), "--today", "2026-11-26", "--format", "json"])
    document = json.loads(result.output)
    jsonschema.Draft7Validator(load_schema("lint-report")).validate(document)
    (finding,) = document["findings"]
    line = MINIMAL[: MINIMAL.index("to: owner,")].count("\n") + 1
    assert finding["fix"] == [{"path": str(path), "line": line, "column": 26, "old": "ownr", "new": "owner"}]
    edits = [Edit(Location(e["path"], e["line"], e["column"]), e["old"], e["new"]) for e in finding["fix"]]
    path.write_text(apply(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
    assert path.read_text(encoding="utf-8") == MINIMAL
