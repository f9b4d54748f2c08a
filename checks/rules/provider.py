"""A provider's obligations under 5 CSR 20-100.230 (2)(B), (3)(B)3, (4)(B) and (8)(B)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.catalog import ProviderEntry
from checks.law import csr, rsmo
from checks.rules.base import Context, Violation, evidence_problem, rule
from checks.terms import long_date


@rule("PRV01", "lea-identity", csr("(3)(B)1"), scope="provider")
def lea_identity(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """An LEA names its 6-digit county-district code; a vendor does not.

    Compliant:
        kind: lea
        county_district_code: "048078"

    Non-compliant:
        kind: lea
        county_district_code: null
    """
    provider = entry.record
    if provider.kind == "lea" and provider.county_district_code is None:
        yield Violation(
            "an LEA must give its DESE county-district code: add 'county_district_code' with the "
            "6 digits in quotes",
            ("county_district_code",),
        )
    if provider.kind == "vendor" and provider.county_district_code is not None:
        yield Violation(
            "a vendor has no county-district code: remove it, or set 'kind: lea' if this is a "
            "school district or charter school",
            ("county_district_code",),
        )


@rule("PRV02", "communication-methods", csr("(2)(B)2-3"), scope="provider")
def communication_methods(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """Students have several ways to reach their teachers, and so do the LEA's staff.

    Compliant:
        student_methods: [email, phone, office hours]
        lea_methods: [email, phone]

    Non-compliant:
        student_methods: [email]
    """
    program = context.reference.program
    communication = entry.record.communication
    for field, minimum, who in (
        ("student_methods", program.student_contact_methods_min, "students"),
        ("lea_methods", program.lea_contact_methods_min, "LEA staff"),
    ):
        methods = set(getattr(communication, field))
        if len(methods) < minimum:
            yield Violation(
                f"{who} must have at least {minimum} different ways to reach teachers (found "
                f"{len(methods)}): add methods such as email, phone, office hours or video conference",
                ("communication", field),
            )


@rule("PRV03", "teacher-response-time", csr("(2)(B)2"), scope="provider")
def teacher_response_time(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """Teachers answer student messages within 24 hours on school days.

    Compliant:
        teacher_response_hours: 24

    Non-compliant:
        teacher_response_hours: 48
    """
    hours = entry.record.communication.teacher_response_hours
    limit = context.reference.program.teacher_response_hours_max
    if hours > limit:
        yield Violation(
            f"teachers must answer students within {limit} hours on school days; {hours} hours is too long",
            ("communication", "teacher_response_hours"),
        )


@rule("PRV04", "weekly-interaction", csr("(2)(B)1"), scope="provider")
def weekly_interaction(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """Students interact with their assigned teacher every week.

    Compliant:
        teacher_interactions_per_week: 1

    Non-compliant:
        teacher_interactions_per_week: 0
    """
    per_week = entry.record.communication.teacher_interactions_per_week
    minimum = context.reference.program.teacher_interactions_per_week_min
    if per_week < minimum:
        yield Violation(
            f"students must interact with their assigned teacher at least {minimum} time(s) a "
            f"week; {per_week} is too few",
            ("communication", "teacher_interactions_per_week"),
        )


@rule("PRV05", "disenrollment-policy", csr("(2)(B)4"), scope="provider")
def disenrollment_policy(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """A full-time hosted program posts its disenrollment policy.

    Compliant:
        full_time_hosted_program: true
        policies: {..., disenrollment: https://example.org/disenrollment}

    Non-compliant:
        full_time_hosted_program: true    # and no policies.disenrollment
    """
    provider = entry.record
    if provider.full_time_hosted_program and provider.policies.disenrollment is None:
        yield Violation(
            "a full-time hosted program must post its disenrollment policy: add "
            "'disenrollment' under 'policies' with its web address",
            ("policies", "disenrollment"),
        )


@rule(
    "PRV06",
    "ferpa-attestation-current",
    csr("(3)(B)3.B"),
    scope="provider",
    requirement="Student data kept private (federal privacy law, FERPA)",
)
def ferpa_attestation_current(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """The FERPA and data-security attestation signed by the LEA's designee is current.

    Compliant:
        ferpa_attestation: {signed_by: ..., title: ..., signed_on: 2026-08-01}

    Non-compliant:
        ferpa_attestation: {signed_by: ..., title: ..., signed_on: 2024-08-01}
    """
    attestation = entry.record.data_security.ferpa_attestation
    stale = evidence_problem(attestation.signed_on, "ferpa_attestation", "the FERPA attestation", context)
    if stale:
        yield Violation(stale, ("data_security", "ferpa_attestation", "signed_on"))


@rule(
    "PRV14",
    "ferpa-signed-by-designee",
    csr("(3)(B)3.B"),
    scope="provider",
    requirement="Student data kept private (federal privacy law, FERPA)",
)
def ferpa_signed_by_designee(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """The FERPA attestation is signed by the LEA's designee: the record says who designated the
    signer (a title) and when, and the designation comes before the signature.

    Compliant:
        ferpa_attestation: {designated_by: Superintendent, designated_on: 2026-07-01, signed_on: 2026-08-01}

    Non-compliant:
        ferpa_attestation: {designated_by: Superintendent, designated_on: 2026-09-01, signed_on: 2026-08-01}
    """
    attestation = entry.record.data_security.ferpa_attestation
    if attestation.designated_on > attestation.signed_on:
        yield Violation(
            f"the signer was designated on {long_date(attestation.designated_on)}, after signing on "
            f"{long_date(attestation.signed_on)}: the attestation is signed by the LEA's designee, so the "
            "designation comes first. Correct the date, or have the designee sign again",
            ("data_security", "ferpa_attestation", "designated_on"),
        )


@rule("PRV15", "direct-verbal-channel", csr("(2)(B)2"), scope="provider")
def direct_verbal_channel(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """Students can speak with their own teacher: a general line where they hold for the next
    available teacher, or something similar, is not acceptable.

    Compliant:
        direct_verbal: {method: teacher's direct phone line, answered_by: the student's own teacher}

    Non-compliant:
        direct_verbal: {method: general phone line, answered_by: the next available teacher}
    """
    channel = entry.record.communication.direct_verbal
    if channel.answered_by == "the next available teacher":
        yield Violation(
            "students must be able to speak with their own teacher: a general phone number where they "
            "hold for the next available teacher, or something similar, is not acceptable. Offer each "
            "student a direct line to, or scheduled calls with, their own teacher",
            ("communication", "direct_verbal", "answered_by"),
        )


@rule("PRV07", "breach-notification", csr("(8)(B)2"), scope="provider", requirement="Data breaches reported")
def breach_notification(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """A data breach is reported to DESE and the LEAs within 24 hours.

    Compliant:
        breach_notification_hours: 24

    Non-compliant:
        breach_notification_hours: 72
    """
    hours = entry.record.data_security.breach_notification_hours
    limit = context.reference.program.breach_notification_hours_max
    if hours > limit:
        yield Violation(
            f"data breaches must be reported within {limit} hours; {hours} hours is too long",
            ("data_security", "breach_notification_hours"),
        )


@rule(
    "PRV08",
    "cloud-service-review-current",
    csr("(3)(B)3.F"),
    scope="provider",
    requirement="Cloud Service Agreement Review",
)
def cloud_service_review_current(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """The Cloud Service Agreement Review is current.

    Compliant:
        cloud_service_agreement_review_on: 2025-10-01

    Non-compliant:
        cloud_service_agreement_review_on: 2020-10-01
    """
    day = entry.record.data_security.cloud_service_agreement_review_on
    stale = evidence_problem(
        day, "cloud_service_agreement_review", "the Cloud Service Agreement Review", context
    )
    if stale:
        yield Violation(stale, ("data_security", "cloud_service_agreement_review_on"))


@rule(
    "PRV09",
    "accommodations-checklist-current",
    csr("(3)(B)3.G"),
    scope="provider",
    requirement="Accommodations checklist",
)
def accommodations_checklist_current(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """The signed accommodations and modifications checklist is current.

    Compliant:
        accommodations_checklist: {signed_on: 2026-06-01, offered: [extended time]}

    Non-compliant:
        accommodations_checklist: {signed_on: 2021-06-01, offered: [extended time]}
    """
    day = entry.record.accommodations_checklist.signed_on
    stale = evidence_problem(day, "accommodations_checklist", "the accommodations checklist", context)
    if stale:
        yield Violation(stale, ("accommodations_checklist", "signed_on"))


@rule(
    "PRV10",
    "business-certification",
    csr("(3)(B)3.H"),
    scope="provider",
    requirement="Business status and work authorization",
)
def business_certification(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """Where services are not provided directly by an LEA (a vendor, or an LEA's contracted
    vendor), business status, enrollment documentation and work authorization are certified.

    Compliant:
        kind: vendor
        business_certification: {certified_on: 2026-08-01, business_status: true,
                                 enrollment_documentation: true, work_authorization: true}

    Non-compliant:
        kind: vendor
        business_certification: null
    """
    provider = entry.record
    if provider.kind == "lea" and provider.contracted_vendor is None:
        return
    certification = provider.business_certification
    if certification is None:
        yield Violation(
            "services not provided directly by an LEA need 'business_certification': the date, "
            "and business_status, enrollment_documentation and work_authorization set to true",
            ("business_certification",),
        )
        return
    for field in ("business_status", "enrollment_documentation", "work_authorization"):
        if not getattr(certification, field):
            yield Violation(
                f"'{field}' must be certified (true) before courses enter the catalog",
                ("business_certification", field),
            )
    stale = evidence_problem(
        certification.certified_on, "business_certification", "the business certification", context
    )
    if stale:
        yield Violation(stale, ("business_certification", "certified_on"))


@rule(
    "PRV11",
    "student-information-system",
    csr("(3)(B)3.I"),
    scope="provider",
    requirement="State student information system",
)
def student_information_system(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """The provider integrates with the student information system the department contracts.

    Compliant:
        student_information_system: {integrated: true}

    Non-compliant:
        student_information_system: {integrated: false}
    """
    if not entry.record.student_information_system.integrated:
        yield Violation(
            "providers must integrate with the department's student information system for "
            "enrollment and data collection: set 'integrated: true' once it is in place",
            ("student_information_system", "integrated"),
        )


@rule(
    "PRV12",
    "progress-reporting",
    f"{csr('(4)(B)1.B, 1.E')}; {rsmo('3(7)')}",
    scope="provider",
    requirement="Progress reports to the district",
)
def progress_reporting(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """Progress reports reach the resident LEA at least four times a school year, and the LEA's
    progress portal is updated at least weekly.

    Compliant:
        progress_reporting: {reports_per_year: 4, portal_update_days: 7}

    Non-compliant:
        progress_reporting: {reports_per_year: 2, portal_update_days: 14}
    """
    reporting = entry.record.progress_reporting
    program = context.reference.program
    if reporting.reports_per_year < program.progress_reports_per_year_min:
        yield Violation(
            f"progress reports must reach the LEA at least {program.progress_reports_per_year_min} "
            f"times a school year; {reporting.reports_per_year} is too few",
            ("progress_reporting", "reports_per_year"),
        )
    if reporting.portal_update_days > program.portal_update_days_max:
        yield Violation(
            f"the progress portal must be updated at least every {program.portal_update_days_max} "
            f"days; every {reporting.portal_update_days} days is too seldom",
            ("progress_reporting", "portal_update_days"),
        )


@rule("PRV13", "monthly-billing", csr("(4)(B)1.F"), scope="provider", requirement="Billing")
def monthly_billing(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """LEAs are billed monthly, based on the student's completion of assignments and assessments.

    Compliant:
        billing: {frequency: monthly, based_on_completion: true}

    Non-compliant:
        billing: {frequency: per semester, based_on_completion: false}
    """
    billing = entry.record.billing
    if billing.frequency != "monthly":
        yield Violation(
            f"LEAs must be invoiced monthly, not {billing.frequency}: set 'frequency: monthly'",
            ("billing", "frequency"),
        )
    if not billing.based_on_completion:
        yield Violation(
            "invoices must be based on the student's completion of assignments and assessments: "
            "set 'based_on_completion: true' once billing works that way",
            ("billing", "based_on_completion"),
        )
    if not billing.shows_progress_and_grade:
        yield Violation(
            "each invoice must include the student's overall progress and current grade in the course: "
            "set 'shows_progress_and_grade: true' once invoices do",
            ("billing", "shows_progress_and_grade"),
        )
