"""The site from the keyboard alone, at phone width and at 200 % zoom (a 1280 px window at
200 % is a 640 px wide page): the menu opens and closes, its links are out of the tab order
while it is closed, and every control shows where focus is. Real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

MENU = '.md-header label[for="__drawer"]'


@pytest.fixture(params=[390, 640], ids=["phone", "zoom-200"])
def narrow(browser: webdriver.Chrome, request: pytest.FixtureRequest) -> Iterator[webdriver.Chrome]:
    browser.set_window_size(request.param, 800)
    yield browser
    browser.set_window_size(1280, 900)


def _focused(browser: webdriver.Chrome) -> str:
    return str(browser.execute_script("return document.activeElement.outerHTML.slice(0, 120)"))


def _in_drawer(browser: webdriver.Chrome) -> bool:
    return bool(browser.execute_script("return !!document.activeElement.closest('.md-sidebar--primary')"))


def test_the_menu_opens_and_closes_from_the_keyboard(narrow: webdriver.Chrome, site_url: str) -> None:
    narrow.get(f"{site_url}enrolling/")
    menu = narrow.find_element(By.CSS_SELECTOR, MENU)
    for _ in range(5):
        ActionChains(narrow).send_keys(Keys.TAB).perform()
        if narrow.switch_to.active_element == menu:
            break
    else:
        pytest.fail(f"Tab never reached the menu button; focus is on {_focused(narrow)}")
    assert (menu.get_attribute("role"), menu.get_attribute("aria-expanded")) == ("button", "false")
    assert narrow.execute_script("return getComputedStyle(arguments[0]).outlineStyle", menu) != "none"
    ActionChains(narrow).send_keys(Keys.ENTER).perform()
    assert menu.get_attribute("aria-expanded") == "true"
    WebDriverWait(narrow, 5).until(_in_drawer)
    assert narrow.execute_script("return document.activeElement.textContent.trim()") == "Home"
    ActionChains(narrow).send_keys(Keys.ESCAPE).perform()
    assert menu.get_attribute("aria-expanded") == "false"
    assert narrow.switch_to.active_element == menu


def test_a_closed_menu_takes_no_focus(narrow: webdriver.Chrome, site_url: str) -> None:
    narrow.get(f"{site_url}enrolling/")
    seen = set()
    for _ in range(60):
        ActionChains(narrow).send_keys(Keys.TAB).perform()
        assert not _in_drawer(narrow), f"focus went into the closed menu: {_focused(narrow)}"
        seen.add(_focused(narrow))
    assert len(seen) > 5  # focus did move through the page


def test_the_calculator_date_field_shows_its_focus(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}enrolling/")
    field = browser.find_element(By.ID, "mocap-received")
    field.click()
    assert browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", field) == "solid"


def test_the_colour_scheme_is_chosen_from_the_keyboard(browser: webdriver.Chrome, site_url: str) -> None:
    browser.set_window_size(1280, 900)
    browser.get(f"{site_url}enrolling/")
    for _ in range(10):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if browser.switch_to.active_element.get_attribute("name") == "__palette":
            break
    else:
        pytest.fail("Tab never reached the colour scheme choice")
    assert browser.switch_to.active_element.get_attribute("aria-label") == "Colours as the system sets them"
    scheme = "return document.body.getAttribute('data-md-color-scheme')"
    ActionChains(browser).send_keys(Keys.ARROW_DOWN).perform()
    assert browser.switch_to.active_element.get_attribute("aria-label") == "Light colours"
    ActionChains(browser).send_keys(Keys.ARROW_DOWN).perform()
    WebDriverWait(browser, 5).until(lambda b: b.execute_script(scheme) == "slate")
    browser.get(f"{site_url}catalog/")  # the choice is kept from page to page
    assert browser.execute_script(scheme) == "slate"
    browser.execute_script("localStorage.clear()")  # the next tests start from the system's setting
