"""A build cannot destroy or leak: its output folder is never a source, the repository or a
folder it did not make; the site's sources are plain files; and the finished site replaces the
old one so that a complete site is in place at every instant."""

from __future__ import annotations

import io
import json
import shutil
import threading
from pathlib import Path

import pytest

from checks.build import build_site
from checks.commands.site import build_command
from checks.problems import Problem, Severity
from checks.site.mirror import Listing, mirror
from checks.site.swap import swap_in
from checks.site.tools import PAGEFIND, ToolFailed, pagefind_command, run_pagefind
from tests.helpers import AS_OF, COURSE, digests, edit, git
from tests.site_fixtures import copy_repo, old_sites_removed


def build(repo: Path, out: str, incremental: bool = False) -> tuple[int, str]:
    err = io.StringIO()
    code = build_command(repo, repo / out, AS_OF, incremental, io.StringIO(), err)
    return code, err.getvalue()


REWRITTEN = "A rewritten description of Algebra I A."


def _built_then_rewritten(tmp_path: Path) -> Path:
    """A copied repository built incrementally once, then COURSE's description rewritten."""
    repo = copy_repo(tmp_path)
    assert build(repo, "build/site", incremental=True)[0] == 0
    edit(repo, COURSE, {"description": REWRITTEN})
    return repo


def _rewrite_in_place(repo: Path) -> bool:
    page = repo / "build/site/courses/river-bend-online/algebra-i-a/index.html"
    return REWRITTEN in page.read_text(encoding="utf-8")


def _full_disk(*_: object, **__: object) -> None:
    raise OSError(28, "No space left on device")


def _pagefind_failing(*_: object, **__: object) -> None:
    raise ToolFailed("Pagefind failed (exit 1):\nno room")


@pytest.mark.parametrize(
    ("out", "reason"),
    [
        ("catalog", "lies where a file of the catalog folder belongs"),
        ("catalog/providers", "lies where a file of the catalog folder belongs"),
        ("site", "lies where a source of the public site belongs"),
        ("site/docs", "lies where a source of the public site belongs"),
        (".", "would replace the repository itself"),
        ("..", "would replace the repository itself"),
        ("notes.txt", "is a file, and building would replace it"),
        ("mine", "is a folder that mocap build did not make, and building would replace it"),
    ],
)
def test_an_output_folder_that_is_no_build_output_is_refused(tmp_path: Path, out: str, reason: str) -> None:
    repo = copy_repo(tmp_path / "repo")
    (repo / "notes.txt").write_text("keep me\n", encoding="utf-8")
    (repo / "mine").mkdir()
    (repo / "mine/keep.txt").write_text("keep me\n", encoding="utf-8")
    before = digests(repo)
    code, err = build(repo, out)
    assert code == 2
    assert err.startswith(f"mocap build: --out {repo / out} {reason}")
    assert err.endswith("; the previous site is unchanged\n")
    assert digests(repo) == before


