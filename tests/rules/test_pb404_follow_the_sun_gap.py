from tests.helpers import at, lint_text


def book(coverage: str, americas: str, apac: str = "mon-fri") -> str:
    return f"""\
playbook: t
priorities:
  P1: {{title: Outage, examples: [x]}}
calendars:
  follow-the-sun:
    coverage: {coverage}
    years: "2026"
    regions:
      americas: {{timezone: America/New_York, weekly: {{mon-fri: "{americas}"}}}}
      emea: {{timezone: Europe/London, weekly: {{mon-fri: "08:00-17:00"}}}}
      apac: {{timezone: Asia/Singapore, weekly: {{{apac}: "07:00-17:00"}}}}
"""


def test_hand_over_gap_is_reported_in_utc_and_local_times(tmp_path):
    result = lint_text(tmp_path, book("24/5", "08:00-17:00"))
    assert at(result.findings, "PB404") == [(6, 15)]
    message = next(f.message for f in result.findings if f.code == "PB404")
    assert "no region is open from Thu 2026-01-01 22:00 to Thu 23:00 UTC (1h;" in message
    assert "America/New_York Thu 2026-01-01 17:00 to Thu 18:00" in message
    assert "Asia/Singapore Fri 2026-01-02 06:00 to Fri 07:00" in message


def test_gap_that_opens_only_in_summer_time_is_found(tmp_path):
    # 08:00-18:00 New York meets Singapore's 07:00 in winter (23:00 UTC) but ends at 22:00 UTC in summer.
    result = lint_text(tmp_path, book("24/5", "08:00-18:00"))
    message = next(f.message for f in result.findings if f.code == "PB404")
    assert "from Mon 2026-03-09 22:00 to Mon 23:00 UTC" in message


def test_regions_short_of_five_days_are_reported(tmp_path):
    result = lint_text(tmp_path, book("24/5", "08:00-19:00").replace("mon-fri", "mon-thu"))
    assert at(result.findings, "PB404") == [(6, 15)]
    message = next(f.message for f in result.findings if f.code == "PB404")
    assert "the regions stop short of five days from Fri 2026-01-02 00:00 to Fri 23:00 UTC" in message


def test_friday_hand_over_gap_when_one_region_works_four_days(tmp_path):
    result = lint_text(tmp_path, book("24/5", "08:00-19:00", apac="mon-thu"))
    message = next(f.message for f in result.findings if f.code == "PB404")
    assert "no region is open from Fri 2026-01-02 00:00 to Fri 08:00 UTC" in message


def test_weekend_breaks_a_24_7_promise(tmp_path):
    result = lint_text(tmp_path, book("24/7", "08:00-19:00"))
    assert at(result.findings, "PB404") == [(6, 15)]
    assert "promises 24/7 but no region is open" in next(f.message for f in result.findings if f.code == "PB404")


def test_continuous_hand_overs_are_quiet(tmp_path):
    result = lint_text(tmp_path, book("24/5", "08:00-19:00"))
    assert at(result.findings, "PB404") == []
