"""Commands of the pull-request workflow: review decisions, new files, CODEOWNERS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from checks import reporters
from checks.check import CatalogNotFound, check_catalog, find_catalog_root
from checks.codeowners import CODEOWNERS, codeowners_text
from checks.commands import EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE
from checks.ownership import ReviewersUnusable, load_reviewers
from checks.reference.load import ReferenceUnusable, load_reference
from checks.review import Decision, ReviewRefused, record_decision
from checks.scaffold import CourseAnswers, ScaffoldRefused, gather, write_course, write_provider
from checks.terms import next_open_term

REFERENCE_UNUSABLE = "the reference data is unusable: run 'mocap check' to see why"


def review_command(
    repo_root: Path, decision: Decision, entry: Path, as_of: dt.date, out: TextIO, err: TextIO
) -> int:
    """Record a reviewer's decision in ``entry``'s file, then check that file. An approval of a
    file that fails the checks is taken back: only a passing entry can be approved."""
    catalog_root = repo_root / "catalog"
    try:
        reviewers = load_reviewers(repo_root)
        program = load_reference(catalog_root / "reference", repo_root).program
        before = entry.read_bytes()
        status = record_decision(entry, decision, reviewers, program.renewal_period_years)
    except (ReviewRefused, ReviewersUnusable) as exc:
        err.write(f"mocap review: {exc}\n")
        return EXIT_USAGE
    except ReferenceUnusable:
        err.write(f"mocap review: {REFERENCE_UNUSABLE}\n")
        return EXIT_USAGE
    except OSError as exc:
        err.write(f"mocap review: {entry} cannot be read: {exc.strerror}\n")
        return EXIT_USAGE
    try:
        report = check_catalog(find_catalog_root([entry]), as_of, None, [entry])
    except CatalogNotFound as exc:
        err.write(f"mocap review: {exc}\n")
        return EXIT_USAGE
    if status == "approved" and report.errors:
        entry.write_bytes(before)
        out.write(reporters.text(report))
        err.write(
            f"mocap review: {entry} was not approved: it fails {report.errors} check(s) (listed above). "
            "Ask its maintainer to correct it, or deny it with --reason\n"
        )
        return EXIT_PROBLEMS
    out.write(f"recorded: {entry} is now {status} ({decision.action} by {decision.by} on {decision.on})\n")
    out.write(reporters.text(report))
    return EXIT_PROBLEMS if report.errors else EXIT_CLEAN


def new_course_command(
    repo_root: Path,
    provider: str,
    name: str | None,
    values: dict[str, str | None],
    today: dt.date,
    ask: Callable[[str], str] | None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Scaffold a course file for ``provider``; ask for missing values when ``ask`` is given."""
    if not name:
        err.write("mocap new course: give --name, the course file's name (e.g. geometry)\n")
        return EXIT_USAGE
    catalog_root = repo_root / "catalog"
    try:
        program = load_reference(catalog_root / "reference", repo_root).program
        answers = CourseAnswers(provider, name, gather(values, ask))
        term = str(next_open_term(today, program))
        path = write_course(catalog_root, answers, term, today)
    except ScaffoldRefused as exc:
        err.write(f"mocap new: {exc}\n")
        return EXIT_USAGE
    except ReferenceUnusable:
        err.write(f"mocap new: {REFERENCE_UNUSABLE}\n")
        return EXIT_USAGE
    written = path.relative_to(repo_root)
    out.write(f"wrote {written} for the {term} catalog: fill it in, then run mocap check {written}\n")
    return EXIT_CLEAN


def new_provider_command(
    repo_root: Path,
    provider_id: str,
    legal_name: str | None,
    lea: bool,
    maintainer: str | None,
    today: dt.date,
    out: TextIO,
    err: TextIO,
) -> int:
    """Scaffold a provider file (a reviewer adds providers)."""
    if not (legal_name and maintainer):
        err.write("mocap new provider: give --name (the legal name) and --maintainer (a GitHub login)\n")
        return EXIT_USAGE
    kind = "lea" if lea else "vendor"
    try:
        path = write_provider(repo_root / "catalog", provider_id, legal_name, kind, maintainer, today)
    except ScaffoldRefused as exc:
        err.write(f"mocap new: {exc}\n")
        return EXIT_USAGE
    written = path.relative_to(repo_root)
    out.write(f"wrote {written}: fill it in with the provider, then run mocap check {written}\n")
    return EXIT_CLEAN


def codeowners_command(repo_root: Path, check: bool, out: TextIO, err: TextIO) -> int:
    """Write .github/CODEOWNERS from the data, or with ``check`` say whether it is stale."""
    try:
        expected = codeowners_text(repo_root)
    except ReviewersUnusable as exc:
        err.write(f"mocap codeowners: {exc}\n")
        return EXIT_USAGE
    target = repo_root / CODEOWNERS
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if check:
        if current != expected:
            out.write(
                f"{CODEOWNERS} is out of date with the maintainers and reviewers: run 'mocap codeowners'\n"
            )
            return EXIT_PROBLEMS
        return EXIT_CLEAN
    if current != expected:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(expected, encoding="utf-8")
        out.write(f"wrote {CODEOWNERS}\n")
    return EXIT_CLEAN
