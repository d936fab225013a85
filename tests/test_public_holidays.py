"""Named public holidays: the same dates and names as the `holidays` package, loading only the named countries."""

from __future__ import annotations

import subprocess
import sys

import holidays
import pytest

from playbook import publicholidays
from tests.helpers import ROOT

# Plain countries, aliases (UK, USA), one with subdivisions, and modules that import another
# country's module (American Samoa extends the United States; Aland Islands, Finland).
CASES = [("US", "IL"), ("GB", "ENG"), ("UK", ""), ("USA", "TN"), ("DE", "BE"), ("SG", ""), ("AS", ""), ("AX", "")]


@pytest.mark.parametrize(("country", "subdivision"), CASES)
def test_dates_and_names_are_those_of_the_holidays_package(country, subdivision):
    expected = holidays.country_holidays(country, subdiv=subdivision or None, years=range(2026, 2028))
    assert publicholidays.holiday_names(country, subdivision, 2026, 2027) == tuple(sorted(expected.items()))
    for year in (2026, 2027):
        assert publicholidays.holiday_dates(country, subdivision, year) == frozenset(
            holidays.country_holidays(country, subdiv=subdivision or None, years=year)
        )


def test_country_and_subdivision_codes_are_those_the_package_lists():
    supported = holidays.list_supported_countries()
    for code in ("US", "GB", "UK", "USA", "DE", "NO", "XK"):
        assert publicholidays.is_country(code) == (code in supported)
        assert publicholidays.subdivisions(code) == supported.get(code, [])
    assert not publicholidays.is_country("XX") and publicholidays.subdivisions("XX") == []


def test_checking_and_expanding_a_country_imports_that_country_alone():
    script = (
        "import sys; from playbook import publicholidays as p;"
        "assert p.is_country('GB') and 'ENG' in p.subdivisions('GB') and p.holiday_dates('GB', 'ENG', 2026);"
        "print(sorted(m for m in sys.modules if m.startswith('holidays.countries')))"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['holidays.countries.united_kingdom']"
