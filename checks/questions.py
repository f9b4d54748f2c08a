"""The questions ``mocap new course`` asks, and each answer checked as it is given.

Every answer is read by the model's own field type (so it is judged as ``mocap check`` judges
the file) and, where it names something in the reference data (a subject, a state course
number, a standard, a certification area), looked up there. A wrong answer gets the same
plain words as the check, and in a terminal the question is asked again.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from checks.models.course import AccessibilityEvidence, Course, CourseType, Schedule, TeacherCertification
from checks.reference.load import Reference, normalize_standard_code
from checks.wording import date_problem, value_message

Answers = dict[str, Any]
Parse = Callable[[str, Reference], Any]


class ScaffoldRefused(Exception):
    """The file cannot be created; the message says why."""


@functools.cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """The model's own reading of one field (made when first needed: not at start-up)."""
    info = model.model_fields[name]
    kind = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(cast(Any, kind))


def _typed(model: type[BaseModel], name: str) -> Parse:
    """An answer read as the model reads that field."""
    info = model.model_fields[name]
    examples = (
        (info.json_schema_extra or {}).get("examples") if isinstance(info.json_schema_extra, dict) else None
    )
    example = str(examples[0]) if isinstance(examples, list) and examples else ""

    def parse(text: str, reference: Reference) -> Any:
        value: Any = text
        if name == "program_code" and text.strip().isdigit():
            value = int(text)
        try:
            return _adapter(model, name).validate_python(value)
        except ValidationError as exc:
            raise ValueError(value_message(exc.errors()[0], name, example)) from None

    return parse


def _known(kind: str, table: str, listed: Callable[[Reference], list[str]], base: Parse) -> Parse:
    """An answer that must name a row of the reference data, with the nearest one suggested."""

    def parse(text: str, reference: Reference) -> Any:
        value = base(text, reference)
        known = listed(reference)
        if str(value) not in known:
            close = difflib.get_close_matches(str(value), known, n=1, cutoff=0.5)
            hint = f": did you mean '{close[0]}'?" if close else f"; look it up in {table}"
            raise ValueError(f"'{value}' is not a {kind} in {table}{hint}")
        return value

    return parse


def _items(each: Parse) -> Parse:
    """A comma-separated answer, each item read by ``each``."""

    def parse(text: str, reference: Reference) -> list[Any]:
        items = [part.strip() for part in text.split(",") if part.strip()]
        found = []
        for number, item in enumerate(items, start=1):
            try:
                found.append(each(item, reference))
            except ValueError as exc:
                raise ValueError(f"item {number} ('{item}'): {exc}") from None
        return found

    return parse


def _yes_no(text: str, reference: Reference) -> bool:
    answer = text.strip().lower()
    if answer in {"yes", "y", "true"}:
        return True
    if answer in {"no", "n", "false"}:
        return False
    raise ValueError(f"answer yes or no (found '{text}')")


def _date(model: type[BaseModel], name: str) -> Parse:
    base = _typed(model, name)

    def parse(text: str, reference: Reference) -> Any:
        try:
            return base(text, reference)
        except ValueError:
            raise ValueError(date_problem(text.strip())) from None

    return parse


def _course_type(text: str, reference: Reference) -> str:
    try:
        return str(TypeAdapter(CourseType).validate_python(text.lower()))
    except ValidationError as exc:
        raise ValueError(value_message(exc.errors()[0], "course_types")) from None


def _standard(text: str, reference: Reference) -> str:
    if normalize_standard_code(text) not in reference.standards:
        raise ValueError(
            f"'{text}' is not a Missouri Learning Standards code in catalog/reference/learning_standards.csv"
        )
    return text


