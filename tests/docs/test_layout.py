"""Page names, the escalation diagram's layout, the triage shuffle and Markdown-to-HTML details."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from targets.shared.docs import diagram, facts, learning
from targets.shared.docs.render import Page, to_html
from tests.docs.support import example_plan, plan_from_text, render

SAME_ROW = """\
playbook: t
priorities:
  P1: {title: Outage, owner: a}
contacts:
  a: {name: A}
  b: {name: B}
  c: {name: C}
escalation:
  - {from: a, to: b, after: 10m}
  - {from: a, to: c, after: 20m}
  - {from: b, to: c, after: 5m, kind: functional}
"""


def test_priority_pages_never_collide_with_document_pages_or_each_other():
    names = facts.page_names(["index", "P1", "p1", "Contacts", "runbook"])
    assert names == {
        "index": "priority-index",
        "P1": "P1",
        "p1": "priority-p1",
        "Contacts": "priority-Contacts",
        "runbook": "priority-runbook",
    }


def test_diagram_rows_follow_hops_and_same_row_edges_curve_below(tmp_path):
    doc = facts.priority_docs(plan_from_text(tmp_path, SAME_ROW))[0]
    svg = diagram.svg(doc)
    root = ET.fromstring(svg)  # well-formed XML
    ns = "{http://www.w3.org/2000/svg}"
    rects = {int(r.get("y")) for r in root.iter(f"{ns}rect") if r.get("height") == "44"}
    assert len(rects) == 2  # a on the first row, b and c on the second
    paths = [p.get("d") for p in root.iter(f"{ns}path") if p.get("d", "").startswith("M")]
    assert sum(" Q" in d for d in paths) == 1  # b -> c, side by side, dips under both boxes
    width = int(root.get("width"))
    assert all(float(t.get("x")) <= width for t in root.iter(f"{ns}text"))
    assert '    n1 -.->|"+5m · at 15m"| n2' in diagram.mermaid(doc).splitlines()


def test_a_priority_without_targets_says_so_instead_of_leaving_gaps(tmp_path):
    page = render("runbook", plan_from_text(tmp_path, SAME_ROW))["P1.md"].decode()
    assert page.startswith("# P1: Outage\n")
    assert "\nNo SLA targets are written for this priority.\n" in page
    assert "- No update cadence is set for this priority." in page


def test_owners_default_to_where_the_ladder_starts_when_no_owner_is_written(tmp_path):
    doc = facts.priority_docs(plan_from_text(tmp_path, SAME_ROW.replace(", owner: a", "")))[0]
    assert [p.id for p in doc.owners] == ["a"]
    assert diagram.mermaid(doc).splitlines()[1] == '    n0["A"]'


def test_triage_order_is_fixed_by_the_examples_and_changes_when_they_do(tmp_path):
    plan = example_plan("field-service")
    first = [t.text for t in learning.triage_tickets(plan)]
    assert first == [t.text for t in learning.triage_tickets(example_plan("field-service"))]
    written = [e for pp in plan.priorities for e in pp.priority.examples]
    assert sorted(first) == sorted(written) and first != written
    plan.priorities[0].priority.examples.append("Water leak in the plant room")
    assert [t.text for t in learning.triage_tickets(plan)] != first


def test_curriculum_total_is_compared_with_the_band():
    assert learning.band_words((40, 60), (40, 80)) == "within the band 40–80 hours"
    assert learning.band_words((20, 30), (40, 80)) == "below the band 40–80 hours"
    assert learning.band_words((90, 95), (40, 80)) == "above the band 40–80 hours"
    assert learning.band_words((30, 90), (40, 80)) == "partly outside the band 40–80 hours"
    assert learning.band_words((30, 90), None) == "no band is stated"


def test_band_that_counts_other_work_says_so():
    includes = ("classroom", "shadowing", "supervised")
    assert (
        learning.band_words((22, 32), (40, 80), includes)
        == "part of the band 40–80 hours, which also counts shadowing and supervised work"
    )
    assert learning.band_words((70, 90), (40, 80), includes).startswith("above the band 40–80 hours")
    assert learning.band_words((22, 32), (40, 80), ("shadowing",)) == "the band 40–80 hours counts shadowing only"


def test_html_links_point_at_html_pages_and_headings_get_unique_ids():
    page = Page(
        "x",
        "X",
        "X",
        "# T\n\n## Same\n\n## Same\n\n[P1](P1.md) [anchor](P1.md#escalation-ladder) [web](https://a.example/x.md)\n",
    )
    html = to_html(page)
    assert '<h2 id="same">' in html and '<h2 id="same-2">' in html
    assert 'href="P1.html"' in html and 'href="P1.html#escalation-ladder"' in html
    assert 'href="https://a.example/x.md"' in html
