"""Work shared out between this process and a forked copy (checks.shares), and the check and
pour that use it: every item is done once and its result comes back in its place, a failure on
either side is raised as it was, a share the forked process cannot send back is done here, and a
shared check or pour gives what one process gives."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from checks.build import build_site
from checks.catalog import load_catalog
from checks.check import check_loaded
from checks.problems import Problem
from checks.records import SourceFile
from checks.reference.load import load_reference
from checks.shares import SPARE_TIME_NICENESS, WORTH_SHARING, Sent, done_meanwhile, shared_map
from checks.shares import _send as send
from checks.shares import _share as share
from checks.site.errors import BuildFailed
from checks.site.markup import markdown_forms
from checks.site.rendered import RenderedTexts
from tests.helpers import AP_COURSE, AS_OF, COURSE, COURSE_B, PROVIDER, copy_catalog, digests, edit
from tests.site_fixtures import copy_repo


@pytest.fixture
def forks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """Forking allowed although the test session runs threads of its own (a browser's service,
    a server: the guard against them is tested apart), and the forked processes' ids, as each
    noted its own before its share."""
    monkeypatch.setattr("checks.shares.active_count", lambda: 1)
    notes = tmp_path / "forked"

    def noting(*arguments: Any) -> None:
        with notes.open("a", encoding="utf-8") as note:
            note.write(f"{os.getpid()}\n")
        send(*arguments)

    monkeypatch.setattr("checks.shares._send", noting)
    return lambda: notes.read_text(encoding="utf-8").split() if notes.is_file() else []


def _failing_at(failing: int, exception: type[Exception] = BuildFailed) -> Callable[[int], tuple[int, int]]:
    def work(item: int) -> tuple[int, int]:
        if item == failing:
            raise exception(f"item {item} failed")
        return item * item, os.getpid()

    return work


@pytest.mark.parametrize("count", [10, 11])
def test_each_item_is_done_once_by_one_of_two_processes_and_comes_back_in_place(
    count: int, forks: Callable[[], list[str]]
) -> None:
    results = shared_map(_failing_at(-1), range(count), at_least=4)
    assert [square for square, _ in results] == [item * item for item in range(count)]
    assert {pid for _, pid in results[::2]} == {os.getpid()}
    assert {pid for _, pid in results[1::2]} - {os.getpid()}


def test_the_forked_share_is_packed_there_and_unpacked_here(forks: Callable[[], list[str]]) -> None:
    sent = Sent(
        pack=lambda made: (made["item"], os.getpid()),  # what is sent: less than what was made
        unpack=lambda packed: {"item": packed[0], "packed by": packed[1], "unpacked by": os.getpid()},
    )
    results = shared_map(
        lambda item: {"item": item, "made by": os.getpid()}, range(10), at_least=4, sent=sent
    )
    here = os.getpid()
    assert results[::2] == [{"item": item, "made by": here} for item in range(0, 10, 2)]
    assert [r["item"] for r in results[1::2]] == list(range(1, 10, 2))
    assert {r["unpacked by"] for r in results[1::2]} == {here}
    assert {r["packed by"] for r in results[1::2]} == {int(pid) for pid in forks()} != {here}


def test_too_few_items_are_done_here() -> None:
    assert {pid for _, pid in shared_map(_failing_at(-1), range(3), at_least=4)} == {os.getpid()}


@pytest.mark.parametrize("failing", [1, 4], ids=["in the forked share", "in this share"])
def test_a_failure_on_either_side_is_raised_as_it_was(failing: int, forks: Callable[[], list[str]]) -> None:
    with pytest.raises(BuildFailed, match=f"^item {failing} failed$"):
        shared_map(_failing_at(failing), range(10), at_least=4)


class _Unpicklable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.handle = lambda: None  # a function made here does not pickle


def test_a_failure_that_does_not_pickle_is_raised_as_it_was(forks: Callable[[], list[str]]) -> None:
    with pytest.raises(_Unpicklable, match=r"^item 1 failed$"):
        shared_map(_failing_at(1, _Unpicklable), range(10), at_least=4)
    assert forks()


def test_results_that_do_not_pickle_are_made_here(forks: Callable[[], list[str]]) -> None:
    results = shared_map(lambda item: (os.getpid(), lambda: item), range(10), at_least=4)
    assert [made() for _, made in results] == list(range(10))
    assert {pid for pid, _ in results} == {os.getpid()} and forks()


def test_the_share_of_a_forked_process_that_dies_is_done_here(forks: Callable[[], list[str]]) -> None:
    def work(item: int) -> tuple[int, int]:
        if item == 1 and os.getpid() != parent:
            os._exit(3)  # as the kernel's out-of-memory killer would leave it, without a word
        return item, os.getpid()

    parent = os.getpid()
    assert shared_map(work, range(10), at_least=4) == [(item, parent) for item in range(10)]
    assert forks()


@contextlib.contextmanager
def _another_thread() -> Iterator[None]:
    """Another thread of this process running meanwhile, as mocap serve's server and watcher."""
    may_end = threading.Event()
    other = threading.Thread(target=may_end.wait)
    other.start()
    try:
        yield
    finally:
        may_end.set()
        other.join()