@dataclass(frozen=True)
class Question:
    name: str  # the answer's name, and its --flag with hyphens
    prompt: str
    parse: Parse
    required: bool = False  # the file cannot be written without it
    when: str = ""  # asked only when this condition of CONDITIONS holds (the propose page too)
    path: str = ""  # the field of the course file the answer fills, e.g. accessibility.standard
    label: str = ""  # the propose page's label for it (the prompt is the terminal's)

    def asked(self, answers: Answers) -> bool:
        return not self.when or CONDITIONS[self.when](answers)

    @property
    def flag(self) -> str:
        return f"--{self.name.replace('_', '-')}"


CONDITIONS: dict[str, Callable[[Answers], bool]] = {
    "taught": lambda answers: answers.get("program_code") == 50,
    "no_standards": lambda answers: not answers.get("standards"),
}


COURSE_QUESTIONS: tuple[Question, ...] = (
    Question(
        "state_course_number",
        "State course number (from DESE's course code list, e.g. SMP-MA-115)",
        _known(
            "state course number",
            "catalog/reference/state_course_numbers.csv",
            lambda r: list(r.course_numbers),
            _typed(Course, "state_course_number"),
        ),
        required=True,
        label="State course number",
        path="state_course_number",
    ),
    Question(
        "title", "Course title", _typed(Course, "title"), required=True, label="Course title", path="title"
    ),
    Question(
        "subject",
        "Subject (e.g. Mathematics)",
        _known(
            "subject", "catalog/reference/subjects.csv", lambda r: list(r.subjects), _typed(Course, "subject")
        ),
        required=True,
        label="Subject",
        path="subject",
    ),
    Question(
        "grades",
        "Grades (e.g. 9-12, or 4 for one grade)",
        _typed(Course, "grades"),
        required=True,
        label="Grades",
        path="grades",
    ),
    Question(
        "length",
        "Length: semester or year",
        _typed(Course, "length"),
        required=True,
        label="Length",
        path="length",
    ),
    Question(
        "credit",
        "Credit in Carnegie units (e.g. 0.5)",
        _typed(Course, "credit"),
        required=True,
        label="Credit (Carnegie units)",
        path="credit",
    ),
    Question(
        "price",
        "Price per student in US dollars (e.g. 395)",
        _typed(Course, "price"),
        required=True,
        label="Price per student (US dollars)",
        path="price",
    ),
    Question(
        "program_code",
        "Program code: 50 (your teacher teaches) or 52 (curriculum only)",
        _typed(Course, "program_code"),
        required=True,
        label="Program code",
        path="program_code",
    ),
    Question(
        "description",
        "What students learn and how the course runs",
        _typed(Course, "description"),
        label="What students learn and how the course runs",
        path="description",
    ),
    Question(
        "course_types",
        "Course types, comma-separated: core, elective, ap, honors, cte, dual credit, credit recovery",
        _items(_course_type),
        label="Course types",
        path="course_types",
    ),
    Question(
        "ncaa_approved", "NCAA-approved? (yes or no)", _yes_no, label="NCAA-approved", path="ncaa_approved"
    ),
    Question(
        "standards",
        "Missouri Learning Standards codes, comma-separated (e.g. A1.NQ.A.1, A1.CED.A.1)",
        _items(_standard),
        label="Missouri Learning Standards codes",
        path="standards",
    ),
    Question(
        "standards_alignment",
        "No codes to cite (the reference lists none for World Languages, Fine Arts, Physical Education "
        "or CTE)? The https address where the course's alignment to the standards is published",
        _typed(Course, "standards_alignment"),
        when="no_standards",
        label="Where the course's alignment to the standards is published",
        path="standards_alignment",
    ),
    Question(
        "certification_areas",
        "Certification areas your teacher of record holds, comma-separated (e.g. Mathematics)",
        _items(
            _known(
                "certification area",
                "catalog/reference/certification_areas.csv",
                lambda r: list(r.certification_areas),
                lambda text, reference: text,
            )
        ),
        when="taught",
        label="Certification areas your teacher of record holds",
        path="teacher_certification.areas",
    ),
    Question(
        "attested_on",
        "The day you confirmed your teacher holds those areas (YYYY-MM-DD)",
        _date(TeacherCertification, "attested_on"),
        when="taught",
        label="The day you confirmed the teacher's certification",
        path="teacher_certification.attested_on",
    ),
    Question(
        "max_students_per_section",
        "The most students in one section",
        _typed(Course, "max_students_per_section"),
        when="taught",
        label="Most students in one section",
        path="max_students_per_section",
    ),
    Question(
        "pacing",
        "Pacing: self-paced, scheduled (a fixed calendar) or blended",
        _typed(Schedule, "pacing"),
        label="Pacing",
        path="schedule.pacing",
    ),
    Question(
        "enrollment",
        "Enrollment: rolling (students join at any time in a term) or deadline (by a date each term)",
        _typed(Schedule, "enrollment"),
        label="Enrollment",
        path="schedule.enrollment",
    ),
    Question(
        "technology_requirements",
        "What a student needs to take the course (device, internet, software)",
        _typed(Course, "technology_requirements"),
        label="What a student needs to take the course",
        path="technology_requirements",
    ),
    Question(
        "accessibility_standard",
        "Accessibility standard of your conformance report: WCAG 2.0 AA, WCAG 2.1 AA or Section 508",
        _typed(AccessibilityEvidence, "standard"),
        label="Accessibility standard of your conformance report",
        path="accessibility.standard",
    ),
    Question(
        "accessibility_evidence",
        "Web address of your accessibility conformance report (e.g. a VPAT), starting https://",
        _typed(AccessibilityEvidence, "evidence"),
        label="Web address of your accessibility conformance report",
        path="accessibility.evidence",
    ),
    Question(
        "accessibility_reviewed_on",
        "The day that report was reviewed (YYYY-MM-DD)",
        _date(AccessibilityEvidence, "reviewed_on"),
        label="The day that report was reviewed",
        path="accessibility.reviewed_on",
    ),
)
COURSE_FIELDS = {q.name: q.prompt for q in COURSE_QUESTIONS}


