"""What the public sees of a provider or a course: plain values for the page templates.

Only public facts go here. Signatories' names, maintainers and reviewers' notes never do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Protocol

from checks.catalog import CourseEntry, ProviderEntry
from checks.models.types import grades_in
from checks.reference.load import Reference, normalize_standard_code
from checks.rules.course_evidence import ap_signs
from checks.rules.price import CENT, price_cap
from checks.site.rendered import RenderedTexts
from checks.site.requirements import clause_of
from checks.terms import CatalogTerm
from checks.wording import counted

PRICE_BANDS = (Decimal(200), Decimal(300), Decimal(400), Decimal(500))
NOT_APPLICABLE = "not applicable"
DASH = "\N{EN DASH}"


@dataclass(frozen=True)
class ComplianceRow:
    requirement: str
    status: str  # "met" or "not applicable"
    evidence: str
    clause: str
    link: str = ""


def _row(requirement: str, status: str, evidence: str, link: str = "") -> ComplianceRow:
    """A compliance table's row; its clauses are those of the rules named for ``requirement``."""
    return ComplianceRow(requirement, status, evidence, clause_of(requirement), link)


@dataclass(frozen=True)
class StandardView:
    code: str
    text: str


@dataclass(frozen=True)
class TermView:
    term: str  # Fall, Spring
    starts: dt.date
    ends: dt.date
    enroll_by: dt.date | None


PACING_WORDS = {
    "self-paced": "Self-paced: students work at their own pace within the term",
    "scheduled": "Scheduled: lessons and due dates follow a fixed calendar",
    "blended": "Blended: a fixed calendar with some work at the student's own pace",
}
JOINING_WORDS = {
    "rolling": "Rolling: students may join at any time during a term",
    "deadline": "By the provider's deadline for each term",
}


@dataclass(frozen=True)
class CourseView:
    id: str
    url: str
    provider_id: str
    provider_name: str
    provider_url: str
    state_course_number: str
    title: str
    subject: str
    grade_span: str
    grades: str
    grades_label: str  # Grade 4, Grades 9-12
    grade_list: tuple[str, ...]
    credit: str
    length: str
    half: str
    terms_offered: str
    catalog: str
    course_types: tuple[str, ...]
    is_ap: bool
    ncaa_approved: bool
    instruction: str
    program_code: int
    price_usd: Decimal
    price: str
    semester_price_usd: Decimal  # what one semester costs: half a full-year course's price
    semester_price: str
    price_band: str  # of the semester price, so that semester and full-year courses compare
    monthly_price: str
    billing_months: int
    price_cap: str
    summary: str
    description_html: str
    prerequisites_html: str
    prerequisites_text: str
    materials_html: str
    standards: tuple[StandardView, ...]
    standards_alignment: str
    approved_on: dt.date | None
    renewal_due: dt.date | None
    basis: str
    max_students_per_section: int | None
    pacing: str  # self-paced, scheduled, blended, or "" when not stated
    enrollment: str  # rolling, deadline, or "" when not stated
    terms: tuple[TermView, ...]
    technology_requirements: str
    syllabus: str


@dataclass(frozen=True)
class CourseDetails:
    """What only a course's own page shows: made when that page is rendered, not for every
    course a build lists (an incremental build renders a few pages of 10,000)."""

    compliance: tuple[ComplianceRow, ...]
    record: dict[str, object]  # the file's fields, for the propose page to start a change from


@dataclass(frozen=True)
class ProviderView:
    id: str
    url: str
    name: str
    kind: str
    program: str
    contracted_vendor: str
    email: str
    phone: str
    website: str
    student_methods: tuple[str, ...]
    lea_methods: tuple[str, ...]
    direct_verbal: str
    direct_verbal_description: str
    office_hours: str
    response_hours: int
    interactions_per_week: int
    policies: tuple[tuple[str, str], ...]
    compliance: tuple[ComplianceRow, ...]
    accommodations: tuple[str, ...]
    approved_on: dt.date | None
    renewal_due: dt.date | None


def course_url(entry: CourseEntry) -> str:
    return f"courses/{entry.folder}/{entry.source.path.stem}/"


def provider_url(provider_id: str) -> str:
    return f"providers/{provider_id}/"


class Listed(Protocol):
    """What a course is listed by (CourseView)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...


def title_order(course: Listed) -> tuple[str, str]:
    """A course's place wherever courses are listed by title (the pages, the search's sort): its
    title as its page shows it (spaces collapsed, as in its heading), whatever the case."""
    return " ".join(course.title.split()).casefold(), course.id


def to_cent(amount: Decimal) -> Decimal:
    """An amount as a page shows it."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=4096)  # a catalog has few distinct prices, each shown several times a course
def money(amount: Decimal) -> str:
    return f"${to_cent(amount):,.2f}".replace(".00", "")


def price_band(price: Decimal) -> str:
    lower = Decimal(0)
    for upper in PRICE_BANDS:
        if price < upper:
            return f"{money(lower)}{DASH}{money(upper - 1)}" if lower else f"under {money(upper)}"
        lower = upper
    return f"{money(lower)} and over"


