"""Where a problem stands in a file: the node tree the data was made from locates it, so a
file with problems is composed once, not once for its data and again for its positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks import yamlfile
from checks.models.course import Course
from checks.problems import FieldPath
from checks.records import read_record
from checks.yamlfile import Positions, parse_tree
from tests.helpers import COURSE, PROVIDER, REPO


def _paths(data: object, path: FieldPath = ()) -> list[FieldPath]:
    """Every path in ``data``, and one missing below each mapping."""
    found = [path]
    if isinstance(data, dict):
        found.append((*path, "not-a-field"))
        for key, value in data.items():
            found += _paths(value, (*path, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*path, index))
    return found


@pytest.mark.parametrize("name", [COURSE, PROVIDER])
def test_the_tree_the_data_was_made_from_locates_as_a_tree_composed_again(name: str) -> None:
    text = (REPO / name).read_text(encoding="utf-8")
    data, tree = parse_tree(text)
    assert tree is not None
    made, composed = Positions(text, tree=tree), Positions(text)
    for path in _paths(data):
        assert made.of(path) == composed.of(path), path


def test_a_tree_a_merge_key_rearranged_is_not_kept() -> None:
    # The merged keys come first in the tree; the explicit "title" on line 3 must be found there.
    text = "record:\n  <<: {title: Merged, price: 1}\n  title: Own\n"
    data, tree = parse_tree(text)
    assert data == {"record": {"title": "Own", "price": 1}}
    assert tree is None
    assert Positions(text).of(("record", "title")) == (3, 3)


def test_a_file_with_problems_is_located_in_the_tree_it_was_read_into_and_a_clean_one_keeps_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def composed_again(text: str) -> None:
        raise AssertionError("composed a second time")

    monkeypatch.setattr(yamlfile, "compose", composed_again)
    clean = tmp_path / "clean.yaml"
    clean.write_text((REPO / COURSE).read_text(encoding="utf-8"), encoding="utf-8")
    source, record, problems = read_record(clean, "clean.yaml", Course)
    assert record is not None and problems == []
    assert source.positions.tree is None and "_root" not in vars(source.positions)  # (a catalog's worth)

    broken = tmp_path / "broken.yaml"
    broken.write_text(clean.read_text(encoding="utf-8") + "pricee: 1\n", encoding="utf-8")
    source, record, problems = read_record(broken, "broken.yaml", Course)
    assert record is None and [(p.code, p.field) for p in problems] == [("SCH02", "pricee")]
    assert problems[0].line == len(clean.read_text(encoding="utf-8").splitlines()) + 1


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        # Level by level, as SafeLoader fills them: the list under "y" before the mapping under
        # "a"'s "b", though a file read depth first meets the duplicate "c" first.
        ("a:\n  b:\n    c: 1\n    c: 2\nx: &k one\ny: [*k]\n", "YML04", 5),
        ("a:\n  b: 1\n  b: 2\nx: !!binary aGk=\n", "YML01", 4),
        ("a: [x, !!set {b}]\nc: {d: 1, d: 2}\n", "YML01", 1),
        ("a: [[[x, x: 1, x: 2]]]\nc: {d: 1, d: 2}\n", "YML02", 2),
    ],
)
def test_a_file_with_several_faults_is_refused_for_the_one_safeloader_meets_first(
    text: str, code: str, line: int
) -> None:
    with pytest.raises(yamlfile.YamlProblem) as refused:
        parse_tree(text)
    assert (refused.value.rule.code, refused.value.line) == (code, line), refused.value.message
