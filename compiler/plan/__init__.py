"""Target-neutral plans: escalation graph, deadlines, steps, help-desk facts. May import playbook/ only."""
