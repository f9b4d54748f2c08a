"""Benchmark: `mocap audit` against pa11y-ci (runner axe) on the same pages, side by side, with
the same axe-core (4.14.1) and the same axe tags, so the findings must agree.

Installs pa11y-ci 4.1.1 (with axe-core overridden to 4.14.1, the system Chromium, no browser
download) into build/bench-node on first use. Prints pages per second (median of several runs)
and any difference in findings.

    .venv/bin/python benchmarks/audit_compare.py [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from checks.audit.axe import axe_script
from checks.audit.pages import served, site_pages
from checks.audit.runner import Target, audit
from checks.browser import CHROMIUM
from checks.build import build_site

REPO = Path(__file__).resolve().parent.parent
NODE = REPO / "build/bench-node"
PA11Y = NODE / "node_modules/.bin/pa11y-ci"
# pa11y's axe runner asks for these tags for its WCAG2AA standard.
TAGS = ("wcag2a", "wcag21a", "wcag2aa", "wcag21aa", "best-practice")
PACKAGE = {"private": True, "dependencies": {"pa11y-ci": "4.1.1"}, "overrides": {"axe-core": "4.14.1"}}


def install_pa11y() -> None:
    if PA11Y.exists():
        return
    NODE.mkdir(parents=True, exist_ok=True)
    (NODE / "package.json").write_text(json.dumps(PACKAGE), encoding="utf-8")
    environment = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],  # noqa: S607
        cwd=NODE,
        env=environment,
        check=True,
    )


def run_pa11y(urls: list[str], workers: int, work: Path) -> tuple[float, dict[str, set[str]], dict[str, str]]:
    config = {
        "defaults": {
            "runners": ["axe"],
            "standard": "WCAG2AA",
            "concurrency": workers,
            "timeout": 30000,
            "chromeLaunchConfig": {
                "executablePath": CHROMIUM,
                "args": [
                    "--no-sandbox",
                    "--disable-dev-shm-usage",
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                ],
            },
        },
        "urls": urls,
    }
    config_file = work / "pa11y.json"
    config_file.write_text(json.dumps(config), encoding="utf-8")
    start = time.perf_counter()
    result = subprocess.run(  # noqa: S603
        [str(PA11Y), "--config", str(config_file), "--json"], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    report = json.loads(result.stdout)
    found = {
        url: {issue["code"] for issue in issues if issue.get("type") == "error"}
        for url, issues in report["results"].items()
    }
    # pa11y-ci reports a page it failed to audit as an issue with a message and no code.
    failed = {
        url: issue["message"]
        for url, issues in report["results"].items()
        for issue in issues
        if "code" not in issue
    }
    return seconds, found, failed


def run_ours(urls: list[str], workers: int) -> tuple[float, dict[str, set[str]]]:
    start = time.perf_counter()
    report = audit([Target(u, u) for u in urls], axe_script(REPO), TAGS, workers, 30)
    seconds = time.perf_counter() - start
    found: dict[str, set[str]] = {u: set() for u in urls}
    for finding in report.findings:
        if finding.kind == "violation":
            found[finding.page].add(finding.rule)
    return seconds, found


def compare(name: str, site: Path, runs: int, workers: int, work: Path) -> None:
    with served(site) as base:
        urls = [base + page for page in site_pages(site)]
        ours, theirs = [], []
        for _ in range(runs):
            seconds, our_findings = run_ours(urls, workers)
            ours.append(seconds)
            seconds, their_findings, their_failures = run_pa11y(urls, workers, work)
            theirs.append(seconds)
    ours_rate, theirs_rate = len(urls) / statistics.median(ours), len(urls) / statistics.median(theirs)
    print(f"{name}: {len(urls)} pages, {workers} worker(s), median of {runs}")
    print(f"  mocap audit  {ours_rate:6.1f} pages/s  ({statistics.median(ours):.1f} s)")
    print(f"  pa11y-ci     {theirs_rate:6.1f} pages/s  ({statistics.median(theirs):.1f} s)")
    differences = {
        url.removeprefix(base): (sorted(our_findings[url]), sorted(their_findings.get(url, set())))
        for url in urls
        if our_findings[url] != their_findings.get(url, set()) and url not in their_failures
    }
    total = sum(len(v) for v in our_findings.values())
    print(f"  findings: {total} (page, rule) pairs; differences: {differences or 'none'}")
    if their_failures:
        reasons = sorted(set(their_failures.values()))
        print(f"  pa11y-ci could not audit {len(their_failures)} page(s) in the last run: {reasons}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    install_pa11y()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        built = build_site(REPO, work / "site", dt.date(2026, 11, 24))
        for workers in sorted({1, args.workers}):
            compare("demo site", built.site_dir, args.runs, workers, work)
            compare("planted-defect pages", REPO / "tests/audit_pages", args.runs, workers, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