def _kill_the_copies() -> list[multiprocessing.Process]:
    """Kill this process's forked copies (for memory, say) and wait for them; the copies."""
    copies = multiprocessing.active_children()
    for copy in copies:
        copy.kill()
        copy.join()
    return copies


def test_a_process_running_other_threads_does_not_fork() -> None:
    with _another_thread():
        assert {pid for _, pid in shared_map(_failing_at(-1), range(10), at_least=4)} == {os.getpid()}


def test_a_forked_process_whose_parent_is_gone_stops() -> None:
    receiving, sending = multiprocessing.Pipe(duplex=False)
    done: list[int] = []
    send(sending, share, done.append, [1, 2, 3], -1, None)  # no process has that id
    assert done == []
    with pytest.raises(EOFError):
        receiving.recv()


def test_a_shared_check_finds_what_one_process_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: Callable[[], list[str]]
) -> None:
    repo = copy_catalog(tmp_path)
    # Findings of a text rule (SDG01), of rules that judge one entry (the price cap, a provider's
    # contact) and of the schema (SCH02).
    edit(repo, COURSE, {"description": "Sample work by student 1234567890.", "price": 99999})
    edit(repo, COURSE_B, {"description": "Her number is 123-45-6789."})
    edit(repo, PROVIDER, {"public_contact.email": "not an address"})
    # Data nested too deeply to pickle: the forked process cannot send it, so its share is read here.
    deep = repo / AP_COURSE
    deep.write_text(
        deep.read_text(encoding="utf-8") + "extra: " + "[" * 600 + "1" + "]" * 600 + "\n", "utf-8"
    )
    reference = load_reference(repo / "catalog/reference", repo)
    catalog = load_catalog(repo / "catalog")
    alone = check_loaded(catalog, reference, AS_OF).problems
    monkeypatch.setattr("checks.shares.WORTH_SHARING", 2)
    shared = load_catalog(repo / "catalog")
    assert [e.record for e in shared.courses] == [e.record for e in catalog.courses]
    assert check_loaded(shared, reference, AS_OF).problems == alone
    assert {"SDG01", "PRC01", "SCH02"} <= {p.code for p in alone}
    assert len(forks()) == 3  # the files read, their texts judged, their entries judged


def test_a_file_read_in_the_forked_process_is_located_anew_here() -> None:
    # Positions index a file's nodes by id(), which names objects of one process only.
    source = SourceFile(Path("course.yaml"), "course.yaml", "title: A\nschedule:\n  pacing: self-paced\n")
    assert source.positions.of(("schedule", "pacing")) == (3, 3)
    sent = pickle.loads(pickle.dumps(source))  # noqa: S301 (made here)
    assert sent.positions._keys == {} and "_root" not in vars(sent.positions)
    assert sent.positions.of(("schedule", "pacing")) == (3, 3) and sent.positions.of(("title",)) == (1, 1)


def test_a_shared_pour_writes_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: Callable[[], list[str]]
) -> None:
    repo = copy_repo(tmp_path / "repo")
    alone = build_site(repo, tmp_path / "alone/site", AS_OF)
    monkeypatch.setattr("checks.shares.WORTH_SHARING", 2)
    shared = build_site(repo, tmp_path / "shared/site", AS_OF)
    assert shared.poured == alone.poured and shared.poured.rendered > 2
    assert digests(tmp_path / "shared/site") == digests(tmp_path / "alone/site")
    # files read, texts and entries judged, texts rendered, pages poured; and in each build,
    # the shared one and the one alone, the open data written meanwhile
    assert len(forks()) == 7


def _noting_where(note: Path) -> Callable[[], str]:
    def work() -> str:
        note.write_text(f"{os.getpid()} {os.getpriority(os.PRIO_PROCESS, 0)}", encoding="utf-8")
        return "done"

    return work


