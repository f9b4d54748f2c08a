"""The whole sites an incremental build puts in place, made by copying only what changed, and
folders removed off the build's critical path.

An incremental build keeps its site in the work folder, where MkDocs, the pour and Pagefind
write, and must still put a separate, whole folder in place: published files are never
written again, only replaced whole, and never shared with the work folder. So it keeps a
second site beside its own, the *standby*: the site that was in place before its last swap.
Each swap makes the standby equal to the work folder's site, copying only the files that
differ, and trades places with the site in place (checks.site.swap), which becomes the next
standby. Making a new folder for every page instead (10,000 of them at 10,000 courses, 0.2 to
0.5 ms each on a busy disk) took most of the time before the pages were in place.

A file differs when its type, permissions, size or modification time does (rsync's quick
check): a copy keeps its original's time, and a rebuilt search index keeps the times of the
files whose bytes it did not change (keep_unchanged_times). So, as with rsync, a hand edit of
the published site that keeps a file's size and time is not seen. A differing file is removed
before its copy is made, so whoever still reads the file from the site just swapped out reads it
whole. A folder takes the permissions of the site's. Whatever the standby holds that the site
does not, a hand-made file included, goes.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess  # our own interpreter removing a folder of ours
import sys
import time
from pathlib import Path


def mirror(source: Path, target: Path) -> int:
    """Make the folder ``target`` hold the files of ``source`` and nothing else; the number of
    files copied."""
    target.mkdir(parents=True, exist_ok=True)
    return _mirror(os.fspath(source), os.fspath(target))


def _mirror(source: str, target: str) -> int:
    # Plain strings, not Path objects: this visits every file of the site.
    with os.scandir(target) as entries:
        there = {entry.name: entry for entry in entries}
    copied = 0
    with os.scandir(source) as entries:
        for entry in entries:
            place, old = f"{target}/{entry.name}", there.pop(entry.name, None)
            if entry.is_dir(follow_symlinks=False):
                if old is not None and not old.is_dir(follow_symlinks=False):
                    _remove(old)
                    old = None
                mode = stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode)
                if old is None:
                    Path(place).mkdir()
                if old is None or stat.S_IMODE(old.stat(follow_symlinks=False).st_mode) != mode:
                    Path(place).chmod(mode)  # (first: a folder made read-only by hand is written again)
                copied += _mirror(entry.path, place)
            elif old is None or _quick_state(entry) != _quick_state(old):
                if old is not None:
                    _remove(old)
                shutil.copy2(entry.path, place, follow_symlinks=False)
                copied += 1
    for old in there.values():
        _remove(old)
    return copied


def _quick_state(entry: os.DirEntry[str]) -> tuple[int, int, int]:
    status = entry.stat(follow_symlinks=False)
    return status.st_mode, status.st_size, status.st_mtime_ns


def _remove(entry: os.DirEntry[str]) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)  # noqa: PTH108 (a string path, as everywhere here)


def keep_unchanged_times(before: Path, after: Path) -> int:
    """Give each file of the folder ``after`` whose bytes are those of the same file in
    ``before`` that file's modification time, so that mirror sees it unchanged (Pagefind
    writes its whole index anew, most of it the same); the number of files kept so."""
    kept = 0
    for folder, _, names in os.walk(after):
        for name in names:
            new = Path(folder, name)
            old = before / new.relative_to(after)
            try:
                status = old.lstat()
                same = status.st_size == new.lstat().st_size and old.read_bytes() == new.read_bytes()
            except OSError:  # not in the index before, or not a file there
                continue
            if same:
                os.utime(new, ns=(status.st_atime_ns, status.st_mtime_ns), follow_symlinks=False)
                kept += 1
    return kept


SET_ASIDE = "set-aside"  # in the names of folders left for removal in the background


def set_aside(folder: Path, beside: Path, prefix: str) -> None:
    """Move ``folder`` out of the way, into ``beside`` as ``{prefix}-set-aside-{time}`` (on the
    same file system), and remove it in the background: a build need neither wait for it nor
    stop at a file it cannot remove (the next build sweeps such leftovers again)."""
    aside = beside / f"{prefix}-{SET_ASIDE}-{time.time_ns()}"
    folder.rename(aside)
    discard(aside)


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
