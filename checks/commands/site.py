"""Commands on the public site: build it, and serve it with rebuilds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from checks import reporters
from checks.build import build_site, watched_paths
from checks.build_report import BuildResult, summary_markdown, summary_text
from checks.commands import EXIT_CLEAN, EXIT_USAGE
from checks.kept import KeptBetweenBuilds
from checks.problems import Report
from checks.reference.load import ReferenceUnusable
from checks.serve import make_server, watch
from checks.site.errors import BuildFailed
from checks.site.tools import DEFAULT_ENGINE


def build_command(
    repo_root: Path,
    out: Path,
    as_of: dt.date,
    incremental: bool,
    output: TextIO,
    err: TextIO,
    summary: Path | None = None,
    engine: str = DEFAULT_ENGINE,
) -> int:
    """Build the site of every entry that passes; exit 0 when a site was built, whatever was
    withheld (the report lists each withheld entry with its reason, and ``summary`` gets it as
    Markdown), 2 when no site could be built or the summary could not be written."""
    result = _build(repo_root, out, as_of, incremental, output, err, engine)
    if result is None:
        return EXIT_USAGE
    if summary is not None:
        try:
            with summary.open("a", encoding="utf-8") as handle:
                handle.write(summary_markdown(result))
        except OSError as exc:
            err.write(
                f"mocap build: --summary {summary} could not be written ({exc.strerror}): give a file "
                "this user may write, in a folder that exists; the site was built\n"
            )
            return EXIT_USAGE
    return EXIT_CLEAN


def serve_command(
    repo_root: Path,
    out: Path,
    as_of: dt.date,
    host: str,
    port: int,
    output: TextIO,
    err: TextIO,
    engine: str = DEFAULT_ENGINE,
) -> int:
    """Build, serve on http://HOST:PORT/ and rebuild on every change (incrementally) until
    interrupted. What one build would read back from its work folder, the next has in memory."""
    held = KeptBetweenBuilds()
    if _build(repo_root, out, as_of, True, output, err, engine, held=held) is None:
        return EXIT_USAGE
    try:
        server = make_server(out, host, port)
    except OSError as exc:
        err.write(f"mocap serve: cannot listen on {host}:{port}: {exc.strerror}; choose another --port\n")
        return EXIT_USAGE

    def pages_in_place() -> None:
        output.write("the pages are in place: refresh to see them (search and open data follow)\n")
        output.flush()

    def rebuild() -> None:
        output.write("a source changed: rebuilding\n")
        output.flush()
        _build(repo_root, out, as_of, True, output, err, engine, pages_in_place, held)

    observer = watch(watched_paths(repo_root), out.parent, rebuild)
    bound = server.server_address[1]  # (the port the system chose, for --port 0)
    output.write(f"serving the catalog at http://{host}:{bound}/ (Ctrl-C stops)\n")
    output.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        output.write("stopped\n")
    finally:
        observer.stop()
        server.server_close()
    return EXIT_CLEAN


def _build(
    repo_root: Path,
    out: Path,
    as_of: dt.date,
    incremental: bool,
    output: TextIO,
    err: TextIO,
    engine: str,
    on_pages: Callable[[], None] | None = None,
    held: KeptBetweenBuilds | None = None,
) -> BuildResult | None:
    """Build and print the report; None (with the reason on ``err``) when no site was built."""
    try:
        result = build_site(repo_root, out, as_of, incremental, engine=engine, on_pages=on_pages, held=held)
    except ReferenceUnusable as exc:
        output.write(reporters.text(Report(0, tuple(exc.problems))))
        err.write("mocap build: the reference data is unusable, so no site was built\n")
        return None
    except BuildFailed as exc:
        if exc.problems:
            output.write(reporters.text(Report(0, exc.problems)))
        kept = (
            "the new pages are in place, with the last build's search index, open data and PDFs; the next "
            "build is a whole one"
            if exc.pages_in_place
            else "the previous site is unchanged"
        )
        err.write(f"mocap build: {exc}; {kept}\n")
        return None
    output.write(summary_text(result))
    output.flush()
    return result
