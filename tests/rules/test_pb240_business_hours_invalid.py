from tests.helpers import at, lint_text

BASE = """\
playbook: t
priorities:
  P1: {title: Outage}
calendars:
  office:
    weekly:
"""


def findings(tmp_path, weekly):
    result = lint_text(tmp_path, BASE + weekly)
    return [f for f in result.findings if f.code == "PB240"]


def test_empty_window_fires_at_the_window(tmp_path):
    assert at(findings(tmp_path, '      mon: "09:00-09:00"\n'), "PB240") == [(7, 12)]


def test_inverted_window_fires_once_for_a_day_range(tmp_path):
    found = findings(tmp_path, '      mon-fri: "17:00-09:00"\n')
    assert at(found, "PB240") == [(7, 16)]
    assert "+1" in found[0].hint


def test_window_longer_than_a_day_fires(tmp_path):
    assert at(findings(tmp_path, '      mon: "09:00-10:00+1"\n'), "PB240") == [(7, 12)]


def test_overlapping_windows_fire_at_the_later_one_with_the_day(tmp_path):
    found = findings(tmp_path, '      mon-fri: "09:00-17:00"\n      fri: "12:00-20:00"\n')
    assert at(found, "PB240") == [(8, 12)]
    assert found[0].message.endswith("overlaps another on fri")
    assert found[0].related[0][0].line == 7


def test_overlap_in_a_list_of_windows_fires_at_the_item(tmp_path):
    found = findings(tmp_path, '      tue: ["09:00-13:00", "12:00-17:00"]\n')
    assert at(found, "PB240") == [(7, 28)]


def test_overnight_window_overlapping_the_next_morning_fires(tmp_path):
    found = findings(tmp_path, '      sun: "22:00-02:00+1"\n      mon: "01:00-05:00"\n')
    assert at(found, "PB240") == [(8, 12)]
    assert "on mon" in found[0].message


def test_regions_may_overlap_each_other(tmp_path):
    text = """\
playbook: t
priorities:
  P1: {title: Outage}
calendars:
  sun:
    regions:
      emea: {timezone: Europe/London, weekly: {mon-fri: "08:00-17:00"}}
      apac: {timezone: Asia/Singapore, weekly: {mon-fri: "07:00-17:00"}}
"""
    assert at(lint_text(tmp_path, text).findings, "PB240") == []


def test_adjacent_and_overnight_windows_are_quiet(tmp_path):
    weekly = '      mon-fri: ["08:00-12:00", "12:00-17:00"]\n      sat: "22:00-06:00+1"\n      sun: "06:00-10:00"\n'
    assert findings(tmp_path, weekly) == []
