"""Nothing personal and nothing hidden in any text a submitter writes: each class of hostile
or careless text, planted in every field of both record types (every leaf the models define,
optional, in lists and nested) and in a comment, is refused with its code, file, line and
field; compliant look-alikes pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.models.course import Course
from checks.models.provider import Provider
from checks.models.types import contact_paths
from checks.problems import format_field_path
from tests.fields import leaves, write_with
from tests.helpers import COURSE, PROVIDER, copy_catalog, edit, run_check

# code -> texts of that class, each one a disguise a careless or hostile writer uses
HOSTILE: dict[str, list[str]] = {
    "SDG01": [
        "ssn 123-45-6789",
        "ssn 123 45 6789",
        "ssn 123.45.6789",
        "ssn 123456789",
        "ssn \uff11\uff12\uff13-\uff14\uff15-\uff16\uff17\uff18\uff19",  # full-width digits
        "ssn 123\u200b-45-\u200b6789",  # zero-width spaces
        "ssn 123\u201145\u20116789",  # non-breaking hyphens
        "ssn \u0661\u0662\u0663-\u0664\u0665-\u0666\u0667\u0668\u0669",  # Arabic-Indic digits
        "student 1234567890",
    ],
    "SDG02": [
        "write jane.doe@gmail.com",
        "write jane dot doe at gmail dot com",
        "write jane.doe [at] example [dot] org",
        "write jane(at)example.org",
        "write jane at gmail.com",
        "write jane\uff20gmail\uff0ecom",  # full-width at sign and dot
        "write jane&#64;gmail.com",
        "https://riverbend.example.org/contact?to=jane%40gmail.com",
    ],
    "SDG03": [
        "Mrs. Smith 573-555-0199",
        "teacher Jane Smith (573) 555-0199",
        "Coach Brown, certificate 1234567",
        "certificate #123456",
        "licence no. 98765",
        "call my cell 573-555-0199",
        "mobile: 573.555.0199",
    ],
    "TXT01": [
        "Algebra\u202e I",  # right-to-left override
        "Algebra\u2066I\u2069",  # isolates
        "Algebra\x0bI",  # vertical tab
        "Algebra\x7fI",  # delete
        "Algebra\x85I",  # next line (C1)
        "Algebra\u2028I",  # line separator
    ],
    "TXT02": [
        "see [syllabus](http://riverbend.example.org)",
        "see [x](javascript:alert(1))",
        "data:text/html,x",
    ],
}
COMPLIANT = [
    "Call our office at 573-555-0100 or (573) 555-0100 ext. 12.",
    "For the 2027-28 school year; course SMP-MA-110A; dated 2026-11-24 and 11/24/2026.",
    "Our office: 1 Main St., Jefferson City, MO 65101-1234.",
    "Taught by a Missouri-certified teacher; certification area Mathematics (grades 9-12).",
    "Meet us at riverbend.example.org, or see https://riverbend.example.org/syllabus.",
    "Chapter 11: 1865-1877, 0.5 credit, $395.00; 12,500 students since 2019.",
    "Espa\u00f1ol, \u0627\u0644\u0639\u0631\u0628\u064a\u0629, \u4e2d\u6587, "
    "and a family emoji \U0001f468\u200d\U0001f469.",
]
RECORDS = {"course": (COURSE, Course), "provider": (PROVIDER, Provider)}


# YAML itself refuses these raw in a file (test_a_raw_control_character_is_located covers them):
# in values they arrive through escapes such as "\v", and a comment cannot hold them.
RAW_REFUSED = {"\x0b", "\x7f", "\x85", "\u2028"}


def _planted(repo: Path, record: str, text: str) -> list[tuple[str | int, ...]]:
    """Put ``text`` in every leaf field of the record's file and in a comment; the paths."""
    name, _ = RECORDS[record]
    paths = [leaf.path for leaf in leaves(record)]
    comment = "" if RAW_REFUSED & set(text) else text
    write_with(repo / name, dict.fromkeys(paths, text), comment=comment)
    return paths


@pytest.mark.parametrize("record", sorted(RECORDS))
@pytest.mark.parametrize(
    ("code", "text"), [(code, text) for code, texts in HOSTILE.items() for text in texts], ids=repr
)
def test_every_field_and_comment_refuses_it(tmp_path: Path, record: str, code: str, text: str) -> None:
    repo = copy_catalog(tmp_path)
    name, model = RECORDS[record]
    paths = _planted(repo, record, text)
    exempt = contact_paths(model) if code in {"SDG02", "SDG03"} else frozenset()
    expected = {
        format_field_path(p) for p in paths if tuple(x for x in p if isinstance(x, str)) not in exempt
    }
    exit_code, report, _ = run_check(repo, name)
    assert exit_code == 1
    found = [p for p in report["problems"] if p["code"] == code]
    assert {p["field"] for p in found if p["field"]} >= expected
    lines = (repo / name).read_text(encoding="utf-8").splitlines()
    for problem in found:
        assert problem["file"] == name and problem["clause"]
        line = lines[problem["line"] - 1]
        if problem["field"]:
            last = problem["field"].rsplit(".", 1)[-1]
            assert (last.split(" #")[0] + ":") in line or line.lstrip().startswith("- "), (problem, line)
    if code != "TXT02" and not RAW_REFUSED & set(text):  # links are judged in values only
        [comment] = [p for p in found if not p["field"]]
        assert (comment["line"], comment["column"]) == (len(lines), 1)


@pytest.mark.parametrize("text", COMPLIANT)
def test_a_compliant_look_alike_in_every_free_text_field_passes(tmp_path: Path, text: str) -> None:
    repo = copy_catalog(tmp_path)
    for record, (name, _) in RECORDS.items():
        free = [leaf.path for leaf in leaves(record) if leaf.free_text and leaf.path[-1] != "reason"]
        write_with(repo / name, dict.fromkeys(free, text), comment=text)
    edit(repo, COURSE, {"review": {"status": "submitted"}, "catalog": "fall 2027"})
    _, report, _ = run_check(repo, COURSE, PROVIDER)
    guards = {p["code"] for p in report["problems"] if p["code"][:3] in {"SDG", "TXT"}}
    assert guards == set(), report["problems"]


def test_the_public_contact_fields_are_the_only_place_for_an_address(tmp_path: Path) -> None:
    assert contact_paths(Provider) == {("public_contact", "email"), ("public_contact", "phone")}
    repo = copy_catalog(tmp_path)
    edit(repo, PROVIDER, {"public_contact.email": "office@riverbend.example.org"})
    assert run_check(repo, PROVIDER)[1]["problems"] == []
