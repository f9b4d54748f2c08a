"""CONTRIBUTING.md followed as a new LEA user would: its own commands scaffold a course, the user
fills in what the file's comments ask for, and the documented check passes. Then the mistakes
staff really make, each met by exactly one located message with the fix and the clause."""

from __future__ import annotations

import io
import json
import shlex
from pathlib import Path

import pytest

from checks.cli import build_parser
from checks.commands.catalog import check_command
from checks.commands.workflow import new_course_command, new_provider_command
from checks.questions import COURSE_FIELDS
from checks.scaffold import AREA_TO_FILL
from tests.helpers import AS_OF, REPO, copy_catalog, line_of, run_check

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
LAB = "catalog/providers/river-bend-online/courses/algebra-i-lab.yaml"
# Step 3 of the guide: what the file's comments ask the writer to fill in.
FILLED_IN = {
    "description": "Extra practice with units, exponents and equations, alongside Algebra I.",
    "standards": ["A1.NQ.A.1", "A1.CED.A.1"],
    "teacher_certification.attested_on": AS_OF,
    "accessibility.evidence": "https://riverbend.example.org/accessibility/algebra-i-lab",
    "accessibility.reviewed_on": AS_OF,
    "schedule.pacing": "scheduled",
    "schedule.enrollment": "rolling",
    "technology_requirements": "A computer with a webcam and broadband internet.",
}


