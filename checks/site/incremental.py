"""The work folder an incremental build keeps between runs, and when it may be reused.

It holds the generated pages and the MkDocs site of the last build. It is reused only when
that build finished and nothing but the catalog has changed since: the configuration, the
site's sources (theme overrides, templates, pages) and the tool versions are fingerprinted, and
any difference means a full build. MkDocs' dirty build then rebuilds only the pages whose files
changed; the navigation is fixed in mkdocs.yml, so unchanged pages stay correct.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

FINGERPRINT_NAME = "fingerprint"
_TOOLS = ("mocap-catalog", "mkdocs", "mkdocs-material", "pagefind")
_SOURCES = ("mkdocs.yml", "site")


@dataclass(frozen=True)
class Workspace:
    folder: Path
    fingerprint: str
    reused: bool

    @classmethod
    def open(cls, folder: Path, repo_root: Path) -> Workspace:
        """The work folder, emptied unless the last build finished with the same fingerprint.
        Its fingerprint is removed until this build completes, so an interrupted or failed
        build is followed by a full one."""
        fingerprint = source_fingerprint(repo_root)
        marker = folder / FINGERPRINT_NAME
        reused = marker.is_file() and marker.read_text(encoding="utf-8") == fingerprint
        if not reused:
            shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        marker.unlink(missing_ok=True)
        return cls(folder, fingerprint, reused)

    def mark_complete(self) -> None:
        (self.folder / FINGERPRINT_NAME).write_text(self.fingerprint, encoding="utf-8")


def source_fingerprint(repo_root: Path) -> str:
    """A digest of everything besides the catalog that the site's HTML depends on."""
    digest = hashlib.sha256()
    for tool in _TOOLS:
        digest.update(f"{tool}={version(tool)}\n".encode())
    for source in _SOURCES:
        path = repo_root / source
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(f"{file.relative_to(repo_root).as_posix()}\n".encode())
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def remove_outputs(site: Path, removed_pages: list[str]) -> None:
    """Delete the HTML that MkDocs built from page files that no longer exist (a dirty build
    leaves it in place)."""
    for page in removed_pages:
        output = site / output_path(page)
        output.unlink(missing_ok=True)
        if output.name == "index.html" and output.parent != site and not any(output.parent.iterdir()):
            output.parent.rmdir()


def output_path(page: str) -> str:
    """Where MkDocs (directory URLs) writes a docs file: a.md -> a/index.html."""
    if not page.endswith(".md"):
        return page
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"
