"""The site build as it was before data pages were poured, for comparison in the same run:
every page through MkDocs (``build_site(pour=False)``), or just its page files for MkDocs
alone to build.

    python -m benchmarks.unpoured build REPO OUT      # the whole build, into OUT
    python -m benchmarks.unpoured pages REPO FOLDER   # the page files only
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from checks.build import build_site, site_url_of, submissions_of
from checks.catalog import load_catalog
from checks.check import check_loaded
from checks.layout import CATALOG_DIR, REFERENCE_DIR, SITE_DIR
from checks.publish import select_published
from checks.reference.load import load_reference
from checks.site.pages import SiteContent, generate_pages, make_views
from checks.site.propose import course_files
from checks.site.rendered import RenderedTexts

AS_OF = dt.date(2026, 11, 24)


def page_files(repo: Path, docs: Path, pour: bool) -> SiteContent:
    """The site's page files of ``repo``'s catalog in ``docs``, as a build writes them: every
    page when ``pour`` is False, else the data pages left to pour (also for benchmarks.anchors)."""
    catalog = load_catalog(repo / CATALOG_DIR)
    reference = load_reference(repo / CATALOG_DIR / REFERENCE_DIR, repo)
    publication = select_published(check_loaded(catalog, reference, AS_OF))
    return generate_pages(
        publication,
        reference,
        make_views(publication, reference, AS_OF, RenderedTexts()),
        repo / SITE_DIR,
        docs,
        site_url_of(repo),
        AS_OF,
        submissions_of(repo),
        course_files(catalog, publication.courses),
        pour=pour,
    )


def main(mode: str, repo: Path, out: Path) -> int:
    if mode == "build":
        build_site(repo, out, AS_OF, pour=False)
    else:
        page_files(repo, out, pour=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])))
