"""Work shared out between this process and a forked copy (checks.site.shares), and the pour
that uses it: every item is done once, a failure on either side is raised as it was, and a
shared pour writes the same site as one process."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from checks.build import build_site
from checks.site.errors import BuildFailed
from checks.site.shares import ShareFailed, share_out
from tests.helpers import AS_OF, digests
from tests.site_fixtures import copy_repo


def _writer(
    folder: Path, failing: int | None = None, exception: type[Exception] = BuildFailed
) -> Callable[[Sequence[int]], None]:
    def work(items: Sequence[int]) -> None:
        for item in items:
            if item == failing:
                raise exception(f"item {item} failed")
            (folder / str(item)).write_text(str(os.getpid()), encoding="utf-8")

    return work


def test_each_item_is_done_once_by_one_of_two_processes(tmp_path: Path) -> None:
    share_out(range(10), _writer(tmp_path), at_least=4)
    assert sorted(int(p.name) for p in tmp_path.iterdir()) == list(range(10))
    workers = {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert len(workers) == 2 and str(os.getpid()) in workers


def test_too_few_items_are_done_here(tmp_path: Path) -> None:
    share_out(range(3), _writer(tmp_path), at_least=4)
    assert {p.read_text(encoding="utf-8") for p in tmp_path.iterdir()} == {str(os.getpid())}


@pytest.mark.parametrize("failing", [1, 4], ids=["in the forked share", "in this share"])
def test_a_failure_on_either_side_is_raised_as_it_was(tmp_path: Path, failing: int) -> None:
    with pytest.raises(BuildFailed, match=f"^item {failing} failed$"):
        share_out(range(10), _writer(tmp_path, failing), at_least=4)


class _Unpicklable(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.handle = lambda: None  # a function made here does not pickle


def test_a_failure_that_does_not_pickle_comes_back_as_its_text(tmp_path: Path) -> None:
    with pytest.raises(ShareFailed, match=r"^item 1 failed$"):
        share_out(range(10), _writer(tmp_path, 1, _Unpicklable), at_least=4)


def test_a_forked_process_that_dies_is_named(tmp_path: Path) -> None:
    def work(items: Sequence[int]) -> None:
        if 1 in items:
            os._exit(3)  # as the kernel's out-of-memory killer would leave it, without a word

    with pytest.raises(ShareFailed, match=r"^the forked process ended without a word \(exit 3\)$"):
        share_out(range(10), work, at_least=4)


def test_a_shared_pour_writes_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = copy_repo(tmp_path / "repo")
    alone = build_site(repo, tmp_path / "alone/site", AS_OF)
    monkeypatch.setattr("checks.site.pour.SHARED_POUR", 2)
    shared = build_site(repo, tmp_path / "shared/site", AS_OF)
    assert shared.poured == alone.poured and shared.poured.rendered > 2
    assert digests(tmp_path / "shared/site") == digests(tmp_path / "alone/site")