def grade_label(number: int) -> str:
    return "K" if number == 0 else str(number)


def grade_title(label: str) -> str:
    return "Kindergarten" if label == "K" else f"Grade {label}"


def course_texts(entry: CourseEntry) -> tuple[str, str, str]:
    """A course's Markdown texts its view shows: description, prerequisites and materials."""
    course = entry.record
    return course.description, course.prerequisites or "", course.materials or ""


def course_view(
    entry: CourseEntry, provider: ProviderEntry, reference: Reference, as_of: dt.date, texts: RenderedTexts
) -> CourseView:
    course = entry.record
    months = reference.program.billing_months[course.length]
    per_semester = course.price / 2 if course.length == "year" else course.price
    cap = price_cap(reference, course.catalog, course.length)
    grades = tuple(grade_label(g) for g in grades_in(course.grades))
    description, prerequisites, materials = course_texts(entry)
    return CourseView(
        id=f"{entry.folder}/{entry.source.path.stem}",
        url=course_url(entry),
        provider_id=entry.folder,
        provider_name=provider.record.legal_name,
        provider_url=provider_url(entry.folder),
        state_course_number=course.state_course_number,
        title=course.title,
        subject=course.subject,
        grade_span=course.grades,
        grades=course.grades.replace("-", DASH),
        grades_label=f"Grade{'' if len(grades) == 1 else 's'} {course.grades.replace('-', DASH)}",
        grade_list=grades,
        credit=f"{course.credit.normalize():f}",
        length=course.length,
        half=course.half or "",
        terms_offered=" and ".join(course.terms_offered),
        catalog=course.catalog,
        course_types=tuple(course.course_types),
        is_ap=bool(ap_signs(course, reference)),
        ncaa_approved=course.ncaa_approved,
        instruction=_instruction(course.program_code),
        program_code=course.program_code,
        price_usd=course.price,
        price=money(course.price),
        semester_price_usd=per_semester,
        semester_price=money(per_semester),
        price_band=price_band(per_semester),
        monthly_price=money(course.price / months),
        billing_months=months,
        price_cap=money(cap) if cap is not None else "",
        summary=texts.plain(description),
        description_html=texts.html(description),
        prerequisites_html=texts.html(prerequisites),
        prerequisites_text=texts.plain(prerequisites),
        materials_html=texts.html(materials),
        standards=tuple(_standard(code, reference) for code in course.standards),
        standards_alignment=course.standards_alignment or "",
        approved_on=course.review.approved_on,
        renewal_due=course.review.renewal_due,
        basis=course.review.basis,
        max_students_per_section=course.max_students_per_section,
        pacing=course.schedule.pacing if course.schedule else "",
        enrollment=course.schedule.enrollment if course.schedule else "",
        terms=tuple(
            TermView(t.term.capitalize(), t.starts, t.ends, t.enroll_by)
            for t in (course.schedule.terms if course.schedule else [])
            if t.ends >= as_of  # a term that has ended answers no one's "by when?" (CRS05)
        ),
        technology_requirements=course.technology_requirements or "",
        syllabus=course.syllabus or "",
    )


def course_details(entry: CourseEntry, provider: ProviderEntry, reference: Reference) -> CourseDetails:
    """Made from what the course's view is made from (both files and the reference data), so
    that the digest of its inputs (checks.site.fingerprints) covers these too."""
    course = entry.record
    return CourseDetails(
        compliance=_course_compliance(entry, provider, price_cap(reference, course.catalog, course.length)),
        record=course.model_dump(mode="json", exclude_none=True, exclude={"review"}),
    )


def course_jsonld(view: CourseView, site_url: str) -> dict[str, object]:
    """schema.org Course data for search engines."""
    return {
        "@context": "https://schema.org",
        "@type": "Course",
        "name": view.title,
        "courseCode": view.state_course_number,
        "description": view.summary,
        "url": f"{site_url}{view.url}",
        "educationalLevel": view.grades_label,
        "numberOfCredits": view.credit,
        "provider": {
            "@type": "Organization",
            "name": view.provider_name,
            "url": f"{site_url}{view.provider_url}",
        },
        "offers": {
            "@type": "Offer",
            "price": f"{view.price_usd:.2f}",
            "priceCurrency": "USD",
            "category": "Paid",
        },
        "hasCourseInstance": {
            "@type": "CourseInstance",
            "courseMode": "online",
            "courseWorkload": "P5M" if view.length == "semester" else "P10M",
        },
    }


def _instruction(program_code: int) -> str:
    if program_code == 50:
        return "Taught by the provider's Missouri-certified teacher"
    return "Curriculum only: the district's own teacher teaches"


def _standard(code: str, reference: Reference) -> StandardView:
    row = reference.standards.get(normalize_standard_code(code))
    return StandardView(code, row.description if row else "")


