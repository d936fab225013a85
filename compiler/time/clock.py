"""What "today" is for date-based rules: the one place the wall clock is read.

Rules that judge dates (a contact verified too long ago, a calendar whose years
have ended, the week a ladder is walked through) must give the same answer in
CI tomorrow as today, so "today" can be pinned. The first of these wins:

1. `--today YYYY-MM-DD` on the command line (lint, build, diff, plan, apply, import);
2. the environment variable `PLAYBOOK_TODAY` (e.g. set once for a CI job);
3. `today: YYYY-MM-DD` in the lint configuration (the bundled examples pin theirs);
4. the machine's date.
"""

from __future__ import annotations

import datetime as dt
import os
import re

ENV = "PLAYBOOK_TODAY"
# Deadlines are computed in 1900-2199 (compiler.time.businesstime); rules walk the week around
# today, so today keeps a year's margin from either end.
FIRST_YEAR, LAST_YEAR = 1901, 2198


class BadDate(ValueError):
    """A pinned date that is not YYYY-MM-DD; the message says where it came from."""


def parse(text: str, origin: str) -> dt.date:
    """`text` as a calendar date; `origin` names where it came from for the error message."""
    # fromisoformat also takes 20261126 and 2026-W48-4; a pinned date should read as one.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            date = dt.date.fromisoformat(text.strip())
        except ValueError:
            pass
        else:
            if FIRST_YEAR <= date.year <= LAST_YEAR:
                return date
            raise BadDate(f"{origin}: {text.strip()!r} is outside the years {FIRST_YEAR}-{LAST_YEAR} playbook works in")
    raise BadDate(f"{origin}: {text[:40]!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-26")


def pinned_on_command_line(value: str | None) -> dt.date | None:
    """--today as a date, after checking PLAYBOOK_TODAY too, so that a bad one is a usage error at once.

    Raises BadDate.
    """
    if os.environ.get(ENV, "").strip():
        parse(os.environ[ENV], ENV)
    return parse(value, "--today") if value is not None else None


def today(pinned: dt.date | None = None, configured: dt.date | None = None) -> dt.date:
    """Today's date by the precedence above: `pinned` from the command line, the environment, `configured`."""
    if pinned is not None:
        return pinned
    from_env = os.environ.get(ENV, "").strip()
    if from_env:
        return parse(from_env, ENV)
    if configured is not None:
        return configured
    return _machine_date()


def _machine_date() -> dt.date:
    # A function of its own so tests can move the machine's clock without libfaketime.
    return dt.date.today()
