"""What `playbook plan`, `apply` and `import` do between the command line and the engine."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playbook.findings import Severity
from playbook.source import HasErrors
from targets.shared.docs.words import plural
from targets.shared.live import adoption as adoption_file
from targets.shared.live import importfiles, importpolish, pairing, report, saved
from targets.shared.live.adoption import Adoption
from targets.shared.live.applying import ApplyFailed, apply_plan
from targets.shared.live.engine import Adapter, LivePlan, make_plan
from targets.shared.live.http import VENDORS, Client, LiveError, Settings, settings_from_env


def adapter(target: str) -> Adapter:
    return importlib.import_module(f"targets.{target}.live").ADAPTER  # type: ignore[no-any-return]


def connect(target: str, url: str | None, on_wait: Callable[[str], None] | None = None, **options: Any) -> Client:
    """A client for the account named by --url or the environment (a LiveError when incomplete)."""
    return Client(settings_from_env(target, url), on_wait=on_wait, **options)


def bundle(path: str, target: str, today: dt.date | None = None) -> tuple[dict[str, bytes], Adoption | None]:
    """What PATH compiles to for `target`, and the hand-made objects it adopted (adopted.<target>.json in its
    folder, from `playbook import`) or None.

    A playbook with errors raises HasErrors, before anything is read or written; also raises
    UsageError (unreadable input), ConfigError and AdoptionError.
    """
    from compiler.lint.run import outcome_line
    from targets.run import compile_playbook

    compiled = compile_playbook(path, [target], today)
    result = compiled.result
    if not compiled.built:
        errors = [f for f in result.findings if f.severity is Severity.ERROR]
        raise HasErrors(outcome_line(errors, "fix the playbook first"), errors, result.source.text_of)
    files = compiled.rendered[target]
    return files, adoption_file.load(path, target, json.loads(files["manifest.json"])["playbook"])


def plan(
    target: str,
    client: Client,
    files: dict[str, bytes],
    *,
    delete: bool = False,
    adoption: Adoption | None = None,
    ids: dict[str, Any] | None = None,
) -> LivePlan:
    return make_plan(adapter(target), client, files, delete=delete, adoption=adoption, given=ids)


def given_ids(texts: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """`--id kind:name=ID` options as ids by placeholder ({{kind:name}}: ID), for lookups no API can do."""
    found: dict[str, Any] = {}
    for text in texts:
        ref, equals, value = text.partition("=")
        kind, colon, name = ref.strip().strip("{}").partition(":")
        if not (equals and colon and kind and name and value.strip()):
            raise LiveError(f"--id {text!r}: write it as KIND:NAME=ID, e.g. company_segment:enterprise-plan=43000012")
        value = value.strip()
        found[f"{{{{{kind}:{name}}}}}"] = int(value) if value.isdigit() else value
    return found


def apply(
    target: str, client: Client, current: LivePlan, progress: Callable[[int, int, str], None] | None = None
) -> list[str]:
    return apply_plan(adapter(target), client, current, progress)


def import_playbook(target: str, source: Any, book_id: str | None = None) -> Any:
    """The playbook read back from the account behind `source` (a Draft; see targets/shared/live/importing.py)."""
    return importlib.import_module(f"targets.{target}.importer").read_playbook(source, book_id)


def lint_text(target: str, text: str, today: Any = None) -> Any:
    """Lint a playbook's text as `playbook lint --target` would (a LintResult)."""
    import tempfile

    from compiler.lint.pipeline import lint_path
    from compiler.lint.settings import RuleSettings

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "playbook.yaml"
        path.write_text(text, encoding="utf-8")
        return lint_path(str(path), RuleSettings(today=today, targets=frozenset([target])))


def check_import(target: str, text: str, source: Any, today: Any = None, draft: Any = None) -> list[str]:
    """Compile an imported playbook and plan it against its source: what does not round-trip (empty: in sync).

    For an account configured by hand (`draft.hand_made`), the compiled objects are first paired with the
    hand-made ones (`draft.adoption`, the adoption file to write), and the plan uses that pairing. The warnings
    and notes the playbook lints with go to `draft.lint_left`, with why each is there.
    """
    import targets
    from compiler.plan.plan import build_plan

    result = lint_text(target, text, today)
    errors = [f for f in result.findings if str(f.severity) == "error"]
    if draft is not None:
        draft.lint_left = importpolish.lint_left([f for f in result.findings if str(f.severity) != "error"])
    if errors or result.book is None:
        return [f"the imported playbook does not lint: {f.code} {f.message} (line {f.location.line})" for f in errors]
    files = targets.load(target).render(build_plan(result.book))
    hand_made = draft is not None and draft.hand_made
    adoption = pairing.pair(adapter(target), source, files, draft) if hand_made else None
    current = make_plan(adapter(target), source, files, adoption=adoption)
    if hand_made:
        pairing.not_adopted(draft, current.haves)
    found = list(current.problems)
    for change in current.changes:
        fields = ", ".join(f.path for f in change.fields)
        found.append(f"apply would {change.action} {change.label}" + (f" ({fields})" if fields else ""))
    return found


