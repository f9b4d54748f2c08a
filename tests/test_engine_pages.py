"""An incremental build whose page files are those of the last one runs no site engine: it puts
back the shells and sitemap the engine built last, and its site is a whole build's, byte for
byte (checks.site.engine_pages). A changed page file or a new day runs the engine again."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from checks.build import build_site
from tests.helpers import AS_OF, COURSE, COURSE_B, digests, edit
from tests.site_fixtures import copy_repo

NOT_RUN = "mkdocs (not needed)"
SYLLABUS = "https://example.org/algebra-i-a/syllabus-2027"
STANDARD = "Meaning of rational exponents extends from integer exponents"  # A1.NQ.A.1, on COURSE's page


def _full(repo: Path, tmp_path: Path, as_of: dt.date = AS_OF) -> dict[str, str]:
    return digests(build_site(repo, tmp_path / f"full-{as_of}/site", as_of).site_dir)


def test_a_change_shown_only_on_data_pages_runs_no_engine_and_equals_a_whole_build(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    assert "mkdocs" in build_site(repo, out, AS_OF, incremental=True).seconds  # nothing kept yet

    edit(repo, COURSE, {"syllabus": SYLLABUS})  # on the course page only: no page file changes
    result = build_site(repo, out, AS_OF, incremental=True)

    assert NOT_RUN in result.seconds
    assert "mkdocs" not in result.seconds
    assert SYLLABUS in (out / "courses/river-bend-online/algebra-i-a/index.html").read_text(encoding="utf-8")
    assert digests(out) == _full(repo, tmp_path)


def test_a_changed_page_file_runs_the_engine_after_builds_that_did_not(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    edit(repo, COURSE, {"syllabus": SYLLABUS})
    assert NOT_RUN in build_site(repo, out, AS_OF, incremental=True).seconds
    assert NOT_RUN in build_site(repo, out, AS_OF, incremental=True).seconds  # nothing changed

    (repo / COURSE_B).unlink()  # the home page, listings and counts change
    result = build_site(repo, out, AS_OF, incremental=True)

    assert "mkdocs" in result.seconds
    assert not (out / "courses/river-bend-online/algebra-i-b").exists()
    assert digests(out) == _full(repo, tmp_path)


def test_a_new_day_runs_the_engine(tmp_path: Path) -> None:
    """The engine writes the day into the sitemap: pages kept from another day are not used."""
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    next_day = AS_OF + dt.timedelta(days=1)

    result = build_site(repo, out, next_day, incremental=True)

    assert "mkdocs" in result.seconds
    assert digests(out) == _full(repo, tmp_path, next_day)


def test_a_change_of_reference_data_reaches_the_course_pages_it_shows_on(tmp_path: Path) -> None:
    """A course page is kept while what its view is made from is unchanged, and the reference
    data is part of that (checks.site.fingerprints)."""
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    table = repo / "catalog/reference/learning_standards.csv"
    text = table.read_text(encoding="utf-8")
    assert text.count(STANDARD) == 1
    table.write_text(text.replace(STANDARD, f"Reworded: {STANDARD}"), encoding="utf-8")

    build_site(repo, out, AS_OF, incremental=True)

    assert f"Reworded: {STANDARD}" in (out / "courses/river-bend-online/algebra-i-a/index.html").read_text(
        encoding="utf-8"
    )
    assert digests(out) == _full(repo, tmp_path)


def test_kept_pages_that_are_not_all_there_mean_running_the_engine(tmp_path: Path) -> None:
    """A shell removed from the work folder by hand is built again, not missed by the pour."""
    repo = copy_repo(tmp_path / "repo")
    out = repo / "build/site"
    build_site(repo, out, AS_OF, incremental=True)
    shutil.rmtree(repo / "build/.mocap-work/engine-pages/subjects")
    edit(repo, COURSE, {"syllabus": SYLLABUS})

    result = build_site(repo, out, AS_OF, incremental=True)

    assert "mkdocs" in result.seconds
    assert digests(out) == _full(repo, tmp_path)
