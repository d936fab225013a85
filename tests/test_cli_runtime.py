"""The CLI's speed measures leave the calling process as they found it."""

from __future__ import annotations

import gc

from click.testing import CliRunner

from cli import main
from tests.helpers import EXAMPLES


def test_lint_pauses_the_garbage_collector_only_while_it_runs():
    assert gc.isenabled()
    result = CliRunner().invoke(main, ["lint", str(EXAMPLES / "minimal.yaml")])
    assert result.exit_code == 0 and gc.isenabled()
    gc.disable()
    try:
        CliRunner().invoke(main, ["lint", str(EXAMPLES / "missing.yaml")])
        assert not gc.isenabled()
    finally:
        gc.enable()
