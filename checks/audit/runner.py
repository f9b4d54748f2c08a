"""Auditing pages in parallel: one headless Chromium per worker, reused for its pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.webdriver import WebDriver

from checks.audit.axe import run_axe
from checks.audit.findings import AuditError, AuditReport, Finding
from checks.audit.pages import unreachable
from checks.audit.structure import check_finding, headings, skip_link
from checks.browser import chromium

_TITLE_HELP = "https://www.w3.org/WAI/WCAG21/Techniques/general/G88"
SCHEMES = ("light", "dark")  # every page is audited in both; a dark-scheme finding says so


@dataclass(frozen=True)
class Target:
    page: str  # how the report names it: a site path, or the URL itself
    url: str


@dataclass
class _Outcome:
    version: str = ""
    findings: list[Finding] = field(default_factory=list)
    errors: list[AuditError] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)


def audit(
    targets: Sequence[Target], script: Path, tags: tuple[str, ...], workers: int, timeout: float
) -> AuditReport:
    shares = [list(targets[i::workers]) for i in range(max(1, min(workers, len(targets))))]
    with ThreadPoolExecutor(len(shares)) as pool:
        outcomes = list(pool.map(lambda share: _audit_share(share, script, tags, timeout), shares))
    findings = [f for o in outcomes for f in o.findings]
    titles = {page: title for o in outcomes for page, title in o.titles.items()}
    findings += _duplicate_titles(titles)
    order = {t.page: n for n, t in enumerate(targets)}
    return AuditReport(
        axe_version=next((o.version for o in outcomes if o.version), ""),
        pages=tuple(t.page for t in targets),
        findings=tuple(sorted(findings, key=lambda f: (order[f.page], f.kind, f.rule, f.selector))),
        errors=tuple(sorted((e for o in outcomes for e in o.errors), key=lambda e: order[e.page])),
    )


def _audit_share(targets: list[Target], script: Path, tags: tuple[str, ...], timeout: float) -> _Outcome:
    outcome = _Outcome()
    try:
        with chromium(script_timeout=timeout) as driver:
            driver.set_page_load_timeout(timeout)
            for target in targets:
                problem = unreachable(target.url, timeout)
                if problem:
                    outcome.errors.append(AuditError(target.page, f"cannot be audited: {problem}"))
                    continue
                try:
                    seen: set[tuple[str, str]] = set()
                    for scheme in SCHEMES:  # the site follows the system's colour scheme
                        prefer_scheme(driver, scheme)
                        driver.get(target.url)
                        # axe first: the keyboard check leaves focus styles that axe would judge.
                        outcome.version, found = run_axe(driver, script, tags, target.page)
                        new = [f for f in found if (f.rule, f.selector) not in seen]  # once per page
                        seen |= {(f.rule, f.selector) for f in found}
                        if scheme != SCHEMES[0]:
                            new = [replace(f, message=f"({scheme} scheme) {f.message}") for f in new]
                        outcome.findings += new
                    outcome.findings += skip_link(driver, target.page)
                    outcome.findings += headings(driver, target.page)
                    outcome.titles[target.page] = str(driver.title)
                except WebDriverException as exc:
                    message = (exc.msg or type(exc).__name__).splitlines()[0]
                    outcome.errors.append(
                        AuditError(target.page, f"the browser could not audit it: {message}")
                    )
    except WebDriverException as exc:
        outcome.errors += [AuditError(t.page, f"the browser did not start: {_why(exc)}") for t in targets]
    return outcome


def prefer_scheme(driver: WebDriver, scheme: str) -> None:
    """Make the page see a system set to the ``scheme`` colour scheme."""
    feature = {"name": "prefers-color-scheme", "value": scheme}
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [feature]})


def _why(exc: WebDriverException) -> str:
    """The first line of what the browser said (the rest is its stack trace)."""
    return (exc.msg or type(exc).__name__).splitlines()[0]


def _duplicate_titles(titles: dict[str, str]) -> list[Finding]:
    pages_by_title: dict[str, list[str]] = defaultdict(list)
    for page, title in titles.items():
        pages_by_title[title.strip()].append(page)
    findings = []
    for title, pages in pages_by_title.items():
        if not title:
            findings += [
                check_finding(p, "page-title", ("2.4.2",), "the page has no <title>", _TITLE_HELP)
                for p in pages
            ]
        elif len(pages) > 1:
            for page in pages:
                others = ", ".join(p or "/" for p in pages if p != page)
                message = f"the title '{title}' is also the title of {others}"
                findings.append(check_finding(page, "page-title-unique", ("2.4.2",), message, _TITLE_HELP))
    return findings
