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
whole. A folder, the top one too, takes the permissions of the site's. Whatever the standby
holds that the site does not, a hand-made file included, goes.

The standby can be listed beforehand (``listing``), while the build makes its pages: then it
is made the same as that listing says it is. Nothing but the swaps writes in the standby
(builds take turns); a change made there by hand while a build runs may outlast that build's
first swap, and the next swap into that folder undoes it.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess  # our own interpreter removing a folder of ours
import sys
import time
from pathlib import Path

# A file's or folder's type and permissions, size and modification time (rsync's quick check).
State = tuple[int, int, int]
# Each folder of a tree (by its path from the top: "" the top, "a/b/" below it), with its entries.
Listing = dict[str, dict[str, State]]


def listing(folder: Path) -> Listing:
    """What ``mirror`` reads of a target: each folder's entries and their states, links not
    followed. Read beforehand (checks.shares.done_meanwhile), it spares a swap walking the
    target, which takes as long as walking the site."""
    listed: Listing = {}

    def visit(path: str, relative: str) -> None:
        with os.scandir(path) as entries:
            states = listed[relative] = {entry.name: _quick_state(entry) for entry in entries}
        for name, (mode, _, _) in states.items():
            if stat.S_ISDIR(mode):
                visit(f"{path}/{name}", f"{relative}{name}/")

    visit(os.fspath(folder), "")
    return listed


def mirror(source: Path, target: Path, listed: Listing | None = None) -> int:
    """Make the folder ``target`` hold the files of ``source`` and nothing else; the number of
    files copied. ``listed``: the target as it is (``listing``), not read again."""
    target.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(source.stat().st_mode)
    if stat.S_IMODE(target.stat().st_mode) != mode:
        target.chmod(mode)
    return _mirror(os.fspath(source), os.fspath(target), listed, "")


def _mirror(source: str, target: str, listed: Listing | None, relative: str) -> int:
    # Plain strings, not Path objects: this visits every file of the site.
    there = dict(listed[relative]) if listed is not None and relative in listed else _states(target)
    copied = 0
    with os.scandir(source) as entries:
        for entry in entries:
            place, old = f"{target}/{entry.name}", there.pop(entry.name, None)
            if entry.is_dir(follow_symlinks=False):
                if old is not None and not stat.S_ISDIR(old[0]):
                    _remove(place, old)
                    old = None
                mode = stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode)
                if old is None:
                    Path(place).mkdir()
                if old is None or stat.S_IMODE(old[0]) != mode:
                    Path(place).chmod(mode)  # (first: a folder made read-only by hand is written again)
                below = f"{relative}{entry.name}/"
                copied += _mirror(entry.path, place, listed if old is not None else {below: {}}, below)
            elif old is None or _quick_state(entry) != old:
                if old is not None:
                    _remove(place, old)
                shutil.copy2(entry.path, place, follow_symlinks=False)
                copied += 1
    for name, state in there.items():
        _remove(f"{target}/{name}", state)
    return copied


def _states(folder: str) -> dict[str, State]:
    with os.scandir(folder) as entries:
        return {entry.name: _quick_state(entry) for entry in entries}


def _quick_state(entry: os.DirEntry[str]) -> State:
    status = entry.stat(follow_symlinks=False)
    return status.st_mode, status.st_size, status.st_mtime_ns


def _remove(path: str, state: State) -> None:
    if stat.S_ISDIR(state[0]):
        shutil.rmtree(path)
    else:
        os.unlink(path)  # noqa: PTH108 (a string path, as everywhere here)


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
