"""Lint application: pipeline, config, suppressions, baseline, reports. May import playbook/, schemas/, compiler.*
except compiler.diff."""
