"""Checks: schema, references, lint rules, finding catalogue. May import playbook/, schemas/, compiler.plan/.time."""
