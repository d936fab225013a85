"""The generated site in a real browser: headless Chromium from the system packages.

Checks that pages open from the file system with no console errors and no
request other than file://, that the search box finds a contact, that hostile
playbook text runs nothing, and that the quick-reference card and the contact
sheet each print on one page. Saves a screenshot of the P1 runbook under the test's tmp_path.
Skipped (with the reason) only where Chromium and its driver are not installed;
`.ci/run` installs them (Debian: chromium, chromium-driver).
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.docs.hostile import PLAYBOOK, SCRIPT
from tests.docs.support import example_plan, plan_from_text, render

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1100,1400",
)


def _executable(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or (f"/usr/bin/{name}" if Path(f"/usr/bin/{name}").exists() else None)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from selenium.webdriver.chrome.service import Service

    binary = _executable("chromium", "chromium-browser")
    driver_path = _executable("chromedriver")
    if binary is None or driver_path is None:
        pytest.skip(
            "headless Chromium is not installed here (Debian packages 'chromium' and 'chromium-driver'; "
            ".ci/run installs them); the site's browser test did not run"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="playbook-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


def _fresh_logs(driver) -> None:  # type: ignore[no-untyped-def]
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")


def _requests(driver) -> list[str]:  # type: ignore[no-untyped-def]
    events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    return [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]


def _errors(driver) -> list[str]:  # type: ignore[no-untyped-def]
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _search(driver, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys(query)
    return [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#search-results li")]


def test_site_opens_offline_searches_contacts_and_screenshots_p1(browser, tmp_path):
    site = _write(tmp_path / "site", render("site", example_plan("field-service")))
    _fresh_logs(browser)
    browser.get(site.joinpath("index.html").as_uri())
    results = _search(browser, "whitfield")
    assert results and results[0].startswith("Dana Whitfield (contact)")
    assert "+16155550101" in results[0]
    assert _search(browser, "5550104")[0].startswith("Field Dispatch On-Call (contact)")
    browser.get(site.joinpath("P1.html").as_uri())
    assert browser.title == "P1: Outage or critical safety issue"
    assert browser.find_elements("css selector", "figure.diagram svg text")  # the escalation graph drew
    screenshot = tmp_path / "P1.png"
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.read_bytes().startswith(b"\x89PNG") and screenshot.stat().st_size > 10_000
    for page in ("contacts.html", "quick-reference.html", "onboarding.html", "triage-exercise.html"):
        browser.get(site.joinpath(page).as_uri())
    assert _errors(browser) == []
    requests = _requests(browser)
    assert requests and all(url.startswith("file://") for url in requests), requests


def test_hostile_playbook_text_runs_nothing_in_the_browser(browser, tmp_path):
    plan = plan_from_text(tmp_path, PLAYBOOK)
    site = _write(tmp_path / "site", render("site", plan))
    _fresh_logs(browser)
    for page in ("index.html", "P1.html", "contacts.html", "onboarding.html"):
        browser.get(site.joinpath(page).as_uri())
        assert browser.execute_script("return document.querySelectorAll('script:not([src]), iframe, img').length") == 0
    assert browser.title == "Onboarding guide: </title><script>alert('org')</script>"
    assert any(SCRIPT in result for result in _search(browser, "alert(1)"))
    assert _errors(browser) == []  # a blocked inline script would show up here as a CSP error
    assert all(url.startswith("file://") for url in _requests(browser))


@pytest.mark.parametrize("example", ["field-service", "online-care"])
def test_quick_reference_card_and_contact_sheet_each_print_on_one_page(browser, tmp_path, example):
    site = _write(tmp_path / "site", render("site", example_plan(example)))
    for page in ("quick-reference.html", "contacts.html"):
        browser.get(site.joinpath(page).as_uri())
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        hidden = browser.execute_script("return getComputedStyle(document.querySelector('header.top')).display")
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        assert hidden == "none", "the print stylesheet hides navigation and search"
        pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
        assert _pages(pdf) == 1, page


def _pages(pdf: bytes) -> int:
    """Page objects in a PDF that Chromium printed (it writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
