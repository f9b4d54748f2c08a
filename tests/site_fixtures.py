"""Fixtures for the site tests: a real build of the demo catalog, served over HTTP on
127.0.0.1, and a real headless Chromium."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver

from checks.audit.pages import served
from checks.browser import chromium
from checks.build import build_site
from checks.build_report import BuildResult
from tests.helpers import AS_OF, REPO


def copy_repo(destination: Path) -> Path:
    """What a site build reads (catalog, site sources, mkdocs.yml), copied under ``destination``."""
    shutil.copytree(REPO / "catalog", destination / "catalog")
    shutil.copytree(REPO / "site", destination / "site")
    shutil.copy(REPO / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_site(REPO, tmp_path_factory.mktemp("demo") / "site", AS_OF)


@pytest.fixture(scope="session")
def site_url(demo_build: BuildResult) -> Iterator[str]:
    with served(demo_build.site_dir) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    with chromium() as driver:
        yield driver


def old_sites_removed(folder: Path) -> None:
    """Wait (at most a minute) until no old site, old search index or temporary folder of a
    build is left."""
    deadline = time.monotonic() + 60

    def left() -> list[Path]:
        return [*folder.glob(".site-*"), *folder.glob(".mocap-work-set-aside-*")]

    while left() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left()
