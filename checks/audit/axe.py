"""Running axe-core in a page through axe-selenium-python, with the pinned current axe-core
from npm (the wrapper's bundled copy on Python 3.11 is axe-core 3.1.1, from 2018)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from axe_selenium_python import Axe
from selenium.webdriver.remote.webdriver import WebDriver

from checks.audit.findings import Finding, Kind

AXE_SCRIPT = Path("node_modules/axe-core/axe.min.js")
DEFAULT_TAGS = ("wcag2a", "wcag2aa", "section508", "wcag21a", "wcag21aa")
_CRITERION = re.compile(r"wcag(\d)(\d)(\d+)")


class AxeMissing(Exception):
    """The pinned axe-core is not installed."""


def axe_script(repo_root: Path) -> Path:
    script = repo_root / AXE_SCRIPT
    if not script.is_file():
        raise AxeMissing(f"{script} is missing: run 'npm ci' in {repo_root} to install the pinned axe-core")
    return script


def run_axe(driver: WebDriver, script: Path, tags: tuple[str, ...], page: str) -> tuple[str, list[Finding]]:
    """axe's version and its violations and incomplete results on the loaded page."""
    axe = Axe(driver, script_url=str(script))
    axe.inject()
    # The wrapper pastes options into JavaScript as they are: give it JSON.
    options = json.dumps(
        {"runOnly": {"type": "tag", "values": list(tags)}, "resultTypes": ["violations", "incomplete"]}
    )
    results: dict[str, Any] = axe.run(options=options)
    findings = [
        finding
        for kind, key in (("violation", "violations"), ("incomplete", "incomplete"))
        for result in results[key]
        for finding in _findings(page, result, kind)  # type: ignore[arg-type]
    ]
    return str(results["testEngine"]["version"]), findings


def _findings(page: str, result: dict[str, Any], kind: Kind) -> list[Finding]:
    criteria = tuple(
        ".".join(match.groups()) for tag in result["tags"] if (match := _CRITERION.fullmatch(tag))
    )
    return [
        Finding(
            page=page,
            rule=result["id"],
            kind=kind,
            impact=str(result.get("impact") or node.get("impact") or ""),
            criteria=criteria,
            selector=" ".join(str(t) for t in node["target"]),
            html=node["html"],
            message=str(node.get("failureSummary") or result["help"]).strip(),
            help_url=result["helpUrl"],
        )
        for node in result["nodes"]
    ]
