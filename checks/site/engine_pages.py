"""The site engine's own pages that the pour replaces, kept from one incremental build to the
next, so that a build whose page files are those of the last one runs no engine.

The pour (checks.site.pour) takes the shells out of the engine's site and rewrites its sitemap.
An incremental build keeps both in its work folder, noted with the engine and day they were
built for. A later build that writes no page file (``.md``) anew and removes none, with the
same engine on the same day, would have the engine write the same bytes again: the navigation
is fixed in mkdocs.yml, and the site's sources, the code and the tools are in the work folder's
fingerprint (checks.site.incremental). Such a build copies the other files it wrote (data the
pages read, such as a provider's course files) where the engine copies them, and puts the kept
pages back for the pour. When a course's values change and no hand-written page does, as when
a description is corrected, that spares the engine's start: 0.6 s at 10,000 courses.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checks.site.pour import shell_folder

SITEMAP = "sitemap.xml"
_NOTE = "built-for"


@dataclass(frozen=True)
class EnginePages:
    folder: Path  # in the work folder
    built_for: str  # the engine and the day
    shell_urls: Sequence[str]

    def needed(self, written: Iterable[str], removed: Iterable[str]) -> bool:
        """Whether the engine must run: a page file changed, or the pages kept are not all
        there for this engine and day."""
        if any(name.endswith(".md") for name in (*written, *removed)):
            return True
        kept = [self.folder / SITEMAP, *(self.folder / url / "index.html" for url in self.shell_urls)]
        try:
            noted = (self.folder / _NOTE).read_text(encoding="utf-8")
        except OSError:
            return True
        return noted != self.built_for or not all(page.is_file() for page in kept)

    def keep(self, site: Path) -> None:
        """Move the shells out of ``site`` into the kept folder, and copy the engine's sitemap
        there, before the pour rewrites it."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        shutil.copy2(site / SITEMAP, self.folder / SITEMAP)
        for folder in self._shell_folders():
            (self.folder / folder).parent.mkdir(parents=True, exist_ok=True)
            (site / folder).rename(self.folder / folder)
        (self.folder / _NOTE).write_text(self.built_for, encoding="utf-8")

    def restore(self, site: Path, docs: Path, written: Iterable[str]) -> None:
        """Put the kept pages back into ``site``, with the files written since, as the engine
        would have copied them."""
        for name in written:
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(docs / name, site / name)
        shutil.copy2(self.folder / SITEMAP, site / SITEMAP)
        for folder in self._shell_folders():
            shutil.rmtree(site / folder, ignore_errors=True)
            shutil.copytree(self.folder / folder, site / folder)

    def _shell_folders(self) -> list[str]:
        return sorted({shell_folder(url) for url in self.shell_urls})
