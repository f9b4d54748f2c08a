"""The provider record: who offers MOCAP courses and how they meet a provider's obligations."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field

from checks.law import PROCEDURE, csr, rsmo
from checks.models.review import Authorization
from checks.models.types import (
    ATTESTING,
    CatalogTermName,
    CountyDistrictCode,
    Email,
    GithubLogin,
    HttpsUrl,
    Identifier,
    LongText,
    Phone,
    Record,
    ShortText,
    clause,
)

ContactMethod = Literal["email", "phone", "office hours", "online chat", "video conference", "text message"]


class PublicContact(Record):
    """The provider's public, organizational contact (never a person's own address)."""

    email: Email
    phone: Phone
    website: HttpsUrl


class DirectVerbalChannel(Record):
    """A way for a student to speak with their own teacher (not a shared hold line)."""

    method: Literal[
        "teacher's direct phone line", "scheduled phone call", "scheduled video call", "general phone line"
    ]
    answered_by: Annotated[
        Literal["the student's own teacher", "the next available teacher"],
        Field(
            description="Who answers: the student's own teacher, or whichever teacher is free (a line "
            "where students hold for the next available teacher is not acceptable)."
        ),
    ]
    description: Annotated[ShortText, Field(description="How a student reaches their own teacher this way.")]


class Communication(Record):
    student_methods: Annotated[
        list[ContactMethod],
        Field(description="How students reach their teachers: at least two methods."),
        clause(csr("(2)(B)2")),
    ]
    direct_verbal: Annotated[DirectVerbalChannel, clause(csr("(2)(B)2"))]
    office_hours: ShortText | None = None
    teacher_response_hours: Annotated[
        int,
        Field(
            ge=0,
            description="Longest time a teacher takes to answer a student, in hours on school days.",
        ),
        clause(csr("(2)(B)2")),
    ]
    teacher_interactions_per_week: Annotated[
        int,
        Field(
            ge=0,
            description="Planned interactions of each student with the assigned teacher per week.",
        ),
        clause(csr("(2)(B)1")),
    ]
    lea_methods: Annotated[
        list[ContactMethod],
        Field(description="How the enrolling LEA's staff reach the provider's teachers."),
        clause(csr("(2)(B)3")),
    ]


class Policies(Record):
    """Web addresses of the policies posted on the provider's website."""

    academic_integrity: Annotated[HttpsUrl, clause(csr("(8)(B)1"))]
    internet_etiquette: Annotated[HttpsUrl, clause(csr("(8)(B)1"))]
    plagiarism: Annotated[HttpsUrl, clause(csr("(8)(B)1"))]
    privacy: Annotated[HttpsUrl, clause(csr("(8)(B)1"))]
    disenrollment: Annotated[
        HttpsUrl | None,
        Field(description="Required for full-time hosted programs."),
        clause(csr("(2)(B)4")),
    ] = None


class Attestation(Record):
    """The department's FERPA and data-security attestation, signed by the LEA's designee."""

    signed_by: Annotated[ShortText, Field(description="The LEA's designee who signed (never published).")]
    title: Annotated[ShortText, Field(description="The designee's title.")]
    signed_on: Annotated[
        dt.date,
        Field(description="The day the LEA's designee signed the attestation. " + ATTESTING),
    ]
    designated_by: Annotated[
        ShortText,
        Field(
            description="The title of the LEA official who designated the signer (e.g. Superintendent; "
            "never a name). Never published."
        ),
    ]
    designated_on: Annotated[
        dt.date, Field(description="The day the signer was designated, on or before the signature.")
    ]


class DataSecurity(Record):
    ferpa_attestation: Annotated[Attestation, clause(csr("(3)(B)3.B"))]
    breach_notification_hours: Annotated[
        int,
        Field(ge=0, description="Hours within which a data breach is reported to DESE and the LEAs."),
        clause(csr("(8)(B)2")),
    ]
    cloud_service_agreement_review_on: Annotated[
        dt.date,
        Field(description="Date DESE's Cloud Service Agreement Review was completed."),
        clause(csr("(3)(B)3.F")),
    ]


class AccommodationsChecklist(Record):
    signed_on: Annotated[
        dt.date,
        Field(description="The day the accommodations checklist was signed. " + ATTESTING),
    ]
    offered: Annotated[list[ShortText], Field(min_length=1)]


