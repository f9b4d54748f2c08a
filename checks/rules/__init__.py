"""The registry: the single list of rules, used by the checker, the CLI, the docs and the site."""

from __future__ import annotations

from checks.rules import (
    catalog_wide,
    certification,
    characters,
    course_evidence,
    horizon,
    placeholders,
    price,
    provider,
    renewal,
    standards,
    student_data,
    window,
)
from checks.rules.base import Rule
from checks.rules.loading import LOADING_RULES
from checks.rules.ownership import OWNERSHIP_RULES

CHECKED_RULES: tuple[Rule, ...] = (
    window.submission_window,
    price.within_price_cap,
    price.price_cap_known,
    standards.standards_exist,
    standards.standards_fit,
    standards.course_aligned,
    certification.certification_attested,
    certification.certification_areas_exist,
    certification.certification_covers_course,
    course_evidence.accessibility_current,
    course_evidence.ap_course_audit,
    course_evidence.ap_tag_agrees,
    course_evidence.class_size,
    course_evidence.subject_known,
    course_evidence.half_consistent,
    provider.lea_identity,
    provider.communication_methods,
    provider.teacher_response_time,
    provider.weekly_interaction,
    provider.disenrollment_policy,
    provider.ferpa_attestation_current,
    provider.ferpa_signed_by_designee,
    provider.direct_verbal_channel,
    provider.breach_notification,
    provider.cloud_service_review_current,
    provider.accommodations_checklist_current,
    provider.business_certification,
    provider.student_information_system,
    provider.progress_reporting,
    provider.monthly_billing,
    renewal.renewal_lapsed,
    renewal.renewal_due_soon,
    renewal.renewal_period,
    renewal.review_record_complete,
    catalog_wide.unique_provider_ids,
    catalog_wide.unique_course_numbers,
    catalog_wide.course_provider_exists,
    catalog_wide.file_matches_provider,
    catalog_wide.state_course_number_known,
    horizon.reference_horizon,
    student_data.no_student_data,
    student_data.no_contact_in_free_text,
    student_data.no_personal_numbers,
    characters.no_hidden_characters,
    characters.https_links_only,
    placeholders.no_placeholder,
)

ALL_RULES: tuple[Rule, ...] = LOADING_RULES + OWNERSHIP_RULES + CHECKED_RULES
