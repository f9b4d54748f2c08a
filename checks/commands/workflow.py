"""Commands of the pull-request workflow: review decisions, new files, CODEOWNERS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from checks import reporters
from checks.check import CatalogNotFound
from checks.codeowners import codeowners_text
from checks.commands import EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE
from checks.layout import CATALOG_DIR, CODEOWNERS, REFERENCE_DIR, REVIEWERS_FILE
from checks.ownership import ReviewersUnusable, read_reviewers
from checks.questions import ScaffoldRefused, gather
from checks.reference.load import ReferenceUnusable, load_reference
from checks.review import Decision, ReviewRefused, decide
from checks.scaffold import CourseAnswers, unfinished, write_course, write_provider
from checks.terms import next_open_term
from checks.wording import counted

REFERENCE_UNUSABLE = "the reference data is unusable: run ./mocap check to see why"


def review_command(
    repo_root: Path, decision: Decision, entry: Path, as_of: dt.date, out: TextIO, err: TextIO
) -> int:
    """Record a reviewer's decision in ``entry``'s file, then check that file."""
    try:
        recorded = decide(repo_root, entry, decision, as_of)
    except (ReviewRefused, ReviewersUnusable, CatalogNotFound) as exc:
        err.write(f"mocap review: {exc}\n")
        return EXIT_USAGE
    except ReferenceUnusable:
        err.write(f"mocap review: {REFERENCE_UNUSABLE}\n")
        return EXIT_USAGE
    if not recorded.kept:
        out.write(reporters.text(recorded.report))
        err.write(
            f"mocap review: {entry} was not approved: it fails "
            f"{counted(recorded.report.errors, 'check')} (listed above). Ask its maintainer to correct "
            "it, or deny it with --reason\n"
        )
        return EXIT_PROBLEMS
    out.write(
        f"recorded: {entry} is now {recorded.status} ({decision.action} by {decision.by} on {decision.on})\n"
    )
    out.write(reporters.text(recorded.report))
    return EXIT_PROBLEMS if recorded.report.errors else EXIT_CLEAN


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
    """Scaffold a course file for ``provider``; with ``ask`` (in a terminal), ask for each value
    not given, and again after a wrong answer."""
    if not name:
        err.write("mocap new course: give --name, the course file's name (e.g. geometry)\n")
        return EXIT_USAGE
    catalog_root = repo_root / CATALOG_DIR
    try:
        reference = load_reference(catalog_root / REFERENCE_DIR, repo_root)
        gathered = gather(values, reference, ask, lambda text: _say(out, text))
        subject = reference.subjects.get(str(gathered.get("subject")))
        answers = CourseAnswers(
            provider,
            name,
            gathered,
            subject is None or subject.core_standards,
            str(gathered.get("subject")) in reference.certification_areas,
        )
        term = str(next_open_term(today, reference.program))
        path = write_course(catalog_root, answers, term)
    except ScaffoldRefused as exc:
        err.write(f"mocap new: {exc}\n")
        return EXIT_USAGE
    except ReferenceUnusable:
        err.write(f"mocap new: {REFERENCE_UNUSABLE}\n")
        return EXIT_USAGE
    return _written(repo_root, path, f" for the {term} catalog", out)


def _say(out: TextIO, text: str) -> None:
    out.write(text + "\n")
    out.flush()


def _written(repo_root: Path, path: Path, what: str, out: TextIO) -> int:
    """Say what was written, what is left to fill in, and how to check it."""
    written = path.relative_to(repo_root)
    left = unfinished(path.read_text(encoding="utf-8"))
    todo = f"; still to fill in: {', '.join(left)}" if left else ""
    out.write(f"wrote {written}{what}{todo}. Then check it: ./mocap check {written}\n")
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
    """Scaffold a provider file (a reviewer adds providers) for the catalog open on ``today``."""
    if not (legal_name and maintainer):
        err.write("mocap new provider: give --name (the legal name) and --maintainer (a GitHub login)\n")
        return EXIT_USAGE
    kind = "lea" if lea else "vendor"
    catalog_root = repo_root / CATALOG_DIR
    try:
        program = load_reference(catalog_root / REFERENCE_DIR, repo_root).program
        term = str(next_open_term(today, program))
        path = write_provider(catalog_root, provider_id, legal_name, kind, maintainer, term)
    except ScaffoldRefused as exc:
        err.write(f"mocap new: {exc}\n")
        return EXIT_USAGE
    except ReferenceUnusable:
        err.write(f"mocap new: {REFERENCE_UNUSABLE}\n")
        return EXIT_USAGE
    return _written(repo_root, path, f" for the {term} catalog", out)


def codeowners_command(repo_root: Path, check: bool, out: TextIO, err: TextIO) -> int:
    """Write .github/CODEOWNERS from the data, or with ``check`` say whether it is stale."""
    try:
        expected = codeowners_text(read_reviewers(repo_root))
    except ReviewersUnusable as exc:
        err.write(f"mocap codeowners: {exc}\n")
        return EXIT_USAGE
    target = repo_root / CODEOWNERS
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if check:
        if current != expected:
            out.write(
                f"{CODEOWNERS} is out of date with {REVIEWERS_FILE}: run ./mocap codeowners and commit it\n"
            )
            return EXIT_PROBLEMS
        return EXIT_CLEAN
    if current != expected:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(expected, encoding="utf-8")
        out.write(f"wrote {CODEOWNERS}\n")
    return EXIT_CLEAN
