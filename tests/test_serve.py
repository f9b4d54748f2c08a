"""``mocap serve`` for real: a subprocess serving a copied repository, rebuilding on a change."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

import pytest
from watchdog.events import FileSystemEvent

from checks.commands.site import serve_command
from checks.serve import _Debounced, watch
from tests.helpers import AS_OF, COURSE
from tests.site_fixtures import copy_repo


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own local server)
        return str(response.read().decode("utf-8"))


def _lines_until(stream: IO[str], start: str, seconds: float = 30) -> list[str]:
    """Lines read from ``stream`` up to the first that starts with ``start`` (a thread reads,
    so a server that says nothing fails the test instead of hanging it)."""
    lines: list[str] = []

    def read() -> None:
        while not (lines and lines[-1].startswith(start)):
            line = stream.readline()
            if not line:
                return
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(seconds)
    assert lines and lines[-1].startswith(start), lines
    return lines


def test_serve_rebuilds_when_a_catalog_file_changes(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    # Port 0: the system chooses a free one, and mocap serve says which.
    command = [sys.executable, "-m", "checks.cli", "serve", "--port", "0", "--as-of", "2026-11-24"]
    server = subprocess.Popen(command, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout
        lines = []
        while not lines or not lines[-1].startswith("serving the catalog at"):
            line = server.stdout.readline()
            assert line, server.stderr.read() if server.stderr else "serve stopped"
            lines.append(line)
        said = r"serving the catalog at http://127\.0\.0\.1:(\d+)/ \(Ctrl-C stops\)\n"
        serving = re.fullmatch(said, lines[-1])
        assert serving and int(serving[1]) > 0, lines[-1]
        port = int(serving[1])
        page = f"http://127.0.0.1:{port}/courses/river-bend-online/algebra-i-a/"
        assert "<h1" in _get(page) and "Algebra I A</h1>" in _get(page)

        course = repo / COURSE
        course.write_text(
            course.read_text(encoding="utf-8").replace("title: Algebra I A", "title: Algebra One A")
        )
        deadline = time.monotonic() + 30
        while "Algebra One A</h1>" not in _get(page):
            assert time.monotonic() < deadline, "the site was not rebuilt within 30 s"
            time.sleep(0.2)
        # It says when the pages are in place (before the search index), then reports the build.
        said = _lines_until(server.stdout, "built ")
        assert said[0] == "a source changed: rebuilding\n"
        assert "the pages are in place: refresh to see them (search and open data follow)\n" in said

        # A page that does not exist gets the site's own 404 page, as on the published site.
        with pytest.raises(urllib.error.HTTPError) as missing:
            _get(f"http://127.0.0.1:{port}/courses/no-such-course/")
        assert missing.value.code == 404
        assert "<h1" in missing.value.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_explains_a_busy_port(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        out, err = io.StringIO(), io.StringIO()
        code = serve_command(repo, repo / "build/site", AS_OF, "127.0.0.1", port, out, err)
    assert code == 2
    assert err.getvalue() == (
        f"mocap serve: cannot listen on 127.0.0.1:{port}: Address already in use; choose another --port\n"
    )


def test_the_watcher_hears_of_changes_only_not_of_files_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A build reads every catalog file: told of each opening and closing, the watcher's thread
    # took Python's lock from the build, whose loading took 2 s instead of 0.6 at 10,000 courses.
    source = tmp_path / "catalog/course.yaml"
    source.parent.mkdir()
    source.write_text("title: A\n", encoding="utf-8")
    heard: list[str] = []
    dispatch = _Debounced.dispatch

    def noting(handler: _Debounced, event: FileSystemEvent) -> None:
        heard.append(event.event_type)
        dispatch(handler, event)

    monkeypatch.setattr(_Debounced, "dispatch", noting)
    rebuilt = threading.Event()
    observer = watch([tmp_path / "catalog"], tmp_path / "build", rebuilt.set)
    try:
        time.sleep(0.3)
        for _ in range(20):
            source.read_text(encoding="utf-8")
        time.sleep(1)
        assert heard == [] and not rebuilt.is_set()
        source.write_text("title: B\n", encoding="utf-8")  # as an editor saves it
        assert rebuilt.wait(10) and "modified" in heard
    finally:
        observer.stop()
        observer.join()
