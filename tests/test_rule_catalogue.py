"""Every rule is documented, uniquely named, tested, and listed in the README."""

from __future__ import annotations

import re
import textwrap

import pytest
from click.testing import CliRunner

import targets
from cli import main
from compiler.check.catalog import catalog
from compiler.check.ruledoc import markdown_table, replace_table, table_in
from compiler.check.rules import Context, Rule, all_rules
from playbook.build import build
from playbook.yamlload import Map, load_text
from tests.helpers import ROOT, TODAY

RULES = all_rules()


def doc_examples(rule: Rule) -> dict[str, str]:
    """The YAML under the docstring's 'Bad:' and 'Good:' headings."""
    lines = rule.doc.splitlines()
    found: dict[str, str] = {}
    for index, line in enumerate(lines):
        heading = line.strip()
        if heading not in ("Bad:", "Good:"):
            continue
        body = []
        indent = len(line) - len(line.lstrip())
        for following in lines[index + 1 :]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            body.append(following)
        found[heading[:-1]] = textwrap.dedent("\n".join(body)).strip("\n")
    return found


def run_on_snippet(rule: Rule, text: str) -> list:
    """Run one rule on a documentation snippet, completed with the sections every playbook has."""
    loaded = load_text("doc.yaml", text)
    assert loaded.findings == [], loaded.findings
    data = loaded.data
    if "priorities" not in data:
        data["priorities"] = Map()
        for pid in data.get("sla") or ["P1"]:
            data["priorities"][pid] = Map()
            data["priorities"][pid]["title"] = pid
    book, problems = build(data)
    assert problems == []
    # Target rules (PB5xx) run only when a build asks for a target: request every one for
    # them; the other rules' examples are what a plain `playbook lint` sees.
    requested = frozenset(targets.TARGETS) if rule.code.startswith("PB5") else frozenset()
    context = Context(rule, options=dict(rule.options), today=TODAY, targets=requested)
    return list(rule.check(book, context))


def test_codes_and_names_are_unique_and_well_formed():
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for rule in RULES:
        assert re.fullmatch(r"PB[2-9]\d\d", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert rule.module.rsplit(".", 1)[-1].startswith(rule.code.lower() + "_"), rule.module


def test_there_are_at_least_twenty_rules():
    assert len(RULES) >= 20


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_docstring_explains_why_with_a_bad_and_a_good_example(rule):
    assert rule.summary.endswith("."), rule.summary
    assert "Why:" in rule.doc
    examples = doc_examples(rule)
    assert set(examples) == {"Bad", "Good"}, f"{rule.code} needs 'Bad:' and 'Good:' YAML examples"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_bad_example_fires_and_good_example_is_quiet(rule):
    examples = doc_examples(rule)
    assert run_on_snippet(rule, examples["Bad"]), f"{rule.code}'s Bad example does not fire"
    assert run_on_snippet(rule, examples["Good"]) == [], f"{rule.code}'s Good example fires"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_its_own_test_file(rule):
    found = list((ROOT / "tests").rglob(f"test_{rule.code.lower()}_*.py"))
    assert found, f"add tests/rules/test_{rule.code.lower()}_{rule.name.replace('-', '_')}.py"


def test_readme_rules_table_matches_the_registered_rules():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table_in(readme) == markdown_table(), (
        "the README's rule table is out of date: run `playbook rules --markdown` "
        "and paste its output between the rules-table markers"
    )


def test_markdown_table_lists_every_rule_and_suppression_check_once():
    table = markdown_table()
    listed = re.findall(r"^\| (PB\d{3}) \|", table, re.M)
    expected = [code for code, info in catalog().items() if info.kind != "input"]
    assert listed == expected
    assert "| PB220 | `contact-not-verified` | warning |" in table
    assert "`max_age_days: 7`" in table


def test_rules_markdown_command_prints_the_table():
    result = CliRunner().invoke(main, ["rules", "--markdown"])
    assert result.exit_code == 0
    assert result.output == markdown_table()


def test_replace_table_keeps_the_text_around_the_markers():
    readme = "intro\n<!-- rules-table:start -->\nold\n<!-- rules-table:end -->\noutro\n"
    assert replace_table(readme, "| new |\n") == (
        "intro\n<!-- rules-table:start -->\n| new |\n<!-- rules-table:end -->\noutro\n"
    )
    with pytest.raises(ValueError):
        replace_table("no markers", "x")
