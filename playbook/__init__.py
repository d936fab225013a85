"""The playbook language: loading YAML into a typed model that keeps source locations."""

from __future__ import annotations

__version__ = "0.1.0"
