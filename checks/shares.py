"""Work over many items shared out between this process and a forked copy of it, so that a
large catalog's check and a whole build's pour use both cores of a two-core machine (each item
is done on its own: a file's findings, a page's bytes, whichever process did it).

The copy is forked: it starts with everything this process holds (rules, reference data,
templates, views, shells), so nothing is sent to it but which items are its share, and only its
results or its failure come back. Where the system cannot fork, or the items are too few to pay
for a second process, all the work is done here.
"""

from __future__ import annotations

import multiprocessing
import pickle  # nosec B403 (results sent back by our own forked process)
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class ShareFailed(Exception):
    """The forked process failed in a way that could not be sent back as it was."""


def shared_map(function: Callable[[T], R], items: Sequence[T], at_least: int) -> list[R]:
    """``function`` of each item, in the items' order: with at least ``at_least`` of them, and
    where the system can fork, a forked process does every second item. The first failure, in
    either process, is raised here as it was raised there; the other process is then stopped."""
    if len(items) < at_least or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    other = context.Process(target=_do_share, args=(function, items[1::2], sending), daemon=True)
    other.start()
    sending.close()
    try:
        mine = [function(item) for item in items[::2]]
        try:
            theirs = receiving.recv()
        except EOFError:  # it ended without sending a word: killed, or out of memory
            other.join()
            raise ShareFailed(f"the forked process ended without a word (exit {other.exitcode})") from None
    except BaseException:
        other.kill()
        raise
    finally:
        other.join()
        receiving.close()
    if isinstance(theirs, tuple):
        raise _failure(*theirs)
    merged: list[R] = []
    for index, result in enumerate(mine):  # every second item is theirs, from the second on
        merged.append(result)
        if index < len(theirs):
            merged.append(theirs[index])
    return merged


def _do_share(function: Callable[[T], R], share: Sequence[T], sending: Connection) -> None:
    """In the forked process: the results of its share (a list), or its failure (a tuple: the
    failure pickled, and as text)."""
    try:
        results = [function(item) for item in share]
    except Exception as exc:  # sent back, to be raised by the process that shared the work out
        try:
            sending.send((pickle.dumps(exc), str(exc)))
        except Exception:  # an exception that does not pickle is sent back as its text
            sending.send((b"", str(exc)))
    else:
        sending.send(results)
    finally:
        sending.close()


def _failure(pickled: bytes, message: str) -> BaseException:
    try:
        failure = pickle.loads(pickled)  # noqa: S301 # nosec B301 (our own forked process)
    except Exception:
        return ShareFailed(message)
    return failure if isinstance(failure, BaseException) else ShareFailed(message)
