"""Which files a change touches, asked of git."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """git could not answer: not a repository, an unknown ref, or git missing."""


def git(repo: Path, *args: str) -> str:
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, arguments are ours
            ["git", *args],  # noqa: S607 - git from PATH, as a user runs it
            cwd=repo,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def changed_files(repo: Path, base: str) -> frozenset[str]:
    """Files changed since the merge base of ``base`` and HEAD, including uncommitted and
    untracked ones, as paths relative to ``repo``'s top level."""
    top = Path(git(repo, "rev-parse", "--show-toplevel").strip())
    since = merge_base(repo, base)
    changed = git(repo, "diff", "--name-only", "--no-renames", since, "--").splitlines()
    untracked = git(repo, "ls-files", "--others", "--exclude-standard").splitlines()
    prefix = repo.resolve().relative_to(top.resolve()).as_posix()
    names = {name for name in (*changed, *untracked) if name}
    if prefix != ".":
        names = {n.removeprefix(prefix + "/") for n in names if n.startswith(prefix + "/")}
    return frozenset(names)


def merge_base(repo: Path, base: str) -> str:
    """The commit where HEAD's history left ``base``'s."""
    return git(repo, "merge-base", base, "HEAD").strip()
