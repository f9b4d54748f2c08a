"""The built demo site in a real headless Chromium: search, facets, a course page, a withheld
entry. The expected results come from the catalog files, not from the site."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from checks.build_report import BuildResult
from checks.models.types import grades_in
from tests.helpers import REPO


def published_course_files() -> list[tuple[Path, dict[str, Any]]]:
    """Approved courses of the published spring 2027 catalog (every demo provider is approved),
    each with its file."""
    courses = []
    for path in sorted((REPO / "catalog/providers").glob("*/courses/*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if record["review"]["status"] == "approved" and record["catalog"] == "spring 2027":
            courses.append((path, record))
    return courses


def published_courses() -> list[dict[str, Any]]:
    return [record for _, record in published_course_files()]


AP = "Advanced Placement (AP)"
NOTHING_FOUND = "No courses found. Check the spelling, use fewer words, or clear a filter."


def is_ap(course: dict[str, Any]) -> bool:
    return "ap" in course["course_types"] or str(course["title"]).startswith("AP ")


def results(browser: webdriver.Chrome) -> list[str]:
    return [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#mocap-results li > a")]


def every_result(browser: webdriver.Chrome) -> list[str]:
    """All results, asking for more until the list is complete."""
    while (more := browser.find_element(By.ID, "mocap-more")).is_displayed():
        shown = len(results(browser))
        more.click()
        WebDriverWait(browser, 10).until(lambda b, shown=shown: len(results(b)) > shown)
    return results(browser)


def wait_for_search(browser: webdriver.Chrome, address_part: str) -> str:
    """Wait until the search has shown its results for the state in the address; its status."""
    WebDriverWait(browser, 15).until(
        lambda b: address_part in b.current_url and "found" in b.find_element(By.ID, "mocap-status").text
    )
    return browser.find_element(By.ID, "mocap-status").text


def test_searching_algebra_finds_the_algebra_courses(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}catalog/")
    box = browser.find_element(By.ID, "mocap-query")
    box.send_keys("algebra", Keys.ENTER)
    wait_for_search(browser, "q=algebra")
    found = results(browser)
    algebra_titles = {str(c["title"]) for c in published_courses() if "Algebra" in str(c["title"])}
    assert len(algebra_titles) >= 6
    assert algebra_titles <= set(found)
    assert "Algebra I Summit" not in found


def test_grade_and_ap_filters_narrow_the_list(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}catalog/")
    status = wait_for_search(browser, "/catalog/")
    everything = len(published_courses())
    assert status == f"{everything} courses found; showing 20."
    for shown in (40, everything):
        browser.find_element(By.ID, "mocap-more").click()
        WebDriverWait(browser, 10).until(lambda b, shown=shown: len(results(b)) == shown)
    assert browser.find_element(By.ID, "mocap-status").text == f"{everything} courses found."
    assert not browser.find_element(By.ID, "mocap-more").is_displayed()

    # Ticked from the keyboard, as a keyboard user would.
    browser.find_element(By.CSS_SELECTOR, "input[name=grade][value='9']").send_keys(Keys.SPACE)
    wait_for_search(browser, "grade=9")
    grade_nine = {str(c["title"]) for c in published_courses() if 9 in grades_in(str(c["grades"]))}
    assert set(every_result(browser)) == grade_nine

    browser.find_element(By.CSS_SELECTOR, f"input[name=type][value='{AP}']").send_keys(Keys.SPACE)
    wait_for_search(browser, "type=Advanced")
    ap_nine = {str(c["title"]) for c in published_courses() if 9 in grades_in(str(c["grades"])) and is_ap(c)}
    assert set(every_result(browser)) == ap_nine
    assert 0 < len(ap_nine) < len(grade_nine) < everything


def test_facet_counts_load_when_the_facets_are_used_and_match_the_results(
    browser: webdriver.Chrome, site_url: str
) -> None:
    browser.get(f"{site_url}catalog/?q=spanish")
    wait_for_search(browser, "q=spanish")
    box = browser.find_element(By.CSS_SELECTOR, "input[name=grade][value='9']")
    count = browser.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}'] [data-count]")
    assert count.text == ""  # the whole catalog's count would not describe this search
    box.send_keys(Keys.SHIFT)  # focus reaches the facets: their counts load
    WebDriverWait(browser, 10).until(lambda b: count.text.startswith("("))
    shown = int(count.text.strip("()"))
    box.send_keys(Keys.SPACE)
    wait_for_search(browser, "grade=9")
    assert len(every_result(browser)) == shown > 0


def test_a_course_page_shows_its_compliance_matrix(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}catalog/?q=algebra")
    wait_for_search(browser, "q=algebra")
    browser.find_element(By.LINK_TEXT, "Algebra I A").click()
    WebDriverWait(browser, 10).until(lambda b: "/courses/river-bend-online/algebra-i-a/" in b.current_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Algebra I A"
    table = browser.find_element(By.CSS_SELECTOR, "table.mocap-compliance")
    assert table.find_element(By.TAG_NAME, "caption").text == "How Algebra I A meets the MOCAP requirements"
    rows = {
        row.find_element(By.TAG_NAME, "th").text: row.find_elements(By.TAG_NAME, "td")[0].text
        for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")
    }
    assert rows["Taught by a Missouri-certified teacher"] == "Met"
    assert rows["College Board AP Course Audit"] == "Not applicable"


def test_a_withheld_entry_is_absent(
    browser: webdriver.Chrome, site_url: str, demo_build: BuildResult
) -> None:
    browser.get(f"{site_url}catalog/?q=entrepreneurship")
    assert wait_for_search(browser, "q=entrepreneurship") == NOTHING_FOUND
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{site_url}courses/cardinal-pathways/entrepreneurship/")  # noqa: S310
    assert missing.value.code == 404
    report = demo_build.report_file.read_text(encoding="utf-8")
    assert "catalog/providers/cardinal-pathways/courses/entrepreneurship.yaml" in report


def test_site_search_finds_guides_and_providers(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}search/?q=appeal")
    wait_for_search(browser, "q=appeal")
    assert "How enrollment works" in results(browser)


def test_the_catalog_search_finds_courses_only(browser: webdriver.Chrome, site_url: str) -> None:
    titles = {str(c["title"]) for c in published_courses()}
    for words in ("appeal", "river bend"):  # a guide's word; a provider's name
        browser.get(f"{site_url}search/?q={words}")
        wait_for_search(browser, "q=")
        assert set(every_result(browser)) - titles  # the site search finds pages other than courses
        browser.get(f"{site_url}catalog/?q={words}")
        wait_for_search(browser, "q=")
        assert set(every_result(browser)) <= titles


def test_no_script_errors_on_the_search_page(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}catalog/?q=spanish")
    wait_for_search(browser, "q=spanish")
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def test_search_and_facets_work_from_the_keyboard_alone(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}catalog/")
    wait_for_search(browser, "/catalog/")

    def tab_to(condition: str) -> None:
        for _ in range(120):
            ActionChains(browser).send_keys(Keys.TAB).perform()
            if browser.execute_script(f"const e = document.activeElement; return {condition};"):
                return
        pytest.fail(f"Tab never reached {condition}")

    tab_to("e.id === 'mocap-query'")
    ActionChains(browser).send_keys("algebra", Keys.ENTER).perform()
    wait_for_search(browser, "q=algebra")
    tab_to("e.name === 'grade' && e.value === '8'")
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    wait_for_search(browser, "grade=8")
    grade_eight = {
        str(c["title"])
        for c in published_courses()
        if 8 in grades_in(str(c["grades"])) and "Algebra" in str(c["title"])
    }
    assert set(results(browser)) >= grade_eight
    assert "Grade 8 Algebra I" in results(browser)
    tab_to("e.type === 'reset'")
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, 10).until(lambda b: "?" not in b.current_url)
    assert browser.find_element(By.ID, "mocap-query").get_attribute("value") == ""


def _deadlines_for(browser: webdriver.Chrome, site_url: str, typed: str) -> list[str]:
    """The calculator's answer for a date typed into a fresh page (MMDDYYYY, as a keyboard would)."""
    browser.get(f"{site_url}enrolling/")
    field = browser.find_element(By.ID, "mocap-received")
    field.send_keys(typed)
    field.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "mocap-deadlines").text)
    return list(browser.find_element(By.ID, "mocap-deadlines").text.splitlines())


def test_the_deadline_calculator_counts_business_days(browser: webdriver.Chrome, site_url: str) -> None:
    assert _deadlines_for(browser, site_url, "11242026") == [
        "A district or charter school decides by Wednesday, December 9, 2026 (10 business days).",
        "A full-time program's written denial is due by Friday, December 11, 2026 (12 business days, "
        "when the resident district was told that day).",
    ]
    # After New Year 2027: Lincoln's Birthday (Feb 12) and Washington's Birthday (Feb 15) skipped.
    assert _deadlines_for(browser, site_url, "02052027") == [
        "A district or charter school decides by Tuesday, February 23, 2027 (10 business days).",
        "A full-time program's written denial is due by Thursday, February 25, 2027 (12 business days, "
        "when the resident district was told that day).",
    ]
    assert _deadlines_for(browser, site_url, "12242029") == [
        "The state holidays are listed for 2025 to 2029 only, so this date cannot be worked out here. "
        "Count the weekdays after it, skipping state holidays."
    ]
