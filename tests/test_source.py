from compiler.lint.pipeline import lint_path
from compiler.lint.settings import RuleSettings
from playbook import source
from tests.helpers import TODAY, at


def test_directory_sections_merge_across_files(tmp_path):
    (tmp_path / "a.yaml").write_text("playbook: t\npriorities:\n  P1: {title: A}\ncontacts:\n  x: {name: X}\n")
    (tmp_path / "b.yaml").write_text("contacts:\n  y: {name: Y}\nescalation:\n  - {from: x, to: y, after: 1h}\n")
    result = lint_path(str(tmp_path), RuleSettings(today=TODAY))
    assert not result.has_errors()
    assert sorted(result.book.contacts) == ["x", "y"]
    assert result.book.contacts["y"].loc.path.endswith("b.yaml")


def test_same_id_in_two_files_points_at_both(tmp_path):
    (tmp_path / "a.yaml").write_text("playbook: t\npriorities:\n  P1: {title: A}\ncontacts:\n  x: {name: X}\n")
    (tmp_path / "b.yaml").write_text("contacts:\n  x: {name: Other}\n")
    result = lint_path(str(tmp_path), RuleSettings(today=TODAY))
    assert at(result.findings, "PB002") == [(2, 3)]
    finding = next(f for f in result.findings if f.code == "PB002")
    assert finding.location.path.endswith("b.yaml")
    assert finding.related[0][0].path.endswith("a.yaml")


def test_lists_concatenate_in_file_order(tmp_path):
    (tmp_path / "1.yaml").write_text("playbook: t\npriorities:\n  P1: {title: A}\nrouting:\n  - {tag: a, team: t1}\n")
    (tmp_path / "2.yaml").write_text("routing:\n  - {default: true, team: t1}\nteams:\n  t1: {name: T}\n")
    result = lint_path(str(tmp_path), RuleSettings(today=TODAY))
    assert [r.tag for r in result.book.routing] == ["a", None]
    assert result.book.routing[1].loc.path.endswith("2.yaml")


def test_hidden_files_are_not_part_of_the_playbook(tmp_path):
    (tmp_path / "a.yaml").write_text("playbook: t\npriorities:\n  P1: {title: A}\n")
    (tmp_path / ".playbook.yaml").write_text("rules: {}\n")
    assert [p.rsplit("/", 1)[-1] for p in source.discover(str(tmp_path))] == ["a.yaml"]