def test_a_symbolic_link_in_the_site_sources_is_refused(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    (repo / "site/docs/secrets.md").symlink_to("/etc/passwd")
    (repo / "site/docs/gone.md").symlink_to(tmp_path / "nowhere")
    code, err = build(repo, "build/site")
    assert code == 2
    assert err == (
        "mocap build: the site's sources hold what a build cannot publish: "
        f"{repo}/site/docs/gone.md: a symbolic link; commit the file itself; "
        f"{repo}/site/docs/secrets.md: a symbolic link; commit the file itself; the previous site is "
        "unchanged\n"
    )
    assert not (repo / "build/site").exists()


def test_site_sources_nested_past_any_need_are_refused(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    folder = repo / "site/docs"
    for _ in range(20):
        folder = folder / "d"
        folder.mkdir()
    code, err = build(repo, "build/site")
    assert code == 2
    assert "folders nested more than 12 deep" in err


def test_a_work_folder_that_is_a_link_is_refused_and_its_target_left_alone(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    planted = tmp_path / "planted"
    planted.mkdir()
    (planted / "texts.json").write_text('{"version": 1, "texts": {}}', encoding="utf-8")
    (repo / "build").mkdir()
    (repo / "build/.mocap-work").symlink_to(planted)
    code, err = build(repo, "build/site", incremental=True)
    assert (code, err) == (
        2,
        f"mocap build: {repo}/build/.mocap-work is a symbolic link or a file, where an incremental build "
        "keeps its own work: remove it and build again; the previous site is unchanged\n",
    )
    assert (planted / "texts.json").is_file()
    assert not (repo / "build/site").exists()


def test_an_output_folder_that_is_a_link_is_refused_and_its_target_left_alone(tmp_path: Path) -> None:
    # git keeps links: a pull request can commit build/site pointing at an empty folder anywhere.
    repo = copy_repo(tmp_path / "repo")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / "build").mkdir()
    (repo / "build/site").symlink_to(elsewhere)
    code, err = build(repo, "build/site", incremental=True)
    assert (code, err) == (
        2,
        f"mocap build: --out {repo}/build/site is a symbolic link, and building would replace the link, "
        "not write where it points: give the folder itself, or an empty or new one; the previous site "
        "is unchanged\n",
    )
    assert not any(elsewhere.iterdir())
    assert (repo / "build/site").is_symlink()


def test_a_work_folder_committed_to_the_repository_is_refused(tmp_path: Path) -> None:
    # A pull request can commit one, fingerprint and memos included, files deep inside it too.
    repo = copy_repo(tmp_path / "repo")
    planted = repo / "build/.mocap-work/site/planted/index.html"
    planted.parent.mkdir(parents=True)
    planted.write_text("<script>alert('committed')</script>\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-f", ".")
    git(repo, "commit", "-qm", "a pull request")
    code, err = build(repo, "build/site", incremental=True)
    assert code == 2
    assert err.startswith(
        f"mocap build: {repo}/build/.mocap-work holds 1 file committed to the repository (the first: "
        "build/.mocap-work/site/planted/index.html): a build's work folder is never committed"
    )
    assert planted.is_file() and not (repo / "build/site").exists()
    assert build(repo, "build/site")[0] == 0  # a whole build has no work folder to trust


def test_a_build_run_outside_the_repository_says_where_to_run_it(tmp_path: Path) -> None:
    code, err = build(tmp_path, "build/site")
    assert (code, err) == (
        2,
        f"mocap build: there is no catalog and mkdocs.yml in {tmp_path}: run ./mocap build in the "
        "repository's top folder; the previous site is unchanged\n",
    )


def test_the_swap_leaves_a_complete_site_at_every_instant(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("old", encoding="utf-8")
    missing: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            if not (out / "index.html").is_file():
                missing.append(1)

    reader = threading.Thread(target=watch)
    reader.start()
    try:
        for number in range(300):
            new = tmp_path / f".site-new-{number}"
            new.mkdir()
            (new / "index.html").write_text(str(number), encoding="utf-8")
            replaced = swap_in(new, out)
            assert replaced is not None
            shutil.rmtree(replaced)
    finally:
        done.set()
        reader.join()
    assert missing == []
    assert (out / "index.html").read_text(encoding="utf-8") == "299"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


BINARY_PATH_VARIABLES = ("PAGEFIND_BINARY_PATH", "PAGEFIND_EXTENDED_BINARY_PATH")


@pytest.fixture
def no_binary_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither of the Pagefind script's binary-path variables set."""
    for variable in BINARY_PATH_VARIABLES:
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def programs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_binary_path: None) -> Path:
    """An empty folder of Pagefind's programs, in place of the installed one, on a machine
    whose system and processor each test sets (_machine), with neither binary-path variable."""
    folder = tmp_path / "@pagefind"
    monkeypatch.setattr("checks.site.tools.PAGEFIND_PROGRAMS", folder)
    return folder


def _machine(monkeypatch: pytest.MonkeyPatch, system: str, processor: str) -> None:
    monkeypatch.setattr("sys.platform", system)
    monkeypatch.setattr("platform.machine", lambda: processor)


def _program_for(programs: Path, package: str, name: str = "pagefind_extended") -> Path:
    program = programs / package / "bin" / name
    program.parent.mkdir(parents=True, exist_ok=True)
    program.write_text("", encoding="utf-8")
    program.chmod(0o755)
    return program


def test_npm_installed_pagefind_s_own_program_for_this_machine(no_binary_path: None) -> None:
    installed = Path(pagefind_command(Path("site"))[0])
    assert installed.parents[2].name == "@pagefind" and installed.name.startswith("pagefind_extended")


def test_the_build_starts_pagefind_s_own_program_for_this_machine_and_else_its_script(
    tmp_path: Path, programs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _machine(monkeypatch, "linux", "aarch64")
    assert pagefind_command(site)[0] == str(PAGEFIND)  # none installed
    _program_for(programs, "linux-x64")  # a node_modules from another machine: the script says so
    assert pagefind_command(site)[0] == str(PAGEFIND)
    program = _program_for(programs, "linux-arm64")
    assert pagefind_command(site)[:3] == [str(program), "--site", str(site)]
    program.chmod(0o644)  # not a program
    assert pagefind_command(site)[0] == str(PAGEFIND)
    _machine(monkeypatch, "win32", "AMD64")
    windows = _program_for(programs, "windows-x64", "pagefind_extended.exe")
    assert pagefind_command(site)[0] == str(windows)
    for variable in BINARY_PATH_VARIABLES:  # the script's own choice
        with monkeypatch.context() as chosen:
            chosen.setenv(variable, "/opt/pagefind")
            assert pagefind_command(site)[0] == str(PAGEFIND)


def test_a_pagefind_program_that_cannot_start_fails_with_why_and_what_to_do(
    tmp_path: Path, programs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _machine(monkeypatch, "linux", "x86_64")
    program = _program_for(programs, "linux-x64")
    program.write_bytes(b"\x7fELF not for this machine")
    with pytest.raises(ToolFailed) as failed:
        run_pagefind(tmp_path, AS_OF)
    assert str(failed.value) == (
        f"Pagefind ({program}) could not be started (Exec format error): remove the tools' node_modules "
        "folder and run 'make build' on this machine"
    )


def test_a_build_without_pagefind_says_how_to_get_it_and_keeps_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_repo(tmp_path)
    out = repo / "build/site"
    assert build_command(repo, out, AS_OF, False, io.StringIO(), io.StringIO()) == 0
    before = digests(out)
    missing = tmp_path / "node_modules/.bin/pagefind"
    monkeypatch.setattr("checks.site.tools.PAGEFIND", missing)
    err = io.StringIO()
    assert build_command(repo, out, AS_OF, False, io.StringIO(), err) == 2
    assert err.getvalue() == (
        f"mocap build: Pagefind ({missing}) is missing: run 'make build' (or 'npm ci' in the tools' folder) "
        "to install it; the previous site is unchanged\n"
    )
    assert digests(out) == before


def test_a_final_swap_that_fails_says_the_pages_are_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _built_then_rewritten(tmp_path)
    swaps: list[Path] = []

    def full_disk_the_second_time(new: Path, out: Path) -> Path | None:
        swaps.append(new)
        if len(swaps) == 2:
            raise OSError(28, "No space left on device")
        return swap_in(new, out)

    monkeypatch.setattr("checks.build.swap_in", full_disk_the_second_time)
    assert build(repo, "build/site", incremental=True) == (
        2,
        "mocap build: the site could not be put in place ([Errno 28] No space left on device): free some "
        f"space or let this user replace the files under {repo}/build, then build again; the new pages are "
        "in place, with the last build's search index, open data and PDFs; the next build is a whole one\n",
    )
    assert _rewrite_in_place(repo)


def test_a_standby_site_that_cannot_be_made_the_same_is_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As when someone made a file of the published site one that this user may not remove.
    repo = _with_a_standby(tmp_path)
    failures: list[Path] = []

    def refused_once(source: Path, target: Path, listed: Listing | None = None) -> int:
        if not failures:
            failures.append(target)
            raise PermissionError(1, "Operation not permitted", str(target / "x"))
        return mirror(source, target, listed)

    monkeypatch.setattr("checks.build.mirror", refused_once)
    edit(repo, COURSE, {"description": "Rewritten a third time."})
    assert build(repo, "build/site", incremental=True)[0] == 0
    assert failures == [repo / "build/.mocap-work/standby"]
    old_sites_removed(repo / "build")  # the standby set aside, removed in the background
    _same_as_a_whole_build(repo, tmp_path)


def test_a_standby_site_that_cannot_be_listed_beforehand_is_read_at_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _with_a_standby(tmp_path)

    def refused(folder: Path) -> Listing:
        raise PermissionError(13, "Permission denied", str(folder / "courses"))

    monkeypatch.setattr("checks.build.listing", refused)
    edit(repo, COURSE, {"description": "Rewritten a third time."})
    assert build(repo, "build/site", incremental=True) == (0, "")
    _same_as_a_whole_build(repo, tmp_path)


def _with_a_standby(tmp_path: Path) -> Path:
    """A copied repository built incrementally twice: its work folder holds a standby site."""
    repo = copy_repo(tmp_path / "repo")
    for description in (REWRITTEN, "Rewritten once more."):
        edit(repo, COURSE, {"description": description})
        assert build(repo, "build/site", incremental=True)[0] == 0
    return repo


def _same_as_a_whole_build(repo: Path, tmp_path: Path) -> None:
    assert digests(repo / "build/site") == digests(build_site(repo, tmp_path / "full/site", AS_OF).site_dir)


def test_an_output_folder_named_like_the_work_folder_keeps_it(tmp_path: Path) -> None:
    # The sweep of folders left by killed builds (".mocap-*" for an output "mocap") once took
    # the work folder too, so every build was a whole one.
    repo = copy_repo(tmp_path)
    out = repo / "build/mocap"
    build_site(repo, out, AS_OF, incremental=True)
    edit(repo, COURSE, {"description": REWRITTEN})
    second = build_site(repo, out, AS_OF, incremental=True)
    assert second.poured.rendered < second.poured.pages


def test_a_failing_search_index_and_open_data_are_reported_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The open data is written meanwhile, while Pagefind runs: its problems are not left for
    # the next build to show.
    repo = copy_repo(tmp_path)
    problem = Problem("data/courses.csv", 2, 1, "OPD01", Severity.ERROR, "title", "a cell is wrong", "")
    monkeypatch.setattr("checks.build.run_pagefind", _pagefind_failing)
    monkeypatch.setattr("checks.build.write_open_data", lambda *_: [problem])
    output, err = io.StringIO(), io.StringIO()
    assert build_command(repo, repo / "build/site", AS_OF, False, output, err) == 2
    assert err.getvalue() == (
        "mocap build: Pagefind failed (exit 1):\nno room\nand the open-data files do not validate; the "
        "previous site is unchanged\n"
    )
    assert "data/courses.csv\n  2:1      error    title: a cell is wrong\n" in output.getvalue()

    # The open data failing as the disk fills: both said, never a fault of mocap's.
    monkeypatch.setattr("checks.build.write_open_data", _full_disk)
    assert build(repo, "build/site")[1] == (
        "mocap build: Pagefind failed (exit 1):\nno room\nand a file could not be written or read "
        "([Errno 28] No space left on device): free some space or let this user write under "
        f"{repo / 'build'}, then build again; the previous site is unchanged\n"
    )
    # The control: with the open data sound, Pagefind's failure alone.
    monkeypatch.undo()
    monkeypatch.setattr("checks.build.run_pagefind", _pagefind_failing)
    assert build(repo, "build/site")[1] == (
        "mocap build: Pagefind failed (exit 1):\nno room; the previous site is unchanged\n"
    )


def test_an_incremental_build_stopped_after_its_pages_says_they_are_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _built_then_rewritten(tmp_path)
    monkeypatch.setattr("checks.build.run_pagefind", _pagefind_failing)
    assert build(repo, "build/site", incremental=True) == (
        2,
        "mocap build: Pagefind failed (exit 1):\nno room; the new pages are in place, with the last build's "
        "search index, open data and PDFs; the next build is a whole one\n",
    )
    assert _rewrite_in_place(repo)
    # The same failure before any page is in place (a whole build) leaves the site as it was.
    assert build(repo, "build/site")[1].endswith("no room; the previous site is unchanged\n")


@pytest.mark.parametrize(
    ("where", "pages_in_place"),
    [
        ("checks.site.pages._write_if_changed", False),  # the page files, before the engine
        ("checks.build.write_open_data", True),  # the open data, while Pagefind runs
        ("checks.build.run_pagefind", True),  # the search index
    ],
)
def test_a_full_disk_in_a_build_is_a_failed_build_that_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, pages_in_place: bool
) -> None:
    # A full disk while writing the open data alone once stopped mocap with "an unexpected
    # fault in mocap (OSError ...)".
    repo = _built_then_rewritten(tmp_path)
    out = repo / "build/site"
    before = digests(out)
    monkeypatch.setattr(where, _full_disk)
    reason = (
        "mocap build: a file could not be written or read ([Errno 28] No space left on device): free some "
        f"space or let this user write under {repo / 'build'}, then build again; "
    )
    assert build(repo, "build/site") == (2, f"{reason}the previous site is unchanged\n")
    assert digests(out) == before
    code, err = build(repo, "build/site", incremental=True)
    assert code == 2
    if not pages_in_place:
        assert err == f"{reason}the previous site is unchanged\n"
        assert digests(out) == before
        return
    assert err == (
        f"{reason}the new pages are in place, with the last build's search index, open data and PDFs; "
        "the next build is a whole one\n"
    )
    assert _rewrite_in_place(repo)


def test_a_full_disk_once_the_new_site_is_in_place_is_told_and_the_next_build_is_a_whole_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _built_then_rewritten(tmp_path)
    monkeypatch.setattr("checks.build.FileMemo.write", _full_disk)
    output, summary = io.StringIO(), tmp_path / "summary.md"
    assert build_command(repo, repo / "build/site", AS_OF, True, output, io.StringIO(), summary) == 0
    note = (
        "the work folder's memos could not be written ([Errno 28] No space left on device): the next "
        "incremental build is a whole one; free some space to keep them"
    )
    assert f"\n  note: {note}\n" in output.getvalue()
    assert summary.read_text(encoding="utf-8").endswith(f"\nOnce the new site was in place:\n\n- {note}\n")
    assert json.loads((repo / "build/build-report.json").read_text(encoding="utf-8"))["notes"] == [note]
    assert _rewrite_in_place(repo)
    monkeypatch.undo()
    assert build_site(repo, repo / "build/site", AS_OF, incremental=True).poured.rendered > 40  # whole


def test_a_report_that_cannot_be_written_leaves_none_behind_to_speak_for_the_build(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    assert build(repo, "build/site")[0] == 0
    report = repo / "build/build-report.json"
    assert report.is_file()
    spare = repo / "build/.build-report.json.writing"
    spare.mkdir()  # (the report is written beside, then put in place: here it cannot be)
    output = io.StringIO()
    assert build_command(repo, repo / "build/site", AS_OF, False, output, io.StringIO()) == 0
    assert not report.exists()  # the last build's report no longer speaks for this one
    assert "withheld (no report file: see the notes)\n" in output.getvalue()
    assert f"  note: the build report could not be written ([Errno 21] Is a directory: '{spare}')\n" in (
        output.getvalue()
    )


def test_a_site_source_that_cannot_be_read_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = copy_repo(tmp_path)
    source = repo / "site/docs/enrolling.md"
    read_bytes = Path.read_bytes

    def unreadable(path: Path) -> bytes:
        if path == source:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    assert build(repo, "build/site", incremental=True) == (
        2,
        f"mocap build: {source} could not be read or written (Permission denied): free some space or let "
        "this user read and write it, then build again; the previous site is unchanged\n",
    )


def test_a_reader_gone_is_no_failure_of_the_build_s_files(tmp_path: Path) -> None:
    # (mocap serve saying its pages are in place to output nobody reads: the CLI's own case)
    repo = _built_then_rewritten(tmp_path)

    def gone() -> None:
        raise BrokenPipeError(32, "Broken pipe")

    with pytest.raises(BrokenPipeError):
        build_site(repo, repo / "build/site", AS_OF, incremental=True, on_pages=gone)


def test_a_summary_that_cannot_be_written_is_a_usage_error_not_a_fault(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    summary = tmp_path / "missing/summary.md"
    err = io.StringIO()
    assert build_command(repo, repo / "build/site", AS_OF, False, io.StringIO(), err, summary) == 2
    assert err.getvalue() == (
        f"mocap build: --summary {summary} could not be written (No such file or directory): give a file "
        "this user may write, in a folder that exists; the site was built\n"
    )
    assert (repo / "build/site/index.html").is_file()
