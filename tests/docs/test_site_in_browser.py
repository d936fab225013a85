"""The generated site in a real browser: headless Chromium from the system packages.

Checks that pages open from the file system with no console errors and no
request other than file://, that the search box finds a contact, that hostile
playbook text runs nothing, that a phone number is found however it is typed, that
every page fits phone and desktop widths (screenshots of each under the test's
tmp_path/screenshots), and that the quick-reference card and the contact sheet each
print on one page. Saves a screenshot of the P1 runbook under the test's tmp_path.
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
    assert "+1 615-555-0101" in results[0]
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


@pytest.mark.parametrize("typed", ["615-555-0102", "(615) 555 0102", "+1 615 555 0102", "16155550102", "555.0102"])
def test_search_finds_a_number_however_it_is_typed(browser, tmp_path, typed):
    site = _write(tmp_path / "site", render("site", example_plan("field-service")))
    browser.get(site.joinpath("index.html").as_uri())
    assert _search(browser, typed)[0].startswith("Luis Romero (contact)")


def test_search_finds_a_uk_number_with_its_trunk_zero_or_dialled_from_abroad(browser, tmp_path):
    site = _write(tmp_path / "site", render("site", example_plan("online-care")))
    browser.get(site.joinpath("index.html").as_uri())
    for typed in ("020 7946 0100", "0044 20 7946 0100", "+44 (0)20 7946 0100"):
        assert _search(browser, typed)[0].startswith("Duty Manager (contact)"), typed


# (name, CSS width, height, mobile): an ordinary phone and a laptop.
SCREENS = [("phone", 390, 844, True), ("desktop", 1280, 900, False)]


@pytest.mark.parametrize("example", ["field-service", "online-care"])
def test_every_page_reads_at_phone_and_desktop_widths(browser, tmp_path, example):
    """No page is wider than the screen (wide tables scroll inside themselves), no console error;
    on a phone the P1 page's do-this-first list and escalation ladder start within the first
    screens. Screenshots of every page at both widths go to the test's tmp_path/screenshots."""
    from selenium.webdriver.common.by import By

    site = _write(tmp_path / "site", render("site", example_plan(example)))
    shots = tmp_path / "screenshots"
    shots.mkdir()
    pages = sorted(path.name for path in site.glob("*.html"))
    _fresh_logs(browser)
    try:
        for name, width, height, mobile in SCREENS:
            browser.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
            )
            for page in pages:
                browser.get(site.joinpath(page).as_uri())
                overflow = browser.execute_script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert overflow <= 0, f"{page} is {overflow}px wider than a {name} screen"
                assert browser.save_screenshot(str(shots / f"{name}-{page.removesuffix('.html')}.png"))
            top = site.joinpath("P1.html" if example == "field-service" else "P0.html").as_uri()
            browser.get(top)
            first = browser.find_element(By.ID, "do-this-first").location["y"]
            ladder = browser.find_element(By.ID, "escalation-ladder").location["y"]
            assert first < height / 2, f"'Do this first' starts {first}px down on a {name}"
            assert ladder < 2 * height, f"the escalation ladder starts {ladder}px down on a {name}"
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert _errors(browser) == []
    assert len(list(shots.glob("*.png"))) == 2 * len(pages)


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
