"""Alignment to the Missouri Learning Standards."""

from __future__ import annotations

from collections.abc import Iterator

from checks.catalog import CourseEntry
from checks.law import csr
from checks.models.types import grades_in
from checks.reference.load import normalize_standard_code
from checks.rules.base import Context, Violation, rule
from checks.wording import article

REFERENCE_FILE = "catalog/reference/learning_standards.csv"


@rule("STD01", "standard-exists", csr("(3)(B)3.E"), scope="course")
def standards_exist(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """Every cited standard code is a Missouri Learning Standards code in the reference list.

    Sub-letters may be written either way: ``A1.DS.A.4a`` and ``A1.DS.A.4.a`` are the same code.

    Compliant:
        standards: [A1.NQ.B.3.a, A1.DS.A.4a]

    Non-compliant:
        standards: [A1.NQ.Z.9]    # no such code in the reference list
    """
    subject = entry.record.subject
    example = next((s.code for s in context.reference.standards.values() if s.subject == subject), "")
    shape = f" ({subject} codes look like {example})" if example else ""
    for index, code in enumerate(entry.record.standards):
        if normalize_standard_code(code) not in context.reference.standards:
            yield Violation(
                f"'{code}' is not a Missouri Learning Standards code in {REFERENCE_FILE}: check "
                f"its spelling{shape}, or ask DESE to add it",
                ("standards", index),
            )


@rule("STD02", "standard-fits-course", csr("(3)(B)3.E"), scope="course")
def standards_fit(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """Each cited standard belongs to the course's subject and to grades the course serves.

    Compliant:
        subject: Mathematics
        grades: 9-12
        standards: [A1.CED.A.1]

    Non-compliant:
        subject: Mathematics
        grades: 9-12
        standards: [1.NS.A.1]     # a grade 1 standard
    """
    course = entry.record
    grades = set(grades_in(course.grades))
    for index, code in enumerate(course.standards):
        standard = context.reference.standards.get(normalize_standard_code(code))
        if standard is None:
            continue
        if standard.subject != course.subject:
            yield Violation(
                f"'{code}' is {article(standard.subject)} {standard.subject} standard, but the course's "
                f"subject is {course.subject}: cite standards of the course's own subject",
                ("standards", index),
            )
        elif not grades & set(grades_in(standard.grades)):
            yield Violation(
                f"'{code}' is a standard for grades {standard.grades}, but the course is for "
                f"grades {course.grades}: cite standards for the grades the course serves",
                ("standards", index),
            )


@rule("STD03", "core-course-cites-standards", csr("(3)(B)3.E"), scope="course")
def core_cites_standards(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """A core course cites at least one Missouri Learning Standards code.

    Compliant:
        course_types: [core]
        standards: [9-10.W.1.A]

    Non-compliant:
        course_types: [core]
        standards: []
    """
    course = entry.record
    if "core" in course.course_types and not course.standards:
        yield Violation(
            "a core course must list the Missouri Learning Standards it is aligned to: add "
            f"their codes under 'standards' (see {REFERENCE_FILE})",
            ("standards",),
        )
