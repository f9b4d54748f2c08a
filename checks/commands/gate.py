"""The two commands that guard main on GitHub: the pull-request gate, and the decisions a
reviewer's merge records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from checks import reporters
from checks.changes import GitError, GitTree, tree_changes
from checks.check import CatalogNotFound
from checks.commands import EXIT_CLEAN, EXIT_PROBLEMS, EXIT_USAGE
from checks.gate import judge_pull_request
from checks.layout import REVIEWERS_FILE, is_entry, review_key
from checks.ownership import ReviewersUnusable, reviewers_list, yaml_data
from checks.reference.load import ReferenceUnusable
from checks.reporters import markdown_cell
from checks.review import Decision, ReviewRefused, decide


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
    """Record DESE's approval of every submitted entry that a reviewer's merge brought to main
    (the commits ``before``..``after``), in the work tree's files; an entry that fails the checks
    is not approved, and is named."""
    try:
        changed = sorted(n for n in tree_changes(repo, before, after) if is_entry(n))
        reviewers = {r.lower() for r in reviewers_list(yaml_data(GitTree(repo, before).read(REVIEWERS_FILE)))}
    except GitError as exc:
        err.write(f"mocap merged: git cannot compare {before} and {after} here: {exc}\n")
        return EXIT_USAGE
    submitted = [n for n in changed if _status(repo / n, n) == "submitted"]
    lines = [f"## Decisions recorded at the merge by {markdown_cell(merged_by)}", ""]
    if submitted and merged_by.lower() not in reviewers:
        lines.append(
            f"{markdown_cell(merged_by)} is not a DESE reviewer, so the merge approved nothing: the "
            f"{len(submitted)} submitted entr{'y' if len(submitted) == 1 else 'ies'} stay off the site "
            "until a reviewer approves them."
        )
        submitted = []
    failed = 0
    for name in submitted:
        decision = Decision("approve", merged_by, None, on)
        try:
            recorded = decide(repo, repo / name, decision, on)
        except (ReviewRefused, ReviewersUnusable, ReferenceUnusable, CatalogNotFound) as exc:
            failed += 1
            lines.append(f"- not approved: {markdown_cell(name)}: {markdown_cell(str(exc))}")
            continue
        if recorded.kept:
            lines.append(f"- approved {markdown_cell(name)}")
        else:
            failed += 1
            lines.append(
                f"- not approved: {markdown_cell(name)} fails {recorded.report.errors} check(s), so it "
                "stays off the site: run ./mocap check on it"
            )
    if len(lines) == 2:
        lines.append("No submitted entry was merged.")
    text = "\n".join(lines) + "\n"
    out.write(text)
    if summary is not None:
        with summary.open("a", encoding="utf-8") as handle:
            handle.write(text)
    return EXIT_PROBLEMS if failed else EXIT_CLEAN


def _status(path: Path, name: str) -> str | None:
    """The review status an entry's file gives, if it can be read."""
    data = yaml_data(path.read_bytes()) if path.is_file() else None
    block = data.get(review_key(name)) if isinstance(data, dict) else None
    status = block.get("status") if isinstance(block, dict) else None
    return str(status) if status else None
