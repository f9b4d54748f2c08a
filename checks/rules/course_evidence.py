"""Course-level evidence: accessibility, College Board audit, class size, and a consistent
description of the course itself."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.catalog import CourseEntry
from checks.law import PROGRAM_REVIEW, csr, rsmo
from checks.models.course import Course
from checks.models.types import grades_in
from checks.problems import Severity
from checks.reference.load import Reference
from checks.rules.base import Context, Violation, evidence_problem, rule
from checks.terms import CatalogTerm


@rule(
    "ACC01",
    "accessibility-evidence-current",
    csr("(3)(B)3.D"),
    scope="course",
    requirement="Accessible to students with disabilities",
)
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


_AP_TITLE = re.compile(r"(?:AP|Advanced Placement)\b", re.IGNORECASE)


def ap_signs(course: Course, reference: Reference) -> list[str]:
    """What says a course is an AP course: its tag, its title, its state course number."""
    row = reference.course_numbers.get(course.state_course_number)
    signs = [
        ("its course type 'ap'", "ap" in course.course_types),
        (f"its title '{course.title}'", bool(_AP_TITLE.match(course.title))),
        (
            f"its state course number ({row.title if row else ''})",
            bool(row and _AP_TITLE.match(row.title)),
        ),
    ]
    return [sign for sign, present in signs if present]


@rule("APA01", "ap-course-audit", PROGRAM_REVIEW, scope="course", requirement="College Board AP Course Audit")
def ap_course_audit(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """An AP course is authorized through the College Board AP Course Audit for the catalog's
    school year or the one before it (audits are renewed each year). A course is an AP course
    when its course type, its title ("AP ...", "Advanced Placement ...") or its state course
    number says so, whether or not it carries the tag.

    Compliant (fall 2027 catalog, school year 2027-28):
        course_types: [core, ap]
        ap_course_audit: {authorized: true, school_year: 2026-27}

    Non-compliant:
        course_types: [core, ap]      # and no ap_course_audit
    """
    course = entry.record
    if not ap_signs(course, context.reference):
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


@rule(
    "APA02",
    "ap-tag-agrees",
    PROGRAM_REVIEW,
    scope="course",
    severity=Severity.WARNING,
    requirement="College Board AP Course Audit",
)
def ap_tag_agrees(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """A warning when what says a course is AP disagrees: an AP title or AP state course number
    without the course type ``ap`` (families filter on it), or the tag on a course whose title
    and number do not say AP.

    Compliant:
        title: AP Music Theory
        course_types: [elective, ap]

    Non-compliant:
        title: AP Music Theory
        course_types: [elective]
    """
    course = entry.record
    signs = ap_signs(course, context.reference)
    tagged = "ap" in course.course_types
    if signs and not tagged:
        yield Violation(
            f"{' and '.join(signs)} say this is an AP course, but 'ap' is not among its course types: add "
            "it, so families who look for AP courses find this one",
            ("course_types",),
        )
    elif tagged and signs == ["its course type 'ap'"]:
        yield Violation(
            "the course type says AP, but neither the title nor the state course number does: start the "
            "title with 'AP' and use the AP course's state number, or take 'ap' off",
            ("course_types",),
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
