"""Share work between the targets of one build: they all render from the same plan."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

Result = TypeVar("Result")


def reuse_last(function: Callable[[Any], Result]) -> Callable[[Any], Result]:
    """Return the previous result when called again with the very same object.

    `playbook build -t runbook -t site` renders both from one plan; the site then
    reuses the runbook's documents and their parsed Markdown instead of
    building and parsing them again (half of a 10,000-contact build). Only the
    last call is kept, so a long-lived process holds at most one plan's worth.
    """
    last: list[Any] = [None, None]

    @functools.wraps(function)
    def wrapper(argument: Any) -> Result:
        if last[0] is not argument:
            last[1] = function(argument)
            last[0] = argument
        return last[1]  # type: ignore[no-any-return]

    return wrapper
