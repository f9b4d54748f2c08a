"""Program parameters: the numbers and dates set by the rule, kept as data so an amendment is a
data change (``catalog/reference/program.yaml``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from checks.models.types import CatalogTermName, Record

Season = Literal["fall", "spring"]
EvidenceKind = Literal[
    "teacher_certification",
    "accessibility_review",
    "ferpa_attestation",
    "cloud_service_agreement_review",
    "accommodations_checklist",
    "business_certification",
]


class Deadline(Record):
    """A catalog of year Y closes on month/day of year Y minus ``years_before``."""

    month: Annotated[int, Field(ge=1, le=12)]
    day: Annotated[int, Field(ge=1, le=31)]
    years_before: Annotated[int, Field(ge=0, le=2)]


PeriodUnit = Literal["years", "months", "calendar days", "business days"]


class Period(Record):
    """A span of time in the unit the program counts it in: ``{count: 1, unit: years}``. Years
    and months are calendar ones (an attestation of February 29 holds until February 28)."""

    count: Annotated[int, Field(ge=0)]
    unit: PeriodUnit

    def __str__(self) -> str:
        unit = self.unit if self.count != 1 else self.unit.removesuffix("s")
        return f"{self.count} {unit}"


class ProgramParameters(Record):
    submission_deadlines: dict[Season, Deadline]
    price_cap_percent: dict[Literal["semester", "year"], Annotated[Decimal, Field(gt=0, le=100)]]
    renewal_period_years: Annotated[int, Field(ge=1)]
    renewal_warning: Annotated[
        Period, Field(description="How long before its renewal date an approved entry is warned.")
    ]
    evidence_valid: Annotated[
        dict[EvidenceKind, Period], Field(description="How long a dated attestation or review stays current.")
    ]
    teacher_response_hours_max: Annotated[int, Field(ge=1)]
    teacher_interactions_per_week_min: Annotated[int, Field(ge=1)]
    student_contact_methods_min: Annotated[int, Field(ge=1)]
    lea_contact_methods_min: Annotated[int, Field(ge=1)]
    breach_notification_hours_max: Annotated[int, Field(ge=1)]
    progress_reports_per_year_min: Annotated[int, Field(ge=1)]
    portal_update_days_max: Annotated[int, Field(ge=1)]
    enrollment_decision_business_days: Annotated[int, Field(ge=1)]
    full_time_notice_business_days: Annotated[int, Field(ge=1)]
    appeal_decision_business_days_max: Annotated[int, Field(ge=1)]
    disenrollment_notice_business_days_max: Annotated[int, Field(ge=1)]
    published_catalog: Annotated[
        CatalogTermName,
        Field(description="The newest catalog DESE has published; entries for later ones wait."),
    ]
    billing_months: Annotated[
        dict[Literal["semester", "year"], Annotated[int, Field(ge=1, le=12)]],
        Field(description="Months over which a district's monthly payments spread a course's price."),
    ]
