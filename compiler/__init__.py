"""Checks a loaded playbook and builds target-neutral plans, in five sub-packages by job.

Lowest first; each may import only `playbook/`, `schemas/` and the sub-packages before it
(tests/test_architecture.py holds this):

- `compiler.plan`: the escalation graph and the target-neutral plan (deadlines, steps, help-desk facts);
- `compiler.time`: business time, SLA clocks, simulation and staffing maths, and their reports;
- `compiler.check`: schema, references and lint rules, and the catalogue of finding codes;
- `compiler.lint`: the lint application: pipeline, configuration, suppressions, baseline, reports;
- `compiler.diff`: what changed between two versions of a playbook.
"""
