"""Loading the reference data package and program parameters the rules judge against."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from checks.business_days import BusinessCalendar
from checks.models.program import ProgramParameters
from checks.problems import Problem, Severity
from checks.records import read_record
from checks.reference.cache import package_digest, remember_valid, seen_valid
from checks.reference.tables import (
    AdequacyTarget,
    CertificationArea,
    CertificationSubject,
    ClassSizeLimit,
    CourseNumberArea,
    LearningStandard,
    PriceCapBasis,
    ProgramCode,
    Row,
    StateCourseNumberRow,
    StateHoliday,
    Subject,
)
from checks.rules.loading import REFERENCE as REFERENCE_RULE

DESCRIPTOR = "datapackage.json"
PROGRAM_FILE = "program.yaml"
R = TypeVar("R", bound=Row)


class ReferenceUnusable(Exception):
    """The reference data is missing or invalid, so no rule can be judged."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the reference data")
        self.problems = problems


@dataclass(frozen=True)
class Reference:
    program: ProgramParameters
    adequacy_targets: dict[int, AdequacyTarget]
    price_cap_basis: dict[str, PriceCapBasis]
    standards: dict[str, LearningStandard]
    subjects: dict[str, Subject]
    certification_areas: dict[str, CertificationArea]
    certification_subjects: dict[str, frozenset[str]]
    course_numbers: dict[str, StateCourseNumberRow]
    course_number_areas: dict[str, frozenset[str]]  # the areas that qualify for a course number
    class_size: tuple[ClassSizeLimit, ...]
    holidays: frozenset[dt.date]
    program_codes: dict[int, ProgramCode]
    digest: str  # of the package's files (checks.reference.cache): what every fact here comes from

    @cached_property
    def business_days(self) -> BusinessCalendar:
        return BusinessCalendar.of(self.holidays)


def normalize_standard_code(code: str) -> str:
    """Sources write sub-letters both ways (``A1.DS.A.4a``, ``A1.NQ.B.3.a``): use the dotted one."""
    return re.sub(r"(\d)([a-z])$", r"\1.\2", code)


def load_reference(directory: Path, repo_root: Path) -> Reference:
    """The reference facts, or ReferenceUnusable listing every problem (file and row)."""
    if not (directory / DESCRIPTOR).is_file():
        raise ReferenceUnusable([_problem(directory / DESCRIPTOR, repo_root, None, "the file is missing")])
    digest = package_digest(directory)
    problems = validate_package(directory, repo_root, digest)
    _, program, program_problems = read_record(
        directory / PROGRAM_FILE, _name(directory / PROGRAM_FILE, repo_root), ProgramParameters
    )
    problems += [p for p in program_problems if p.severity is Severity.ERROR]
    if problems or program is None:
        raise ReferenceUnusable(problems)
    standards = _rows(directory, "learning_standards", LearningStandard)
    crosswalk: defaultdict[str, set[str]] = defaultdict(set)
    for row in _rows(directory, "certification_subjects", CertificationSubject):
        crosswalk[row.area].add(row.subject)
    by_number: defaultdict[str, set[str]] = defaultdict(set)
    for area_row in _rows(directory, "course_number_areas", CourseNumberArea):
        by_number[area_row.number].add(area_row.area)
    return Reference(
        program=program,
        adequacy_targets={
            r.fiscal_year: r for r in _rows(directory, "state_adequacy_target", AdequacyTarget)
        },
        price_cap_basis={r.school_year: r for r in _rows(directory, "price_cap_basis", PriceCapBasis)},
        standards={normalize_standard_code(r.code): r for r in standards},
        subjects={r.subject: r for r in _rows(directory, "subjects", Subject)},
        certification_areas={r.area: r for r in _rows(directory, "certification_areas", CertificationArea)},
        certification_subjects={area: frozenset(s) for area, s in crosswalk.items()},
        course_numbers={r.number: r for r in _rows(directory, "state_course_numbers", StateCourseNumberRow)},
        course_number_areas={number: frozenset(a) for number, a in by_number.items()},
        class_size=tuple(_rows(directory, "msip_class_size", ClassSizeLimit)),
        holidays=frozenset(r.date for r in _rows(directory, "state_holidays", StateHoliday)),
        program_codes={r.code: r for r in _rows(directory, "program_codes", ProgramCode)},
        digest=digest,
    )


_LOCAL_TABLE = re.compile(r"[A-Za-z0-9_-]+\.csv")


def _foreign_resources(descriptor: Path) -> list[str]:
    """Resources that are not a CSV file of the package's own folder with its schema written
    out: frictionless would fetch an address or read outside the folder."""
    try:
        data = json.loads(descriptor.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # frictionless says what is wrong with the descriptor
    resources = data.get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list):
        return []
    return [
        str(r.get("name", "?")) if isinstance(r, dict) else "?"
        for r in resources
        if not (
            isinstance(r, dict)
            and _LOCAL_TABLE.fullmatch(str(r.get("path")))
            and isinstance(r.get("schema"), dict)
        )
    ]


def validate_package(directory: Path, repo_root: Path, digest: str | None = None) -> list[Problem]:
    """Every frictionless error in the package, as problems naming the CSV file and line
    (``digest``: the package's, when its reader has taken it already)."""
    foreign = _foreign_resources(directory / DESCRIPTOR)
    if foreign:
        message = (
            f"the resources {', '.join(foreign)} must each be a CSV file of this folder (path: name.csv) "
            "with its schema written out: nothing is fetched or read from elsewhere"
        )
        return [_problem(directory / DESCRIPTOR, repo_root, None, message)]
    digest = digest or package_digest(directory)
    if seen_valid(digest):
        return []
    import frictionless  # noqa: PLC0415 - a tenth of a second to import, and needed only here

    try:
        package = frictionless.Package(DESCRIPTOR, basepath=str(directory))
        report = package.validate()
    except frictionless.FrictionlessException as exc:
        return [_problem(directory / DESCRIPTOR, repo_root, None, exc.error.message)]
    problems = []
    for task in report.tasks:
        path = directory / str(task.place)
        for error in task.errors:
            row = getattr(error, "row_number", None)
            problems.append(_problem(path, repo_root, row, error.message))
    problems.extend(_problem(directory / DESCRIPTOR, repo_root, None, e.message) for e in report.errors)
    if not problems:
        remember_valid(digest)
    return problems


def _rows(directory: Path, table: str, row_model: type[R]) -> list[R]:
    path = directory / f"{table}.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    try:
        return [row_model.model_validate(_typed(record)) for record in records]
    except ValidationError as exc:  # the Table Schema admitted a row the model refuses
        raise ReferenceUnusable([_problem(path, path.parent, None, str(exc))]) from None


def _typed(record: dict[str, str]) -> dict[str, object]:
    return {k: {"true": True, "false": False}.get(v, v) for k, v in record.items()}


def _problem(path: Path, repo_root: Path, line: int | None, message: str) -> Problem:
    return Problem(
        file=_name(path, repo_root),
        line=line,
        column=None,
        code=REFERENCE_RULE.code,
        severity=REFERENCE_RULE.severity,
        field="",
        message=f"reference data: {message}",
        clause=REFERENCE_RULE.clause,
    )


def _name(path: Path, repo_root: Path) -> str:
    try:
        return path.resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
