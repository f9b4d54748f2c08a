"""What a process that builds again and again (mocap serve) keeps in memory between builds:
what the next build would read back from the work folder, and the course views whose inputs
did not change (checks.kept)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.build import build_site
from checks.kept import KeptBetweenBuilds
from checks.site.errors import BuildFailed
from checks.site.markup import markdown_forms
from checks.site.rendered import RenderedTexts
from checks.site.tools import ToolFailed
from tests.helpers import AS_OF, COURSE, COURSE_B, digests, edit
from tests.site_fixtures import copy_repo

REWRITTEN = "A rewritten description of Algebra I A."


def _whole_build(repo: Path, tmp_path: Path) -> dict[str, str]:
    return digests(build_site(repo, tmp_path / "full/site", AS_OF).site_dir)


def test_a_build_after_one_held_in_memory_makes_only_the_changed_view_and_equals_a_whole_build(
    tmp_path: Path,
) -> None:
    repo = copy_repo(tmp_path / "repo")
    out, held = repo / "build/site", KeptBetweenBuilds()
    build_site(repo, out, AS_OF, incremental=True, held=held)
    first = dict(held.views)
    assert len(first) > 20 and held.memo is not None and held.texts is not None

    edit(repo, COURSE, {"description": REWRITTEN})
    (repo / COURSE_B).unlink()
    build_site(repo, out, AS_OF, incremental=True, held=held)

    made_again = [view for digest, view in held.views.items() if first.get(digest) is not view]
    assert [view.summary for view in made_again] == [REWRITTEN]  # every other view was the one held
    assert len(held.views) == len(first) - 1  # the removed course's is gone
    assert REWRITTEN in (out / "courses/river-bend-online/algebra-i-a/index.html").read_text(encoding="utf-8")
    assert digests(out) == _whole_build(repo, tmp_path)


def test_a_failed_build_leaves_what_the_last_completed_build_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = copy_repo(tmp_path / "repo")
    out, held = repo / "build/site", KeptBetweenBuilds()
    build_site(repo, out, AS_OF, incremental=True, held=held)
    completed = held.views
    edit(repo, COURSE, {"description": REWRITTEN})

    def failing(*_: object, **__: object) -> None:
        raise ToolFailed("Pagefind failed (exit 1):\nno room")

    with monkeypatch.context() as patched:
        patched.setattr("checks.build.run_pagefind", failing)
        with pytest.raises(BuildFailed, match="Pagefind failed"):
            build_site(repo, out, AS_OF, incremental=True, held=held)
    assert held.views is completed

    build_site(repo, out, AS_OF, incremental=True, held=held)  # a whole build: the folder is not reused
    assert [view.summary for view in held.views.values() if REWRITTEN in view.summary] == [REWRITTEN]
    assert digests(out) == _whole_build(repo, tmp_path)


def test_the_texts_following_a_run_are_those_it_writes(tmp_path: Path) -> None:
    # A text this run only prepared (a view held from the last build shows it) is kept as well
    # as one asked for; one no longer used is forgotten.
    recalled = ("<p>as recalled</p>", "as recalled")
    texts = RenderedTexts({"prepared": recalled, "asked": recalled, "unused": recalled})
    texts.prepare(["prepared", "*new*"])
    assert texts.html("asked") == "<p>as recalled</p>"
    texts.write(tmp_path / "texts.json")
    assert set(json.loads((tmp_path / "texts.json").read_text(encoding="utf-8"))["texts"]) == {
        "prepared",
        "asked",
        "*new*",
    }
    for following in (RenderedTexts.read(tmp_path / "texts.json"), texts.following()):
        assert following.html("prepared") == following.html("asked") == "<p>as recalled</p>"
        assert following.plain("unused") == "unused"  # rendered anew
        assert following.html("*new*") == markdown_forms("*new*")[0]