def test_work_done_meanwhile_is_done_by_a_forked_process_at_the_lowest_priority(
    tmp_path: Path, forks: Callable[[], list[str]]
) -> None:
    note, before = tmp_path / "where", os.getpriority(os.PRIO_PROCESS, 0)
    with done_meanwhile(_noting_where(note)) as wait:
        assert wait() == "done"  # what it returned, sent back
    pid, niceness = map(int, note.read_text(encoding="utf-8").split())
    assert pid != os.getpid() and niceness == SPARE_TIME_NICENESS and forks()
    assert os.getpriority(os.PRIO_PROCESS, 0) == before  # (this process's own is left alone)


def test_work_done_meanwhile_that_fails_is_done_again_here_and_its_failure_raised_as_it_was(
    tmp_path: Path, forks: Callable[[], list[str]]
) -> None:
    problem = Problem("data/courses.csv", 2, 1, "OPD01", "error", "title", "a cell is wrong", "")
    runs = tmp_path / "runs"

    def failing() -> None:
        with runs.open("a", encoding="utf-8") as note:
            note.write(f"{os.getpid()}\n")
        raise BuildFailed("the open-data files do not validate", (problem,))

    with pytest.raises(BuildFailed) as raised, done_meanwhile(failing) as wait:
        wait()
    assert raised.value.problems == (problem,)
    assert runs.read_text(encoding="utf-8").split()[-1] == str(os.getpid()) and forks()


def test_leaving_early_ends_the_work_done_meanwhile(tmp_path: Path, forks: Callable[[], list[str]]) -> None:
    note = tmp_path / "finished"

    def slow() -> None:
        time.sleep(30)
        note.write_text("finished", encoding="utf-8")

    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt), done_meanwhile(slow):
        raise KeyboardInterrupt  # as Ctrl-C while Pagefind runs
    assert time.monotonic() - started < 10  # (a thread would have been waited for: 30 s)
    time.sleep(0.5)
    assert not note.exists()


def test_a_shared_map_whose_copy_is_killed_midway_through_sending_does_its_share_here(
    forks: Callable[[], list[str]],
) -> None:
    items, here = list(range(WORTH_SHARING)), os.getpid()

    def page(item: int) -> bytes:
        if os.getpid() == here and item == items[-2]:  # this process's last item
            time.sleep(1)  # (the copy has done its share and is sending 10 MB)
            _kill_the_copies()
        return bytes([item % 256]) * 5_000

    assert shared_map(page, items) == [bytes([item % 256]) * 5_000 for item in items]
    assert forks()


def test_work_done_meanwhile_whose_copy_is_killed_midway_through_sending_is_done_here(
    forks: Callable[[], list[str]],
) -> None:
    # A result larger than a pipe holds: the copy waits, midway through sending, until it is
    # received; killed meanwhile (for memory, say), it leaves half a message (found by a
    # reviewing helper: the build stopped with an unexpected fault).
    result = b"x" * 10_000_000
    with done_meanwhile(lambda: result) as wait:
        time.sleep(1)  # (the copy has made its result and is sending it)
        assert _kill_the_copies() and wait() == result
    assert forks()


def test_with_other_threads_the_work_is_done_meanwhile_by_a_thread_here(tmp_path: Path) -> None:
    note = tmp_path / "where"
    with _another_thread(), done_meanwhile(_noting_where(note)) as wait:
        assert wait() == "done"
    here = [str(os.getpid()), str(os.getpriority(os.PRIO_PROCESS, 0))]
    assert note.read_text(encoding="utf-8").split() == here


def test_texts_prepared_in_two_processes_are_those_rendered_one_by_one_and_recalled_ones_stay(
    forks: Callable[[], list[str]],
) -> None:
    texts = RenderedTexts({"*recalled*": ("<p>as recalled</p>", "as recalled")})
    many = [f"*text* {number} with a [link](https://example.org/{number})" for number in range(WORTH_SHARING)]
    texts.prepare([*many, "*recalled*", many[0]])
    assert forks()
    assert [(texts.html(t), texts.plain(t)) for t in many] == [markdown_forms(t) for t in many]
    assert texts.html("*recalled*") == "<p>as recalled</p>"


def test_work_that_needs_no_thread_is_done_on_waiting_when_other_threads_run() -> None:
    # (the standby's listing in mocap serve: a thread would only contend for Python's lock)
    done_by: list[int] = []

    def listing() -> str:
        done_by.append(threading.get_ident())
        return "done"

    with _another_thread(), done_meanwhile(listing, in_thread=False) as wait:
        assert done_by == []
        assert wait() == "done"
    assert done_by == [threading.get_ident()]
