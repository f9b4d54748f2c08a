"""``mocap gate``: a pull request judged as main would be after merging it, by the base
branch's own code.

The pull request's files are read from git's object store as data: they are never checked
out, installed, imported or run. The merge of the pull request into the base is computed
without a work tree (``git merge-tree``); every path that merge changes is judged against the
repository's layout (``checks/layout.py``) and the author's rights on the base; the catalog
files it needs are written into a temporary folder and checked there, catalog-wide rules
included. What is reported: every problem of a changed file, and every error the merge would
bring to an unchanged file (deleting a provider's record leaves its courses failing), so that
a green pull request cannot leave main red.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath

from checks.catalog import LAYOUT_HELP, MAX_DEPTH
from checks.changes import (
    GitTree,
    MergeConflict,
    commit_changes,
    git,
    merge_base,
    merged_tree,
    tree_changes,
)
from checks.check import ordered, run_checks
from checks.codeowners import codeowners_text
from checks.layout import CATALOG_DIR, CODEOWNERS, REVIEWERS_FILE, place_of
from checks.ownership import Change, ownership_problems, reviewers_list, yaml_data
from checks.problems import Problem, Report, Severity
from checks.records import SourceFile
from checks.reference.load import ReferenceUnusable
from checks.rules.loading import INTERNAL_FAULT, LAYOUT, fault_message
from checks.rules.ownership import CODEOWNERS_CURRENT, MERGES_CLEANLY


def judge_pull_request(repo: Path, base: str, head: str, authors: Sequence[str], as_of: dt.date) -> Report:
    """Every problem merging ``head`` into ``base`` would bring, judged as of ``as_of`` and with
    the rights of each of ``authors`` (who opened it, who pushed last): the pull request may do
    only what all of them may. Raises GitError when a ref is unknown."""
    base_commit, head_commit = _commit(repo, base), _commit(repo, head)
    try:
        tree = merged_tree(repo, base_commit, head_commit)
    except MergeConflict as conflict:
        return Report(len(conflict.names), tuple(_conflict(name) for name in conflict.names))
    before, after = GitTree(repo, base_commit), GitTree(repo, tree)
    names = frozenset(tree_changes(repo, base_commit, tree))
    hidden = _hidden_reverts(repo, base_commit, head_commit, names)
    owned: dict[tuple[str, str, str], Problem] = {}
    for author in authors:
        for problem in ownership_problems(Change(names, before.read, after.read, author)):
            owned.setdefault(_key(problem), problem)
    try:
        judged = _catalog_problems(before, after, names, as_of)
    except Exception as exc:  # a fault of the gate must not hide what it found about ownership
        rule = INTERNAL_FAULT
        message = fault_message("judging the catalog files of this pull request", exc)
        judged = [Problem(CATALOG_DIR, 1, 1, rule.code, rule.severity, "", message, rule.clause)]
    problems = [*hidden, *owned.values(), *_codeowners_problems(after, names), *judged]
    return Report(len(names), tuple(ordered(problems)))


def _commit(repo: Path, ref: str) -> str:
    return git(repo, "rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}").strip()


def _conflict(name: str) -> Problem:
    rule = MERGES_CLEANLY
    message = (
        "this file was changed both by the pull request and on main since the pull request began: "
        "bring your branch up to date with main (GitHub's 'Update branch' button) and resolve it"
    )
    return SourceFile(Path(name), name).problem(rule.code, rule.severity, (), message, rule.clause)


def _hidden_reverts(repo: Path, base: str, head: str, names: frozenset[str]) -> list[Problem]:
    """A path main changed since the pull request began, which the pull request's commits
    change and then change back: merged whole it changes nothing, but a rebase merge replays
    the commits and undoes main's change (a reviewer's suspension, another provider's file)."""
    since = tree_changes(repo, merge_base(repo, base, head), base)
    rule = MERGES_CLEANLY
    message = (
        "a commit of this pull request changes this file, which main has changed since the pull "
        "request began, and a later commit changes it back: merged one commit at a time, that "
        "would undo main's change. Bring your branch up to date with main and drop those commits"
    )
    return [
        SourceFile(Path(n), n).problem(rule.code, rule.severity, (), message, rule.clause)
        for n in sorted((commit_changes(repo, base, head) - names) & since.keys())
    ]


