"""Named public holidays from the `holidays` package, loading only the countries a playbook names.

`holidays.list_supported_countries()` and `holidays.country_holidays()` both go
through the package's `holidays.countries`, whose `__init__` imports the module
of every country it knows (about 250): 0.1 s per run for `country_holidays`, and
0.6 s and 14 MiB for `list_supported_countries` on a 2-core machine. A
pre-commit run on one playbook paid that for naming four countries. Here codes
are checked against the package's registry (a table of codes and class names,
no country imported), each named country's module is loaded on its own, and
each (country, subdivision, year) is computed once per process, shared by
every calendar, rule and playbook that names it.

The dates are exactly `holidays.country_holidays(country, subdiv=..., years=year)`
(observed days included); tests/test_public_holidays.py compares them.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any


@functools.cache
def _registry() -> dict[str, str]:
    """Every country code the package accepts (alpha-2, alpha-3 and aliases such as UK) -> its module."""
    from holidays.registry import COUNTRIES  # the registry only: no country module is imported

    # As holidays.registry.EntityLoader.get_country_codes: 2-3 letter entries after the class name.
    return {code: module for module, (_, *codes) in COUNTRIES.items() for code in codes if 2 <= len(code) <= 3}


def is_country(code: str) -> bool:
    """Whether the package has public holidays for this country code."""
    return code in _registry()


def subdivisions(country: str) -> list[str]:
    """The subdivision codes the package knows for a country (empty for an unknown country)."""
    if not is_country(country):
        return []
    return list(_country_class(country).subdivisions)


@functools.cache
def holiday_dates(country: str, subdivision: str, year: int) -> frozenset[dt.date]:
    """The public holidays, with observed days, of a country (and subdivision) in one year."""
    cls = _country_class(country)
    return frozenset(cls(subdiv=subdivision or None, years=year))


@functools.cache
def holiday_names(country: str, subdivision: str, first: int, last: int) -> tuple[tuple[dt.date, str], ...]:
    """(date, name) of the public holidays of a country (and subdivision) in the years first..last, by date."""
    cls = _country_class(country)
    return tuple(sorted(cls(subdiv=subdivision or None, years=range(first, last + 1)).items()))


def public_holidays(named: tuple[tuple[str, str], ...] | list[tuple[str, str]], year: int) -> set[dt.date]:
    """Dates of the named public holidays of each (country, subdivision) in a year."""
    found: set[dt.date] = set()
    for country, subdivision in named:
        found |= holiday_dates(country, subdivision, year)
    return found


@functools.cache
def _country_class(code: str) -> Any:
    """The package's class for a country code, importing that country's module and no other."""
    name = f"holidays.countries.{_registry()[code]}"
    module = sys.modules.get(name) or _load_alone(name)
    return getattr(module, code)


def _load_alone(name: str) -> ModuleType:
    """Import one country module without running `holidays.countries.__init__` (which imports them all).

    When that package is already imported, or the module cannot be loaded on
    its own (it imports another country's module), the ordinary import is used:
    slower, same result.
    """
    import holidays  # the package itself: base classes and calendars, no country

    if "holidays.countries" in sys.modules:
        return importlib.import_module(name)
    path = Path(holidays.__file__).parent / "countries" / f"{name.rpartition('.')[2]}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None or not path.is_file():
        return importlib.import_module(name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except ImportError:
        sys.modules.pop(name, None)
        return importlib.import_module(name)
    return module
