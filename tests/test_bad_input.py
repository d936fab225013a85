"""Every malformed, hostile or surprising input: a located message, a code, a hint and exit 1 or 2.

Never a traceback, never a hang, never executed code. Each case runs the real
`playbook lint` command (in-process through click's runner) and checks the
exit code, the file:line:col, the code, the hint, the absence of a traceback
and the time it took.
"""

from __future__ import annotations

import codecs
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.helpers import ROOT

VALID = "playbook: t\npriorities:\n  P1: {title: Outage}\n"


@dataclass
class Run:
    exit_code: int
    output: str
    seconds: float


def lint(*args: str) -> Run:
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["lint", "--no-color", *args], env={"GITHUB_ACTIONS": ""})
    seconds = time.perf_counter() - started
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return Run(result.exit_code, result.output, seconds)


def write(tmp_path: Path, content: str | bytes, name: str = "playbook.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# A hang guard, not a speed claim (speed is measured in bench/): an alias bomb or a
# quadratic path takes minutes or forever, a busy CI machine a few seconds more.
HANG = 120.0


def assert_reported(run: Run, path: Path, line: int, column: int, code: str) -> None:
    assert run.exit_code == 1, run.output
    assert str(path) in run.output
    assert f"  {line}:{column}  error  " in run.output, run.output
    assert f"[{code} " in run.output, run.output
    assert "    hint: " in run.output
    assert run.seconds < HANG, f"took {run.seconds:.1f}s: something is quadratic or unbounded"


def test_invalid_yaml_shows_the_line_with_a_caret(tmp_path):
    path = write(tmp_path, "playbook: t\npriorities:\n  P1: {title: Outage]\n")
    run = lint(str(path))
    assert_reported(run, path, 3, 21, "PB001")
    assert "    > 3 |   P1: {title: Outage]\n" in run.output
    assert "        |                     ^\n" in run.output


def test_tab_indentation_says_to_use_spaces(tmp_path):
    path = write(tmp_path, "playbook: t\npriorities:\n\tP1: {title: x}\n")
    run = lint(str(path))
    assert_reported(run, path, 3, 1, "PB001")
    assert "hint: YAML forbids tabs for indentation; indent with spaces" in run.output


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"], ids=["empty", "blank", "comment"])
def test_empty_file(tmp_path, content):
    path = write(tmp_path, content)
    assert_reported(lint(str(path)), path, 1, 1, "PB008")


@pytest.mark.parametrize(("content", "kind"), [("- a\n- b\n", "a list"), ("hello\n", "a single value")])
def test_list_or_scalar_at_the_root(tmp_path, content, kind):
    path = write(tmp_path, content)
    run = lint(str(path))
    assert_reported(run, path, 1, 1, "PB007")
    assert f"not {kind}" in run.output
    assert "PB103" not in run.output  # no pile of follow-on errors


def test_binary_file(tmp_path):
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    run = lint(str(path))
    assert_reported(run, path, 1, 1, "PB005")
    assert "binary" in run.output


def test_non_utf8_byte_is_located(tmp_path):
    path = write(tmp_path, b"playbook: t\norganisation: {name: Caf\xe9}\n")
    run = lint(str(path))
    assert_reported(run, path, 2, 25, "PB005")
    assert "byte 0xe9 is not valid UTF-8" in run.output


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file(tmp_path, encoding):
    path = write(tmp_path, VALID.encode(encoding))
    run = lint(str(path))
    assert_reported(run, path, 1, 1, "PB005")
    assert "UTF-16" in run.output


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    path = write(tmp_path, codecs.BOM_UTF8 + VALID.encode())
    assert "PB005" not in lint(str(path)).output


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    run = lint(str(path))
    assert_reported(run, path, 7, 4, "PB006")
    assert "alias bomb" in run.output


def test_alias_inside_its_own_anchor(tmp_path):
    path = write(tmp_path, VALID + "contacts:\n  a: &loop {name: A, notes: [*loop]}\n")
    run = lint(str(path))
    assert_reported(run, path, 5, 6, "PB006")
    assert "refers to the node that contains it" in run.output


@pytest.mark.parametrize(
    ("body", "column"),
    [(" " + "[" * 20_000 + "]" * 20_000, 1007), ("\n" + "- " * 20_000 + "x", 1999)],
    ids=["flow", "block"],
)
def test_twenty_thousand_levels_of_nesting(tmp_path, body, column):
    path = write(tmp_path, "playbook: t\nnotes:" + body + "\n")
    run = lint(str(path))
    line = 2 if body.startswith(" ") else 3
    assert_reported(run, path, line, column, "PB006")
    assert "nesting deeper" in run.output
    assert max(len(line) for line in run.output.splitlines()) < 200  # the frame shows a window, not 40,000 brackets


def test_indented_nesting_past_the_limit(tmp_path):
    text = "playbook: t\nnotes:\n" + "".join("  " * level + f"k{level}:\n" for level in range(1, 100))
    path = write(tmp_path, text + "  " * 100 + "end\n")
    run = lint(str(path))
    assert_reported(run, path, 66, 129, "PB006")


def test_three_hundred_thousand_keys_give_few_findings_fast(tmp_path):
    path = write(tmp_path, "".join(f"key{i}: {i}\n" for i in range(300_000)))
    run = lint(str(path))
    assert_reported(run, path, 1, 1, "PB100")
    assert "more unknown keys not listed" in run.output
    assert run.output.count("error  ") < 30


def test_thousands_of_broken_entries_are_capped(tmp_path):
    contacts = "".join(f"  c{i}: {{nmae: C{i}}}\n" for i in range(3_000))
    path = write(tmp_path, VALID + "contacts:\n" + contacts)
    run = lint(str(path))
    assert_reported(run, path, 5, 8, "PB100")
    assert "only the first 100 are listed" in run.output
    assert run.output.count("error  ") == 101


def test_thousands_of_duplicate_keys_are_capped(tmp_path):
    path = write(tmp_path, VALID + "contacts:\n" + "".join(f"  c: {{name: C{i}}}\n" for i in range(3_000)))
    run = lint(str(path))
    assert_reported(run, path, 6, 3, "PB002")
    assert "2,899 more duplicate-key problems in this file are not listed" in run.output


def test_several_documents_in_one_file(tmp_path):
    path = write(tmp_path, VALID + "---\nplaybook: u\n")
    run = lint(str(path))
    assert_reported(run, path, 4, 1, "PB009")


def test_python_tags_are_refused_and_never_executed(tmp_path):
    marker = tmp_path / "executed"
    text = VALID + f'organisation: !!python/object/apply:os.system ["touch {marker}"]\n'
    path = write(tmp_path, text)
    run = lint(str(path))
    assert_reported(run, path, 4, 15, "PB004")
    assert not marker.exists()


def test_duplicate_keys_point_at_both(tmp_path):
    path = write(tmp_path, VALID + "  P1: {title: Again}\n")
    run = lint(str(path))
    assert_reported(run, path, 4, 3, "PB002")
    assert f"note: {path}:3:3: first defined here" in run.output


@pytest.mark.parametrize(
    ("line", "column", "raw"),
    [
        ("  P2: {title: no}", 15, "no"),
        ("  P2: {title: on}", 15, "on"),
        ("  P2: {title: Outage, definition: 10:30}", 35, "10:30"),
        ("  P2: {title: 01234}", 15, "01234"),
    ],
)
def test_yaml11_traps_where_text_is_expected(tmp_path, line, column, raw):
    path = write(tmp_path, VALID + line + "\n")
    run = lint(str(path))
    assert_reported(run, path, 4, column, "PB003")
    assert f'hint: quote this value: "{raw}"' in run.output


def test_phone_number_read_as_an_integer(tmp_path):
    path = write(tmp_path, VALID + "contacts:\n  a: {name: A, phone: +16152220100}\n")
    run = lint(str(path))
    assert_reported(run, path, 5, 23, "PB003")
    assert "dropping the '+'" in run.output


def test_missing_path_is_a_usage_error(tmp_path):
    run = lint(str(tmp_path / "nowhere.yaml"))
    assert run.exit_code == 2
    assert f"{tmp_path / 'nowhere.yaml'}: no such file or directory" in run.output
    assert "hint: pass a playbook's .yaml file" in run.output


def test_directory_without_yaml_is_a_usage_error(tmp_path):
    (tmp_path / "notes.txt").write_text("not a playbook")
    (tmp_path / "sub").mkdir()
    run = lint(str(tmp_path))
    assert run.exit_code == 2
    assert f"{tmp_path}: directory holds no .yaml or .yml files" in run.output
    assert "hint: " in run.output


def test_unreadable_file_is_reported(tmp_path):
    path = write(tmp_path, VALID)
    path.chmod(0)
    try:
        readable = path.open("rb") is not None  # root can read anything
    except PermissionError:
        readable = False
    run = lint(str(path))
    if readable:
        pytest.skip("running as a user who can read a mode-000 file")
    assert run.exit_code == 1
    assert "[PB010 " in run.output


def test_hostile_files_in_a_real_process(tmp_path):
    bomb = tmp_path / "bomb"
    bomb.mkdir()
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for previous, name in zip("abcdefg", "bcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    write(bomb, "\n".join(lines) + "\n", "bomb.yaml")
    deep = write(tmp_path, "playbook: t\nnotes: " + "{a: " * 20_000 + "1" + "}" * 20_000 + "\n", "deep.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "cli", "lint", "--no-color", str(bomb), str(deep)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout.count("[PB006 input-too-complex]") == 2
    assert "Traceback" not in done.stdout + done.stderr
