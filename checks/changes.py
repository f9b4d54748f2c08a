"""Which files a change touches, and the files of a commit, asked of git.

Every name is read with ``-z``: exactly as it is, whatever its characters (without it, git
quotes names with accented letters, and a quoted name matches no file).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """git could not answer: not a repository, an unknown ref, or git missing."""


def git_bytes(repo: Path, *args: str, stdin: bytes | None = None, ok: tuple[int, ...] = (0,)) -> bytes:
    """What git prints; GitError unless it exits with one of ``ok``."""
    try:
        result = subprocess.run(  # noqa: S603 - fixed program, arguments are ours
            ["git", "-c", "core.quotePath=false", *args],  # noqa: S607 - git from PATH, as a user runs it
            cwd=repo,
            input=stdin,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    if result.returncode not in ok:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise GitError(message or f"git {' '.join(args)} failed")
    return result.stdout


def git(repo: Path, *args: str) -> str:
    return git_bytes(repo, *args).decode("utf-8", "surrogateescape")


def _names(output: bytes) -> list[str]:
    return [n.decode("utf-8", "surrogateescape") for n in output.split(b"\0") if n]


def changed_files(repo: Path, base: str) -> frozenset[str]:
    """Files changed since the merge base of ``base`` and HEAD, including uncommitted and
    untracked ones, as paths relative to ``repo``'s top level."""
    top = Path(git(repo, "rev-parse", "--show-toplevel").strip())
    since = merge_base(repo, base)
    changed = _names(git_bytes(repo, "diff", "-z", "--name-only", "--no-renames", since, "--"))
    untracked = _names(git_bytes(repo, "ls-files", "-z", "--others", "--exclude-standard"))
    prefix = repo.resolve().relative_to(top.resolve()).as_posix()
    names = {*changed, *untracked}
    if prefix != ".":
        names = {n.removeprefix(prefix + "/") for n in names if n.startswith(prefix + "/")}
    return frozenset(names)


def merge_base(repo: Path, base: str, head: str = "HEAD") -> str:
    """The commit where ``head``'s history left ``base``'s."""
    return git(repo, "merge-base", base, head).strip()


def tree_changes(repo: Path, before: str, after: str) -> dict[str, str]:
    """Each path that differs between two trees, with git's status letter (A, M, D, T)."""
    fields = _names(git_bytes(repo, "diff-tree", "-r", "-z", "--no-renames", "--name-status", before, after))
    return dict(zip(fields[1::2], fields[0::2], strict=True))


def commit_changes(repo: Path, base: str, head: str) -> frozenset[str]:
    """Every path some commit of ``head`` that ``base`` lacks changes, merges left out: what a
    rebase merge would replay, one commit at a time."""
    output = git_bytes(
        repo, "log", "--no-merges", "--format=", "--name-only", "-z", "--no-renames", f"{base}..{head}"
    )
    return frozenset(_names(output))


class MergeConflict(Exception):
    """The two histories change the same lines; ``names`` are the files in conflict."""

    def __init__(self, names: list[str]):
        super().__init__(", ".join(names))
        self.names = names


def merged_tree(repo: Path, base: str, head: str) -> str:
    """The tree that merging ``head`` into ``base`` gives, computed without a checkout."""
    output = git_bytes(repo, "merge-tree", "--write-tree", "-z", "--name-only", base, head, ok=(0, 1))
    tree, *rest = output.split(b"\0")
    conflicts = _names(b"\0".join(rest).split(b"\0\0")[0]) if rest and rest[0] else []
    if conflicts:
        raise MergeConflict(sorted(set(conflicts)))
    return tree.decode()


# Looking 20 names up one by one costs about what listing a tree of 30,000 files does (0.1 s).
LOOKED_UP_BY_NAME = 20


@dataclass(frozen=True)
class TreeEntry:
    mode: str
    oid: str
    name: str

    @property
    def is_file(self) -> bool:
        """A regular file (not a symbolic link, nor a submodule)."""
        return self.mode in {"100644", "100755"}


class GitTree:
    """The files of one commit or tree, read as data from git's object store: nothing is
    checked out, run or installed."""

    def __init__(self, repo: Path, treeish: str):
        self.repo = repo
        self.treeish = treeish
        self._listed: dict[str, TreeEntry] | None = None
        self._looked_up: dict[str, TreeEntry | None] = {}

    @property
    def entries(self) -> dict[str, TreeEntry]:
        """Every file of the tree (listed once)."""
        if self._listed is None:
            self._listed = _tree_entries(
                git_bytes(self.repo, "ls-tree", "-r", "-z", "--full-tree", self.treeish)
            )
        return self._listed

    def entries_at(self, names: list[str]) -> dict[str, TreeEntry]:
        """The entries at ``names`` that are there. A pull request's check reads a few files
        of a tree of tens of thousands: the first names are looked up one by one; past
        LOOKED_UP_BY_NAME of them, the whole tree is listed, once."""
        unknown = [n for n in names if _tree_path(n) and n not in self._looked_up]
        if self._listed is not None or len(self._looked_up) + len(unknown) > LOOKED_UP_BY_NAME:
            return {n: self.entries[n] for n in names if n in self.entries}
        if unknown:
            listing = git_bytes(
                self.repo,
                "--literal-pathspecs",
                "ls-tree",
                "-r",
                "-z",
                "--full-tree",
                self.treeish,
                "--",
                *unknown,
            )
            found = _tree_entries(listing)
            self._looked_up.update({n: found.get(n) for n in unknown})
        return {n: entry for n in names if (entry := self._looked_up.get(n)) is not None}

    def read(self, name: str) -> bytes | None:
        """The bytes of a regular file, or None where there is none at ``name``."""
        return next(self.read_all([name]), (name, None))[1]

    def read_all(self, names: list[str]) -> Iterator[tuple[str, bytes]]:
        """The regular files among ``names`` with their bytes, in one git process."""
        wanted = [entry for entry in self.entries_at(names).values() if entry.is_file]
        if not wanted:
            return
        output = git_bytes(
            self.repo, "cat-file", "--batch", stdin="".join(f"{e.oid}\n" for e in wanted).encode()
        )
        at = 0
        for entry in wanted:
            header_end = output.index(b"\n", at)
            size = int(output[at:header_end].split(b" ")[2])
            start = header_end + 1
            yield entry.name, output[start : start + size]
            at = start + size + 1


def _tree_path(name: str) -> bool:
    """Whether ``name`` can name a file of a tree as git lists it: relative, with no empty,
    ``.`` or ``..`` part (git refuses to look up a path outside the repository)."""
    return all(part not in {"", ".", ".."} for part in name.split("/"))


def _tree_entries(listing: bytes) -> dict[str, TreeEntry]:
    """The entries of ``git ls-tree -z``'s output, by name."""
    found = {}
    for record in listing.split(b"\0"):
        if record:
            meta, _, raw_name = record.partition(b"\t")
            mode, _, oid = meta.decode().split(" ")
            name = raw_name.decode("utf-8", "surrogateescape")
            found[name] = TreeEntry(mode, oid, name)
    return found
