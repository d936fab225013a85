"""Checks a loaded playbook (schema, references, graph, rules) and builds target-neutral plans."""
