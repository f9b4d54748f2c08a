"""Headless Chromium through Selenium, set up for this machine and for CI: Debian's browser and
driver, no first-run or background traffic, and no name lookups beyond this machine."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

# Debian's packages by default; elsewhere (a CI runner's Chrome) set these two variables.
CHROMIUM = os.environ.get("MOCAP_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("MOCAP_CHROMEDRIVER", "/usr/bin/chromedriver")
_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--window-size=1280,900",
)


@contextmanager
def chromium(script_timeout: float = 30) -> Iterator[webdriver.Chrome]:
    """A fresh headless Chromium with its own empty profile, closed on exit."""
    with tempfile.TemporaryDirectory(prefix="mocap-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in (*_FLAGS, f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            driver.set_script_timeout(script_timeout)
            yield driver
        finally:
            driver.quit()
