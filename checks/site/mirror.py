"""The next site of an incremental build, made from the work folder's site without copying all
of it, and old sites removed off the build's critical path.

An incremental build keeps its site in the work folder and must still swap a separate, whole
folder into place. Copying every file (tens of thousands at 10,000 courses) took longer than
the build itself. Instead the new folder takes each file that this build did not write as a
hard link to the same file of the site in place, and copies only the files the build wrote
(a written file with the same bytes as the published one is linked too: Pagefind writes its
whole index anew, but names its files after their content, so most are the same).

That is safe because the published site never shares a file with the work folder: a published
file is either a copy made here or a link to an earlier published file, and published files
are never written again, only replaced whole by the next swap. A link is taken only when the
site in place is the one this work folder last put there (its marker file is the same file),
and only to a file of it untouched since (a file changed in place after the site was published
is copied afresh), so a full build or a hand edit in between means a plain copy. Where the file
system has no hard links, every file is copied.

"Untouched" is judged by a published file's modification time, not its change time: removing
the site before it (in the background) unlinks the files the two shared, and a change of link
count moves the change time, which made every other build copy the whole site again.
"""

from __future__ import annotations

import os
import shutil
import subprocess  # our own interpreter removing a folder of ours
import sys
from dataclasses import dataclass
from pathlib import Path

_LIVE_NAME = "live"  # in the work folder: which published marker file it last made


@dataclass(frozen=True)
class Published:
    """The marker file of a published site, as the file system knows it."""

    path: str
    inode: int
    changed_ns: int

    @classmethod
    def of(cls, marker: Path) -> Published | None:
        try:
            status = marker.stat()
        except FileNotFoundError:
            return None
        return cls(str(marker.resolve()), status.st_ino, status.st_ctime_ns)

    def text(self) -> str:
        return f"{self.path}\n{self.inode}\n{self.changed_ns}\n"


def remember_published(work: Path, marker: Path) -> None:
    """Note in the work folder that the site holding ``marker`` was made from it."""
    published = Published.of(marker)
    if published is not None:
        (work / _LIVE_NAME).write_text(published.text(), encoding="utf-8")


def made_here(work: Path, marker: Path) -> bool:
    """Whether the site holding ``marker`` is the one the work folder last made."""
    published = Published.of(marker)
    noted = work / _LIVE_NAME
    return published is not None and noted.is_file() and noted.read_text(encoding="utf-8") == published.text()


def next_site(source: Path, live: Path | None, target: Path, written_since_ns: int, marker: str) -> int:
    """Make ``target`` a copy of ``source``, each file linked to the same file of ``live`` where
    that one is unchanged since it was published (its ``marker`` file's time) and, if written
    since ``written_since_ns``, holds the same bytes; copied otherwise. The number copied."""
    published_ns = (live / marker).lstat().st_mtime_ns if live is not None else 0
    copied = 0
    for folder, _, files in os.walk(source):
        here = Path(folder)
        relative = here.relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            original, new = here / name, target / relative / name
            written = original.lstat().st_ctime_ns >= written_since_ns
            if live is not None and _linked(live / relative / name, new, published_ns, original, written):
                continue
            shutil.copyfile(original, new, follow_symlinks=False)
            copied += 1
    return copied


def _linked(published: Path, new: Path, published_ns: int, original: Path, written: bool) -> bool:
    """Link ``new`` to ``published`` if that file is as it was published and, where this build
    wrote ``original`` anew (``written``: most of a rebuilt search index is the same files),
    holds its bytes; False where it does not, is missing, or the file system cannot link."""
    try:
        status = published.lstat()
        if status.st_mtime_ns > published_ns:
            return False
        if written and not _same_bytes(original, published, status.st_size):
            return False
        os.link(published, new, follow_symlinks=False)
    except OSError:
        return False
    return True


def _same_bytes(original: Path, published: Path, published_size: int) -> bool:
    return original.lstat().st_size == published_size and original.read_bytes() == published.read_bytes()


def write_time(folder: Path) -> int:
    """The file system's present time, read from a file written in ``folder`` (the clock files
    are stamped with, which may lag the system's own)."""
    stamp = folder / ".written-since"
    stamp.write_bytes(b"")
    return stamp.stat().st_ctime_ns


def discard(folder: Path) -> None:
    """Remove ``folder`` in a process of its own, so the build need not wait for it; a removal
    cut short leaves a folder the next build sweeps away."""
    remover = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    subprocess.Popen(  # noqa: S603 - our interpreter, our code, our folder
        [sys.executable, "-c", remover, str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
