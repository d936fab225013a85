"""The files `playbook init` writes: a small commented starter playbook and its lint configuration.

The starter lints with no findings on any day (it holds no dates that age) and
builds every target without a warning. Its two contacts are placeholders: each
carries a `lint:` suppression that says so, and the configuration reports a
suppression once it hides nothing, so replacing a placeholder leads the user to
delete the suppression and verify the real details.
"""

from __future__ import annotations

import os
from pathlib import Path

from playbook.source import UsageError

PLAYBOOK_FILE = "playbook.yaml"
CONFIG_FILE = ".playbook.yaml"

PLAYBOOK = """\
# A starter playbook written by `playbook init`: your support team's service rules.
# Change it to describe your own service; `playbook lint` checks every edit, and
# docs/language.md in the playbook repository describes every key.
playbook: my-support                   # an id: letters, digits, '-', '_' and '.'
organisation: {name: My Support Team}
timezone: Europe/London                # the IANA time zone your team works in

# When the team is at work. Targets count business hours on a calendar that is not
# 24/7: the clock stops when it closes. Add days off with, for example,
#   holidays: [{country: GB}]          # a country's public holidays (or dates: 2027-01-01)
calendars:
  office: {weekly: {mon-fri: "09:00-17:30"}}

# How tickets arrive. `intake` is how soon a new ticket must reach someone.
channels:
  email: {intake: 1h}
  web: {name: Web form, intake: 1h}

# Priority tiers, most urgent first. `owner` holds a new ticket; `levels` names
# each help desk's own priority level for it.
priorities:
  P1:
    title: Service is down
    definition: Customers cannot use the service at all.
    examples: [Nobody can sign in]
    calendar: office
    owner: helpdesk
    levels: {zendesk: urgent, freshdesk: 4}
  P2:
    title: Everything else
    definition: A question, or a problem for one customer.
    examples: [How do I change my password?]
    calendar: office
    owner: helpdesk
    levels: {zendesk: normal, freshdesk: 2}

# Targets per priority: first response (acknowledge), status updates, resolution.
# 1bd is one business day of the calendar; override one channel with
#   channels: {web: {acknowledge: 2h}}
sla:
  P1: {acknowledge: 1h, update_every: 2h, resolve: 1bd}
  P2: {acknowledge: 8h, resolve: 3bd}

# Who gets the ticket next, and when (counted from when `from` got it).
escalation:
  - {from: helpdesk, to: team-lead, after: 2h}

# Where alert, escalation and update messages are posted (the slack and teams targets).
# `webhook` names the environment variable that holds the webhook URL: never write the
# URL itself here, it is a secret.
rooms:
  support:
    slack: {channel: "#support", webhook: env:SLACK_SUPPORT_WEBHOOK}
    teams: {channel: "Support / General", webhook: env:TEAMS_SUPPORT_WEBHOOK}
    default: true

# People and shared inboxes. These two are placeholders (`.example` addresses reach
# nobody), so each carries a `lint:` suppression saying so. Write the real details,
# check they work, add `verified: YYYY-MM-DD` (the day you checked), and delete the
# `lint:` line; the configuration reports a suppression that no longer hides anything.
contacts:
  helpdesk:
    name: Help desk
    kind: role
    email: help@my-support.example
    lint: {PB220: "placeholder from playbook init", PB221: "placeholder from playbook init"}
  team-lead:
    name: Team lead
    email: lead@my-support.example
    lint: {PB220: "placeholder from playbook init", PB221: "placeholder from playbook init"}
"""

CONFIG = """\
# Lint configuration for the playbooks in this folder and below, written by `playbook init`.
# Every key is optional; "Configuration" in the playbook README lists them all.
warn_unused_suppressions: true     # report a suppression once it hides nothing
# fail_on: warning                 # fail on warnings too, not only errors
# rules:
#   PB220: {max_age_days: 30}      # how recently contact details must have been checked
"""

FILES = {PLAYBOOK_FILE: PLAYBOOK, CONFIG_FILE: CONFIG}


class ExistingFile(UsageError):
    """A file `init` would write is already there: nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; init never replaces a file, so nothing was written")
        self.path = path


def write_starter(directory: Path) -> list[Path]:
    """Write the starter files into `directory` (created if missing); never replace a file.

    Raises ExistingFile, having written nothing, when one of them exists, and UsageError when the
    folder refuses (permissions, a file in the way).
    """
    try:
        return _write(directory)
    except OSError as exc:
        raise UsageError(f"cannot write into {directory}: {exc.strerror}") from None


def _write(directory: Path) -> list[Path]:
    paths = [directory / name for name in FILES]
    for path in paths:
        if os.path.lexists(path):
            raise ExistingFile(path)
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for path in paths:
            # O_EXCL: a file that appeared since the check above is refused, not replaced.
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                raise ExistingFile(path) from None
            written.append(path)
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(FILES[path.name])
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
