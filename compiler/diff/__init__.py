"""What changed between two versions of a playbook, and its report. May import playbook/ and all of compiler/."""