def gather(
    values: dict[str, str | None],
    reference: Reference,
    ask: Callable[[str], str] | None = None,
    tell: Callable[[str], None] = lambda text: None,
) -> Answers:
    """Every answer: each given value checked, then (with ``ask``, in a terminal) each other
    question asked, and asked again after a wrong answer. An optional question answered with
    Enter is left for the file. Raises ScaffoldRefused naming a wrong value or what is missing."""
    answers: Answers = {}
    missing = []
    for question in COURSE_QUESTIONS:
        if not question.asked(answers):
            continue
        given = values.get(question.name)
        if given:
            try:
                answers[question.name] = question.parse(given, reference)
            except ValueError as exc:
                raise ScaffoldRefused(f"{question.flag} {given!r}: {exc}") from None
            continue
        if ask is None:
            if question.required:
                missing.append(question.flag)
            continue
        answer = _ask(question, reference, ask, tell)
        if answer is not None:
            answers[question.name] = answer
    if missing:
        raise ScaffoldRefused(f"give {', '.join(missing)} (or run ./mocap new in a terminal to be asked)")
    return answers


TRIES = 5  # then the command stops, so that a script feeding it answers cannot loop forever


def _ask(
    question: Question, reference: Reference, ask: Callable[[str], str], tell: Callable[[str], None]
) -> Any:
    later = "" if question.required else " (Enter: fill it in the file later)"
    for _ in range(TRIES):
        try:
            text = ask(f"{question.prompt}{later}: ").strip()
        except EOFError:
            break
        if not text:
            if not question.required:
                return None
            tell("  this one is needed to write the file")
            continue
        try:
            return question.parse(text, reference)
        except ValueError as exc:
            tell(f"  {exc}")
    raise ScaffoldRefused(f"no usable answer for {question.flag}: give it as {question.flag} VALUE")
