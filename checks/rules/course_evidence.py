"""Course-level evidence: accessibility, College Board audit, class size, and a consistent
description of the course itself."""

from __future__ import annotations

from collections.abc import Iterator

from checks.catalog import CourseEntry
from checks.law import PROGRAM_REVIEW, csr, rsmo
from checks.models.types import grades_in
from checks.rules.base import Context, Violation, evidence_problem, rule
from checks.terms import CatalogTerm


@rule("ACC01", "accessibility-evidence-current", csr("(3)(B)3.D"), scope="course")
def accessibility_current(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """The course content's WCAG 2.0 AA / Section 508 conformance review is current.

    Compliant:
        accessibility: {standard: WCAG 2.0 AA, evidence: https://example.org/vpat, reviewed_on: 2026-03-01}

    Non-compliant:
        accessibility: {standard: WCAG 2.0 AA, evidence: https://example.org/vpat, reviewed_on: 2021-03-01}
    """
    review = entry.record.accessibility
    stale = evidence_problem(review.reviewed_on, "accessibility_review", "the accessibility review", context)
    if stale:
        yield Violation(stale, ("accessibility", "reviewed_on"))


@rule("APA01", "ap-course-audit", PROGRAM_REVIEW, scope="course")
def ap_course_audit(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """An AP course is authorized through the College Board AP Course Audit for the catalog's
    school year or the one before it (audits are renewed each year).

    Compliant (fall 2027 catalog, school year 2027-28):
        course_types: [core, ap]
        ap_course_audit: {authorized: true, school_year: 2026-27}

    Non-compliant:
        course_types: [core, ap]      # and no ap_course_audit
    """
    course = entry.record
    if "ap" not in course.course_types:
        return
    audit = course.ap_course_audit
    if audit is None or not audit.authorized:
        yield Violation(
            "an AP course must be authorized through the College Board AP Course Audit: add "
            "'ap_course_audit' with 'authorized: true' and the school year of the authorization",
            ("ap_course_audit",),
        )
        return
    current = CatalogTerm.parse(course.catalog).school_year
    previous = f"{int(current[:4]) - 1}-{current[2:4]}"
    if audit.school_year not in (current, previous):
        yield Violation(
            f"the AP Course Audit authorization is for {audit.school_year}; the {course.catalog} "
            f"catalog needs one for {previous} or {current}: renew it with the College Board",
            ("ap_course_audit", "school_year"),
        )


@rule("CLS01", "class-size", csr("(8)(B)3"), scope="course")
def class_size(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """A section taught by the provider's teacher holds no more students than the MSIP class-size
    standard for the course's grades (the lowest grade's band when a course spans several).

    Compliant:
        grades: 9-12
        max_students_per_section: 33

    Non-compliant:
        grades: 3-4
        max_students_per_section: 30      # MSIP standard for grades 3-4 is 27
    """
    course = entry.record
    if course.program_code != 50:
        return
    if course.max_students_per_section is None:
        yield Violation(
            "program code 50 courses must state 'max_students_per_section', the most students "
            "one teacher's section holds",
            ("max_students_per_section",),
        )
        return
    grades = set(grades_in(course.grades))
    limits = [row for row in context.reference.class_size if grades & set(grades_in(row.grades))]
    if not limits:
        return
    strictest = min(limits, key=lambda row: row.standard_max)
    if course.max_students_per_section > strictest.standard_max:
        yield Violation(
            f"{course.max_students_per_section} students per section is above the MSIP class-size "
            f"standard of {strictest.standard_max} for grades {strictest.grades}: lower it to "
            f"{strictest.standard_max} or fewer",
            ("max_students_per_section",),
        )


@rule("CRS01", "subject-known", csr("(3)(B)3.E"), scope="course")
def subject_known(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """The course's subject is one of the subjects in the reference list.

    Compliant:
        subject: Social Studies

    Non-compliant:
        subject: History          # the reference calls it Social Studies
    """
    subject = entry.record.subject
    if subject not in context.reference.subjects:
        known = ", ".join(context.reference.subjects)
        yield Violation(
            f"'{subject}' is not a subject in the reference list; use one of: {known}", ("subject",)
        )


@rule("CRS02", "course-half-consistent", rsmo("3(3)"), scope="course")
def half_consistent(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """Only a semester course can be the A or B half of a year-long course.

    Compliant:
        length: semester
        half: A

    Non-compliant:
        length: year
        half: A
    """
    course = entry.record
    if course.half is not None and course.length != "semester":
        yield Violation(
            f"'half: {course.half}' marks a semester half of a year-long course, but this course's "
            "length is 'year': set length to 'semester' or remove 'half'",
            ("half",),
        )
