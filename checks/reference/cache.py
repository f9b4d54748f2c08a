"""Remembering that a data package validated, by the digest of its content.

Validating the reference package with frictionless is the largest fixed cost of every check
(about half a second): a package whose files, byte for byte, and whose validator version were
seen valid before is valid again. Only success is remembered; a package with any problem is
validated, and its problems reported, every time. The marks live in the user's cache folder
(``$MOCAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/mocap``, else ``~/.cache/mocap``) and can be
deleted at any moment.
"""

from __future__ import annotations

import hashlib
import os
from importlib.metadata import version
from pathlib import Path


def cache_folder() -> Path:
    if os.environ.get("MOCAP_CACHE_DIR"):
        return Path(os.environ["MOCAP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mocap"


def package_digest(directory: Path) -> str:
    """The digest of every file of a package folder and of the validator's version."""
    digest = hashlib.sha256(f"frictionless {version('frictionless')}\n".encode())
    for path in sorted(p for p in directory.iterdir() if p.is_file()):
        digest.update(f"{path.name}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def seen_valid(digest: str) -> bool:
    return (cache_folder() / f"valid-{digest}").is_file()


def remember_valid(digest: str) -> None:
    """Mark the package valid; a cache that cannot be written is simply not used."""
    try:
        cache_folder().mkdir(parents=True, exist_ok=True)
        (cache_folder() / f"valid-{digest}").touch()
    except OSError:
        pass
