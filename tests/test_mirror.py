"""The standby site made equal to the work folder's (checks.site.mirror), on real files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from checks.site.mirror import keep_unchanged_times, listing, mirror


def _write(path: Path, text: str, mtime_ns: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") if p.is_file() else "/"
        for p in sorted(folder.rglob("*"))
    }


def _differing_sites(tmp_path: Path) -> tuple[Path, Path]:
    site, standby = tmp_path / "site", tmp_path / "standby"
    _write(site / "same/index.html", "same", 10**18)
    _write(standby / "same/index.html", "same", 10**18)
    _write(site / "newer.html", "new text", 2 * 10**18)
    _write(standby / "newer.html", "old text", 10**18)
    # The same size and time as the site's: rsync's quick check counts it the same file.
    _write(site / "quick.html", "abc", 10**18)
    _write(standby / "quick.html", "xyz", 10**18)
    _write(site / "added/deep/page.html", "added")
    _write(site / "was-a-file/index.html", "a folder now")
    _write(standby / "was-a-file", "a file before")
    _write(site / "was-a-folder", "a file now")
    _write(standby / "was-a-folder/index.html", "a folder before")
    _write(standby / "gone/index.html", "removed from the site")
    _write(standby / "hand-made.html", "not the build's")
    return site, standby


@pytest.mark.parametrize("read_beforehand", [False, True], ids=["target read", "target listed beforehand"])
def test_mirror_copies_what_differs_keeps_what_does_not_and_removes_the_rest(
    tmp_path: Path, read_beforehand: bool
) -> None:
    site, standby = _differing_sites(tmp_path)
    kept = (standby / "same/index.html").stat().st_ino

    copied = mirror(site, standby, listing(standby) if read_beforehand else None)

    assert copied == 4  # newer.html, added/deep/page.html, was-a-file/index.html, was-a-folder
    assert _tree(standby) == {**_tree(site), "quick.html": "xyz"}
    assert (standby / "same/index.html").stat().st_ino == kept
    assert (standby / "newer.html").stat().st_mtime_ns == 2 * 10**18  # a copy keeps its time
    assert mirror(site, standby) == 0  # now the same


def test_a_listing_read_beforehand_is_what_the_mirror_goes_by(tmp_path: Path) -> None:
    # (read while the build makes its pages: the target is not walked again)
    site, standby = _differing_sites(tmp_path)
    listed = listing(standby)
    assert set(listed) == {"", "same/", "was-a-folder/", "gone/"}
    mode, size, _ = listed["same/"]["index.html"]
    listed["same/"]["index.html"] = (mode, size, 1)  # as if it had another time

    assert mirror(site, standby, listed) == 5  # same/index.html copied too
    assert _tree(standby) == {**_tree(site), "quick.html": "xyz"}


def test_mirror_makes_the_standby_when_there_is_none(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _write(site / "index.html", "home")
    _write(site / "a/b/index.html", "page")
    assert mirror(site, tmp_path / "work/standby") == 2
    assert _tree(tmp_path / "work/standby") == _tree(site)


def test_a_file_replaced_in_the_standby_is_not_written_for_whoever_reads_it(tmp_path: Path) -> None:
    site, standby = tmp_path / "site", tmp_path / "standby"
    _write(site / "index.html", "new", 2 * 10**18)
    _write(standby / "index.html", "old", 10**18)
    with (standby / "index.html").open(encoding="utf-8") as reader:
        mirror(site, standby)
        assert reader.read() == "old"
    assert (standby / "index.html").read_text(encoding="utf-8") == "new"


def test_an_index_written_anew_keeps_the_times_of_the_files_it_did_not_change(tmp_path: Path) -> None:
    before, after = tmp_path / "before", tmp_path / "after"
    _write(before / "fragment/a.pf_fragment", "same bytes", 10**18)
    _write(before / "pagefind-entry.json", "old entry", 10**18)
    same = _write(after / "fragment/a.pf_fragment", "same bytes")
    changed = _write(after / "pagefind-entry.json", "new entry")
    added = _write(after / "fragment/b.pf_fragment", "a new page")
    changed_at, added_at = changed.stat().st_mtime_ns, added.stat().st_mtime_ns

    assert keep_unchanged_times(before, after) == 1

    assert same.stat().st_mtime_ns == 10**18
    assert (changed.stat().st_mtime_ns, added.stat().st_mtime_ns) == (changed_at, added_at)


def test_a_folder_takes_the_permissions_of_the_site_s(tmp_path: Path) -> None:
    site, standby = tmp_path / "site", tmp_path / "standby"
    _write(site / "courses/index.html", "courses")
    _write(site / "new/index.html", "new")
    mirror(site, standby)
    (standby / "courses").chmod(0o700)  # by hand, in the site that was in place
    standby.chmod(0o700)  # the top folder too (found by a reviewing helper)
    (site / "new").chmod(0o750)
    mirror(site, standby)
    for folder in (".", "courses", "new"):
        assert stat.S_IMODE((standby / folder).stat().st_mode) == stat.S_IMODE((site / folder).stat().st_mode)
