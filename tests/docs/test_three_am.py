"""Runbooks a tired person can follow: what comes first on a page, numbers, the ladder, the card."""

from __future__ import annotations

from compiler.plan.phones import phone
from tests.docs.support import example_plan, plan_from_text, render
from tests.docs.test_layout import SAME_ROW


def _field(name: str) -> str:
    return render("runbook", example_plan("field-service"))[name].decode()


def _sections(page: str) -> list[str]:
    return [line[3:] for line in page.splitlines() if line.startswith("## ")]


def test_a_priority_page_starts_with_what_to_do_then_the_ladder_then_the_targets():
    page = _field("P1.md")
    assert _sections(page)[:4] == ["Do this first", "Escalation ladder", "Response targets", "How to recognise it"]
    first = page.split("## Do this first\n", 1)[1].split("\n## ", 1)[0]
    assert "1. **Acknowledge within 15 minutes** of the ticket opening" in first
    assert (
        "2. **Call the incident commander now:** **Luis Romero**, Service Manager — [+1 615-555-0102](tel:+16155550102)"
        in first
    )
    assert "3. **At 30 minutes, if it is not mitigated yet:** it goes to **Dana Whitfield**" in first
    assert "4. **Post updates** to the customer every 30 minutes, and on the public status page." in first


def test_per_channel_targets_are_one_compact_table_without_queue_service_levels():
    page = _field("P1.md")
    targets = page.split("## Response targets\n", 1)[1].split("\n## ", 1)[0]
    assert "| Channels | First response | Update every | Mitigate | Resolve |" in targets
    assert "| Phone, Chat, Email, Web form | 15 minutes | 30 minutes | 4 hours | 4 hours |" in targets
    assert "80%" not in page and "answer" not in targets.lower()
    care = render("runbook", example_plan("online-care"))["P0.md"].decode()
    assert "| Phone, Chat | 5 minutes | 15 minutes | 1 hour | 4 hours |" in care
    assert "| Email | 15 minutes | 15 minutes | 1 hour | 4 hours |" in care


def test_queue_service_levels_live_in_the_team_section_of_the_index():
    index = _field("index.md")
    team = index.split("## Queue targets (for the team)\n", 1)[1].split("\n## ", 1)[0]
    assert "| Phone | 80% within 20 seconds | — | at most 5% | 7 minutes to 12 minutes |" in team
    assert "80%" not in _field("quick-reference.md")


def test_phone_numbers_read_grouped_and_dial_exactly_what_was_written():
    assert phone("+16155550102").display == "+1 615-555-0102"
    assert phone("+442079460100").display == "+44 20 7946 0100"
    assert phone("+16155550102").tel == "tel:+16155550102"
    unparseable = phone("+999123")
    assert (unparseable.display, unparseable.tel) == ("+999123", "tel:+999123")
    sheet = _field("contacts.md")
    assert "[+1 615-555-0101](tel:+16155550101)" in sheet and "+16155550101]" not in sheet


def test_someone_reached_by_two_paths_is_listed_once_at_the_first_time(tmp_path):
    page = render("runbook", plan_from_text(tmp_path, SAME_ROW))["P1.md"].decode()
    ladder = page.split("## Escalation ladder\n", 1)[1].split("```mermaid", 1)[0]
    assert ladder.count("**C**") == 1
    assert "3. **At 15 minutes**, if it is still unresolved: bring in **C**" in ladder
    assert "Also reached at 20 minutes, from A." in ladder
    assert page.count("n0 -->") + page.count("n1 -.->") == 3  # the diagram still draws every path


def test_quick_reference_draws_each_ladder_as_its_tree_with_numbers():
    card = _field("quick-reference.md")
    tree = card.split("- **P1: Outage or critical safety issue** (calendar hours)\n", 1)[1].split("\n- **P2", 1)[0]
    assert tree.splitlines() == [
        "  - Duty Coordinator [+1 615-555-0100](tel:+16155550100)",
        "    - 30m: Dana Whitfield [+1 615-555-0101](tel:+16155550101)",
        "      - 45m, bring in: Field Dispatch On-Call [+1 615-555-0104](tel:+16155550104)",
        "      - 1h: Luis Romero [+1 615-555-0102](tel:+16155550102)",
        "        - 4h: Priya Natarajan [+1 615-555-0103](tel:+16155550103)",
    ]


def test_the_diagram_has_a_legend_drawn_from_its_own_first_arrow():
    page = _field("P1.md")
    assert (
        "How to read the diagram: a solid arrow escalates (that person takes the ticket); a dashed arrow brings "
        'someone in to help (the ticket stays where it is). "+30m · at 30m" on an arrow means 30 minutes after '
        "Duty Coordinator got the ticket, 30 minutes after it was opened."
    ) in page


def test_onboarding_links_to_the_runbooks_and_the_contact_sheet_where_they_are_built():
    beside = render("onboarding", example_plan("field-service"))["onboarding.md"].decode()
    assert "[runbooks](../runbook/index.md)" in beside and "[contact sheet](../runbook/contacts.md)" in beside
    assert "[P1](../runbook/P1.md)" in beside
    site = render("site", example_plan("field-service"))["onboarding.html"].decode()
    assert 'href="index.html"' in site and 'href="contacts.html"' in site and 'href="P1.html"' in site
    html = render("onboarding", example_plan("field-service"))["onboarding.html"].decode()
    assert 'href="../runbook/contacts.html"' in html