class BusinessCertification(Record):
    """Certifications required when services are not provided directly by an LEA."""

    certified_on: Annotated[
        dt.date,
        Field(description="The day these certifications were made. " + ATTESTING),
    ]
    business_status: bool
    enrollment_documentation: bool
    work_authorization: bool


class Disclosures(Record):
    """Write an empty list, [], where there is nothing to disclose."""

    services_outside_united_states: list[ShortText]
    conflicts_of_interest: list[ShortText]
    subcontractors: list[ShortText]


class StudentInformationSystem(Record):
    integrated: bool
    description: ShortText | None = None


class ProgressReporting(Record):
    reports_per_year: Annotated[int, Field(ge=0), clause(csr("(4)(B)1.B"))]
    portal_update_days: Annotated[
        int,
        Field(ge=1, description="Days between updates of the LEA's progress portal."),
        clause(csr("(4)(B)1.E")),
    ]


class Billing(Record):
    frequency: Literal["monthly", "per semester", "per enrollment"]
    based_on_completion: bool
    shows_progress_and_grade: Annotated[
        bool, Field(description="Each invoice gives the student's overall progress and current grade.")
    ]


class FullTimeProgram(Record):
    """How a full-time hosted program handles appeals and disenrollments."""

    enrollment_appeals: Annotated[
        HttpsUrl,
        Field(description="Where the appeals process for denied enrollment requests is posted."),
        clause(csr("(6)(C)")),
    ]
    appeal_decision_business_days: Annotated[
        int, Field(ge=1, description="Business days in which an appeal is decided."), clause(csr("(6)(C)"))
    ]
    parent_heard_before_disenrollment: Annotated[
        bool,
        Field(description="The parent may present information before a final disenrollment decision."),
        clause(csr("(2)(B)4")),
    ]
    disenrollment_notice_business_days: Annotated[
        int,
        Field(
            ge=1,
            description="Business days in which the resident district is told in writing of a disenrollment.",
        ),
        clause(csr("(2)(B)5")),
    ]


class Provider(Record):
    """One MOCAP provider: an LEA (district or charter school) or a vendor."""

    id: Annotated[Identifier, Field(description="Short name; the same as the provider's folder.")]
    legal_name: ShortText
    kind: Annotated[Literal["lea", "vendor"], Field(description="lea: a school district or charter school.")]
    county_district_code: Annotated[CountyDistrictCode | None, Field(description="Required for an LEA.")] = (
        None
    )
    contracted_vendor: Annotated[
        ShortText | None,
        Field(description="For an LEA whose courses are delivered by a vendor under contract."),
        clause(csr("(3)(B)4")),
    ] = None
    full_time_hosted_program: Annotated[bool, clause(rsmo("3(4)"))]
    full_time_program: Annotated[
        FullTimeProgram | None, Field(description="Required for a full-time hosted program.")
    ] = None
    individual_learning_plans: Annotated[
        bool | None,
        Field(
            description="An LEA's attestation: certified teachers and staff design an individual learning "
            "plan for each student in more than two MOCAP courses or a full-time program."
        ),
        clause(rsmo("3(6)")),
    ] = None
    public_contact: PublicContact
    communication: Communication
    policies: Policies
    data_security: DataSecurity
    accommodations_checklist: Annotated[AccommodationsChecklist, clause(csr("(3)(B)3.G"))]
    business_certification: Annotated[
        BusinessCertification | None,
        Field(description="Required unless an LEA provides the services directly."),
        clause(csr("(3)(B)3.H")),
    ] = None
    disclosures: Annotated[Disclosures, clause(csr("(3)(B)3.J"))]
    student_information_system: Annotated[StudentInformationSystem, clause(csr("(3)(B)3.I"))]
    progress_reporting: ProgressReporting
    billing: Annotated[Billing, clause(csr("(4)(B)1.F"))]
    maintainers: Annotated[
        list[GithubLogin],
        Field(min_length=1, description="GitHub logins that may change this provider's files."),
        clause(PROCEDURE),
    ]
    catalog: Annotated[
        CatalogTermName | None,
        Field(
            description="The catalog this provider submission is for, as a course names its own: "
            "needed whenever the provider file is submitted or changed."
        ),
        clause(csr("(3)(B)3")),
    ] = None
    authorization: Annotated[Authorization, clause(rsmo("3(13)"))]
    notes: LongText | None = None
