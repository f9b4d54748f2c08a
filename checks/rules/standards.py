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


@rule(
    "STD01",
    "standard-exists",
    csr("(3)(B)3.E"),
    scope="course",
    requirement="Aligned to Missouri Learning Standards",
)
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


@rule(
    "STD02",
    "standard-fits-course",
    csr("(3)(B)3.E"),
    scope="course",
    requirement="Aligned to Missouri Learning Standards",
)
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


@rule(
    "STD03",
    "course-aligned-to-standards",
    csr("(1)(A)"),
    scope="course",
    requirement="Aligned to Missouri Learning Standards",
)
def course_aligned(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """Every course is aligned with the Missouri Learning Standards, whatever its course types:
    it cites the codes it is aligned to, or gives the address of its published alignment.

    The reference data lists codes for English Language Arts, Mathematics, Science and Social
    Studies (``core_standards`` in subjects.csv); a course in one of them cites them. For World
    Languages, Fine Arts, Physical Education and Career and Technical Education it lists none,
    so such a course gives ``standards_alignment`` instead, as does a course of a listed subject
    whose codes the (incomplete) list does not hold.

    Compliant:
        subject: Science
        standards: [9-12.ESS1.A.1]

    Non-compliant:
        subject: Science
        course_types: [elective]
        standards: []
    """
    course = entry.record
    if course.standards or course.standards_alignment:
        return
    subject = context.reference.subjects.get(course.subject)
    if subject is not None and subject.core_standards:
        yield Violation(
            f"every course must be aligned with the Missouri Learning Standards, whatever its course "
            f"types: list the {course.subject} codes it is aligned to under 'standards' (see "
            f"{REFERENCE_FILE}), or, if none there fits, the https address of its published "
            "alignment under 'standards_alignment'",
            ("standards",),
        )
    else:
        yield Violation(
            f"every course must be aligned with the Missouri Learning Standards: the reference data "
            f"lists no {course.subject} codes, so give the https address where the course's alignment "
            "is published under 'standards_alignment'",
            ("standards",),
        )
