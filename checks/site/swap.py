"""Putting a finished site in place so that a complete site is there at every instant.

On Linux the new folder and the old one trade places in one step (renameat2 with
RENAME_EXCHANGE): a reader, a web server or a kill at any moment sees the old site or the new
one, never none. Elsewhere, or on a file system without the exchange, two renames do it, with
a moment between them when the folder is missing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import time
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system cannot."""
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name, use_errno=True) if name else None
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    return int(done) == 0


def swap_in(new: Path, out: Path) -> Path | None:
    """Put the folder ``new`` in place of ``out`` (on the same file system). The site that was
    there is left whole, for the caller to remove or keep: its folder is returned (None if
    there was none)."""
    if not out.exists():
        new.rename(out)
        return None
    if _exchange(new, out):
        return new  # the old site now
    retired = out.with_name(f".{out.name}-retired-{time.time_ns()}")
    out.rename(retired)
    new.rename(out)
    return retired
