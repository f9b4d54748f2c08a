"""Reading a commit's files from git by name: as the whole tree's listing reads them, with a
git process per name only for the first few."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.changes import LOOKED_UP_BY_NAME, GitTree
from tests.helpers import git

# Names a shell, a pathspec or git's quoting would take for something else.
FILES = {"a*b": b"star\n", "axb": b"x\n", "[ab]": b"brackets\n", ":(glob)q": b"magic\n", "é z": b"accent\n"}
FILES |= {"d/x": b"nested\n"} | {f"many/{i:02}.yaml": f"{i}\n".encode() for i in range(LOOKED_UP_BY_NAME + 5)}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for name, data in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    (tmp_path / "link").symlink_to("axb")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "files")
    return tmp_path


def _ls_trees(trace: Path) -> list[str]:
    """The ls-tree commands git ran, as its trace recorded them."""
    return [
        line for line in trace.read_text(encoding="utf-8").splitlines() if "built-in: git ls-tree" in line
    ]


def test_a_file_read_by_name_is_what_the_whole_listing_reads(repo: Path) -> None:
    listed = GitTree(repo, "HEAD")
    assert len(listed.entries) == len(FILES) + 1
    # Names no tree holds, some of which git refuses to look up (outside the repository).
    odd = {"", "..", "../x", "/etc/hosts", "./axb", "d/x/", "d//x"}
    expected = {**FILES, "link": None, "d": None, "nothere": None} | dict.fromkeys(odd)
    for name, data in expected.items():
        assert GitTree(repo, "HEAD").read(name) == listed.read(name) == data, name
    named = list(expected)
    assert dict(GitTree(repo, "HEAD").read_all(named)) == dict(listed.read_all(named)) == FILES


def test_a_few_names_are_looked_up_and_many_list_the_tree_once(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    trace = tmp_path_factory.mktemp("trace") / "git.log"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    tree = GitTree(repo, "HEAD")
    assert tree.read("a*b") == b"star\n"
    [lookup] = _ls_trees(trace)
    assert lookup.endswith("-- 'a*b'"), lookup
    many = sorted(n for n in FILES if n.startswith("many/"))
    for name in many:
        assert tree.read(name) == FILES[name]
    looked_up = _ls_trees(trace)
    assert len(looked_up) == LOOKED_UP_BY_NAME + 1, looked_up  # then the whole tree, once
    assert "--" not in looked_up[-1].split(), looked_up[-1]
    assert tree.read("é z") == b"accent\n"
    assert len(_ls_trees(trace)) == LOOKED_UP_BY_NAME + 1
