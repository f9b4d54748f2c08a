"""Full-time hosted programs' appeals and disenrollments, and individual learning plans."""

from __future__ import annotations

from collections.abc import Iterator

from checks.catalog import ProviderEntry
from checks.law import csr, rsmo
from checks.rules.base import Context, Violation, rule


@rule("PRV16", "full-time-program-procedures", csr("(2)(B)4-5, (6)(C)"), scope="provider")
def full_time_program_procedures(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """A full-time hosted program posts its appeals process for denied enrollments and decides an
    appeal within three business days; before a final disenrollment the parent may present
    information, and the resident district is told in writing within five business days.

    Compliant:
        full_time_hosted_program: true
        full_time_program: {enrollment_appeals: "https://example.org/appeals",
                            appeal_decision_business_days: 3, parent_heard_before_disenrollment: true,
                            disenrollment_notice_business_days: 5}

    Non-compliant:
        full_time_hosted_program: true
        full_time_program: {enrollment_appeals: "https://example.org/appeals",
                            appeal_decision_business_days: 5, parent_heard_before_disenrollment: true,
                            disenrollment_notice_business_days: 5}
    """
    provider = entry.record
    if not provider.full_time_hosted_program:
        return
    program = provider.full_time_program
    if program is None:
        yield Violation(
            "a full-time hosted program must say how it handles appeals and disenrollments: add "
            "'full_time_program' with enrollment_appeals (the web address of the posted appeals "
            "process), appeal_decision_business_days, parent_heard_before_disenrollment and "
            "disenrollment_notice_business_days",
            ("full_time_program",),
        )
        return
    limits = context.reference.program
    most = limits.appeal_decision_business_days_max
    if program.appeal_decision_business_days > most:
        yield Violation(
            f"an appeal of a denied enrollment must be decided within {most} business days, not "
            f"{program.appeal_decision_business_days}",
            ("full_time_program", "appeal_decision_business_days"),
        )
    if not program.parent_heard_before_disenrollment:
        yield Violation(
            "the parent must have the opportunity to present information before any final disenrollment "
            "decision: give that opportunity, then set 'parent_heard_before_disenrollment: true'",
            ("full_time_program", "parent_heard_before_disenrollment"),
        )
    if program.disenrollment_notice_business_days > limits.disenrollment_notice_business_days_max:
        yield Violation(
            "the student's resident district must be told of a disenrollment in writing within "
            f"{limits.disenrollment_notice_business_days_max} business days, not "
            f"{program.disenrollment_notice_business_days}",
            ("full_time_program", "disenrollment_notice_business_days"),
        )


@rule("PRV17", "individual-learning-plans", rsmo("3(6)"), scope="provider")
def individual_learning_plans(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """An LEA provider attests that certified teachers and professional staff design an
    individual learning plan for every student enrolled in more than two MOCAP courses or in a
    full-time virtual school.

    Compliant:
        kind: lea
        individual_learning_plans: true

    Non-compliant:
        kind: lea
        individual_learning_plans: false
    """
    provider = entry.record
    if provider.kind == "lea" and provider.individual_learning_plans is not True:
        yield Violation(
            "an LEA provider attests that certified teachers and staff design an individual learning plan "
            "for each student in more than two MOCAP courses or a full-time program: set "
            "'individual_learning_plans: true' once they do",
            ("individual_learning_plans",),
        )
