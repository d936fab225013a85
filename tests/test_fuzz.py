"""Nothing a user can write makes playbook crash: every run ends with exit 0, 1 or 2 and a message.

Structural mutations of the examples, random YAML and random bytes go through
`lint`, `build` (every target) and `simulate`, in-process via click's runner. A
crash is any exception other than the command's own exit. Derandomized and
bounded (see tests/fuzzing.py); PLAYBOOK_FUZZ_EXAMPLES=5000 runs a longer hunt.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import event, given, settings
from hypothesis import strategies as st

import targets
from cli import main
from playbook import source
from tests.fuzzing import MAX_EXAMPLES, SETTINGS, TRAPS, VALUES, Raw, example_documents, mutated_example, to_yaml
from tests.helpers import EXAMPLES

DOCUMENTS = example_documents()
TARGETS = sorted(targets.TARGETS)
# Free text that renderers put into Markdown, HTML, JSON and help-desk payloads.
WEIRD_TEXT = st.one_of(
    st.sampled_from(
        ["<script>alert(1)</script>", "{{ name }}", "{% raw %}", "]]>", "`code`", "*bold* _it_", "| a | b |",
        "# heading", "line\nbreak", "tab\there", "back\\slash", "quote \" and '", "‮rtl", "emoji 🚒",
        "&amp; &lt;", "javascript:alert(1)", "../../etc/passwd", "C:\\con", "\x00nul", "\u2028sep", " ", "-"]
    ),
    st.text(max_size=40),
)  # fmt: skip
TEXT_KEYS = {"name", "title", "definition", "notes", "note", "description", "topic", "focus", "message", "survey",
             "item", "address", "method", "examples", "organisation"}  # fmt: skip


def _crash(result) -> BaseException | None:  # type: ignore[no-untyped-def]
    if result.exception is None or isinstance(result.exception, SystemExit):
        return None
    return result.exception


def _check(args: list[str]) -> int:
    result = CliRunner().invoke(main, args, catch_exceptions=True)
    crash = _crash(result)
    assert crash is None, f"playbook {' '.join(args)} crashed: {crash!r}\n{result.output[-2000:]}"
    assert "internal error" not in result.output, f"playbook {' '.join(args)} crashed:\n{result.output[-2000:]}"
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-2000:])
    assert result.output.strip() or result.exit_code == 0, f"exit {result.exit_code} without a message"
    event(f"{args[0]} exit {result.exit_code}")  # --hypothesis-show-statistics shows what the examples reached
    return result.exit_code


def _lint(text: str | bytes) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "playbook.yaml"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
        return _check(["lint", "--no-color", str(path)])


@SETTINGS
@given(mutated_example(DOCUMENTS))
def test_lint_survives_structural_mutations_of_the_examples(doc):
    _lint(to_yaml(doc))


@SETTINGS
@given(st.one_of(VALUES, st.dictionaries(st.sampled_from(["playbook", "priorities", "sla", "contacts"]), VALUES)))
def test_lint_survives_random_yaml(doc):
    _lint(to_yaml(doc))


@SETTINGS
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300), st.lists(st.sampled_from(TRAPS), max_size=8)))
def test_lint_survives_random_bytes_and_text(blob):
    if isinstance(blob, list):
        blob = "\n".join(f"k{i}: {value}" for i, value in enumerate(blob))
    _lint(blob)


@st.composite
def weird_text_example(draw: st.DrawFn) -> dict:
    """An example whose free text is replaced by markup, template syntax and control characters."""
    doc = draw(st.one_of(st.sampled_from(DOCUMENTS).map(copy.deepcopy), mutated_example(DOCUMENTS)))
    stack = [doc]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
        for key, value in list(items):
            if isinstance(value, (dict, list)):
                stack.append(value)
            elif isinstance(value, str) and key in TEXT_KEYS and draw(st.booleans()):
                node[key] = draw(WEIRD_TEXT)
    return doc


@settings(SETTINGS, max_examples=max(10, MAX_EXAMPLES // 3))  # each example renders every target
@given(weird_text_example())
def test_build_of_every_target_survives_odd_text_and_mutations(doc):
    assert TARGETS, "no build targets registered"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "playbook.yaml"
        path.write_text(to_yaml(doc), encoding="utf-8")
        chosen = [arg for name in TARGETS for arg in ("--target", name)]
        _check(["build", str(path), *chosen, "--out", str(Path(folder) / "out")])


OPENED = st.one_of(
    st.sampled_from(["2026-12-24T16:50", "2026-03-29T01:30", "2026-11-01T01:30-04:00", "2026-12-31T23:59+14:00",
                     "2027-02-29T10:00", "yesterday", "", "2026-12-24T25:61", "9999-12-31T23:59", "0001-01-01T00:00"]),
    st.datetimes().map(lambda d: d.isoformat()),
)  # fmt: skip
ZONES = st.sampled_from(
    [None, None, None, None, "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "UTC", "Not/AZone", ""]
)


def _ids(doc: dict, section: str) -> list[str]:
    found = doc.get(section) if isinstance(doc, dict) else None
    return [str(k) for k in found] if isinstance(found, dict) else []


@SETTINGS
@given(
    st.one_of(st.sampled_from(DOCUMENTS).map(copy.deepcopy), weird_text_example(), mutated_example(DOCUMENTS)),
    st.data(),
)
def test_simulate_survives_mutations_and_odd_arguments(doc, data):
    # Mostly arguments that fit the playbook (hypothesis favours a one_of's first branch), so timelines get computed.
    priorities, channels = _ids(doc, "priorities") or ["P1"], _ids(doc, "channels") or [""]
    priority = data.draw(st.one_of(st.sampled_from(priorities), st.text(max_size=5)))
    channel = data.draw(st.one_of(st.sampled_from(channels), st.sampled_from(["", "fax"])))
    opened = data.draw(st.one_of(st.sampled_from(["2026-12-24T16:50", "2027-01-04T08:59"]), OPENED))
    args = ["--priority", priority, "--opened", opened]
    args += ["--channel", channel] if channel else []
    tz = data.draw(ZONES)
    args += ["--tz", tz] if tz is not None else []
    at = data.draw(st.one_of(st.none(), st.sampled_from(["2026-12-25T09:00", "2027-01-05T12:00"]), OPENED))
    args += ["--at", at] if at is not None else []
    args += ["--format", data.draw(st.sampled_from(["text", "json"]))]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "playbook.yaml"
        path.write_text(to_yaml(doc), encoding="utf-8")
        _check(["simulate", str(path), *args])


@SETTINGS
@given(st.sampled_from(["field-service", "online-care"]), st.data())
def test_lint_survives_a_mutated_file_inside_a_playbook_directory(example, data):
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / example
        shutil.copytree(EXAMPLES / example, copy)
        victim = data.draw(st.sampled_from(sorted(copy.glob("*.yaml"))))
        part = source.load(str(victim)).data
        doc = data.draw(mutated_example([{k: v for k, v in part.items()}]))
        victim.write_text(to_yaml(doc), encoding="utf-8")
        _check(["lint", "--no-color", str(copy)])


def test_raw_scalars_reach_the_loader_unquoted():
    text = to_yaml({"country": Raw("NO"), "phone": "+4915112345678"})
    assert "country: NO\n" in text and 'phone: "+4915112345678"' in text
