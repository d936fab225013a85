"""Time engine: business hours, SLA clocks, simulation, staffing maths. May import playbook/, compiler.plan."""
