"""The two commands that guard main on GitHub: the pull-request gate, and the decisions a
reviewer's merge records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from checks import reporters
from checks.changes import GitError, GitTree
from checks.check import CatalogNotFound
from checks.commands import EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE
from checks.decisions import awaiting_decision
from checks.gate import judge_pull_request
from checks.layout import REVIEWERS_FILE
from checks.ownership import ReviewersUnusable, reviewers_list, yaml_data
from checks.reference.load import ReferenceUnusable
from checks.reporters import markdown_cell
from checks.review import Decision, ReviewRefused, decide, reopen_submission
from checks.wording import counted


def gate_command(
    repo: Path,
    base: str,
    head: str,
    authors: Sequence[str],
    as_of: dt.date,
    output_format: str,
    summary: Path | None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Judge the pull request ``head`` as ``base`` would be after merging it; the full report
    also goes, as Markdown, to ``summary`` (a GitHub job summary)."""
    try:
        report = judge_pull_request(repo, base, head, authors, as_of)
    except GitError as exc:
        err.write(f"mocap gate: git cannot read {base} and {head} here: {exc}\n")
        return EXIT_USAGE
    out.write(reporters.REPORTERS[output_format](report))
    if summary is not None:
        with summary.open("a", encoding="utf-8") as handle:
            judged = f"submitted {as_of.isoformat()}, by {' and '.join(dict.fromkeys(authors))}"
            handle.write(reporters.markdown(report, judged))
    return EXIT_PROBLEMS if report.errors else EXIT_CLEAN


def merged_command(
    repo: Path,
    before: str,
    after: str,
    merged_by: str,
    on: dt.date,
    summary: Path | None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Record the decisions a merge to main makes (the commits ``before``..``after``) in the work
    tree's files (main as it is now): a reviewer's merge approves each submitted entry it brought,
    and each approved entry whose content it changed (a new submission). An entry that fails the
    checks is not approved; an entry that changed on main after the merge is left to the run of
    that change; a merge by anyone else approves nothing and reopens changed approved entries."""
    try:
        awaiting = awaiting_decision(repo, before, after)
        merged = GitTree(repo, after)
        reviewers = {r.lower() for r in reviewers_list(yaml_data(GitTree(repo, before).read(REVIEWERS_FILE)))}
    except GitError as exc:
        err.write(f"mocap merged: git cannot compare {before} and {after} here: {exc}\n")
        return EXIT_USAGE
    is_reviewer = merged_by.lower() in reviewers
    lines = [f"## Decisions recorded at the merge by {markdown_cell(merged_by)}", ""]
    unapproved, failed = 0, 0
    for item in awaiting:
        name, path = markdown_cell(item.name), repo / item.name
        if not path.is_file() or path.read_bytes() != merged.read(item.name):
            lines.append(
                f"- not decided again here: {name} changed on main after this merge (a later merge, or a "
                "decision already recorded)"
            )
            continue
        if item.changed_while_approved:
            try:
                reopen_submission(path)
            except ReviewRefused as exc:
                failed += 1
                lines.append(f"- not recorded: {name}: {markdown_cell(str(exc))}")
                continue
            if not is_reviewer:
                failed += 1
                lines.append(
                    f"- reopened {name}: its content changed while it stayed approved, so it is a new "
                    "submission, off the site until a reviewer approves it"
                )
                continue
        if not is_reviewer:
            unapproved += 1
            continue
        approved, why = _approve(repo, path, merged_by, on)
        failed += not approved
        if approved:
            lines.append(f"- approved {name}")
        elif item.changed_while_approved:
            lines.append(
                f"- taken off the site: {name}: its content changed while it stayed approved, and the new "
                f"version was not approved: {markdown_cell(why)}"
            )
        else:
            lines.append(f"- not approved: {name}: {markdown_cell(why)}")
    if unapproved:
        lines.append(
            f"{markdown_cell(merged_by)} is not a DESE reviewer, so the merge approved nothing: the "
            f"{unapproved} submitted entr{'y' if unapproved == 1 else 'ies'} stay off the site "
            "until a reviewer approves them."
        )
    if len(lines) == 2:
        lines.append("No submitted entry was merged.")
    text = "\n".join(lines) + "\n"
    out.write(text)
    if summary is not None:
        with summary.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return EXIT_PROBLEMS if failed else EXIT_CLEAN


def _approve(repo: Path, path: Path, reviewer: str, on: dt.date) -> tuple[bool, str]:
    """Record a reviewer's approval of the entry at ``path``; (False, why) when it is refused."""
    try:
        recorded = decide(repo, path, Decision("approve", reviewer, None, on), on)
    except (ReviewRefused, ReviewersUnusable, ReferenceUnusable, CatalogNotFound) as exc:
        return False, str(exc)
    if recorded.kept:
        return True, ""
    return (
        False,
        f"it fails {counted(recorded.report.errors, 'check')}, so it stays off the site: run "
        "./mocap check on it",
    )
