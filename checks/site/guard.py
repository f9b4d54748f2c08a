"""What a site build may read and replace: its sources are plain files inside the repository,
and its output folder is neither a source nor a folder it did not build."""

from __future__ import annotations

import os
from pathlib import Path

from checks.changes import GitError, git_bytes
from checks.layout import place_of
from checks.site.errors import BuildFailed
from checks.wording import counted

MARKER = ".mocap-site"  # written into every site a build makes: only such a folder is replaced
MAX_SOURCE_DEPTH = 12


class BuildRefused(BuildFailed):
    """The build would read or overwrite what it must not; the message says what and why."""


def check_output(repo_root: Path, out: Path) -> None:
    """Refuse an output folder that is the repository, holds it, lies in its sources, is an
    existing folder that no build made, or is a symbolic link."""
    if out.is_symlink():
        # A build puts a whole new folder in its place, so the link would not be followed; and
        # an incremental build keeps the site it replaces, which a link would make a folder
        # elsewhere (committed to a pull request, say) that the next build writes into.
        raise BuildRefused(
            f"--out {out} is a symbolic link, and building would replace the link, not write where it "
            "points: give the folder itself, or an empty or new one"
        )
    target, repo = out.resolve(), repo_root.resolve()
    if target == repo or repo.is_relative_to(target):
        raise BuildRefused(
            f"--out {out} would replace the repository itself: choose a folder such as build/site"
        )
    if target.is_relative_to(repo):
        inside = target.relative_to(repo).as_posix()
        place = place_of(f"{inside}/index.html")
        if inside.split("/")[0] == ".git" or place.kind != "other":
            raise BuildRefused(
                f"--out {out} lies where {place.what} belongs, and building would replace it: choose "
                "a folder such as build/site"
            )
    if target.exists() and not target.is_dir():
        raise BuildRefused(f"--out {out} is a file, and building would replace it: choose a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise BuildRefused(
            f"--out {out} is a folder that mocap build did not make, and building would replace it: "
            "choose an empty or new folder"
        )


def check_work_folder(repo_root: Path, folder: Path) -> None:
    """Refuse a work folder that an incremental build could trust without having made it: a
    symbolic link (to a folder of anyone's making), or one holding files the repository tracks
    (committed to a pull request, say): its pages and memos would reach the site."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise BuildRefused(
            f"{folder} is a symbolic link or a file, where an incremental build keeps its own work: "
            "remove it and build again"
        )
    try:
        tracked = git_bytes(repo_root, "ls-files", "-z", "--", str(folder.resolve())).split(b"\0")
    except GitError:
        return  # not a repository (or no git): nothing of a pull request's can be there
    names = [name.decode("utf-8", "surrogateescape") for name in tracked if name]
    if names:
        raise BuildRefused(
            f"{folder} holds {counted(len(names), 'file')} committed to the repository (the first: "
            f"{names[0]}): a build's work folder is never committed, since its pages and memos would "
            "be published. Remove them from the repository, e.g. git rm -r --cached build/"
        )


def check_sources(folder: Path) -> None:
    """Refuse symbolic links (they could publish a file from outside the repository) and
    folders nested past any site's needs, naming them all."""
    refused: list[str] = []
    stack = [(folder, 0)]
    while stack:
        current, depth = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                path = Path(entry.path)
                if entry.is_symlink():
                    refused.append(f"{path}: a symbolic link; commit the file itself")
                elif entry.is_dir():
                    if depth + 1 >= MAX_SOURCE_DEPTH:
                        refused.append(f"{path}: folders nested more than {MAX_SOURCE_DEPTH} deep")
                    else:
                        stack.append((path, depth + 1))
    if refused:
        raise BuildRefused(
            "the site's sources hold what a build cannot publish: " + "; ".join(sorted(refused))
        )
