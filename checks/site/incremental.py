"""The work folder an incremental build keeps between runs, and when it may be reused.

It holds the generated pages and the MkDocs site of the last build. It is reused only when
that build finished and nothing but the catalog has changed since: the configuration, the
site's sources (theme overrides, templates, pages), the code of checks.site and the tool
versions are fingerprinted, and any difference means a full build. MkDocs' dirty build then
rebuilds only the pages whose files changed; the navigation is fixed in mkdocs.yml, so
unchanged pages stay correct.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import yaml

import checks
from checks.site.mirror import set_aside
from checks.site.pages import page_url
from checks.site.tools import pagefind_version

FINGERPRINT_NAME = "fingerprint"
# What the pages and the file memo (checks.memo) are made with: the page engines, the templates,
# the Markdown of submitted text, and the reading and validating of the files.
_TOOLS = (
    "mocap-catalog",
    "mkdocs",
    "mkdocs-material",
    "zensical",
    "Jinja2",
    "MarkupSafe",
    "markdown-it-py",
    "nh3",
    "PyYAML",
    "pydantic",
    "pydantic_core",
)


@dataclass(frozen=True)
class Workspace:
    folder: Path
    fingerprint: str
    reused: bool

    @classmethod
    def open(cls, folder: Path, repo_root: Path, sources: list[Path], engine: str) -> Workspace:
        """The work folder, emptied unless the last build finished with the same engine and
        fingerprint of ``sources`` (files or folders under ``repo_root``). Its fingerprint is
        removed until this build completes, so an interrupted or failed build is followed by a
        full one."""
        fingerprint = f"{engine}:{source_fingerprint(repo_root, sources)}"
        marker = folder / FINGERPRINT_NAME
        reused = marker.is_file() and marker.read_text(encoding="utf-8") == _bound(fingerprint, folder)
        if not reused and folder.exists():  # (checks.site.guard refuses a work folder that is a link)
            set_aside(folder, folder.parent, folder.name)
        folder.mkdir(parents=True, exist_ok=True)
        marker.unlink(missing_ok=True)
        return cls(folder, fingerprint, reused)

    def mark_complete(self) -> None:
        marker = self.folder / FINGERPRINT_NAME
        marker.touch()  # first: making it changes the folder's change time, which binds it
        marker.write_text(_bound(self.fingerprint, self.folder), encoding="utf-8")


def _bound(fingerprint: str, folder: Path) -> str:
    """The fingerprint bound to this very folder: its device, inode number and change time
    (which no program can set, and which changes when a file is added to or removed from it).
    A work folder that no build here finished, such as one committed to a pull request and
    checked out, is never reused: its pages and memos (checks.memo, checks.site.rendered) hold
    what the site is made of, HTML included, and only a build here may write them."""
    made = folder.lstat()
    return f"{fingerprint}:{made.st_dev}:{made.st_ino}:{made.st_ctime_ns}"


def source_fingerprint(repo_root: Path, sources: list[Path]) -> str:
    """A digest of everything besides the catalog that the site's HTML depends on: the tool
    versions, ``sources``, and the code of the checks package (the views, the templates'
    filters and our Markdown extension among it)."""
    files = {p.relative_to(repo_root).as_posix(): p for p in sources if p.is_file()}
    files |= {
        p.relative_to(repo_root).as_posix(): p
        for s in sources
        if s.is_dir()
        for p in s.rglob("*")
        if p.is_file()
    }
    package = Path(checks.__file__).parent
    files |= {f"checks/{p.relative_to(package).as_posix()}": p for p in package.rglob("*.py")}
    digest = hashlib.sha256()
    for tool in _TOOLS:
        digest.update(f"{tool}={_version(tool)}\n".encode())
    digest.update(f"pagefind={pagefind_version()}\n".encode())
    # Reading and scanning also depend on Python's Unicode tables and on libyaml.
    digest.update(f"python={sys.version}\nunicode={unicodedata.unidata_version}\n".encode())
    digest.update(f"libyaml={yaml.__with_libyaml__}\n".encode())
    for name in sorted(files):
        digest.update(f"{name}\n".encode())
        digest.update(hashlib.sha256(files[name].read_bytes()).digest())
    return digest.hexdigest()


def _version(tool: str) -> str:
    try:
        return version(tool)
    except PackageNotFoundError:
        return "not installed"


def remove_outputs(site: Path, removed_pages: list[str]) -> None:
    """Delete the HTML that MkDocs built from page files that no longer exist (a dirty build
    leaves it in place)."""
    for page in removed_pages:
        output = site / output_path(page)
        output.unlink(missing_ok=True)
        if output.name == "index.html" and output.parent != site and not any(output.parent.iterdir()):
            output.parent.rmdir()


def output_path(page: str) -> str:
    """The file MkDocs writes for a docs file: a/b.md -> a/b/index.html, style.css as it is."""
    url = page_url(page)
    return f"{url}index.html" if page.endswith(".md") else url
