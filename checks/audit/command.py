"""``mocap audit``: choose the pages, audit them, apply the allowlist, write the reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from checks.audit.allowlist import AllowlistUnusable, apply_allowlist, load_allowlist
from checks.audit.axe import DEFAULT_TAGS, AxeMissing, axe_script
from checks.audit.findings import AuditReport
from checks.audit.pages import sample, served, site_pages
from checks.audit.reporters import REPORTERS
from checks.audit.request import AuditRequest
from checks.audit.runner import Target, audit
from checks.changes import GitError, changed_files

EXIT_CLEAN, EXIT_FOUND, EXIT_CANNOT_RUN = 0, 1, 2
REPORT_FORMATS = {".json": "json", ".xml": "junit", ".md": "markdown", ".txt": "text"}


class TargetsRefused(Exception):
    """The pages to audit cannot be chosen from what was given."""


def audit_command(
    request: AuditRequest,
    repo_root: Path,
    allowlist_file: Path,
    today: dt.date,
    output_format: str,
    outputs: Sequence[Path],
    out: TextIO,
    err: TextIO,
) -> int:
    unknown = [p for p in outputs if p.suffix not in REPORT_FORMATS]
    if unknown:
        err.write(f"mocap audit: {unknown[0]}: name reports .json, .xml (JUnit), .md or .txt\n")
        return EXIT_CANNOT_RUN
    try:
        script = axe_script(repo_root)
        allowlist = load_allowlist(allowlist_file)
        report = _run(request, repo_root, script)
    except (AxeMissing, AllowlistUnusable, GitError, TargetsRefused) as exc:
        err.write(f"mocap audit: {exc}\n")
        return EXIT_CANNOT_RUN
    report = apply_allowlist(report, allowlist, today, allowlist_file.name)
    for path in outputs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(REPORTERS[REPORT_FORMATS[path.suffix]](report), encoding="utf-8")
    out.write(REPORTERS[output_format](report))
    if report.errors:
        err.write("mocap audit: some pages could not be audited, so the audit did not pass\n")
        return EXIT_CANNOT_RUN
    return EXIT_FOUND if report.violations else EXIT_CLEAN


def _run(request: AuditRequest, repo_root: Path, script: Path) -> AuditReport:
    targets = request.targets or ("build/site",)
    tags = request.tags or DEFAULT_TAGS
    if all(t.startswith(("http://", "https://")) for t in targets):
        return audit([Target(t, t) for t in targets], script, tags, request.workers, request.timeout)
    folder = Path(targets[0])
    if len(targets) > 1 or not folder.is_dir():
        raise TargetsRefused(f"{' '.join(targets)}: give one folder of HTML pages, or http(s) URLs")
    pages = _choose(site_pages(folder), request, repo_root)
    if not pages:
        raise TargetsRefused(f"{folder} holds no HTML pages: build the site first (./mocap build)")
    with served(folder) as base:
        chosen = [Target(page, base + page) for page in pages]
        return audit(chosen, script, tags, request.workers, request.timeout)


def _choose(pages: list[str], request: AuditRequest, repo_root: Path) -> list[str]:
    if request.pages == "all":
        return pages
    chosen = set(sample(pages, request.sample_size, request.seed))
    if request.pages == "changed":
        if not request.changed_since:
            raise TargetsRefused("--pages changed needs --changed-since GITREF")
        chosen.update(
            p for f in changed_files(repo_root, request.changed_since) if (p := page_of(f)) in pages
        )
    return [p for p in pages if p in chosen]


def page_of(file: str) -> str:
    """The site page built from a catalog file ("" when none is)."""
    parts = file.split("/")
    if parts[:2] == ["catalog", "providers"] and len(parts) == 5 and parts[3] == "courses":
        return f"courses/{parts[2]}/{parts[4].removesuffix('.yaml')}/"
    if parts[:2] == ["catalog", "providers"] and len(parts) == 4:
        return f"providers/{parts[2]}/"
    return ""
