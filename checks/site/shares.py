"""Work over many items shared out between this process and a forked copy of it, so that a
whole build's pour uses both cores of a two-core machine (each page is rendered and written on
its own, so the pages are the same bytes whichever process wrote them).

The copy is forked: it starts with everything this process holds (templates, views, shells), so
nothing is sent to it but its share, and only a failure comes back. Where the system cannot
fork, or the items are too few to pay for a second process, all the work is done here.
"""

from __future__ import annotations

import multiprocessing
import pickle  # nosec B403 (a failure sent back by our own forked process)
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")


class ShareFailed(Exception):
    """The forked process failed in a way that could not be sent back as it was."""


def share_out(items: Sequence[T], work: Callable[[Sequence[T]], None], at_least: int) -> None:
    """``work`` over ``items``: with at least ``at_least`` of them, and where the system can
    fork, a forked process takes every second item. The first failure, in either process, is
    raised here as it was raised there; the other process's work is then stopped."""
    if len(items) < at_least or "fork" not in multiprocessing.get_all_start_methods():
        work(items)
        return
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    other = context.Process(target=_do_share, args=(work, items[1::2], sending), daemon=True)
    other.start()
    sending.close()
    try:
        work(items[::2])
        try:
            failure = receiving.recv()
        except EOFError:  # it ended without sending a word: killed, or out of memory
            other.join()
            failure = (b"", f"the forked process ended without a word (exit {other.exitcode})")
    except BaseException:
        other.kill()
        raise
    finally:
        other.join()
        receiving.close()
    if failure is not None:
        raise _failure(*failure)


def _do_share(work: Callable[[Sequence[T]], None], share: Sequence[T], sending: Connection) -> None:
    """In the forked process: its share, then None or its failure (pickled, and as text)."""
    try:
        work(share)
    except Exception as exc:  # sent back, to be raised by the process that shared the work out
        try:
            sending.send((pickle.dumps(exc), str(exc)))
        except Exception:  # an exception that does not pickle is sent back as its text
            sending.send((b"", str(exc)))
    else:
        sending.send(None)
    finally:
        sending.close()


def _failure(pickled: bytes, message: str) -> BaseException:
    try:
        failure = pickle.loads(pickled)  # noqa: S301 # nosec B301 (our own forked process)
    except Exception:
        return ShareFailed(message)
    return failure if isinstance(failure, BaseException) else ShareFailed(message)
