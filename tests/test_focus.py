"""Every control the keyboard reaches shows where focus is: Tab through whole pages at 1280 px,
390 px and 200 % zoom (640 px) in headless Chromium, and check each stop draws a focus
indicator (an outline or a box shadow) and is on screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.test_browser import wait_for_search

PAGES = [
    "catalog/?grade=9",
    "courses/river-bend-online/algebra-i-a/",
    "enrolling/",
    "compare/",
    "submitting/propose/?course=river-bend-online/algebra-i-a",
]
# A hidden radio button (the theme's colour-scheme choice) shows its focus on the visible
# button that follows it; every other stop on itself.
_FOCUS = """
const focused = document.activeElement;
if (!focused || focused === document.body) return null;
const hidden = (el) => { const b = el.getBoundingClientRect(); return b.width <= 1 || b.height <= 1; };
const e = hidden(focused) && focused.nextElementSibling ? focused.nextElementSibling : focused;
const style = getComputedStyle(e);
const box = e.getBoundingClientRect();
const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
const drawn = outlined || style.boxShadow !== "none";
const seen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
  && box.top < innerHeight && box.left < innerWidth;
return [focused.outerHTML.slice(0, 100), drawn, seen];
"""


@pytest.fixture(params=[1280, 390, 640], ids=["1280px", "390px", "zoom-200"])
def width(browser: webdriver.Chrome, request: pytest.FixtureRequest) -> Iterator[webdriver.Chrome]:
    browser.set_window_size(request.param, 800)
    yield browser
    browser.set_window_size(1280, 900)


@pytest.mark.parametrize("path", PAGES)
def test_every_tab_stop_shows_its_focus_and_is_on_screen(
    width: webdriver.Chrome, site_url: str, path: str
) -> None:
    width.get(f"{site_url}{path}")
    if path.startswith("catalog"):
        wait_for_search(width, "grade=9")
    stops: list[str] = []
    for _ in range(150):
        ActionChains(width).send_keys(Keys.TAB).perform()
        focus = width.execute_script(_FOCUS)
        if focus is None:
            break
        html, drawn, seen = focus
        if stops and html == stops[0]:
            break  # around the page once
        assert drawn, f"no visible focus on {html}"
        assert seen, f"focus is off screen on {html}"
        stops.append(html)
    assert len(stops) > 3