def _course_compliance(
    entry: CourseEntry, provider: ProviderEntry, cap: Decimal | None
) -> tuple[ComplianceRow, ...]:
    course = entry.record
    security = provider.record.data_security
    rows = [
        _row(
            "Aligned to Missouri Learning Standards",
            "met",
            (
                f"{counted(len(course.standards), 'standard')} cited"
                if course.standards
                else "alignment published"
            ),
            "" if course.standards else course.standards_alignment or "",
        ),
        _certification_row(entry),
        _row(
            "Accessible to students with disabilities",
            "met",
            f"{course.accessibility.standard} review, {course.accessibility.reviewed_on.isoformat()}",
            course.accessibility.evidence,
        ),
        _row(
            "Student data kept private (federal privacy law, FERPA)",
            "met",
            f"attested {security.ferpa_attestation.signed_on.isoformat()}; cloud service review "
            f"{security.cloud_service_agreement_review_on.isoformat()}",
        ),
        _ap_row(entry),
        _row(
            "Price within the state cap",
            "met",
            f"{money(course.price)} of at most {money(cap)}" if cap is not None else money(course.price),
        ),
    ]
    return tuple(rows)


def _certification_row(entry: CourseEntry) -> ComplianceRow:
    course = entry.record
    if course.teacher_certification is None:
        return _row(
            "Taught by a Missouri-certified teacher",
            NOT_APPLICABLE,
            "curriculum only (program code 52): the district's own teacher teaches",
        )
    areas = ", ".join(course.teacher_certification.areas)
    return _row(
        "Taught by a Missouri-certified teacher",
        "met",
        f"{areas}; attested {course.teacher_certification.attested_on.isoformat()}",
    )


def _ap_row(entry: CourseEntry) -> ComplianceRow:
    audit = entry.record.ap_course_audit
    if audit is None:
        return _row("College Board AP Course Audit", NOT_APPLICABLE, "not an AP course")
    return _row(
        "College Board AP Course Audit",
        "met",
        f"authorized for {audit.school_year}",
    )


def provider_view(entry: ProviderEntry) -> ProviderView:
    provider = entry.record
    talk = provider.communication
    security = provider.data_security
    policies = provider.policies
    return ProviderView(
        id=entry.folder,
        url=provider_url(entry.folder),
        name=provider.legal_name,
        kind="School district or charter school (LEA)" if provider.kind == "lea" else "Vendor",
        program="Full-time hosted virtual program"
        if provider.full_time_hosted_program
        else "Course provider",
        contracted_vendor=provider.contracted_vendor or "",
        email=provider.public_contact.email,
        phone=provider.public_contact.phone,
        website=provider.public_contact.website,
        student_methods=tuple(talk.student_methods),
        lea_methods=tuple(talk.lea_methods),
        direct_verbal=talk.direct_verbal.method,
        direct_verbal_description=talk.direct_verbal.description,
        office_hours=talk.office_hours or "",
        response_hours=talk.teacher_response_hours,
        interactions_per_week=talk.teacher_interactions_per_week,
        policies=tuple(
            (label, url)
            for label, url in (
                ("Academic integrity", policies.academic_integrity),
                ("Internet etiquette", policies.internet_etiquette),
                ("Plagiarism", policies.plagiarism),
                ("Privacy", policies.privacy),
                ("Disenrollment", policies.disenrollment),
                (
                    "Appeals of enrollment decisions",
                    provider.full_time_program.enrollment_appeals if provider.full_time_program else None,
                ),
            )
            if url
        ),
        compliance=(
            _row(
                "Student data kept private (federal privacy law, FERPA)",
                "met",
                f"signed {security.ferpa_attestation.signed_on.isoformat()}",
            ),
            _row(
                "Data breaches reported",
                "met",
                f"within {security.breach_notification_hours} hours",
            ),
            _row(
                "Cloud Service Agreement Review",
                "met",
                security.cloud_service_agreement_review_on.isoformat(),
            ),
            _row(
                "Accommodations checklist",
                "met",
                f"signed {provider.accommodations_checklist.signed_on.isoformat()}",
            ),
            _business_row(entry),
            _row(
                "State student information system",
                "met" if provider.student_information_system.integrated else NOT_APPLICABLE,
                "integrated" if provider.student_information_system.integrated else "not integrated",
            ),
            _row(
                "Progress reports to the district",
                "met",
                f"{provider.progress_reporting.reports_per_year} a year; portal updated every "
                f"{provider.progress_reporting.portal_update_days} days",
            ),
            _row(
                "Billing",
                "met",
                f"{provider.billing.frequency}"
                + (", based on completion" if provider.billing.based_on_completion else ""),
            ),
        ),
        accommodations=tuple(provider.accommodations_checklist.offered),
        approved_on=provider.authorization.approved_on,
        renewal_due=provider.authorization.renewal_due,
    )


def _business_row(entry: ProviderEntry) -> ComplianceRow:
    certification = entry.record.business_certification
    if certification is None:
        return _row(
            "Business status and work authorization",
            NOT_APPLICABLE,
            "services provided directly by the LEA",
        )
    return _row(
        "Business status and work authorization",
        "met",
        f"certified {certification.certified_on.isoformat()}",
    )


def term_label(term: CatalogTerm) -> str:
    return f"{term.season.capitalize()} {term.year}"