def fill_in(repo: Path) -> None:
    """Fill in the scaffolded file as its comments ask, in a text editor: comments stay."""
    path = repo / LAB
    text = path.read_text(encoding="utf-8")
    for old, new in (
        ('"REPLACE: what students learn and how the course runs."', f'"{FILLED_IN["description"]}"'),
        ("standards: []", "standards:\n  - A1.NQ.A.1\n  - A1.CED.A.1"),
        ("attested_on: \n", f"attested_on: {AS_OF.isoformat()}\n"),
        ('"https://replace-me.invalid/accessibility-report"', str(FILLED_IN["accessibility.evidence"])),
        ("reviewed_on: \n", f"reviewed_on: {AS_OF.isoformat()}\n"),
        ("pacing: \n", "pacing: scheduled\n"),
        ("enrollment: \n", "enrollment: rolling\n"),
        ("technology_requirements: \n", f"technology_requirements: {FILLED_IN['technology_requirements']}\n"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def documented(command: str) -> list[str]:
    """The arguments of the guide's line that runs ``./mocap <command>``."""
    line = next(line.strip() for line in GUIDE.splitlines() if line.strip().startswith(f"./mocap {command}"))
    return shlex.split(line)[1:]


def scaffold(repo: Path, *extra: str) -> tuple[int, str, str]:
    args = build_parser().parse_args([*documented("new course"), *extra])
    values = {field: getattr(args, field) for field in COURSE_FIELDS}
    out, err = io.StringIO(), io.StringIO()
    code = new_course_command(repo, args.provider, args.name, values, AS_OF, None, out, err)
    return code, out.getvalue(), err.getvalue()


def check_as_documented(repo: Path) -> tuple[int, str]:
    args = build_parser().parse_args([*documented("check"), "--as-of", AS_OF.isoformat()])
    out = io.StringIO()
    code = check_command([repo / p for p in args.paths], args.as_of, None, "text", out, io.StringIO())
    return code, out.getvalue()


def test_following_the_guide_gives_a_course_that_passes(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    code, out, err = scaffold(repo)
    assert (code, err) == (0, "")
    assert out == (
        f"wrote {LAB} for the fall 2027 catalog; still to fill in: description, "
        "teacher_certification.attested_on, accessibility.evidence, accessibility.reviewed_on, "
        f"schedule.pacing, schedule.enrollment, technology_requirements. Then check it: ./mocap check {LAB}\n"
    )
    # Unfilled, the file fails: the scaffold attests nothing for anyone.
    code, report = check_as_documented(repo)
    assert code == 1
    assert "attested_on: this date is empty" in report and "Attesting means you declare it true" in report
    fill_in(repo)
    assert check_as_documented(repo) == (0, "1 file checked: 0 errors, 0 warnings\n")


def test_complete_answers_write_a_file_that_passes_at_once(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    complete = [
        "--description", FILLED_IN["description"], "--standards", "A1.NQ.A.1, A1.CED.A.1",
        "--certification-areas", "Mathematics", "--attested-on", AS_OF.isoformat(),
        "--accessibility-evidence", FILLED_IN["accessibility.evidence"],
        "--accessibility-reviewed-on", AS_OF.isoformat(), "--pacing", "scheduled", "--enrollment", "rolling",
        "--technology-requirements", FILLED_IN["technology_requirements"],
    ]  # fmt: skip
    code, out, _ = scaffold(repo, *complete)
    assert (code, out) == (0, f"wrote {LAB} for the fall 2027 catalog. Then check it: ./mocap check {LAB}\n")
    assert check_as_documented(repo)[0] == 0
    text = (repo / LAB).read_text(encoding="utf-8")
    fields = [line for line in text.splitlines() if line and not line.startswith((" ", "#", "-"))]
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert len(comments) >= len(fields)  # a comment above every top-level field


def test_a_terminal_asks_again_after_a_wrong_answer(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    answers = iter(["SMP-MA-115X", "SMP-MA-115", "Algebra I Lab", "Math", "Mathematics", "9th", "9-12",
                    "semester", "1/2", "0.5", "$300", "300", "50"])  # fmt: skip
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return next(answers, "")

    out = io.StringIO()
    code = new_course_command(repo, "river-bend-online", "algebra-i-lab", {}, AS_OF, ask, out, io.StringIO())
    assert code == 0
    told = out.getvalue().splitlines()
    assert told[:5] == [
        "  'SMP-MA-115X' is not a state course number in catalog/reference/state_course_numbers.csv: did "
        "you mean 'SMP-MA-115'?",
        "  'Math' is not a subject in catalog/reference/subjects.csv: did you mean 'Mathematics'?",
        "  must be a grade or a span of grades written with numbers and K: did you mean '9'? (found '9th')",
        "  write a number here, for example 0.5 or 395 (found '1/2')",
        "  write the amount as a plain number, without '$' or commas: for example 1200 or 395.50 (found "
        "'$300')",
    ]
    assert asked[0] == "State course number (from DESE's course code list, e.g. SMP-MA-115): "


def test_missing_values_are_named_when_no_one_can_be_asked() -> None:
    err = io.StringIO()
    values: dict[str, str | None] = {"grades": "9-12"}
    assert new_course_command(REPO, "river-bend-online", "x", values, AS_OF, None, io.StringIO(), err) == 2
    assert err.getvalue() == (
        "mocap new: give --state-course-number, --title, --subject, --length, --credit, --price, "
        "--program-code (or run ./mocap new in a terminal to be asked)\n"
    )


def test_the_guide_never_overwrites(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    scaffold(repo)
    code, _, err = scaffold(repo)
    assert code == 2
    assert err.endswith(
        "algebra-i-lab.yaml already exists: choose another --name (mocap new never overwrites)\n"
    )


def test_a_wrong_value_given_as_an_option_is_refused_with_its_flag(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    code, _, err = scaffold(repo, "--program-code", "51")
    assert (code, err) == (2, "mocap new: --program-code '51': write one of: 50, 52 (found 51)\n")
    assert not (repo / LAB).exists()


def test_a_reviewer_scaffolds_a_provider_that_attests_nothing(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    code = new_provider_command(
        repo, "show-me-online", "Show-Me Online Academy", True, "showme-staff", AS_OF, out, err
    )
    name = "catalog/providers/show-me-online/provider.yaml"
    assert code == 0
    assert "\ncatalog: fall 2027\n" in (repo / name).read_text(encoding="utf-8")
    assert out.getvalue().startswith(
        f"wrote {name} for the fall 2027 catalog; still to fill in: county_district_code, "
        "individual_learning_plans, public_contact.email"
    )
    for field in (
        "ferpa_attestation.signed_on",
        "ferpa_attestation.designated_by",
        "ferpa_attestation.designated_on",
        "cloud_service_agreement_review_on",
        "accommodations_checklist.signed_on",
        "billing.shows_progress_and_grade",
    ):
        assert field in out.getvalue()
    assert run_check(repo, name)[0] == 1  # until the provider's own answers are in
    again = io.StringIO()
    assert new_provider_command(repo, "show-me-online", "X", False, "y", AS_OF, io.StringIO(), again) == 2
    assert again.getvalue() == f"mocap new: {repo / name} already exists (mocap new never overwrites)\n"


def test_a_course_needs_a_safe_file_name(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    values = {
        field: getattr(build_parser().parse_args(documented("new course")), field) for field in COURSE_FIELDS
    }
    err = io.StringIO()
    assert new_course_command(repo, "river-bend-online", None, values, AS_OF, None, io.StringIO(), err) == 2
    assert err.getvalue() == "mocap new course: give --name, the course file's name (e.g. geometry)\n"
    err = io.StringIO()
    assert (
        new_course_command(repo, "river-bend-online", "../../evil", values, AS_OF, None, io.StringIO(), err)
        == 2
    )
    assert (
        err.getvalue()
        == "mocap new: --name '../../evil' must be lowercase letters, digits and hyphens (e.g. algebra-i)\n"
    )
    assert not (repo / "catalog/evil.yaml").exists()


def _replace(old: str, new: str) -> object:
    def change(repo: Path) -> None:
        path = repo / LAB
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _both(*changes: object) -> object:
    def change(repo: Path) -> None:
        for each in changes:
            each(repo)  # type: ignore[operator]

    return change


def _rename(new_name: str) -> object:
    def change(repo: Path) -> None:
        (repo / LAB).rename(repo / new_name)

    return change


# The ten mistakes: (what the staffer does, the file named, the marker of the line, code, message)
MISTAKES = {
    "indentation": (
        _replace("  evidence:", "   evidence:"), LAB, "evidence:", "YML01",
        "this line is indented further than the line above ('standard'), which already has its value: line "
        "the field up with the fields around it, using the same number of spaces",
    ),
    "price with a dollar sign and comma": (
        _replace("price: 300", "price: $1,200"), LAB, "price:", "SCH03",
        "write the amount as a plain number, without '$' or commas: for example 1200 or 395.50 (found "
        "'$1,200')",
    ),
    "a US date": (
        _replace("reviewed_on: 2026-11-24", "reviewed_on: 1/5/2027"), LAB, "reviewed_on:", "SCH03",
        "write dates as YYYY-MM-DD: if you mean January 5, 2027, write 2027-01-05",
    ),
    "an impossible date": (
        _replace("reviewed_on: 2026-11-24", "reviewed_on: 2026-02-30"), LAB, "reviewed_on:", "SCH03",
        "2026-02-30 is not a real date: February 2026 has 28 days. Correct the day",
    ),
    "grade 9th": (
        _replace('grades: "9-12"', "grades: 9th"), LAB, "grades:", "SCH03",
        "must be a grade or a span of grades written with numbers and K: did you mean '9'? (found '9th')",
    ),
    "a misspelt field": (
        _replace("description:", "descripton:"), LAB, "descripton:", "SCH02",
        "'descripton' is not a field of this record: did you mean 'description'? ('description' is required, "
        "and it is missing)",
    ),
    "an AP course without its audit": (
        _both(_replace('  - "core"', '  - "core"\n  - "ap"'), _replace('"Algebra I Lab"', '"AP Calculus"')),
        LAB, "state_course_number:", "APA01",
        "an AP course must be authorized through the College Board AP Course Audit: add 'ap_course_audit' "
        "with 'authorized: true' and the school year of the authorization",
    ),
    "a price over the cap": (
        _replace("price: 300", "price: 800"), LAB, "price:", "PRC01",
        "the price $800.00 is above the cap for a semester course in the fall 2027 catalog: $500.15 (7% of "
        "the FY2026 state adequacy target, $7,145, applied provisionally to school year 2027-28 until "
        "DESE publishes the target that applies: the cap may change). Lower the price to $500.15 or less",
    ),
    "a tab": (
        _replace("  standard:", "\tstandard:"), LAB, "standard:", "YML01",
        "this line has a tab character. YAML does not allow tab characters for indentation: indent with "
        "spaces",
    ),
    "a .yml file": (
        _rename("catalog/providers/river-bend-online/courses/algebra-i-lab.yml"),
        "catalog/providers/river-bend-online/courses/algebra-i-lab.yml", "# yaml-language-server", "LAY01",
        "rename this file to algebra-i-lab.yaml: catalog files belong at "
        "providers/<provider-id>/provider.yaml or providers/<provider-id>/courses/<course-name>.yaml, named "
        "in lowercase letters, digits and hyphens",
    ),
    "a file in the wrong folder": (
        _rename("catalog/algebra-i-lab.yaml"), "catalog/algebra-i-lab.yaml", "# yaml-language", "LAY01",
        "move this course file to catalog/providers/river-bend-online/courses/algebra-i-lab.yaml",
    ),
    "a left-over placeholder": (
        _replace('description: "', 'description: "REPLACE: what students learn. '), LAB, "description:",
        "PLH01",
        "this is what ./mocap new wrote for you to replace: write your own answer here (What students learn "
        "and how the course runs.)",
    ),
}  # fmt: skip


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_a_staffer_makes_gets_one_clear_located_message(tmp_path: Path, mistake: str) -> None:
    change, name, marker, code, message = MISTAKES[mistake]
    repo = copy_catalog(tmp_path)
    scaffold(repo)
    fill_in(repo)
    assert run_check(repo, LAB)[0] == 0
    change(repo)  # type: ignore[operator]
    exit_code, report, _ = run_check(repo, name)
    assert exit_code == 1
    [problem] = report["problems"]
    assert (problem["code"], problem["file"], problem["message"]) == (code, name, message)
    assert problem["line"] == line_of(repo, name, marker)
    assert problem["clause"]


def test_a_course_of_a_subject_without_listed_codes_is_asked_for_its_alignment(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    args = build_parser().parse_args(
        ["new", "course", "--provider", "bluestem-learning", "--name", "latin-ii",
         "--state-course-number", "SMP-WL-180", "--title", "Latin II", "--subject", "World Languages",
         "--grades", "9-12", "--length", "semester", "--credit", "0.5", "--program-code", "52",
         "--price", "300"]
    )  # fmt: skip
    values = {field: getattr(args, field) for field in COURSE_FIELDS}
    out = io.StringIO()
    assert new_course_command(repo, args.provider, args.name, values, AS_OF, None, out, io.StringIO()) == 0
    assert "still to fill in: description, standards_alignment, accessibility.evidence" in out.getvalue()


def test_a_taught_course_whose_subject_is_no_area_leaves_its_area_to_fill_in(tmp_path: Path) -> None:
    # "Science" is not a certification area (Biology, Chemistry, ... are): naming it would fail
    # CRT02, so the file asks for the area instead, and says it is still to fill in.
    repo = copy_catalog(tmp_path)
    values: dict[str, str | None] = {
        "state_course_number": "SMP-SC-151", "title": "Astronomy", "subject": "Science", "grades": "9-12",
        "length": "semester", "credit": "0.5", "price": "300", "program_code": "50",
    }  # fmt: skip
    out = io.StringIO()
    assert (
        new_course_command(repo, "river-bend-online", "astronomy", values, AS_OF, None, out, io.StringIO())
        == 0
    )
    text = (repo / "catalog/providers/river-bend-online/courses/astronomy.yaml").read_text(encoding="utf-8")
    assert f"  areas:\n    - {json.dumps(AREA_TO_FILL)}\n" in text
    assert "teacher_certification.areas #1" in out.getvalue()
