"""Benchmark: `mocap build` of the bundled demo catalog. Prints the median time of each stage
over several builds, the output size, bytes per course page, and what one search transfers
(measured in headless Chromium), beside the size of the theme's own lunr search index for the
same pages.

    .venv/bin/python benchmarks/build_demo.py [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import statistics
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from checks.browser import chromium
from checks.build import build_site
from checks.check import run_checks
from checks.publish import select_published
from checks.site.pages import generate_pages
from checks.site.tools import run_mkdocs

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 24)
QUERIES = ("algebra", "spanish", "science")


def bytes_in(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


class _Recording(SimpleHTTPRequestHandler):
    requested: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        self.requested.append(self.path)


def search_transfer(site: Path, query: str) -> tuple[int, int]:
    """Bytes of Pagefind files served for one search on a fresh page (its web worker's fetches
    included, which the page's own resource timings miss), and their count."""
    _Recording.requested.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Recording, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with chromium() as browser:
            browser.get(f"http://127.0.0.1:{server.server_address[1]}/catalog/?q={query}")
            WebDriverWait(browser, 20).until(lambda b: "found" in b.find_element(By.ID, "mocap-status").text)
    finally:
        server.shutdown()
        server.server_close()
    files = {path.split("?")[0] for path in _Recording.requested if path.startswith("/pagefind/")}
    return sum((site / f.lstrip("/")).stat().st_size for f in files), len(files)


def lunr_index_size(work: Path, pages: Path) -> int:
    """The theme's built-in search index for the same pages (the plugin we leave off)."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    config["theme"]["custom_dir"] = str(REPO / "site/overrides")
    config_file = work / "mkdocs-lunr.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    site = work / "lunr-site"
    run_mkdocs(config_file, pages, site, AS_OF)
    return (site / "search/search_index.json").stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        stages: dict[str, list[float]] = {}
        totals = []
        for _ in range(runs):
            start = time.perf_counter()
            result = build_site(REPO, work / "site", AS_OF)
            totals.append(time.perf_counter() - start)
            for stage, seconds in result.seconds.items():
                stages.setdefault(stage, []).append(seconds)
        site = result.site_dir
        print(f"mocap build of the demo ({len(result.publication.courses)} courses), median of {runs}:")
        for stage, values in stages.items():
            print(f"  {stage:<10} {statistics.median(values):6.2f} s")
        print(f"  {'total':<10} {statistics.median(totals):6.2f} s (in-process; add ~0.3 s for startup)")
        course_pages = list((site / "courses").rglob("index.html"))
        print(
            f"output: {bytes_in(site) / 1e6:.2f} MB in {sum(1 for p in site.rglob('*') if p.is_file())} files"
        )
        assets, index = bytes_in(site / "assets") / 1e6, bytes_in(site / "pagefind") / 1e6
        print(f"  theme assets {assets:.2f} MB, Pagefind {index:.2f} MB")
        sizes = [p.stat().st_size / 1e3 for p in course_pages]
        print(f"  course pages: median {statistics.median(sizes):.1f} KB, largest {max(sizes):.1f} KB")
        for query in QUERIES:
            size, count = search_transfer(site, query)
            print(f"search '{query}': {size / 1e3:.0f} KB in {count} Pagefind files (fresh browser)")
        lunr = lunr_index_size(work, _pages(work)) / 1e3
        print(f"lunr index for the same pages: {lunr:.0f} KB, sent whole to every visitor")
    return 0


def _pages(work: Path) -> Path:
    """The generated page files, made once more for the lunr comparison."""
    checked = run_checks(REPO / "catalog", AS_OF)
    pages = work / "pages"
    generate_pages(select_published(checked), checked.reference, REPO / "site", pages, "https://example.org/")
    return pages


if __name__ == "__main__":
    raise SystemExit(main())