@dataclass
class Applied:
    """What `playbook apply` did: `outcome` is one of the keys of OUTCOMES."""

    outcome: str
    plan: LivePlan  # the plan shown (and applied, when it was)
    done: list[str] = field(default_factory=list)
    final: LivePlan | None = None  # the plan after applying: empty when in sync
    error: str = ""

    def ending(self, target: str, counters: Any) -> tuple[list[tuple[str, bool]], str]:
        """What `playbook apply` says after the plan, in order: (text, whether to stderr), each text
        ending its line; and how it ends: "ok", "changes" (declined, or the account still differs), "error".

        `counters`: the client's requests, writes and seconds waited.
        """
        if self.outcome in ENDINGS:
            message, how = ENDINGS[self.outcome]
            return [(message + "\n", True)], how
        if self.outcome == "failed":
            applied = f"playbook: applied {len(self.done)} of {plural(len(self.plan.changes), 'change')}\n"
            error = f"playbook: error: {self.error}; run apply again once fixed: it continues from the account as it is"
            return [(applied, True), (error + "\n", True)], "error"
        if self.outcome == "in-sync":
            return [], "ok"
        waited = f", {counters.waited:g} s waiting for rate limits" if counters.waited else ""
        used = f"playbook: {plural(counters.requests, 'request')}, {counters.writes} of them writes{waited}\n"
        applied = f"applied {plural(len(self.done), 'change')}"
        if self.final is not None and self.final.in_sync:
            return [(used, True), (f"{applied}; {target} is in sync with the playbook\n", False)], "ok"
        still = f"{applied}, but the account still differs (above)\n"
        return [(used, True), (report.text(self.final), False), (still, True)], "changes"


# What apply says when it wrote nothing, and how it ends.
ENDINGS = {
    "problems": ("playbook: error: nothing was written: fix the problems above first", "error"),
    "declined": ("nothing was written (--yes applies without asking)", "changes"),
    "changed": (
        "playbook: error: the account changed while the plan was shown; nothing was written; run apply again",
        "error",
    ),
}


OUTCOMES = {
    "problems": "the plan has problems; nothing was written",
    "in-sync": "nothing to do",
    "declined": "the user said no; nothing was written",
    "changed": "the account changed while the plan was shown; nothing was written",
    "failed": "a change failed part-way",
    "done": "every change applied (`final` says whether the account is in sync)",
}


def apply_confirmed(
    target: str,
    client: Client,
    files: dict[str, bytes],
    *,
    delete: bool,
    show: Callable[[LivePlan], None],
    confirm: Callable[[LivePlan], bool] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    adoption: Adoption | None = None,
    ids: dict[str, Any] | None = None,
) -> Applied:
    """Plan, `show` the plan, ask `confirm` (None: do not ask), check the account did not change, apply, re-plan."""
    current = plan(target, client, files, delete=delete, adoption=adoption, ids=ids)
    show(current)
    if current.problems:
        return Applied("problems", current)
    if not current.changes:
        return Applied("in-sync", current)
    if confirm is not None:
        if not confirm(current):
            return Applied("declined", current)
        fresh = plan(target, client, files, delete=delete, adoption=adoption, ids=ids)
        if fresh.signature() != current.signature():
            return Applied("changed", current)
        current = fresh
    try:
        done = apply(target, client, current, progress)
    except ApplyFailed as exc:
        return Applied("failed", current, list(exc.done), error=str(exc))
    return Applied("done", current, done, plan(target, client, files, delete=delete, adoption=adoption, ids=ids))


@dataclass
class Imported:
    written: list[str]  # the files written into the output folder
    draft: Any  # the playbook read back (importing.Draft)
    differences: list[str]  # what does not round-trip against the account (empty: in sync)

    @property
    def complete(self) -> bool:
        """In sync with the account, and the language holds everything read."""
        return not self.differences and not self.draft.not_held

    def summary(self) -> str:
        """One line: whether the new playbook is in sync, and what it adopted, cannot hold and leaves alone."""
        draft, differences = self.draft, self.differences
        held = (
            "in sync with the account"
            if not differences
            else f"{plural(len(differences), 'difference')} from the account"
        )
        adopted = (
            f"{plural(len(draft.adoption.objects), 'hand-made object')} adopted, {len(draft.absent)} left out; "
            if draft.adoption is not None
            else ""
        )
        return (
            f"playbook {draft.book_id}: {held}; {adopted}{plural(len(draft.not_held), 'thing')} not held; "
            f"{plural(len(draft.unmanaged), 'object')} not managed by playbook left alone (see the report)"
        )


def import_account(
    target: str,
    out_dir: str,
    *,
    from_dir: str | None = None,
    save_dir: str | None = None,
    book_id: str | None = None,
    url: str | None = None,
    today: Any = None,
    on_wait: Callable[[str], None] | None = None,
) -> Imported:
    """`playbook import`: read the account (or saved responses), write OUT/playbook.yaml and its report, and for
    an account configured by hand OUT/adopted.<target>.json.

    Raises LiveError and importfiles.ImportError_; nothing is written then.
    """
    # Before reading the account, which may take a while.
    importfiles.check_output(out_dir, (*importfiles.OUTPUT_FILES, adoption_file.file_name(target)))
    source: Any
    if from_dir is not None:
        source = saved.SavedAccount(from_dir, Settings(VENDORS[target], f"saved responses in {from_dir}", ("", "")))
    else:
        source = connect(target, url, on_wait=on_wait)
        if save_dir is not None:
            folder = Path(save_dir)
            source.record = lambda path, page, body: saved.save(folder, path, page, body)
    with source:
        draft = import_playbook(target, source, book_id)
        account = source.settings.base_url
        text = draft.yaml(account)
        compiled = lint_text(target, text, today).book
        if compiled is not None:
            importpolish.prefer_days(draft, compiled)
            text = draft.yaml(account)
        differences = check_import(target, text, source, today, draft)
    report = draft.report(account, differences)
    outputs = {"playbook.yaml": text, "import-report.md": report}
    if draft.adoption is not None:
        outputs[adoption_file.file_name(target)] = draft.adoption.text()
    stale = importfiles.stale_adoption(out_dir, target) if draft.adoption is None else None
    written = importfiles.write_output(out_dir, outputs)
    if stale is not None:
        stale.unlink()  # an earlier import of this account when it was made by hand wrote it: it is marked now
    return Imported(written, draft, differences)
