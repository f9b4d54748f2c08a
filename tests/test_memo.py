"""The file memo an incremental build keeps: a file whose text it holds is recalled, not read
again, and what is recalled is exactly what reading finds (checks.memo)."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import re
import time
from pathlib import Path

import pytest

from checks import records
from checks.catalog import Catalog, load_catalog
from checks.check import CheckedCatalog, check_loaded
from checks.engine import ENTRY_SCOPES
from checks.memo import FORMAT_VERSION, SETTLED_NS, FileMemo, text_digest
from checks.models.course import Course
from checks.problems import Problem, Severity
from checks.reference.load import load_reference
from checks.registry import ALL_RULES
from checks.rules.loading import INTERNAL_FAULT
from checks.yamlfile import read_open_text
from tests.helpers import AS_OF, COURSE, PROVIDER, REPO, copy_catalog, edit

# Problems of every kind: a layout problem, a schema problem, a text rule's finding, a rule's.
FAULTS = {
    COURSE: {"description": "Write jane.doe@gmail.com with questions.", "credit": "lots"},
    PROVIDER: {"contact.email": "not an address"},
}


def _checked(root: Path, memo: FileMemo | None, as_of: dt.date = AS_OF) -> CheckedCatalog:
    catalog = load_catalog(root / "catalog", memo=memo)
    return check_loaded(catalog, load_reference(root / "catalog/reference", root), as_of, memo=memo)


def _parsed(catalog: Catalog) -> set[str]:
    return {s.name for s in catalog.sources if s.data is not None}


def _read(catalog: Catalog) -> set[str]:
    """The files whose text was read (a file recalled by its state is not)."""
    return {s.name for s in catalog.sources if s.held_text is not None}


def _records(catalog: Catalog) -> list[object]:
    return [(e.source.name, e.record) for e in (*catalog.providers, *catalog.courses)]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_catalog(tmp_path / "repo")
    for name, changes in FAULTS.items():
        edit(root, name, changes)
    (root / "catalog/providers/river-bend-online/courses/Stray Copy.yaml").write_text(
        (root / COURSE).read_text(encoding="utf-8"), encoding="utf-8"
    )
    return root


def _remembered(repo: Path, path: Path, settled_ns: int = SETTLED_NS) -> CheckedCatalog:
    """The catalog checked with an empty memo, written to ``path``."""
    memo = FileMemo(settled_ns=settled_ns)
    checked = _checked(repo, memo)
    memo.write(path)
    return checked


def test_a_recalled_catalog_is_the_catalog_read(repo: Path, tmp_path: Path) -> None:
    first = _remembered(repo, tmp_path / "files.json")
    assert {p.code for p in first.problems} >= {"LAY01", "SDG02", "SCH02"}
    recalled = _checked(repo, FileMemo.read(tmp_path / "files.json"))
    assert _parsed(recalled.catalog) == set()  # nothing was parsed again
    assert recalled.problems == first.problems == _checked(repo, None).problems
    assert _records(recalled.catalog) == _records(first.catalog)


def test_a_file_in_the_state_it_was_read_in_is_recalled_without_being_read(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    courses = repo / "catalog/providers/bluestem-learning/courses"
    (courses / "spanish-i-again.yaml").write_bytes((courses / "spanish-i.yaml").read_bytes())
    first = _remembered(repo, tmp_path / "files.json", settled_ns=0)
    read: list[int] = []

    def reading(descriptor: int, size: int) -> str:  # every file the load reads, told
        read.append(size)
        return read_open_text(descriptor, size)

    memo = FileMemo.read(tmp_path / "files.json", settled_ns=0)
    monkeypatch.setattr(records, "read_open_text", reading)
    catalog = load_catalog(repo / "catalog", memo=memo)
    monkeypatch.undo()
    assert read == []
    recalled = check_loaded(catalog, load_reference(repo / "catalog/reference", repo), AS_OF, memo=memo)
    assert recalled.problems == first.problems == _checked(repo, None).problems
    assert _records(recalled.catalog) == _records(first.catalog)
    # Read only where a problem found across the catalog is located in it (the copy's course
    # number is its original's).
    catalog_wide = {p.file for p in recalled.problems if p.code == "CAT02"}
    assert catalog_wide and _read(recalled.catalog) == catalog_wide


def test_a_recalled_file_gone_before_its_problem_is_located_still_has_the_problem(
    repo: Path, tmp_path: Path
) -> None:
    courses = repo / "catalog/providers/bluestem-learning/courses"
    copy = courses / "spanish-i-again.yaml"
    copy.write_bytes((courses / "spanish-i.yaml").read_bytes())
    _remembered(repo, tmp_path / "files.json", settled_ns=0)
    catalog = load_catalog(repo / "catalog", memo=FileMemo.read(tmp_path / "files.json", settled_ns=0))
    copy.unlink()
    (courses / "spanish-i.yaml").unlink()
    checked = check_loaded(catalog, load_reference(repo / "catalog/reference", repo), AS_OF)
    [duplicate] = [p for p in checked.problems if p.code == "CAT02"]
    assert duplicate.file.startswith(f"{courses.relative_to(repo).as_posix()}/spanish-i")
    assert (duplicate.line, duplicate.column) == (None, None)


def test_a_file_changed_without_a_new_size_or_modification_time_is_read_again(
    repo: Path, tmp_path: Path
) -> None:
    _remembered(repo, tmp_path / "files.json", settled_ns=0)
    path = repo / COURSE
    before, text = path.stat(), path.read_text(encoding="utf-8")
    time.sleep(0.05)  # past the file system clock's tick (the memo's settling time is 0 here)
    changed = text.replace("algebra", "ALGEBRA", 1)
    assert changed != text and len(changed) == len(text)
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # (its change time cannot be set back)
    recalled = _checked(repo, FileMemo.read(tmp_path / "files.json", settled_ns=0))
    assert _parsed(recalled.catalog) == {COURSE}
    assert _records(recalled.catalog) == _records(_checked(repo, None).catalog)


def test_a_file_read_just_after_it_changed_is_read_again_next_time(repo: Path, tmp_path: Path) -> None:
    # Written within the minute, every file may yet change in the same clock tick as its reading.
    _remembered(repo, tmp_path / "files.json", settled_ns=60_000_000_000)
    recalled = _checked(repo, FileMemo.read(tmp_path / "files.json", settled_ns=60_000_000_000))
    assert _parsed(recalled.catalog) == set()  # recalled by the texts' digests
    assert _read(recalled.catalog) == {s.name for s in recalled.catalog.sources}


def test_a_file_saved_again_unchanged_is_recalled_by_its_text_then_by_its_new_state(
    repo: Path, tmp_path: Path
) -> None:
    _remembered(repo, tmp_path / "files.json", settled_ns=0)
    time.sleep(0.05)
    (repo / COURSE).touch()
    memo = FileMemo.read(tmp_path / "files.json", settled_ns=0)
    touched = _checked(repo, memo)
    assert COURSE in _read(touched.catalog) and _parsed(touched.catalog) == set()
    memo.write(tmp_path / "files.json")
    again = _checked(repo, FileMemo.read(tmp_path / "files.json", settled_ns=0))
    assert COURSE not in _read(again.catalog)


def test_a_changed_file_is_read_again_and_only_it(repo: Path, tmp_path: Path) -> None:
    _remembered(repo, tmp_path / "files.json")
    edit(repo, COURSE, {"description": "Call my cell 573-555-0199.", "credit": 0.5})
    recalled = _checked(repo, FileMemo.read(tmp_path / "files.json"))
    assert _parsed(recalled.catalog) == {COURSE}
    assert recalled.problems == _checked(repo, None).problems
    course_problems = {p.code for p in recalled.problems if p.file == COURSE}
    assert "SDG03" in course_problems and "SDG02" not in course_problems and "SCH02" not in course_problems


@pytest.mark.parametrize(
    "written",
    [
        "{",  # a build killed while writing it
        json.dumps({"version": 0, "files": {}}),
        json.dumps([1, 2]),
        json.dumps({"version": FORMAT_VERSION, "files": {COURSE: "nonsense"}}),
    ],
    ids=["cut short", "another version", "not a memo", "an entry that is not one"],
)
def test_a_memo_that_cannot_be_used_means_reading_every_file(
    repo: Path, tmp_path: Path, written: str
) -> None:
    (tmp_path / "files.json").write_text(written, encoding="utf-8")
    recalled = _checked(repo, FileMemo.read(tmp_path / "files.json"))
    assert COURSE in _parsed(recalled.catalog)
    assert recalled.problems == _checked(repo, None).problems


def test_a_recalled_record_that_its_model_refuses_is_read_from_the_file(repo: Path, tmp_path: Path) -> None:
    _remembered(repo, tmp_path / "files.json")
    held = json.loads((tmp_path / "files.json").read_text(encoding="utf-8"))
    name = "catalog/providers/bluestem-learning/courses/spanish-i.yaml"
    held["files"][name]["record"] = json.dumps({"title": "Not a course"})
    (tmp_path / "files.json").write_text(json.dumps(held), encoding="utf-8")
    recalled = _checked(repo, FileMemo.read(tmp_path / "files.json"))
    assert _parsed(recalled.catalog) == {name}
    assert _records(recalled.catalog) == _records(_checked(repo, None).catalog)


def test_a_file_whose_reading_or_scanning_met_a_fault_of_ours_is_not_kept(tmp_path: Path) -> None:
    fault = Problem(COURSE, 1, 1, INTERNAL_FAULT.code, Severity.ERROR, "", "an internal fault", "")
    fine = Problem(COURSE, 3, 1, "SDG02", Severity.ERROR, "description", "an e-mail address", "")
    text = (REPO / COURSE).read_text(encoding="utf-8")
    memo = FileMemo()
    memo.keep_record(COURSE, text_digest(text), Course, None, [fault])
    memo.keep_text_problems(COURSE, [fine])
    memo.keep_record(PROVIDER, text_digest(text), Course, None, [])
    memo.keep_text_problems(PROVIDER, [fault])
    memo.write(tmp_path / "files.json")
    assert json.loads((tmp_path / "files.json").read_text(encoding="utf-8"))["files"] == {}
    assert FileMemo.read(tmp_path / "files.json").recall_record(COURSE, text_digest(text), Course) is None


def test_an_entry_keeps_what_was_found_in_it_only_when_judged_on_the_same_terms(
    repo: Path, tmp_path: Path
) -> None:
    _remembered(repo, tmp_path / "files.json")
    held = json.loads((tmp_path / "files.json").read_text(encoding="utf-8"))
    name = "catalog/providers/bluestem-learning/courses/spanish-i.yaml"
    planted = Problem(name, 1, 1, "RNW01", Severity.ERROR, "review", "planted in the memo", "")
    held["files"][name]["entry_problems"] = [planted.as_dict()]
    (tmp_path / "files.json").write_text(json.dumps(held), encoding="utf-8")

    recalled = _checked(repo, FileMemo.read(tmp_path / "files.json"))
    assert planted in recalled.problems  # recalled, not judged again
    next_day = AS_OF + dt.timedelta(days=1)
    later = _checked(repo, FileMemo.read(tmp_path / "files.json"), next_day)
    assert planted not in later.problems  # another day: judged again
    assert later.problems == _checked(repo, None, next_day).problems


def test_rules_that_judge_one_entry_consult_nothing_but_it_the_reference_and_the_day() -> None:
    """An entry's findings are kept by its file and its terms (checks.engine): a rule judging
    one entry by another entry, or by the catalog, would keep stale findings."""
    allowed = {"as_of", "reference", "judges_windows", "is_changed", "is_submission"}
    for rule in (r for r in ALL_RULES if r.check is not None and r.scope in ENTRY_SCOPES):
        assert list(inspect.signature(rule.check).parameters)[1] == "context", rule.code
        source = inspect.getsource(inspect.getmodule(rule.check))  # its helpers too
        assert set(re.findall(r"\bcontext\.(\w+)", source)) <= allowed, rule.code


def test_a_file_where_a_rule_judging_its_entry_met_a_fault_of_ours_is_not_kept(tmp_path: Path) -> None:
    fault = Problem(COURSE, 1, 1, INTERNAL_FAULT.code, Severity.ERROR, "", "an internal fault", "")
    text = (REPO / COURSE).read_text(encoding="utf-8")
    memo = FileMemo()
    memo.keep_record(COURSE, text_digest(text), Course, None, [])
    memo.keep_text_problems(COURSE, [])
    memo.keep_entry_problems(COURSE, "terms", [fault])
    memo.write(tmp_path / "files.json")
    assert json.loads((tmp_path / "files.json").read_text(encoding="utf-8"))["files"] == {}


def test_the_memo_following_a_run_is_the_memo_it_writes(repo: Path, tmp_path: Path) -> None:
    # mocap serve keeps it in memory instead of writing and reading it back (checks.kept).
    memo = FileMemo()
    first = _checked(repo, memo)
    memo.write(tmp_path / "files.json")
    edit(repo, COURSE, {"description": "Call my cell 573-555-0199.", "credit": 0.5})
    read = _checked(repo, None)
    for following in (FileMemo.read(tmp_path / "files.json"), memo.following()):
        recalled = _checked(repo, following)
        assert _parsed(recalled.catalog) == {COURSE}
        assert recalled.problems == read.problems != first.problems
        assert _records(recalled.catalog) == _records(read.catalog)
    # Kept in memory, the records of the unchanged files are the last run's, not made again.
    before = dict(_records(first.catalog))
    same = {name for name, record in _records(recalled.catalog) if before.get(name) is record}
    assert same == set(before) - {COURSE}
