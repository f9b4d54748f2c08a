"""Commands on the catalog's files: check them, list the rules, write the generated schemas."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from checks import reporters
from checks.changes import GitError, GitTree, changed_files, merge_base
from checks.check import CatalogNotFound, check_catalog, find_catalog_root, ordered
from checks.commands import EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE
from checks.demo import SAMPLE_MARK, NotTheDemo, SampleUnreadable, redate_demo
from checks.layout import REFERENCE_DIR
from checks.ownership import Change, ownership_problems, worktree_reader
from checks.problems import Report
from checks.reference.load import ReferenceUnusable
from checks.registry import ALL_RULES
from checks.schemas import stale_schemas, write_schemas
from checks.synth import SynthesisRefused, synthesize
from checks.wording import counted


def check_command(
    paths: Sequence[Path],
    as_of: dt.date,
    changed_since: str | None,
    output_format: str,
    out: TextIO,
    err: TextIO,
    author: str | None = None,
) -> int:
    if author and not changed_since:
        err.write("mocap check: --author needs --changed-since: ownership is judged on a change\n")
        return EXIT_USAGE
    try:
        root = find_catalog_root(paths)
        repo_root = root.resolve().parent
        changed = changed_files(repo_root, changed_since) if changed_since else None
        report = check_catalog(root, as_of, changed, paths)
        if changed_since and changed is not None:
            # Without --author, only what binds every author: a change of content resubmits.
            base = GitTree(repo_root, merge_base(repo_root, changed_since))
            change = Change(changed, base.read, worktree_reader(repo_root), author)
            owned = ownership_problems(change)
            report = Report(report.files_checked, tuple(ordered([*report.problems, *owned])))
    except CatalogNotFound as exc:
        err.write(f"mocap check: {exc}\n")
        return EXIT_USAGE
    except GitError as exc:
        err.write(f"mocap check: --changed-since {changed_since}: {exc}\n")
        return EXIT_USAGE
    except ReferenceUnusable as exc:
        out.write(reporters.REPORTERS[output_format](Report(0, tuple(exc.problems))))
        err.write("mocap check: the reference data is unusable, so the catalog was not checked\n")
        return EXIT_USAGE
    out.write(reporters.REPORTERS[output_format](report))
    return EXIT_PROBLEMS if report.errors else EXIT_CLEAN


def rules_command(output_format: str, out: TextIO) -> int:
    if output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "severity": str(r.severity),
                "clause": r.clause,
                "summary": r.summary,
            }
            for r in ALL_RULES
        ]
        out.write(json.dumps(rows, indent=2) + "\n")
        return EXIT_CLEAN
    for r in ALL_RULES:
        out.write(f"{r.code}  {r.severity:<7}  {r.name:<34} {r.clause}\n        {r.summary}\n")
    return EXIT_CLEAN


def schemas_command(repo_root: Path, check: bool, out: TextIO) -> int:
    if check:
        stale = stale_schemas(repo_root)
        for name in stale:
            out.write(f"{name} is out of date with the models: run ./mocap schemas\n")
        return EXIT_PROBLEMS if stale else EXIT_CLEAN
    for name in write_schemas(repo_root):
        out.write(f"wrote {name}\n")
    return EXIT_CLEAN


def synth_command(
    source: Path,
    out: Path,
    providers: int,
    courses: int,
    seed: int,
    as_of: dt.date,
    stdout: TextIO,
    err: TextIO,
) -> int:
    try:
        made = synthesize(source, out, providers, courses, seed, as_of)
    except SynthesisRefused as exc:
        err.write(f"mocap synth: {exc}\n")
        return EXIT_USAGE
    except ReferenceUnusable:
        reference = source / "reference"
        err.write(
            f"mocap synth: the reference data in {reference} is unusable: run ./mocap check to see why\n"
        )
        return EXIT_USAGE
    written = f"{counted(made.providers, 'provider')} and {counted(made.courses, 'course')}"
    stdout.write(f"wrote {written} to {made.out}\n")
    return EXIT_CLEAN


def holidays_command(catalog: Path, through: int, out: TextIO, err: TextIO) -> int:
    """Add the state holidays of the years up to ``through`` to the reference table."""
    from checks.reference.state_holidays import add_years  # noqa: PLC0415 - only this command needs it

    table = catalog / REFERENCE_DIR / "state_holidays.csv"
    if not table.is_file():
        err.write(f"mocap holidays: {table} is not there: name the catalog folder with --catalog\n")
        return EXIT_USAGE
    try:
        added = add_years(table, through)
    except (KeyError, ValueError) as exc:
        err.write(f"mocap holidays: {table} cannot be read as the holiday table ({exc}): run mocap check\n")
        return EXIT_USAGE
    if not added:
        out.write(f"{table} already lists the holidays of {through}: nothing added\n")
        return EXIT_CLEAN
    years = sorted({h.date.year for h in added})
    out.write(f"{table}: added {len(added)} holidays of {years[0]}-{years[-1]}:\n")
    out.writelines(f"  {h.date.isoformat()}  {h.name}\n" for h in added)
    out.write(
        "Compare them with the Office of Administration's list once it is out: "
        "https://oa.mo.gov/commissioner/state-holidays\n"
    )
    return EXIT_CLEAN


def redate_demo_command(catalog: Path, today: dt.date, out: TextIO, err: TextIO) -> int:
    """Move the demo's sample dates forward so its evidence is current on ``today``."""
    if not (catalog / "providers").is_dir():
        err.write(
            f"mocap redate-demo: {catalog} holds no providers folder: name the catalog with --catalog\n"
        )
        return EXIT_USAGE
    try:
        redated = redate_demo(catalog, today)
    except SampleUnreadable as exc:
        err.write(f"mocap redate-demo: {exc}. Fix the file (./mocap check {exc.path}); nothing was changed\n")
        return EXIT_USAGE
    except NotTheDemo as exc:
        names = ", ".join(exc.providers)
        err.write(
            f"mocap redate-demo: not the demo catalog: the legal names of {names} do not end in "
            f"{SAMPLE_MARK!r}, and a real provider's attestations are never re-dated. Nothing was changed\n"
        )
        return EXIT_USAGE
    if not redated.files:
        out.write(f"nothing to move: the newest sample date is already {today.isoformat()} or later\n")
        return EXIT_CLEAN
    out.write(f"moved every sample date {redated.days} days forward, in {len(redated.files)} files\n")
    out.write("Check the result with ./mocap check, and commit it.\n")
    return EXIT_CLEAN
