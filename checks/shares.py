"""Work over many items shared out between this process and a forked copy of it, so that a
large catalog's reading and check, and a whole build's pour, use both cores of a two-core
machine (each item is done on its own: a file's record and findings, a page's bytes, whichever
process did it).

The copy is forked: it starts with everything this process holds (rules, reference data,
templates, views, shells), so nothing is sent to it but which items are its share, and only
its results come back. Whatever keeps it from sending them (a failure, a result that does not
pickle, being killed for memory) only means this process does its share too: every function
shared out may be run twice. Where the system cannot fork, where this process runs other
threads (``mocap serve``: a fork copies no thread, and may copy a lock one of them holds), or
where the items are too few to pay for a second process, all the work is done here.

Work that only fills a core the rest of the build leaves idle (``done_meanwhile``) is done the
same way, by a forked copy at the lowest priority: a process, not a thread, so that it holds no
lock this one needs (Python's among them) and can be ended at once.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from threading import active_count
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

# The nice value of work done meanwhile: it only fills a core the rest of the build leaves idle.
SPARE_TIME_NICENESS = 19

# Fewer items than this do not pay for a second process (measured at 1,000 and 10,000 courses).
WORTH_SHARING = 2_000


@dataclass(frozen=True)
class Sent(Generic[R, S]):
    """How the forked process's results come back, where a result costs more to send than to
    make again from part of it: ``pack`` it there, ``unpack`` it here. (A validated record is
    sent as the data it was validated from: the forked reader's results pickle in half the
    time, and validating the records again here costs what unpickling them did.)"""

    pack: Callable[[R], S]
    unpack: Callable[[S], R]


def shared_map(
    function: Callable[[T], R],
    items: Sequence[T],
    at_least: int | None = None,
    sent: Sent[R, Any] | None = None,
) -> list[R]:
    """``function`` of each item, in the items' order, as ``[function(i) for i in items]``: with
    at least ``at_least`` items (``WORTH_SHARING``), a forked process does every second item,
    and sends each result back as ``sent`` packs it. A failure is raised as it was raised: this
    process's own first, or else the first of the forked process's share, done again here."""
    if len(items) < (WORTH_SHARING if at_least is None else at_least) or not _may_fork():
        return [function(item) for item in items]
    pack = sent.pack if sent else None
    with _forked(_share, function, items[1::2], os.getpid(), pack) as receiving:
        mine = [function(item) for item in items[::2]]
        try:
            packed: list[Any] = receiving.recv()
        except (EOFError, OSError):  # it could not send them all (ended, killed midway): made here
            theirs = [function(item) for item in items[1::2]]
        else:
            theirs = [sent.unpack(result) for result in packed] if sent else packed
    merged = [*mine, *theirs]
    merged[::2], merged[1::2] = mine, theirs  # every second item is theirs, from the second on
    return merged


@contextmanager
def done_meanwhile(function: Callable[[], R], in_thread: bool = True) -> Iterator[Callable[[], R]]:
    """``function()`` done by a forked copy of this process at the lowest priority while this
    one goes on (beside Pagefind, which parses on both cores and then writes its index on about
    one, it takes the core left idle). The context gives ``wait``, which returns what the work
    returned once it is done; whatever kept the copy from doing it (a failure, being stopped)
    means ``wait`` does it here, so a failure is raised as this process raises it. Leaving the
    context ends the copy (a failure of this process's own, Ctrl-C). Where the system cannot
    fork or other threads run (``mocap serve``), a thread of this process does the work at the
    usual priority; or, not ``in_thread`` (work that would mostly wait for Python's lock while
    this thread holds it), ``wait`` does it."""
    if not _may_fork():
        if not in_thread:
            yield function
            return
        with ThreadPoolExecutor(max_workers=1) as thread:
            yield thread.submit(function).result
        return

    with _forked(_at_lowest_priority, function) as receiving:

        def wait() -> R:
            try:
                done: R = receiving.recv()
            except (EOFError, OSError):  # it did not finish (or was killed midway through sending): done here
                return function()
            return done

        yield wait


def _may_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and active_count() == 1


@contextmanager
def _forked(produce: Callable[..., object], *args: object) -> Iterator[Connection]:
    """A forked copy of this process sending back ``produce(*args)``, and the end to receive it
    on (EOFError: it sent nothing; OSError: it was killed midway through sending); leaving the
    context ends the copy, finished or not."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    other = context.Process(target=_send, args=(sending, produce, *args), daemon=True)
    other.start()
    sending.close()
    try:
        yield receiving
    finally:
        other.kill()  # (it has ended, unless this process failed first)
        other.join()
        receiving.close()


def _send(sending: Connection, produce: Callable[..., object], *args: object) -> None:
    """In the forked process: what ``produce`` returns, or nothing, whatever keeps it from
    returning (the process that forked it then does the work itself)."""
    try:
        sending.send(produce(*args))
    except BaseException:  # noqa: S110 # nosec B110 (whatever it is, the work is done again where it shows)
        pass
    finally:
        sending.close()


def _share(
    function: Callable[[T], R], share: Sequence[T], parent: int, pack: Callable[[R], object] | None
) -> list[object]:
    """The results of a forked process's share, packed to be sent; it stops when the process
    that shared the work out is gone (the build was killed: its work folder is not ours)."""
    results: list[object] = []
    for item in share:
        if os.getppid() != parent:
            raise SystemExit
        result = function(item)
        results.append(pack(result) if pack else result)
    return results


def _at_lowest_priority(function: Callable[[], R]) -> R:
    with contextlib.suppress(OSError):  # (a sandbox may refuse: the same work, sooner)
        os.nice(SPARE_TIME_NICENESS)
    return function()
