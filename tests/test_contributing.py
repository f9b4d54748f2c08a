"""CONTRIBUTING.md followed as a new LEA user would: its own commands scaffold a course, the user
fills in what the file's comments ask for, and the documented check passes."""

from __future__ import annotations

import io
import shlex
from pathlib import Path

from checks.cli import build_parser
from checks.commands.catalog import check_command
from checks.commands.workflow import new_course_command, new_provider_command
from checks.scaffold import COURSE_FIELDS
from tests.helpers import AS_OF, REPO, copy_catalog, edit

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def documented(command: str) -> list[str]:
    """The arguments of the guide's line that runs ``./mocap <command>``."""
    line = next(line.strip() for line in GUIDE.splitlines() if line.strip().startswith(f"./mocap {command}"))
    return shlex.split(line)[1:]


def test_following_the_guide_gives_a_course_that_passes(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    args = build_parser().parse_args(documented("new course"))
    values = {field: getattr(args, field) for field in COURSE_FIELDS}
    out, err = io.StringIO(), io.StringIO()
    code = new_course_command(repo, args.provider, args.name, values, AS_OF, None, out, err)
    assert (code, err.getvalue()) == (0, "")
    name = "catalog/providers/river-bend-online/courses/algebra-i-lab.yaml"
    assert out.getvalue().startswith(f"wrote {name} for the fall 2027 catalog")

    # Step 3 of the guide: what the file's comments ask the writer to fill in.
    edit(
        repo,
        name,
        {
            "description": "Extra practice with units, exponents and equations, alongside Algebra I.",
            "standards": ["A1.NQ.A.1", "A1.CED.A.1"],
            "accessibility.evidence": "https://riverbend.example.org/accessibility/algebra-i-lab",
        },
    )
    check_args = build_parser().parse_args([*documented("check"), "--as-of", AS_OF.isoformat()])
    out = io.StringIO()
    code = check_command(
        [repo / p for p in check_args.paths], check_args.as_of, None, "text", out, io.StringIO()
    )
    assert out.getvalue() == "1 file(s) checked: 0 error(s), 0 warning(s)\n"
    assert code == 0


def test_the_guide_never_overwrites(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    args = build_parser().parse_args(documented("new course"))
    values = {field: getattr(args, field) for field in COURSE_FIELDS}
    new_course_command(repo, args.provider, args.name, values, AS_OF, None, io.StringIO(), io.StringIO())
    err = io.StringIO()
    assert new_course_command(repo, args.provider, args.name, values, AS_OF, None, io.StringIO(), err) == 2
    assert err.getvalue().endswith(
        "algebra-i-lab.yaml already exists: choose another --name (mocap new never overwrites)\n"
    )


def test_missing_values_are_asked_for_or_named() -> None:
    questions: list[str] = []

    def answer(question: str) -> str:
        questions.append(question)
        return {"Grades (e.g. 9-12): ": "9-12"}.get(question, "")

    values: dict[str, str | None] = dict.fromkeys(COURSE_FIELDS)
    err = io.StringIO()
    code = new_course_command(REPO, "river-bend-online", "x", values, AS_OF, answer, io.StringIO(), err)
    assert code == 2
    assert len(questions) == len(COURSE_FIELDS)
    assert err.getvalue() == (
        "mocap new: give --state-course-number, --title, --subject, --length, --credit, --price, "
        "--program-code (or run ./mocap new in a terminal to be asked)\n"
    )


def test_answers_that_make_no_course_are_refused(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    args = build_parser().parse_args([*documented("new course")[:-2], "--program-code", "51"])
    values = {field: getattr(args, field) for field in COURSE_FIELDS}
    err = io.StringIO()
    assert new_course_command(repo, args.provider, args.name, values, AS_OF, None, io.StringIO(), err) == 2
    assert err.getvalue() == (
        "mocap new: the answers do not make a valid course (program_code: write one of: 50, 52 (found 51))\n"
    )
    assert not (repo / "catalog/providers/river-bend-online/courses/algebra-i-lab.yaml").exists()


def test_a_reviewer_scaffolds_a_provider_that_checks(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    code = new_provider_command(
        repo, "show-me-online", "Show-Me Online Academy", True, "showme-staff", AS_OF, out, err
    )
    name = "catalog/providers/show-me-online/provider.yaml"
    assert (code, out.getvalue()) == (
        0,
        f"wrote {name}: fill it in with the provider, then run ./mocap check {name}\n",
    )
    text = (repo / name).read_text(encoding="utf-8")
    assert "county_district_code: '000000'" in text
    assert "business_certification" not in text  # an LEA providing its services directly
    check_out = io.StringIO()
    assert check_command([repo / name], AS_OF, None, "text", check_out, io.StringIO()) == 0
    again = io.StringIO()
    assert new_provider_command(repo, "show-me-online", "X", False, "y", AS_OF, io.StringIO(), again) == 2
    assert again.getvalue() == f"mocap new: {repo / name} already exists (mocap new never overwrites)\n"
    missing = io.StringIO()
    assert new_provider_command(repo, "other", None, False, None, AS_OF, io.StringIO(), missing) == 2
    assert missing.getvalue() == (
        "mocap new provider: give --name (the legal name) and --maintainer (a GitHub login)\n"
    )


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
    assert err.getvalue() == (
        "mocap new: --name '../../evil' must be lowercase letters, digits and hyphens (e.g. algebra-i)\n"
    )
    assert not (repo / "catalog/evil.yaml").exists()
