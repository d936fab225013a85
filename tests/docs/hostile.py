"""A playbook whose every free-text field tries to become markup, a link, a template or a script."""

from __future__ import annotations

SCRIPT = "<script>alert(1)</script>"
LINK = "[x](javascript:alert(1))"
JINJA = "{{ 7*7 }}"

PLAYBOOK = """\
playbook: hostile
organisation:
  name: "</title><script>alert('org')</script>"
  status_page: "javascript:alert(1)"
  emergency_line: evil
timezone: UTC
calendars:
  always: 24/7
channels:
  chat: {name: "<b>chat</b> | pipe", intake: 5m, service_level: 90% in 60s}
priorities:
  P1:
    title: "[x](javascript:alert(1))"
    definition: "{{ 7*7 }} {% if true %}yes{% endif %} <img src=x onerror=alert(1)>"
    examples:
      - "<script>alert(1)</script>"
      - "# Heading\\n- list item\\n```\\ncode"
      - "![img](javascript:alert(1)) <https://evil.example> *em* _u_ | cell |"
    calendar: always
    owner: evil
    incident_commander: evil
    status_page: true
sla:
  P1: {acknowledge: 15m, update_every: 30m}
escalation:
  - {from: evil, to: boss, after: 30m, note: "\\"] --> x[\\"pwn click x call alert(1) ```"}
contacts:
  evil:
    name: "<script>alert(1)</script>"
    title: "{{ 7*7 }}"
    email: "a\\"onmouseover=alert(1)@x.example"
    phone: "+15555550100"
    notes: "&lt;script&gt; and &amp;"
    verified: 2026-11-25
  boss: {name: "Boss\\"] ; click n0 href \\"javascript:alert(1)\\"", phone: "+15555550101", verified: 2026-11-25}
compliance:
  notes: ["[click](javascript:alert(1))"]
closure:
  message: "<iframe src=//evil.example></iframe>"
  survey: "{% raw %}{{ config }}{% endraw %}"
onboarding:
  curriculum:
    - {topic: "<script>alert('topic')</script>", hours: 4}
qa:
  rubric:
    - {item: "| a | b |", points: 10}
"""
