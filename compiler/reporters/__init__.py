"""Output formats for lint results. Each is a pure function of the findings."""
