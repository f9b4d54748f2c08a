"""``mocap serve``: build, serve the site on this machine, and rebuild when a source changes."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Requests are not worth a line each in a preview."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's own 404 page, as the published site does."""
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def make_server(site_dir: Path, host: str, port: int) -> ThreadingHTTPServer:
    """An HTTP server for the files under ``site_dir`` (which may be replaced between requests)."""
    handler = functools.partial(_Quiet, directory=str(site_dir))
    return ThreadingHTTPServer((host, port), handler)


class _Debounced(FileSystemEventHandler):
    """Calls ``rebuild`` once changes have stopped for ``pause`` seconds."""

    def __init__(self, rebuild: Callable[[], None], ignored: Path, pause: float = 0.3):
        self._rebuild = rebuild
        self._ignored = str(ignored)
        self._pause = pause
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if str(event.src_path).startswith(self._ignored):
            return
        with self._lock:
            if self._timer:
                self._timer.cancel()
            self._timer = threading.Timer(self._pause, self._rebuild)
            self._timer.daemon = True
            self._timer.start()


# What changes a source. Not a file opened or closed: a build reads every catalog file, and each
# such event, handled in a thread of this process, took Python's lock from the build (its
# loading took 2 s instead of 0.6 at 10,000 courses); the system is not even asked for them.
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirModifiedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


def watch(paths: list[Path], ignored: Path, rebuild: Callable[[], None]) -> BaseObserver:
    """Start watching ``paths`` (recursively) for changes; the caller stops the returned observer."""
    observer = Observer()
    handler = _Debounced(rebuild, ignored)
    for path in paths:
        # A single file is watched through its folder (not recursively).
        folder, recursive = str(path if path.is_dir() else path.parent), path.is_dir()
        observer.schedule(handler, folder, recursive=recursive, event_filter=CHANGES)
    observer.start()
    return observer
