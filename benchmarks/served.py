"""``mocap serve`` as its user meets it: a course file saved, then how soon the served page
shows the change, and how soon the whole rebuild (search and open data) is done."""

from __future__ import annotations

import queue
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

WAIT = 300.0  # seconds at most for any one step (a 30,000-course catalog's first build included)
POLL = 0.05  # seconds between two requests for the changed page
SERVING = "serving the catalog at "  # what mocap serve says once it serves, and where


@dataclass(frozen=True)
class Served:
    page: list[float]  # seconds from each save to the served page showing it
    whole: list[float]  # and to the rebuild's report (search index and open data rebuilt)


def served_changes(
    command: Sequence[str],
    repo: Path,
    page: str,
    changes: Sequence[Callable[[], str]],
    settle: Callable[[], None],
) -> Served:
    """Start ``command`` (``mocap serve`` without its port) in ``repo`` and make each change in
    turn, each once the last rebuild is done and has ``settle``d (untimed); a change returns a
    text the page ``page`` (an address below the site's top) shows once the change is served."""
    server = subprocess.Popen(  # noqa: S603 - our own command
        [*command, "--port", "0"], cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    said: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_read_into, args=(server, said), daemon=True).start()
    try:
        serving = _said(said, SERVING)  # "serving the catalog at http://127.0.0.1:PORT/ (...)"
        url, pages, wholes = f"{serving.removeprefix(SERVING).split()[0]}{page}", [], []
        for change in changes:
            settle()
            start = time.perf_counter()
            shown = change()
            while shown not in _get(url):
                if time.perf_counter() - start > WAIT:
                    raise RuntimeError(f"mocap serve did not show {shown!r} at {url} within {WAIT:.0f} s")
                time.sleep(POLL)
            pages.append(time.perf_counter() - start)
            _said(said, "time: ")  # the last line of a build's report
            wholes.append(time.perf_counter() - start)
        return Served(pages, wholes)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _read_into(server: subprocess.Popen[str], said: queue.Queue[str]) -> None:
    assert server.stdout is not None  # noqa: S101 - piped above
    for line in server.stdout:
        said.put(line)


def _said(said: queue.Queue[str], start: str) -> str:
    """The next line of the server's that starts with ``start``."""
    deadline = time.perf_counter() + WAIT
    while True:
        try:
            line = said.get(timeout=max(0.0, deadline - time.perf_counter()))
        except queue.Empty:
            raise RuntimeError(f"mocap serve did not say '{start}...' within {WAIT:.0f} s") from None
        if line.startswith(start):
            return line
        if line.startswith("mocap build:"):  # (a failure: it would not say what is awaited)
            raise RuntimeError(line.strip())


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own local server # nosec B310
            return str(response.read().decode("utf-8"))
    except OSError:  # (between swaps, or not yet built)
        return ""