def _codeowners_problems(after: GitTree, names: frozenset[str]) -> Iterable[Problem]:
    if not names & {REVIEWERS_FILE, CODEOWNERS}:
        return
    raw = after.read(CODEOWNERS)
    expected = codeowners_text(reviewers_list(yaml_data(after.read(REVIEWERS_FILE))))
    if (raw or b"").decode("utf-8", "replace") != expected:
        rule = CODEOWNERS_CURRENT
        yield SourceFile(Path(CODEOWNERS), CODEOWNERS).problem(
            rule.code,
            rule.severity,
            (),
            f"{CODEOWNERS} does not follow {REVIEWERS_FILE}: run ./mocap codeowners and commit the result",
            rule.clause,
        )


def _catalog_problems(
    before: GitTree, after: GitTree, names: frozenset[str], as_of: dt.date
) -> list[Problem]:
    changed = frozenset(n for n in names if n.startswith(f"{CATALOG_DIR}/"))
    if not changed:
        return []
    problems = [p for n in sorted(changed) if (p := _unreadable(after, n))]
    touched = {place_of(n).provider for n in changed} - {""}

    def judged(name: str) -> bool:
        return name in changed or place_of(name).provider in touched

    def needed(name: str) -> bool:
        place = place_of(name)
        return judged(name) or place.kind in {"reference data", "reviewers file", "provider file"}

    with tempfile.TemporaryDirectory(prefix="mocap-gate-") as temp:
        merged = _checked(after, needed, Path(temp) / "merged", as_of, changed, judged)
        base = _checked(before, needed, Path(temp) / "base", as_of, changed, judged)
    known = {_key(p) for p in base if p.severity is Severity.ERROR}
    problems += [
        p for p in merged if p.file in changed or (p.severity is Severity.ERROR and _key(p) not in known)
    ]
    return problems


def _key(problem: Problem) -> tuple[str, str, str]:
    return problem.file, problem.code, problem.field


def _checked(
    tree: GitTree,
    needed: Callable[[str], bool],
    folder: Path,
    as_of: dt.date,
    changed: frozenset[str],
    judged: Callable[[str], bool],
) -> list[Problem]:
    """The problems of the judged files of ``tree``'s catalog, written out as data."""
    wanted = [n for n in tree.entries if n.startswith(f"{CATALOG_DIR}/") and needed(n) and _writable(n)]
    for name, data in tree.read_all(wanted):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    catalog = folder / CATALOG_DIR
    if not (catalog / "providers").is_dir():
        (catalog / "providers").mkdir(parents=True)
    try:
        checked = run_checks(catalog, as_of, changed, judged)
    except ReferenceUnusable as exc:
        return list(exc.problems)
    return [p for p in checked.problems if judged(p.file)]


def _writable(name: str) -> bool:
    """A catalog path that can be a catalog file: plain parts, no deeper than catalog files go."""
    parts = PurePosixPath(name).parts
    plain = all(p not in {"", ".", ".."} and _name_bytes(p) <= 255 for p in parts)
    return plain and len(parts) <= MAX_DEPTH + 1


def _name_bytes(part: str) -> int:
    """A name's length as file systems count it (255 bytes), not in characters."""
    return len(part.encode("utf-8", "surrogateescape"))


def _unreadable(after: GitTree, name: str) -> Problem | None:
    """A changed catalog path that is no regular file, or that no catalog file can be."""
    entry = after.entries.get(name)
    if entry is None:
        return None  # deleted
    if not entry.is_file:
        message = "symbolic links and submodules are not accepted: commit the file itself"
    elif any(_name_bytes(part) > 255 for part in PurePosixPath(name).parts):
        message = "a file or folder name may be at most 255 bytes long: shorten it"
    elif not _writable(name):
        message = f"this path is nested too deeply for the catalog: {LAYOUT_HELP}"
    else:
        return None
    rule = LAYOUT
    return SourceFile(Path(name), name).problem(rule.code, rule.severity, (), message, rule.clause, 1, 1)
