"""Shared machinery of the document targets (runbook, onboarding, site).

facts/sheets/learning read the Plan into plain facts; templates arrange them
as Markdown (escape/mdparts keep playbook text inert); render turns Markdown
into HTML pages; diagram draws escalation graphs (Mermaid and inline SVG);
jsondoc writes runbook.json; search builds the site's search index.
"""
