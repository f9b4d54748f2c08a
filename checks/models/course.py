"""The course record: one course a provider submits for a MOCAP catalog."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from checks.law import PROCEDURE, PROGRAM_REVIEW, csr, rsmo
from checks.models.review import Authorization
from checks.models.types import (
    ATTESTING,
    CatalogTermName,
    GradeSpan,
    HttpsUrl,
    Identifier,
    LongText,
    Record,
    SchoolYear,
    ShortText,
    StandardCode,
    StateCourseNumber,
    clause,
)

CourseType = Literal["core", "elective", "ap", "honors", "cte", "dual credit", "credit recovery"]


class TeacherCertification(Record):
    """Certification areas the teacher of record holds, attested by the provider (no names)."""

    areas: Annotated[list[ShortText], Field(min_length=1)]
    attested_on: Annotated[
        dt.date,
        Field(
            description="The day you confirmed the teacher of record holds these certification areas. "
            + ATTESTING
        ),
    ]


class AccessibilityEvidence(Record):
    standard: Literal["WCAG 2.0 AA", "WCAG 2.1 AA", "Section 508"]
    evidence: Annotated[
        HttpsUrl, Field(description="Where the conformance report (e.g. a VPAT) is published.")
    ]
    reviewed_on: Annotated[
        dt.date, Field(description="The day the conformance report was reviewed against the standard.")
    ]


class ApCourseAudit(Record):
    """College Board AP Course Audit authorization."""

    authorized: bool
    school_year: SchoolYear


Term = Literal["fall", "spring"]


class TermDates(Record):
    """The dates of the next term of one kind the course runs (MOCAP has no summer term)."""

    term: Term
    starts: Annotated[dt.date, Field(description="The term's first day of instruction.")]
    ends: Annotated[dt.date, Field(description="The term's last day.")]
    enroll_by: Annotated[
        dt.date | None,
        Field(
            description="The provider's last day to enroll for this term; needed when enrollment "
            "is by deadline. The district's own request deadline may be earlier."
        ),
    ] = None


class Schedule(Record):
    """When and how students take the course: what counselors are asked first."""

    pacing: Annotated[
        Literal["self-paced", "scheduled", "blended"],
        Field(
            description="self-paced: students set their own pace within the term; scheduled: lessons "
            "and due dates on a fixed calendar; blended: both."
        ),
    ]
    enrollment: Annotated[
        Literal["rolling", "deadline"],
        Field(
            description="rolling: students may join at any time during a term; deadline: by each "
            "term's enroll_by date."
        ),
    ]
    terms: Annotated[
        list[TermDates], Field(description="The dates of each term offered, when they are set.")
    ] = Field(default_factory=list)


class Course(Record):
    state_course_number: Annotated[StateCourseNumber, clause(csr("(4)(B)2"))]
    title: ShortText
    provider: Annotated[Identifier, Field(description="The provider's id: the folder this file is in.")]
    subject: Annotated[ShortText, Field(description="A subject from catalog/reference/subjects.csv.")]
    grades: Annotated[GradeSpan, Field(description="Grade or span of grades, e.g. 9-12 or K-2.")]
    length: Annotated[Literal["semester", "year"], clause(rsmo("3(3)"))]
    half: Annotated[
        Literal["A", "B"] | None,
        Field(description="For a semester half of a year-long course: A (first) or B (second)."),
    ] = None
    credit: Annotated[Decimal, Field(gt=0, le=2, decimal_places=2, description="Carnegie units, e.g. 0.5.")]
    program_code: Annotated[
        Literal[50, 52],
        Field(
            description="50: taught by the provider's teacher; "
            "52: the district's teacher uses the curriculum."
        ),
    ]
    course_types: Annotated[list[CourseType], Field(min_length=1)]
    ncaa_approved: bool
    description: Annotated[LongText, Field(description="What students learn and how the course runs.")]
    prerequisites: LongText | None = None
    materials: LongText | None = None
    price: Annotated[
        Decimal,
        Field(
            ge=0,
            decimal_places=2,
            description="US dollars a district pays for one student's enrollment.",
        ),
        clause(rsmo("3(3)")),
    ]
    standards: Annotated[
        list[StandardCode],
        Field(description="The Missouri Learning Standards codes the course is aligned to."),
        clause(csr("(1)(A)")),
    ] = Field(default_factory=list)
    standards_alignment: Annotated[
        HttpsUrl | None,
        Field(
            description="Where the course's alignment to the Missouri Learning Standards is published: "
            "needed when it cites no codes (its subject has none in the reference data)."
        ),
        clause(csr("(1)(A)")),
    ] = None
    teacher_certification: Annotated[
        TeacherCertification | None,
        Field(description="Required for program code 50."),
        clause(csr("(3)(B)3.C")),
    ] = None
    accessibility: Annotated[AccessibilityEvidence, clause(csr("(3)(B)3.D"))]
    ap_course_audit: Annotated[
        ApCourseAudit | None, Field(description="Required for AP courses."), clause(PROGRAM_REVIEW)
    ] = None
    max_students_per_section: Annotated[
        int | None,
        Field(ge=1, description="Required for program code 50."),
        clause(csr("(8)(B)3")),
    ] = None
    catalog: Annotated[CatalogTermName, clause(csr("(3)(B)2"))]
    terms_offered: Annotated[list[Term], Field(min_length=1)]
    schedule: Annotated[
        Schedule | None,
        Field(description="How the course is paced, when students may join, and each term's dates."),
        clause(PROCEDURE),
    ] = None
    technology_requirements: Annotated[
        LongText | None,
        Field(description="What a student needs to take the course: device, internet, software."),
        clause(PROCEDURE),
    ] = None
    syllabus: Annotated[
        HttpsUrl | None, Field(description="Where the course syllabus is published (optional).")
    ] = None
    review: Annotated[Authorization, clause(rsmo("3(13)"))]
    maintainer_notes: Annotated[LongText | None, clause(PROCEDURE)] = None
