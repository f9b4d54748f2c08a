"""Missouri-certified teachers for courses taught by the provider's teacher (program code 50)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.catalog import CourseEntry
from checks.law import csr
from checks.models.types import grades_in
from checks.rules.base import Context, Violation, evidence_problem, rule
from checks.wording import listed

REFERENCE_FILE = "catalog/reference/certification_areas.csv"


@rule(
    "CRT01",
    "certification-attested",
    csr("(3)(B)3.C"),
    scope="course",
    requirement="Taught by a Missouri-certified teacher",
)
def certification_attested(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """A course taught by the provider's teacher (program code 50) carries a current attestation
    of the certification areas the teacher of record holds. Program code 52 courses are taught by
    the district's own teacher, so the district answers for certification.

    Compliant:
        program_code: 50
        teacher_certification: {areas: [Mathematics], attested_on: 2026-08-15}

    Non-compliant:
        program_code: 50
        teacher_certification: null
    """
    course = entry.record
    if course.program_code != 50:
        return
    if course.teacher_certification is None:
        yield Violation(
            "program code 50 courses are taught by the provider's teacher: add "
            "'teacher_certification' with the areas the teacher of record holds and the date "
            "you attested them",
            ("teacher_certification",),
        )
        return
    stale = evidence_problem(
        course.teacher_certification.attested_on,
        "teacher_certification",
        "the certification attestation",
        context,
    )
    if stale:
        yield Violation(stale, ("teacher_certification", "attested_on"))


@rule(
    "CRT02",
    "certification-area-exists",
    csr("(3)(B)3.C"),
    scope="course",
    requirement="Taught by a Missouri-certified teacher",
)
def certification_areas_exist(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """Every certification area named is a Missouri certification area in the reference list.

    Compliant:
        teacher_certification: {areas: [Middle School Mathematics], attested_on: 2026-08-15}

    Non-compliant:
        teacher_certification: {areas: [Math Teacher], attested_on: 2026-08-15}
    """
    certification = entry.record.teacher_certification
    for index, area in enumerate(certification.areas if certification else []):
        if area not in context.reference.certification_areas:
            yield Violation(
                f"'{area}' is not a Missouri certification area in {REFERENCE_FILE}: use the "
                "area's name as DESE writes it, e.g. 'Mathematics' or 'Middle School Science'",
                ("teacher_certification", "areas", index),
            )


@rule(
    "CRT03",
    "certification-covers-course",
    csr("(3)(B)3.C"),
    scope="course",
    requirement="Taught by a Missouri-certified teacher",
)
def certification_covers_course(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """Together, the certification areas cover the course in every grade it serves. Missouri
    certifies per language and per science: where course_number_areas.csv lists the areas that
    qualify for the course's state course number (a Spanish course: Spanish), only those count;
    otherwise an area qualifies for the subjects certification_subjects.csv gives it.

    Compliant:
        state_course_number: SMP-WL-101      # Spanish I
        grades: 9-12
        teacher_certification: {areas: [Spanish], attested_on: 2026-08-15}

    Non-compliant:
        state_course_number: SMP-WL-101      # Spanish I
        grades: 9-12
        teacher_certification: {areas: [French], attested_on: 2026-08-15}
    """
    course = entry.record
    reference = context.reference
    certification = course.teacher_certification
    if certification is None or any(a not in reference.certification_areas for a in certification.areas):
        return
    specific = reference.course_number_areas.get(course.state_course_number)
    covered: set[int] = set()
    for area in certification.areas:
        qualifies = (
            area in specific if specific else course.subject in reference.certification_subjects.get(area, ())
        )
        if qualifies:
            covered |= set(grades_in(reference.certification_areas[area].grades))
    missing = [g for g in grades_in(course.grades) if g not in covered]
    if missing:
        names = ("grade " if len(missing) == 1 else "grades ") + ", ".join(
            "K" if g == 0 else str(g) for g in missing
        )
        what = f"{course.state_course_number} ({course.title})" if specific else course.subject
        hint = f" (for this course: {listed(sorted(specific))})" if specific else ""
        yield Violation(
            f"no certification area listed qualifies a teacher for {what} in {names}: add the "
            f"area the teacher of record holds for those grades{hint}, or narrow the course's grades",
            ("teacher_certification", "areas"),
        )
