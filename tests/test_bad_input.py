"""Every class of bad input: an exact, located message, never a traceback, and the rest of the
catalog still checked."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel, model_validator

from checks.catalog import CourseEntry, load_catalog
from checks.commands.catalog import check_command
from checks.engine import run_rules
from checks.memo import FileMemo
from checks.models.course import Course
from checks.problems import Severity
from checks.records import read_record
from checks.reference.load import load_reference
from checks.registry import CHECKED_RULES
from checks.rules.base import Context, Rule, Violation
from tests.helpers import AS_OF, COURSE, COURSE_B, copy_catalog, edit, line_of, run_check

COURSES = "catalog/providers/river-bend-online/courses"
HEADER = "# yaml-language-server: $schema=../../../../schemas/course.schema.json\n"
LAYOUT = (
    "this file is not where catalog files go: catalog files belong at "
    "providers/<provider-id>/provider.yaml or providers/<provider-id>/courses/<course-name>.yaml, "
    "named in lowercase letters, digits and hyphens"
)

# name -> (file content, code, line, column, message)
BAD_FILES: dict[str, tuple[bytes, str, int | None, int | None, str]] = {
    "unclosed-quote": (
        b'title: "Algebra\n',
        "YML01",
        2,
        8,
        "the quote that opens on line 2 is never closed: end the text with the same quote mark",
    ),
    "tabs": (
        b"title: x\nreview:\n\tstatus: approved\n",
        "YML01",
        4,
        1,
        "this line has a tab character. YAML does not allow tab characters for indentation: indent with "
        "spaces",
    ),
    "colon-in-value": (
        b"title: x\ndescription: Algebra: the basics\n",
        "YML01",
        3,
        14,
        "the value of 'description' holds a colon followed by a space, which YAML reads as a new field: "
        'put the whole value in double quotes, for example description: "Algebra: the basics"',
    ),
    "no-colon": (
        b"title: x\ndescription\nprice: 3\n",
        "YML01",
        3,
        1,
        "'description' has no ':' after the field name: write it as 'name: value'; or, if it continues the "
        "text of the field above, indent it under that field or put that field's whole text in quotes",
    ),
    "apostrophe": (
        b"title: 'Teacher's pick'\n",
        "YML01",
        2,
        1,
        "the value of 'title' is in single quotes and holds an apostrophe, which ends it early: put the "
        "value in double quotes instead, or write the apostrophe twice ('')",
    ),
    "indented-too-far": (
        b"title: x\n  price: 3\n",
        "YML01",
        3,
        3,
        "this line is indented further than the line above ('title'), which already has its value: line "
        "the field up with the fields around it, using the same number of spaces",
    ),
    "raw-control-character": (
        b"title: Alg\x07ebra\n",
        "YML01",
        2,
        11,
        "this line holds the invisible character U+0007 (BELL): delete it (it often comes from copying "
        "text out of another program)",
    ),
    "duplicate-key": (
        b"price: 1\nprice: 2\n",
        "YML02",
        3,
        1,
        "the field 'price' appears twice (first on line 2); keep only one",
    ),
    "a-list": (
        b"- a\n- b\n",
        "YML03",
        2,
        1,
        "the file is a list, not a set of fields: write one 'field: value' per line",
    ),
    "binary": (
        b"\x00\x01\x02",
        "YML01",
        None,
        None,
        "the file is binary, not text: save it as plain UTF-8 text",
    ),
    "latin-1": (
        b"title: caf\xe9\n",
        "YML01",
        2,
        None,
        "the file is not valid UTF-8 text (byte 81): save it with UTF-8 encoding",
    ),
    "python-tag": (
        b'title: !!python/object/apply:os.system ["echo hi"]\n',
        "YML01",
        2,
        8,
        "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: catalog files "
        "hold plain text, numbers, dates and lists",
    ),
    # Found by attack: bytes behind !!binary were read by no text rule, and became a description.
    # ("Taught by Mrs. Jane Smith, cell 573-555-0199, SSN 123-45-6789")
    "binary-tag": (
        b"description: !!binary "
        b"VGF1Z2h0IGJ5IE1ycy4gSmFuZSBTbWl0aCwgY2VsbCA1NzMtNTU1LTAxOTksIFNTTiAxMjMtNDUtNjc4OQ==\n",
        "YML01",
        2,
        14,
        "the tag 'tag:yaml.org,2002:binary' is not allowed: catalog files hold plain text, numbers, dates "
        "and lists",
    ),
    "set-tag": (
        b"standards_alignment: !!set {9-12.A.1: null}\n",
        "YML01",
        2,
        22,
        "the tag 'tag:yaml.org,2002:set' is not allowed: catalog files hold plain text, numbers, dates "
        "and lists",
    ),
    "tag-not-its-text": (
        b"price: !!int cheap\n",
        "YML01",
        2,
        8,
        "the tag 'tag:yaml.org,2002:int' is not allowed: catalog files hold plain text, numbers, dates "
        "and lists",
    ),
    "list-as-field-name": (
        b"[title]: Algebra\n",
        "YML01",
        2,
        1,
        "a field's name here is a list or a set of fields: write a plain name, a colon, then the value",
    ),
    "merge-of-no-fields": (
        b"<<: 1\n",
        "YML01",
        2,
        5,
        "'<<' copies in the fields that follow it, and none follow here: write each field in full",
    ),
    "alias-bomb": (
        b'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        + b"".join(
            f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n".encode()
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + b"title: *i\n",
        "YML04",
        10,  # the anchored value an alias repeats first
        4,
        "the value that starts here is repeated through an anchor (&) and alias (*): write each "
        "value out in full",
    ),
    "deep-brackets": (
        b"title: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "YML01",
        2,
        1007,
        "this is not valid YAML: while increasing flow level exceeded maximum nesting depth. A "
        "catalog file nests a few levels at most; check its brackets and indentation",
    ),
    "deep-indentation": (
        b"".join(b" " * i + b"a:\n" for i in range(1200)),
        "YML01",
        1001,
        1001,
        "this is not valid YAML: while increasing block level exceeded maximum nesting depth. A "
        "catalog file nests a few levels at most; check its brackets and indentation",
    ),
    "too-large": (
        b"description: " + b"a" * 1_000_000 + b"\n",
        "YML01",
        None,
        None,
        "the file is 1,000,085 bytes; a catalog file may be at most 1,000,000 bytes",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gets_exact_located_message(tmp_path: Path, name: str) -> None:
    content, code, line, column, message = BAD_FILES[name]
    repo = copy_catalog(tmp_path)
    header = b"" if name == "binary" else HEADER.encode()
    (repo / COURSES / f"{name}.yaml").write_bytes(header + content)
    exit_code, report, _ = run_check(repo)
    assert exit_code == 1
    assert [(p["code"], p["file"], p["line"], p["column"], p["message"]) for p in report["problems"]] == [
        (code, f"{COURSES}/{name}.yaml", line, column, message)
    ]
    assert report["files_checked"] == 69  # the 68 demo files still checked


def test_empty_file(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    (repo / COURSES / "empty.yaml").write_text("")
    _, report, _ = run_check(repo)
    assert ("YML03", "the file is empty: write one 'field: value' per line") in [
        (p["code"], p["message"]) for p in report["problems"]
    ]


def test_schema_problems_all_reported_at_once_with_positions(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    path = repo / COURSE
    text = path.read_text()
    text = text.replace("title: Algebra I A", "titel: Algebra I A")
    text = text.replace("length: semester", "length: quarter")
    text = text.replace("price: 395", "price: cheap")
    text = text.replace("ncaa_approved: true", "ncaa_approved: true\nprerequisit: Algebra readiness")
    text = text.replace("provider: river-bend-online", "provider: 42")
    path.write_text(text)
    exit_code, report, _ = run_check(repo)
    assert exit_code == 1
    assert [(p["code"], p["line"], p["column"], p["field"], p["message"]) for p in report["problems"]] == [
        (
            "SCH02",
            3,
            1,
            "titel",
            "'titel' is not a field of this record: did you mean 'title'? ('title' is required, and it "
            "is missing)",
        ),
        ("SCH03", 4, 1, "provider", "this should be text like 'show-me-virtual' (found the number 42)"),
        ("SCH03", 7, 1, "length", "write one of: semester, year (found 'quarter')"),
        (
            "SCH02",
            14,
            1,
            "prerequisit",
            "'prerequisit' is not a field of this record: did you mean 'prerequisites'?",
        ),
        ("SCH03", 17, 1, "price", "write a number here, for example 0.5 or 395 (found 'cheap')"),
    ]


IMPOSSIBLE_DATES = {
    "2026-13-01": "2026-13-01 is not a real date: there is no month 13 (months run from 01 to 12)",
    "2026-02-30": "2026-02-30 is not a real date: February 2026 has 28 days. Correct the day",
    "2026-12-32": "2026-12-32 is not a real date: December 2026 has 31 days. Correct the day",
}


@pytest.mark.parametrize("day", sorted(IMPOSSIBLE_DATES))
def test_an_impossible_date_is_a_located_problem_wherever_it_is_checked(tmp_path: Path, day: str) -> None:
    repo = copy_catalog(tmp_path)
    path = repo / COURSE
    path.write_text(path.read_text().replace("reviewed_on: 2025-04-10", f"reviewed_on: {day}"))
    line = line_of(repo, COURSE, "reviewed_on:")
    expected = [("SCH03", COURSE, line, 3, "accessibility.reviewed_on", IMPOSSIBLE_DATES[day])]
    for target in (COURSE, COURSES, "catalog"):
        exit_code, report, _ = run_check(repo, target)
        found = [
            (p["code"], p["file"], p["line"], p["column"], p["field"], p["message"])
            for p in report["problems"]
        ]
        assert (exit_code, found) == (1, expected), target
    assert run_check(repo)[1]["files_checked"] == 68  # every other file still checked
    out = io.StringIO()
    assert check_command([repo / "catalog"], AS_OF, None, "github", out, io.StringIO()) == 1
    assert out.getvalue().startswith(
        f"::error file={COURSE},line={line},col=3,title=SCH03 accessibility.reviewed_on::"
    )


def test_missing_field_cites_its_clause(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    path = repo / "catalog/providers/bluestem-learning/provider.yaml"
    text = path.read_text()
    start = text.index("disclosures:")
    end = text.index("student_information_system:")
    path.write_text(text[:start] + text[end:])
    _, report, _ = run_check(repo)
    [problem] = report["problems"]
    assert problem["code"] == "SCH01"
    assert problem["message"] == "the required field 'disclosures' is missing: add it"
    assert problem["clause"] == "5 CSR 20-100.230(3)(B)3.J"


def test_missing_schema_comment_is_a_warning(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    path = repo / COURSE
    path.write_text(path.read_text().split("\n", 1)[1])
    exit_code, report, _ = run_check(repo)
    assert exit_code == 0
    assert [(p["code"], p["severity"], p["line"]) for p in report["problems"]] == [("FMT01", "warning", 1)]


HELP = LAYOUT.split(": ", 1)[1]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("catalog/providers/river-bend-online/notes.txt", LAYOUT),
        (f"{COURSES}/Algebra Two.yaml", f"rename this file to algebra-two.yaml: {HELP}"),
        (f"{COURSES}/algèbra.yml", f"rename this file to algebra.yaml: {HELP}"),
        (f"{COURSES}/algebra%20ii.yaml", f"rename this file to algebra-20ii.yaml: {HELP}"),
        (f"{COURSES}/-algebra.yaml", f"rename this file to algebra.yaml: {HELP}"),
        (f"{COURSES}/.algebra.yaml", f"rename this file to algebra.yaml: {HELP}"),
        (f"{COURSES}/index.yaml", "'index' is the address of a listing page: choose another file name"),
        (
            "catalog/providers/river-bend-online/algebra-lab.yaml",
            f"move this course file to providers/river-bend-online/courses/algebra-lab.yaml: {HELP}",
        ),
        (
            "catalog/providers/River_Bend/provider.yaml",
            f"the folder name 'River_Bend' is not a provider id: {HELP}",
        ),
        (
            "catalog/providers/index/provider.yaml",
            "'index' is the address of the providers' listing page: choose another provider id",
        ),
        ("catalog/algebra-i-lab.yaml", LAYOUT),
        ("catalog/reference/x.yaml", LAYOUT),
    ],
)
def test_misplaced_files(tmp_path: Path, name: str, message: str) -> None:
    repo = copy_catalog(tmp_path)
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(HEADER + "title: x\n")
    exit_code, report, _ = run_check(repo)
    assert exit_code == 1
    [layout] = [p for p in report["problems"] if p["code"] == "LAY01"]
    assert (layout["file"], layout["line"], layout["message"]) == (name, 1, message)
    assert {p["file"] for p in report["problems"]} == {name}  # the other files are untouched
    code, single, _ = run_check(repo, name)
    assert (code, single["files_checked"]) == (1, 1)  # a misplaced file given by name is checked


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "catalog/algebra-i-lab.yaml",
            "provider: river-bend-online\ntitle: Algebra I Lab\n",
            "courses/algebra-i-lab.yaml",
        ),
        (
            "catalog/reference/show-me.yaml",
            "id: show-me\nlegal_name: Show-Me Online\n",
            "show-me/provider.yaml",
        ),
    ],
)
def test_a_misplaced_entry_is_told_where_it_goes(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    repo = copy_catalog(tmp_path)
    (repo / name).write_text(HEADER + content)
    _, report, _ = run_check(repo, name)
    [problem] = report["problems"]
    where = "river-bend-online/" if "courses" in message else ""
    assert problem["message"].startswith(
        f"move this {'course' if where else 'provider'} file to catalog/providers/{where}{message}"
    )


def test_a_folder_a_thousand_deep_is_one_problem(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    folders = [repo / COURSES / "d"]
    for _ in range(999):  # made one by one: pathlib's own mkdir(parents=True) recurses
        folders.append(folders[-1] / "d")
    for folder in folders:
        folder.mkdir()
    (folders[-1] / "x.yaml").write_text("title: x\n")
    exit_code, report, _ = run_check(repo)
    assert exit_code == 1
    assert [(p["code"], p["file"], p["line"]) for p in report["problems"]] == [
        ("LAY01", f"{COURSES}/d", None)
    ]
    assert report["problems"][0]["message"].startswith("this folder is nested too deeply for the catalog")
    (folders[-1] / "x.yaml").unlink()
    for folder in reversed(folders):  # so that the temporary folder can be cleaned up
        folder.rmdir()


def test_symlink_is_refused_and_never_read(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    (repo / COURSES / "linked.yaml").symlink_to("/etc/passwd")
    _, report, _ = run_check(repo)
    assert [(p["code"], p["message"]) for p in report["problems"]] == [
        ("LAY01", "symbolic links are not accepted: commit the file itself")
    ]


def test_hostile_values_get_exact_messages(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    edit(repo, COURSE, {"accessibility.evidence": "javascript:alert(1)", "provider": "../../etc"})
    edit(repo, COURSE_B, {"accessibility.evidence": "data:text/html,<script>alert(1)</script>"})
    _, report, _ = run_check(repo, "catalog/providers/river-bend-online/courses")
    assert [(p["file"], p["field"], p["message"]) for p in report["problems"] if p["code"] == "SCH03"] == [
        (
            COURSE,
            "provider",
            "must use lowercase letters, digits and hyphens, for example 'show-me-virtual' "
            "(found '../../etc')",
        ),
        (
            COURSE,
            "accessibility.evidence",
            "must be a web address starting with https://, for example 'https://example.org/policy' "
            "(found 'javascript:alert(1)')",
        ),
        (
            COURSE_B,
            "accessibility.evidence",
            "must be a web address starting with https://, for example 'https://example.org/policy' "
            "(found 'data:text/html,<script>alert(1)</script>')",
        ),
    ]


def test_a_million_character_value_is_refused_with_a_short_message(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    edit(repo, COURSE, {"description": "a" * 980_000})
    _, report, _ = run_check(repo, COURSE)
    [problem] = report["problems"]
    assert problem["message"] == "this text is 980,000 characters long; at most 5,000 are allowed: shorten it"


def test_a_50_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    with (repo / COURSES / "huge.yaml").open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)
    _, report, _ = run_check(repo)
    assert [(p["code"], p["file"], p["message"]) for p in report["problems"]] == [
        (
            "YML01",
            f"{COURSES}/huge.yaml",
            "the file is 52,428,800 bytes; a catalog file may be at most 1,000,000 bytes",
        )
    ]


@pytest.mark.parametrize("memo", [None, FileMemo()], ids=["check", "incremental build"])
def test_a_file_gone_between_the_listing_and_the_reading_is_its_own_problem(
    tmp_path: Path, memo: FileMemo | None
) -> None:
    # mocap serve builds while the provider saves: a file listed may be removed before it is read.
    name = "catalog/providers/river-bend-online/courses/gone.yaml"
    _, record, [problem] = read_record(tmp_path / name, name, Course, memo)
    assert record is None
    assert (problem.code, problem.file, problem.line, problem.message) == (
        "YML01",
        name,
        None,
        "the file could not be read (No such file or directory): make sure it is there and this user "
        "may read it, then check again",
    )


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    path = repo / COURSE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    exit_code, report, _ = run_check(repo)
    assert (exit_code, report["files_checked"], report["problems"]) == (0, 68, [])


def test_a_file_differing_only_in_case_is_refused_and_the_original_still_checks(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    shouting = f"{COURSES}/Algebra-I-A.yaml"
    (repo / shouting).write_bytes((repo / COURSE).read_bytes())
    _, report, _ = run_check(repo)
    assert [(p["code"], p["file"]) for p in report["problems"]] == [("LAY01", shouting)]
    assert report["problems"][0]["message"].startswith("rename this file to algebra-i-a.yaml")


def _faulty(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    if entry.source.name == COURSE:
        raise KeyError("no such standard")
    yield from ()


class _FaultyRecord(BaseModel):
    @model_validator(mode="before")
    @classmethod
    def fail(cls, data: object) -> object:
        raise RuntimeError("validator fault")


def test_an_internal_fault_withholds_only_its_file(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    catalog = load_catalog(repo / "catalog")
    reference = load_reference(repo / "catalog/reference", repo)
    faulty = Rule("TST01", "faulty-rule", "a clause", Severity.ERROR, "course", "doc", _faulty)
    problems = run_rules([faulty, *CHECKED_RULES], Context(reference, AS_OF, catalog))
    assert [(p.code, p.file, p.line, p.message) for p in problems] == [
        (
            "INT01",
            COURSE,
            1,
            "judging this file by TST01 (faulty-rule) failed unexpectedly (KeyError: 'no such standard'): "
            "this is a fault in mocap, not a mistake of yours. The file is withheld until it is fixed; "
            "please report it as an issue in the catalog repository, with the command you ran",
        )
    ]
    _, record, [problem] = read_record(repo / COURSE, COURSE, _FaultyRecord)
    assert record is None
    assert (problem.code, problem.file, problem.line) == ("INT01", COURSE, 1)
    assert problem.message.startswith("reading this file failed unexpectedly (RuntimeError: validator fault)")
