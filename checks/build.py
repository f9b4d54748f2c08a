"""``mocap build``: catalog -> accepted entries -> page files -> MkDocs -> Pagefind, as plain
steps. Everything is built in a folder beside the output (a temporary one, or an incremental
build's work folder) and swapped in at the end, so a failed build leaves the previous site
untouched (an incremental build puts its pages in place before its search index: see
build_site)."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path

from checks.build_report import BuildResult
from checks.catalog import load_catalog
from checks.check import CheckedCatalog, check_loaded
from checks.collector import collector_paused
from checks.kept import KeptBetweenBuilds
from checks.layout import CATALOG_DIR, REFERENCE_DIR, SITE_CONFIG, SITE_DIR
from checks.memo import FileMemo
from checks.publish import Publication, select_published
from checks.reference.load import load_reference
from checks.shares import done_meanwhile
from checks.site.engine_pages import EnginePages
from checks.site.errors import BuildFailed
from checks.site.guard import MARKER, BuildRefused, check_output, check_sources, check_work_folder
from checks.site.incremental import Workspace, remove_outputs
from checks.site.mirror import SET_ASIDE, Listing, discard, keep_unchanged_times, listing, mirror, set_aside
from checks.site.opendata import write_open_data
from checks.site.pages import DATA_DIR, TEMPLATES_DIR, SiteContent, Views, generate_pages, make_views
from checks.site.pour import Remembered, page_digests, pour_pages
from checks.site.printed import PRINT_TEMPLATE, Printing, PrintingFailed, write_print_sources, write_workbooks
from checks.site.propose import Submissions, course_files
from checks.site.rendered import RenderedTexts
from checks.site.sort_orders import write_sort_orders
from checks.site.swap import swap_in
from checks.site.tools import DEFAULT_ENGINE, run_engine, run_pagefind
from checks.site.views import CourseView
from checks.yamlfile import YamlProblem, read_yaml

REPORT_NAME = "build-report.json"
LOCK_NAME = ".mocap-build.lock"
WORK_NAME = ".mocap-work"
POURED_NAME = "poured.txt"  # in the work folder: the data pages the last build poured, and from what
MEMO_NAME = "files.json"  # in the work folder: each catalog file's record and findings (checks.memo)
TEXTS_NAME = "texts.json"  # in the work folder: the submitted texts as rendered (checks.site.rendered)
MEMOS_STAGE = "memos written"  # an incremental build's last stage: the two files above
PAGEFIND_DIR = "pagefind"
PAGES_FIRST_STAGE = "swap, pages first"  # an incremental build's first swap: its pages, the last index
MARKER_TEXT = "A site built by mocap build: the next build replaces it.\n"
STANDBY_NAME = "standby"  # in the work folder: the site in place before the last swap (checks.site.mirror)
INDEX_BEFORE_NAME = "pagefind-before"  # in the work folder: the last search index, while Pagefind runs
ENGINE_PAGES_NAME = "engine-pages"  # in the work folder: what the pour replaced (checks.site.engine_pages)


def build_site(
    repo_root: Path,
    out: Path,
    as_of: dt.date,
    incremental: bool = False,
    pour: bool = True,
    engine: str = DEFAULT_ENGINE,
    on_pages: Callable[[], None] | None = None,
    held: KeptBetweenBuilds | None = None,
) -> BuildResult:
    """Build the site of the catalog at ``repo_root`` into ``out``. Raises BuildFailed, and
    ReferenceUnusable when the reference data is broken.

    An incremental build keeps its pages and site in a work folder beside ``out`` and redoes
    only what changed: pages whose content changed are rewritten and MkDocs rebuilds only those;
    the data pages are poured again, and the search index and the open data, which depend on
    every entry, are rebuilt whole. It puts the pages in place first, with the last build's
    search index, open data and PDFs, and then the whole site once they are rebuilt: should
    that fail, the new pages stay in place with the previous ones. Builds
    into the same folder take turns (a lock file), so two at once cannot mix their output.
    ``pour`` False sends the data pages through MkDocs too: the reference the poured pages are
    tested against. ``engine`` builds the pages: MkDocs (the default) or Zensical. ``on_pages``
    is called once an incremental build's pages are in place, before its search index. ``held``
    keeps in memory what an incremental build would read back from its work folder next time,
    for a process that builds again (checks.kept)."""
    if not ((repo_root / CATALOG_DIR).is_dir() and (repo_root / SITE_CONFIG).is_file()):
        raise BuildRefused(
            f"there is no catalog and {SITE_CONFIG} in {repo_root}: run ./mocap build in the repository's "
            "top folder"
        )
    check_output(repo_root, out)
    check_sources(repo_root / SITE_DIR)
    with _write_failures_told(out.parent):
        out.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive(out.parent / LOCK_NAME), collector_paused():
            # Left by a build that was killed, or set aside: nothing else builds here meanwhile.
            left = [*out.parent.glob(f".{out.name}-*"), *out.parent.glob(f"{WORK_NAME}-{SET_ASIDE}-*")]
            for stale in left:
                if stale.name not in (WORK_NAME, LOCK_NAME):  # (an output folder named "mocap")
                    shutil.rmtree(stale, ignore_errors=True)
            workspace = _workspace(repo_root, out, engine) if incremental else None
            with ExitStack() as meanwhile:
                listed = _standby_listed(workspace, meanwhile)
                return _build(repo_root, out, as_of, workspace, listed, pour, engine, on_pages, held)


def _build(
    repo_root: Path,
    out: Path,
    as_of: dt.date,
    workspace: Workspace | None,
    listed: Callable[[], Listing | None],
    pour: bool,
    engine: str,
    on_pages: Callable[[], None] | None,
    held: KeptBetweenBuilds | None,
) -> BuildResult:
    seconds: dict[str, float] = {}
    memo, texts = None, RenderedTexts()
    known: dict[bytes, CourseView] = {}
    if workspace:
        with _stage(seconds, "memos read"):
            memo, texts, known = _memos(workspace, held)
    checked, publication = _checked(repo_root, as_of, memo, seconds)
    # A whole build's folder is removed in the background when it ends, whatever happens.
    work = workspace.folder if workspace else Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}-"))
    try:
        pages, site = work / "pages", work / "site"
        # The pages first, with the last build's search index, open data and PDFs: those take
        # most of an incremental build, and follow in a second swap.
        pages_first = workspace is not None and (site / PAGEFIND_DIR).is_dir()
        site_url = site_url_of(repo_root)
        with ExitStack() as stack:
            with _stage(seconds, "views"):
                views = make_views(publication, checked.reference, as_of, texts, known)
            # Setting the PDFs takes a core of its own: started once the views are made, it
            # overlaps with this process's stages rather than with Pagefind's; after the pages,
            # if they go first.
            printed = (repo_root, work / "printed", views, as_of, site_url)
            printing = None
            if not pages_first:
                with _stage(seconds, "printed catalogs (started)"):
                    printing = stack.enter_context(_printing(*printed))
            with _stage(seconds, "pages"):
                content = _generate(repo_root, checked, publication, views, pages, site_url, as_of, pour)
            dirty = workspace is not None and workspace.reused
            kept = EnginePages(work / ENGINE_PAGES_NAME, f"{engine} {as_of}", content.shell_urls)
            reused = kept if dirty and not kept.needed(content.written, content.removed) else None
            with _stage(seconds, f"{engine} (not needed)" if reused else engine):
                if dirty:
                    remove_outputs(site, content.removed)
                built = (
                    partial(reused.restore, site, pages, content.written)
                    if reused
                    else partial(run_engine, engine, repo_root / SITE_CONFIG, pages, site, as_of, dirty=dirty)
                )
                remembered = _built(built, content, site_url, kept if workspace else None, work / POURED_NAME)
            with _stage(seconds, "pour"):
                poured = pour_pages(content, site, site_url, as_of, remembered)
            if pages_first:
                with _stage(seconds, PAGES_FIRST_STAGE):
                    _put_in_place(site, out, workspace, listed())
            with _after_pages(pages_first, out.parent):
                if pages_first and on_pages:
                    on_pages()
                printing = printing or stack.enter_context(_printing(*printed))
                _finish(content, printing, work, site_url, as_of, seconds)
        with _stage(seconds, "swap"), _after_pages(pages_first, out.parent):
            _put_in_place(site, out, workspace)
        # The new site is in place: what fails from here on is told, not a failed build.
        notes = _completed(workspace, memo, texts, content, held, seconds) if workspace and memo else ()
    finally:
        if not workspace:
            discard(work)
    report = out.parent / REPORT_NAME
    return _reported(
        BuildResult(out, report, as_of, publication, checked.problems, poured, seconds, notes), report
    )


def _reported(result: BuildResult, report: Path) -> BuildResult:
    """``result``, its report written whole at ``report``; or, if it cannot be, with no report
    (the last build's is removed, not left to speak for this one) and a note of why."""
    spare = report.with_name(f".{report.name}.writing")
    try:
        spare.write_text(json.dumps(result.report(), indent=2) + "\n", encoding="utf-8")
        spare.replace(report)
    except OSError as exc:
        for stale in (spare, report):
            with contextlib.suppress(OSError):  # (a folder in its place stays: it is no report)
                stale.unlink(missing_ok=True)
        return replace(
            result, report_file=None, notes=(*result.notes, f"the build report could not be written ({exc})")
        )
    return result


def _built(
    build: Callable[[], None], content: SiteContent, site_url: str, kept: EnginePages | None, manifest: Path
) -> Remembered | None:
    """Run the site engine (or put back the pages it built last, checks.site.engine_pages),
    and what an incremental build (one that ``kept`` them) pours against: the digests of its
    data pages, taken meanwhile (the engine is a process of its own)."""
    if kept is None:
        build()
        return None
    with ThreadPoolExecutor(max_workers=1) as engine:
        built = engine.submit(build)
        digests = page_digests(content, site_url)
        built.result()
    return Remembered(manifest, digests, kept)


def _finish(
    content: SiteContent,
    printing: Printing,
    work: Path,
    site_url: str,
    as_of: dt.date,
    seconds: dict[str, float],
) -> None:
    """What depends on every entry: the open data, the printed catalogs and the search index."""
    site = work / "site"
    # Waited for before Pagefind: Typst setting a large catalog and Pagefind each take most of
    # a gigabyte at 10,000 courses, and on two cores they only slow each other down.
    with _stage(seconds, "printed catalogs (waited for)"):
        _finish_printing(printing, site / DATA_DIR)
    # Pagefind reads only the pages. It parses them on both cores, then writes its index on
    # about one: the open data is written meanwhile, taking only the core Pagefind leaves.
    with done_meanwhile(partial(_write_data, site / DATA_DIR, content, site_url)) as written:
        with _stage(seconds, "search index (open data meanwhile)"):
            try:
                _index(site, work, as_of, content.views.courses)
            except BuildFailed as failed:
                raise _with_open_data(failed, written, work.parent) from None
        with _stage(seconds, "open data (waited for)"):
            written()


def _with_open_data(failed: BuildFailed, written: Callable[[], None], folder: Path) -> BuildFailed:
    """``failed``, or, when the open data written meanwhile fails too, both failures at once
    with the open data's problems: the next build need not be the one that shows them."""
    try:
        written()
    except BuildFailed as also:
        return BuildFailed(f"{failed}\nand {also}", also.problems + failed.problems)
    except OSError as also:  # (a full disk fails both)
        return BuildFailed(f"{failed}\nand {_write_failure(also, folder)}", failed.problems)
    return failed


def _index(site: Path, work: Path, as_of: dt.date, courses: Sequence[CourseView]) -> None:
    """Pagefind's index of ``site`` (in ``work``), written anew, with the sort orders of
    ``courses`` beside it (checks.site.sort_orders); the files written with the bytes of the
    last index keep their times (checks.site.mirror), and the last index is removed in the
    background (10,000 files at 10,000 courses: up to a second)."""
    index, before = site / PAGEFIND_DIR, work / INDEX_BEFORE_NAME
    shutil.rmtree(before, ignore_errors=True)
    # Written over the last index, Pagefind would skip the files whose hashed names exist (5.6-5.9
    # s instead of 8.2 at 10,000 courses), but leave those no page uses any more, and only its
    # index format tells them apart: an entry withdrawn would stay published in its fragment.
    if index.is_dir():
        index.rename(before)
    run_pagefind(site, as_of)
    write_sort_orders(index, courses)
    if before.is_dir():
        keep_unchanged_times(before, index)
        set_aside(before, work.parent, WORK_NAME)  # (beside the work folder)


@contextmanager
def _after_pages(pages_in_place: bool, folder: Path) -> Iterator[None]:
    """A failure here says whether the new pages are in place already (checks.site.errors);
    a file that could not be written under ``folder`` is a failure too."""
    try:
        with _write_failures_told(folder):
            yield
    except BuildFailed as exc:
        exc.pages_in_place = pages_in_place
        raise


@contextmanager
def _write_failures_told(folder: Path) -> Iterator[None]:
    """A file that could not be written or read (under ``folder``) raised as WriteFailed."""
    try:
        yield
    except ConnectionError:  # (a reader gone, BrokenPipeError: not a file of the build)
        raise
    except OSError as exc:
        raise WriteFailed(_write_failure(exc, folder)) from None


class WriteFailed(BuildFailed):
    """A file of the build could not be written or read (a full disk, a file this user may not
    replace or read)."""


def _write_failure(exc: OSError, folder: Path) -> str:
    """What failed and what to do; the file, when the system names it (a full disk seldom does)."""
    if exc.filename:
        return (
            f"{exc.filename} could not be read or written ({exc.strerror}): free some space or let this "
            "user read and write it, then build again"
        )
    return (
        f"a file could not be written or read ({exc}): free some space or let this user write under "
        f"{folder}, then build again"
    )


def _standby_listed(workspace: Workspace | None, stack: ExitStack) -> Callable[[], Listing | None]:
    """The standby site's listing (checks.site.mirror), read while this process loads, checks
    and pours, so that the first swap, which waits for the new pages, need not walk it. Not
    by a thread (``mocap serve``): it would take Python's lock from the build at every file,
    and slow the loading more than it spares the swap."""
    standby = workspace.folder / STANDBY_NAME if workspace else None
    if standby is None or standby.is_symlink() or not standby.is_dir():
        return lambda: None
    return stack.enter_context(done_meanwhile(partial(_listing, standby), in_thread=False))


def _listing(standby: Path) -> Listing | None:
    """None when the standby cannot be read: the swap then reads it itself, and sets aside one
    it cannot make the same."""
    try:
        return listing(standby)
    except OSError:
        return None


def _completed(
    workspace: Workspace,
    memo: FileMemo,
    texts: RenderedTexts,
    content: SiteContent,
    held: KeptBetweenBuilds | None,
    seconds: dict[str, float],
) -> tuple[str, ...]:
    """The memos written, the work folder marked complete, and what ``held`` keeps renewed; or,
    if a file cannot be written, why the next build is a whole one."""
    try:
        with _stage(seconds, MEMOS_STAGE):
            memo.write(workspace.folder / MEMO_NAME)
            texts.write(workspace.folder / TEXTS_NAME)
        # Last: a build stopped before this point leaves a work folder the next build empties.
        workspace.mark_complete()
    except OSError as exc:
        return (
            f"the work folder's memos could not be written ({exc}): the next incremental build is a whole "
            "one; free some space to keep them",
        )
    if held:
        held.memo, held.texts = memo, texts
        held.views = {content.views.inputs[view.url]: view for view in content.views.courses}
    return ()


def _workspace(repo_root: Path, out: Path, engine: str) -> Workspace:
    folder = out.parent / WORK_NAME
    check_work_folder(repo_root, folder)
    return Workspace.open(folder, repo_root, [repo_root / SITE_DIR, repo_root / SITE_CONFIG], engine)


def _memos(
    workspace: Workspace, held: KeptBetweenBuilds | None
) -> tuple[FileMemo, RenderedTexts, dict[bytes, CourseView]]:
    """What the last incremental build remembered of the catalog's files and texts, and the
    course views ``held`` in memory: nothing unless its work folder is reused."""
    if not workspace.reused:
        return FileMemo(), RenderedTexts(), {}
    if held and held.memo and held.texts:
        return held.memo.following(), held.texts.following(), held.views
    return FileMemo.read(workspace.folder / MEMO_NAME), RenderedTexts.read(workspace.folder / TEXTS_NAME), {}


def _checked(
    repo_root: Path, as_of: dt.date, memo: FileMemo | None, seconds: dict[str, float]
) -> tuple[CheckedCatalog, Publication]:
    catalog_root = repo_root / CATALOG_DIR
    with _stage(seconds, "load"):
        catalog = load_catalog(catalog_root, memo=memo)
        reference = load_reference(catalog_root / REFERENCE_DIR, repo_root)
    with _stage(seconds, "check"):
        checked = check_loaded(catalog, reference, as_of, memo=memo)
        return checked, select_published(checked)


def _generate(
    repo_root: Path,
    checked: CheckedCatalog,
    publication: Publication,
    views: Views,
    pages: Path,
    site_url: str,
    as_of: dt.date,
    pour: bool,
) -> SiteContent:
    return generate_pages(
        publication,
        checked.reference,
        views,
        repo_root / SITE_DIR,
        pages,
        site_url,
        as_of,
        submissions_of(repo_root),
        course_files(checked.catalog, publication.courses),
        pour,
    )


def _write_data(data_dir: Path, content: SiteContent, site_url: str) -> None:
    """The open data and the workbooks; BuildFailed if the open data does not validate."""
    views = content.views
    problems = write_open_data(data_dir, views.term, views.courses, views.providers)
    write_workbooks(data_dir, views.term, views.courses, site_url)
    if problems:
        raise BuildFailed("the open-data files do not validate", tuple(problems))


class SwapFailed(BuildFailed):
    """The finished site could not be put in place (a full disk, a file the build may not
    replace)."""


def _put_in_place(site: Path, out: Path, workspace: Workspace | None, listed: Listing | None = None) -> None:
    """Put the built ``site`` in place of ``out``. An incremental build's site stays in its work
    folder: its standby site (``listed``, if read beforehand) is made the same
    (checks.site.mirror) and put in place, and the site it replaces is the next standby. Any
    other site replaced is removed."""
    try:
        standby = _standby(site, out, workspace.folder / STANDBY_NAME, listed) if workspace else None
        new = standby or site
        (new / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        replaced = swap_in(new, out)
        if replaced is None or replaced == standby:
            return
        if standby:
            replaced.rename(standby)
        else:
            discard(replaced)
    except OSError as exc:
        raise SwapFailed(
            f"the site could not be put in place ({exc}): free some space or let this user replace "
            f"the files under {out.parent}, then build again"
        ) from None


def _standby(site: Path, out: Path, standby: Path, listed: Listing | None) -> Path:
    """The standby site made the same as ``site``. One that is not a plain folder, or that
    cannot be made the same (a file someone made read-only, say), is set aside for removal and
    made afresh: the next swap makes it the site in place."""
    if standby.is_symlink() or (standby.exists() and not standby.is_dir()):
        standby.unlink()
    try:
        mirror(site, standby, listed)
    except OSError:
        set_aside(standby, out.parent, f".{out.name}")
        mirror(site, standby)
    return standby


@contextmanager
def _printing(
    repo_root: Path, folder: Path, views: Views, as_of: dt.date, site_url: str
) -> Iterator[Printing]:
    """The PDF catalogs, set in the background (Typst) from their data; any still being set is
    stopped on leaving."""
    write_print_sources(folder, views.term, views.courses, as_of, site_url)
    template = repo_root / SITE_DIR / TEMPLATES_DIR / PRINT_TEMPLATE
    try:
        printing = Printing(template, repo_root, folder)
    except PrintingFailed as exc:
        raise BuildFailed(f"the printed catalogs could not be made: {exc}") from None
    try:
        yield printing
    finally:
        printing.stop()


def _finish_printing(printing: Printing, data_dir: Path) -> None:
    try:
        pdfs = printing.wait()
    except PrintingFailed as exc:
        raise BuildFailed(f"the printed catalogs could not be made: {exc}") from None
    for pdf in pdfs:
        shutil.copyfile(pdf, data_dir / pdf.name)


@contextmanager
def _exclusive(lock_file: Path) -> Iterator[None]:
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _stage(seconds: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    seconds[name] = time.perf_counter() - start


def _site_config(repo_root: Path) -> dict[str, object]:
    try:
        config = read_yaml(repo_root / SITE_CONFIG)
    except YamlProblem as exc:
        raise BuildRefused(f"{SITE_CONFIG} cannot be read (line {exc.line}): {exc.message}") from None
    return config if isinstance(config, dict) else {}


def site_url_of(repo_root: Path) -> str:
    url = str(_site_config(repo_root).get("site_url") or "/")
    return url if url.endswith("/") else f"{url}/"


def submissions_of(repo_root: Path) -> Submissions:
    """Where the propose page sends a pull request: ``extra.submissions`` in mkdocs.yml."""
    extra = _site_config(repo_root).get("extra")
    given = extra.get("submissions") if isinstance(extra, dict) else None
    repository = given.get("repository") if isinstance(given, dict) else None
    branch = given.get("branch", "main") if isinstance(given, dict) else "main"
    if not (isinstance(repository, str) and repository.startswith("https://") and isinstance(branch, str)):
        raise BuildRefused(
            f"{SITE_CONFIG} must give extra.submissions.repository, the https address of the catalog's "
            "repository that submissions go to (and extra.submissions.branch, default main)"
        )
    return Submissions(repository, branch)


def watched_paths(repo_root: Path) -> list[Path]:
    """What a rebuild depends on: the catalog, the site's own sources and the configuration."""
    return [repo_root / CATALOG_DIR, repo_root / SITE_DIR, repo_root / SITE_CONFIG]
