"""Measuring helpers for the benchmarks: wall time and peak memory of a command, medians,
bytes on disk, what one search transfers, and the size of the theme's own search index."""

from __future__ import annotations

import functools
import gzip
import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import yaml
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from checks.browser import chromium


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the largest resident set of the command or any one program it ran
    tree_mb: float = 0.0  # the most the command and every program it ran held at once (PSS)


def run(command: Sequence[str], cwd: Path, exit_codes: tuple[int, ...] = (0,), tree: bool = False) -> Run:
    """Run ``command`` once (it must exit with one of ``exit_codes``). Its peak memory comes
    from wait4(), which reports the largest resident set among the process and the children
    it waited for (MkDocs, Pagefind); with ``tree``, the process tree's is sampled from /proc,
    which costs a core much of the time (see median_run)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
    sampler = _TreeMemory(process.pid) if tree else None
    if sampler:
        sampler.start()
    assert process.stderr is not None  # noqa: S101 - piped above
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if sampler:
        sampler.stop.set()
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in exit_codes:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {errors.decode()[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, sampler.peak_kb / 1024 if sampler else 0.0)


class _TreeMemory(threading.Thread):
    """The largest sum, over a process and all its descendants, of their proportional set
    sizes (shared pages counted once across the tree), sampled every 50 ms."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root, self.peak_kb, self.stop = root, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.05):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(self.root)))


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack += children.get(pid, [])
    return found


def _pss_kb(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)


def median_run(
    command: Sequence[str],
    cwd: Path,
    runs: int,
    before: Callable[[int], None] | None = None,
    after: Callable[[], None] | None = None,
    exit_codes: tuple[int, ...] = (0,),
    tree: bool = False,
) -> Run:
    """The median time over ``runs`` runs and the highest peak memory; ``before(i)`` runs ahead
    of each (e.g. to change a file), ``after()`` after each timed one (e.g. to read its report).
    With ``tree``, one run more, untimed, samples the process tree's memory: reading a large
    process's proportional set size walks its page tables (about 35 ms for 2 GB, every 50 ms),
    which on two cores slowed a build of many processes more than a program of one."""
    results = []
    for index in range(runs):
        if before:
            before(index)
        results.append(run(command, cwd, exit_codes))
        if after:
            after()
    timed = list(results)
    if tree:
        if before:
            before(runs)
        results.append(run(command, cwd, exit_codes, tree=True))
    return Run(
        statistics.median(r.seconds for r in timed),
        max(r.peak_mb for r in results),
        max(r.tree_mb for r in results),
    )


def bytes_in(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


class _Recording(SimpleHTTPRequestHandler):
    requested: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        self.requested.append(self.path)


# Served compressed by static hosts such as GitHub Pages; Pagefind's own index files are
# compressed already, and WebAssembly is counted as it is.
_COMPRESSED_TYPES = {".js", ".json", ".css"}


@dataclass(frozen=True)
class SearchTransfer:
    files: int
    raw_bytes: int  # the files as they are on disk
    sent_bytes: int  # gzip for text types, as a static host sends them


def search_transfer(site: Path, query: str) -> SearchTransfer:
    """The Pagefind files fetched for one search on a fresh page (its web worker's fetches
    included, which the page's own resource timings miss), and their size."""
    _Recording.requested.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Recording, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with chromium() as browser:
            browser.get(f"http://127.0.0.1:{server.server_address[1]}/catalog/?q={query}")
            WebDriverWait(browser, 60).until(lambda b: "found" in b.find_element(By.ID, "mocap-status").text)
    finally:
        server.shutdown()
        server.server_close()
    names = {path.split("?")[0] for path in _Recording.requested if path.startswith("/pagefind/")}
    files = [site / name.lstrip("/") for name in names]
    raw = sum(f.stat().st_size for f in files)
    sent = sum(
        len(gzip.compress(f.read_bytes())) if f.suffix in _COMPRESSED_TYPES else f.stat().st_size
        for f in files
    )
    return SearchTransfer(len(files), raw, sent)


def mkdocs_config(repo: Path, pages: Path, work: Path, plugins: list[str]) -> Path:
    """A copy of the site's mkdocs.yml building ``pages`` with ``plugins``, for running MkDocs
    on its own."""
    config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = plugins
    config["docs_dir"] = str(pages)
    config["theme"]["custom_dir"] = str(repo / "site/overrides")
    config_file = work / f"mkdocs-{'-'.join(plugins) or 'plain'}.yml"
    config_file.write_text(yaml.safe_dump(config), encoding="utf-8")
    return config_file
