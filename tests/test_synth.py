"""``mocap synth``: synthetic catalogs that are valid, varied and the same for the same seed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from checks.check import run_checks
from checks.cli import main
from checks.commands.catalog import synth_command
from checks.publish import select_published
from tests.helpers import AS_OF, REPO, digests


def _synth(
    out: Path, providers: int, courses: int, seed: int = 1, source: Path = REPO / "catalog"
) -> tuple[int, str, str]:
    stdout, err = io.StringIO(), io.StringIO()
    code = synth_command(source, out, providers, courses, seed, AS_OF, stdout, err)
    return code, stdout.getvalue(), err.getvalue()


def test_a_synthetic_catalog_passes_every_check_and_publishes_whole(tmp_path: Path) -> None:
    # 250 providers run through every provider name pattern; 3 courses of the templates each.
    code, out, _ = _synth(tmp_path / "catalog", 250, 750)
    assert (code, out) == (0, f"wrote 250 providers and 750 courses to {tmp_path / 'catalog'}\n")
    checked = run_checks(tmp_path / "catalog", AS_OF)
    assert checked.problems == ()
    publication = select_published(checked)
    assert (len(publication.providers), len(publication.courses), publication.withheld) == (250, 750, ())


def test_a_synthetic_catalog_is_varied(tmp_path: Path) -> None:
    _synth(tmp_path / "catalog", 4, 200)
    courses = [c.record for c in run_checks(tmp_path / "catalog", AS_OF).catalog.courses]
    demo = [c.record for c in run_checks(REPO / "catalog", AS_OF).catalog.courses]
    assert {c.subject for c in courses} == {c.subject for c in demo}
    assert {c.length for c in courses} == {"semester", "year"}
    assert len({c.price for c in courses}) > 100
    words = sorted(len(c.description.split()) for c in courses)
    assert words[0] < 40 and words[-1] > 100  # short and long descriptions


def test_the_same_seed_writes_the_same_catalog(tmp_path: Path) -> None:
    _synth(tmp_path / "a", 3, 60, seed=7)
    _synth(tmp_path / "b", 3, 60, seed=7)
    _synth(tmp_path / "c", 3, 60, seed=8)
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert digests(tmp_path / "a") != digests(tmp_path / "c")


def test_synth_refuses_what_it_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full/notes.txt").write_text("keep me", encoding="utf-8")
    assert _synth(tmp_path / "full", 1, 1) == (
        2,
        "",
        f"mocap synth: {tmp_path / 'full'} is not empty: name a new folder\n",
    )
    assert _synth(tmp_path / "nowhere", 1, 1, source=tmp_path / "nowhere") == (
        2,
        "",
        f"mocap synth: {tmp_path / 'nowhere'} is not a catalog (a folder with reference/ and providers/): "
        "name one with --source\n",
    )
    assert _synth(tmp_path / "new", 1, 100) == (
        2,
        "",
        "mocap synth: a provider lists each state course number once, and the templates have 54: "
        "give at least 2 providers\n",
    )


def test_synth_from_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "catalog"
    args = ["synth", "--providers", "2", "--courses", "5", "--seed", "3", "--as-of", AS_OF.isoformat()]
    assert main([*args, "--out", str(out)]) == 0
    assert len(list(out.glob("providers/*/courses/*.yaml"))) == 5
    assert main([*args, "--out", str(out), "--source", str(tmp_path / "nowhere")]) == 2
