"""Paging: when each node of a priority's escalation ladder is first reached, and how on-call tools express it.

`ladder` is target-neutral (it reads the compiled plan); `pagerduty` and
`opsgenie` hold each product's documented timing semantics and limits and
convert the ladder's start times to the product's delays and back. The PB5xx
rules and the renderers both use them, so what the linter warns about is what
the build does. May import `compiler.plan.plan` and the model; never `targets`.
"""
