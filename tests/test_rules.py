"""Every compliance rule: one edit that keeps the catalog compliant, one that breaks it.

Each case edits a real copy of the demo catalog, runs the real check command, and asserts the
exit code, the rule's code, the file and the line (found independently, by a marker text).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from checks.reference.load import load_reference
from tests.helpers import (
    AP_COURSE,
    COURSE,
    COURSE_B,
    DELETE,
    PROVIDER,
    REPO,
    VENDOR,
    copy_catalog,
    edit,
    line_of,
    problems_with,
    run_check,
)

D = dt.date
SPANISH = "catalog/providers/bluestem-learning/courses/spanish-i.yaml"


SUBMITTED_FALL = {"review": {"status": "submitted"}, "catalog": "fall 2027"}


@dataclass(frozen=True)
class Case:
    file: str
    passing: dict[str, Any]
    failing: dict[str, Any]
    marker: str  # text on the line the failing problem must point at
    exit_code: int = 1
    extra_file: tuple[str, str] | None = field(default=None)  # (copy of, to) made before the edit
    passing_file: tuple[str, str, dict[str, Any]] | None = None  # (copy of, to, edit): passing only
    named: bool = False  # checked as `mocap check FILE` (windows are judged where submissions are)


CASES: dict[str, Case] = {
    "WIN01": Case(
        COURSE,
        {"review": {"status": "submitted"}, "catalog": "fall 2027"},
        {"review": {"status": "submitted"}, "catalog": "spring 2027"},
        "catalog: spring 2027",
        named=True,
    ),
    "WIN02": Case(
        PROVIDER,
        {"authorization": {"status": "submitted"}, "catalog": "fall 2027"},
        {"authorization": {"status": "submitted"}, "catalog": "spring 2027"},
        "catalog: spring 2027",
        named=True,
    ),
    "CRS03": Case(
        COURSE,
        {**SUBMITTED_FALL, "schedule.pacing": "blended"},
        {**SUBMITTED_FALL, "schedule": DELETE},
        "state_course_number:",  # a missing field is placed at the file's first
        named=True,
    ),
    "CRS04": Case(
        COURSE,
        {
            "schedule.terms": [
                {"term": "fall", "starts": D(2027, 8, 16), "ends": D(2027, 8, 17), "enroll_by": D(2027, 8, 9)}
            ]
        },
        {
            "schedule.terms": [
                {"term": "fall", "starts": D(2027, 8, 16), "ends": D(2027, 8, 16), "enroll_by": D(2027, 8, 9)}
            ]
        },
        "ends: 2027-08-16",
    ),
    "CRS05": Case(
        COURSE,
        {
            "schedule.terms": [
                {
                    "term": "spring",
                    "starts": D(2026, 1, 12),
                    "ends": D(2026, 11, 24),
                    "enroll_by": D(2026, 1, 5),
                }
            ]
        },
        {
            "schedule.terms": [
                {
                    "term": "spring",
                    "starts": D(2026, 1, 12),
                    "ends": D(2026, 11, 23),
                    "enroll_by": D(2026, 1, 5),
                }
            ]
        },
        "ends: 2026-11-23",
        exit_code=0,  # a warning
    ),
    "PRC01": Case(COURSE, {"price": 500.15}, {"price": 500.16}, "price: 500.16"),
    "PRC02": Case(COURSE, {"catalog": "fall 2027"}, {"catalog": "fall 2031"}, "catalog: fall 2031"),
    "STD01": Case(
        COURSE,
        {"standards": ["A1.DS.A.4.a", "A1.NQ.B.3a"]},
        {"standards": ["A1.NQ.A.1", "A1.NQ.Z.9"]},
        "- A1.NQ.Z.9",
    ),
    "STD02": Case(COURSE, {"standards": ["A1.CED.A.1"]}, {"standards": ["1.NS.A.1"]}, "- 1.NS.A.1"),
    "STD03": Case(COURSE, {"standards": ["A1.CED.A.1"]}, {"standards": DELETE}, "state_course_number:"),
    "CRT01": Case(
        COURSE,
        {"teacher_certification.attested_on": D(2025, 11, 24)},
        {"teacher_certification.attested_on": D(2025, 11, 23)},
        "attested_on: 2025-11-23",
    ),
    "CRT02": Case(
        COURSE,
        {"teacher_certification.areas": ["Mathematics", "Middle School Mathematics"]},
        {"teacher_certification.areas": ["Math Teacher"]},
        "- Math Teacher",
    ),
    "CRT03": Case(
        COURSE,
        {"grades": "8-12", "teacher_certification.areas": ["Mathematics", "Middle School Mathematics"]},
        {"grades": "8-12"},
        "areas:",
    ),
    # Three calendar years: the February 29, 2024 in between changes nothing.
    "ACC01": Case(
        COURSE,
        {"accessibility.reviewed_on": D(2023, 11, 24)},
        {"accessibility.reviewed_on": D(2023, 11, 23)},
        "reviewed_on: 2023-11-23",
    ),
    "APA01": Case(
        AP_COURSE,
        {"ap_course_audit.school_year": "2025-26"},
        {"ap_course_audit.school_year": "2024-25"},
        "school_year: 2024-25",
    ),
    "APA02": Case(
        AP_COURSE,
        {"course_types": ["core", "ap"], "ap_course_audit.school_year": "2025-26"},
        {"course_types": ["core"]},
        "course_types:",
        exit_code=0,  # a warning
    ),
    "CLS01": Case(
        COURSE,
        {"max_students_per_section": 32},  # the demo's 33 is the limit itself
        {"max_students_per_section": 34},
        "max_students_per_section: 34",
    ),
    "CRS01": Case(COURSE, {"subject": "Social Studies"}, {"subject": "History"}, "subject: History"),
    "CRS02": Case(COURSE, {"half": DELETE}, {"length": "year", "price": 800}, "half: A"),
    "PRV01": Case(
        PROVIDER,
        {"county_district_code": "048078"},
        {"county_district_code": DELETE},
        "id: river-bend-online",
    ),
    "PRV02": Case(
        PROVIDER,
        {"communication.student_methods": ["email", "phone"]},
        {"communication.student_methods": ["email", "email"]},
        "student_methods:",
    ),
    "PRV03": Case(
        PROVIDER,
        {"communication.teacher_response_hours": 24},
        {"communication.teacher_response_hours": 25},
        "teacher_response_hours: 25",
    ),
    "PRV04": Case(
        PROVIDER,
        {"communication.teacher_interactions_per_week": 1},
        {"communication.teacher_interactions_per_week": 0},
        "teacher_interactions_per_week: 0",
    ),
    "PRV05": Case(
        PROVIDER,
        {"full_time_hosted_program": True, "policies.disenrollment": "https://example.org/disenrollment"},
        {"full_time_hosted_program": True},
        "policies:",
    ),
    "PRV06": Case(
        PROVIDER,
        {"data_security.ferpa_attestation.signed_on": D(2025, 11, 24)},
        {"data_security.ferpa_attestation.signed_on": D(2025, 11, 23)},
        "signed_on: 2025-11-23",
    ),
    "PRV14": Case(
        PROVIDER,
        {"data_security.ferpa_attestation.designated_on": D(2026, 8, 11)},  # the day it was signed
        {"data_security.ferpa_attestation.designated_on": D(2026, 8, 12)},
        "designated_on: 2026-08-12",
    ),
    "PRV15": Case(
        PROVIDER,
        {"communication.direct_verbal.method": "general phone line"},  # routed to the own teacher
        {"communication.direct_verbal.answered_by": "the next available teacher"},
        "answered_by: the next available teacher",
    ),
    "PRV16": Case(
        "catalog/providers/heartland-virtual-school/provider.yaml",
        {"full_time_program.appeal_decision_business_days": 2},  # the demo's 3 is the limit itself
        {"full_time_program.appeal_decision_business_days": 4},
        "appeal_decision_business_days: 4",
    ),
    "PRV17": Case(
        PROVIDER,
        {"individual_learning_plans": True},
        {"individual_learning_plans": False},
        "individual_learning_plans: false",
    ),
    "PRV07": Case(
        PROVIDER,
        {"data_security.breach_notification_hours": 12},  # the demo's 24 is the limit itself
        {"data_security.breach_notification_hours": 25},
        "breach_notification_hours: 25",
    ),
    "PRV08": Case(
        PROVIDER,
        {"data_security.cloud_service_agreement_review_on": D(2023, 11, 24)},
        {"data_security.cloud_service_agreement_review_on": D(2023, 11, 23)},
        "cloud_service_agreement_review_on: 2023-11-23",
    ),
    "PRV09": Case(
        PROVIDER,
        {"accommodations_checklist.signed_on": D(2023, 11, 24)},
        {"accommodations_checklist.signed_on": D(2023, 11, 23)},
        "signed_on: 2023-11-23",
    ),
    "PRV10": Case(
        PROVIDER,
        # compliant: an LEA teaching its courses itself certifies nothing of a vendor's
        {"contracted_vendor": DELETE, "business_certification": DELETE},
        {"business_certification.work_authorization": False},
        "work_authorization: false",
    ),
    "PRV11": Case(
        PROVIDER,
        {"student_information_system.integrated": True},
        {"student_information_system.integrated": False},
        "integrated: false",
    ),
    "PRV12": Case(
        PROVIDER,
        {"progress_reporting.reports_per_year": 4},
        {"progress_reporting.reports_per_year": 3},
        "reports_per_year: 3",
    ),
    "PRV13": Case(
        PROVIDER,
        {"billing.frequency": "monthly"},
        {"billing.frequency": "per semester"},
        "frequency: per semester",
    ),
    "REN01": Case(
        COURSE,
        {"review.approved_on": D(2023, 11, 24), "review.renewal_due": D(2026, 11, 24)},
        {"review.approved_on": D(2023, 1, 1), "review.renewal_due": D(2026, 1, 1)},
        "renewal_due: 2026-01-01",
    ),
    "REN02": Case(
        COURSE,
        {"review.approved_on": D(2024, 2, 23), "review.renewal_due": D(2027, 2, 23)},
        {"review.approved_on": D(2024, 2, 22), "review.renewal_due": D(2027, 2, 22)},
        "renewal_due: 2027-02-22",
        exit_code=0,
    ),
    "REN03": Case(
        COURSE,
        {"review.renewal_due": D(2028, 2, 14)},  # the demo's February 15 is three years on
        {"review.renewal_due": D(2028, 2, 16)},
        "renewal_due: 2028-02-16",
    ),
    "REV01": Case(
        COURSE,
        {
            "review": {
                "status": "denied",
                "decided_on": D(2026, 10, 1),
                "decided_by": "dese-reviewer-1",
                "reason": "No attestation.",
            }
        },
        {"review": {"status": "denied", "decided_on": D(2026, 10, 1), "decided_by": "dese-reviewer-1"}},
        "review:",
    ),
    "CAT01": Case(
        VENDOR,
        {},
        {"id": "river-bend-online"},
        "id: river-bend-online",
        # compliant: a second provider, with an id of its own
        passing_file=(VENDOR, "catalog/providers/bluestem-two/provider.yaml", {"id": "bluestem-two"}),
    ),
    "CAT02": Case(
        COURSE_B,
        {"state_course_number": "SMP-MA-111"},  # another number, used by no other course of the provider
        {"state_course_number": "SMP-MA-110A"},
        "state_course_number: SMP-MA-110A",
    ),
    "CAT03": Case(
        "catalog/providers/ghost-provider/courses/algebra-i-a.yaml",
        {"provider": "ghost-provider"},
        {"provider": "ghost-provider"},
        "provider: ghost-provider",
        extra_file=(COURSE, "catalog/providers/ghost-provider/courses/algebra-i-a.yaml"),
        # compliant: the provider file exists
        passing_file=(PROVIDER, "catalog/providers/ghost-provider/provider.yaml", {"id": "ghost-provider"}),
    ),
    "CAT04": Case(
        COURSE,
        {"provider": "river-bend-online"},
        {"provider": "bluestem-learning"},
        "provider: bluestem-learning",
    ),
    "CAT05": Case(
        COURSE,
        {"state_course_number": "SMP-MA-115"},  # another number of the reference list
        {"state_course_number": "MATH-101"},
        "state_course_number: MATH-101",
    ),
    "SDG01": Case(
        COURSE,
        {"description": "Questions? Call 573-555-0100."},
        {"description": "Sample work by student 1234567890."},
        "description:",
    ),
    "SDG02": Case(
        COURSE,
        {"description": "Questions go to the office listed on our provider page."},
        {"description": "Write to your teacher, jane.doe@gmail.com."},
        "description:",
    ),
    "SDG03": Case(
        COURSE,
        {"description": "Call our office at 573-555-0100 to reach your teacher."},
        {"description": "Mrs. Jane Smith (certificate 1234567) answers at 573-555-0199."},
        "description:",
    ),
    "PLH01": Case(
        COURSE,
        {"description": "Extra practice with units, exponents and equations."},
        {"description": "TBD"},
        "description:",
    ),
    "TXT01": Case(COURSE, {"title": "Algebra I A (part one)"}, {"title": "Algebra I A\u202e"}, "title:"),
    "TXT02": Case(
        COURSE,
        {"description": "See [our syllabus](https://riverbend.example.org/syllabus)."},
        {"description": "See [our syllabus](http://riverbend.example.org/syllabus)."},
        "description:",
    ),
}


def _copy(repo: Path, source: str, target: str) -> None:
    (repo / target).parent.mkdir(parents=True, exist_ok=True)
    (repo / target).write_bytes((repo / source).read_bytes())


def _prepare(tmp_path: Path, case: Case, passing: bool) -> Path:
    repo = copy_catalog(tmp_path)
    if case.extra_file:
        _copy(repo, *case.extra_file)
    if passing and case.passing_file:
        source, target, changes = case.passing_file
        _copy(repo, source, target)
        edit(repo, target, changes)
    edit(repo, case.file, case.passing if passing else case.failing)
    return repo


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fails_with_its_code_file_and_line(tmp_path: Path, code: str) -> None:
    case = CASES[code]
    repo = _prepare(tmp_path, case, passing=False)
    exit_code, report, _ = run_check(repo, *([case.file] if case.named else []))
    found = problems_with(report, code)
    assert found, f"{code} not reported; got {report['problems']}"
    assert exit_code == case.exit_code
    problem = found[0]
    assert problem["file"] == case.file
    assert problem["line"] == line_of(repo, case.file, case.marker)
    assert problem["clause"]
    assert problem["message"]


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes_compliant_edit(tmp_path: Path, code: str) -> None:
    case = CASES[code]
    repo = _prepare(tmp_path, case, passing=True)
    _, report, _ = run_check(repo, *([case.file] if case.named else []))
    assert problems_with(report, code) == []


def test_an_ap_course_is_recognised_by_its_title_without_the_tag(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    edit(repo, AP_COURSE, {"course_types": ["core"], "ap_course_audit": DELETE})
    exit_code, report, _ = run_check(repo)
    assert exit_code == 1
    assert [p["code"] for p in report["problems"]] == ["APA01", "APA02"]
    [warning] = problems_with(report, "APA02")
    assert warning["message"] == (
        "its title 'AP English Language and Composition' and its state course number (AP English "
        "Language and Composition) say this is an AP course, but 'ap' is not among its course types: add "
        "it, so families who look for AP courses find this one"
    )


def test_a_course_of_a_listed_subject_is_aligned_whatever_its_course_types(tmp_path: Path) -> None:
    """An elective Mathematics course once needed no standards: only a 'core' tag asked for them."""
    repo = copy_catalog(tmp_path)
    edit(repo, COURSE, {"course_types": ["elective"], "standards": DELETE})
    [problem] = problems_with(run_check(repo)[1], "STD03")
    assert problem["message"] == (
        "every course must be aligned with the Missouri Learning Standards, whatever its course types: "
        "list the Mathematics codes it is aligned to under 'standards' (see "
        "catalog/reference/learning_standards.csv), or, if none there fits, the https address of its "
        "published alignment under 'standards_alignment'"
    )


def test_a_course_of_a_subject_without_listed_codes_gives_its_alignment_address(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    assert problems_with(run_check(repo)[1], "STD03") == []  # it gives standards_alignment
    edit(repo, SPANISH, {"standards_alignment": DELETE})
    [problem] = problems_with(run_check(repo)[1], "STD03")
    assert (problem["file"], problem["message"]) == (
        SPANISH,
        "every course must be aligned with the Missouri Learning Standards: the reference data lists no "
        "World Languages codes, so give the https address where the course's alignment is published "
        "under 'standards_alignment'",
    )
    edit(repo, SPANISH, {"standards_alignment": "http://bluestem.example.com/alignment"})
    assert [p["code"] for p in run_check(repo)[1]["problems"]] == ["SCH03", "TXT02"]  # https only


def test_a_language_course_needs_a_certificate_in_that_language(tmp_path: Path) -> None:
    """Any world-language certificate once covered any language course."""
    repo = copy_catalog(tmp_path)
    edit(repo, SPANISH, {"teacher_certification.areas": ["French"]})
    [problem] = problems_with(run_check(repo)[1], "CRT03")
    assert (problem["file"], problem["message"]) == (
        SPANISH,
        "no certification area listed qualifies a teacher for SMP-WL-101 (Spanish I) in grades 9, 10, "
        "11, 12: add the area the teacher of record holds for those grades (for this course: Spanish), or "
        "narrow the course's grades",
    )
    edit(repo, SPANISH, {"teacher_certification.areas": ["French", "Spanish"]})
    assert problems_with(run_check(repo)[1], "CRT03") == []


def test_the_course_number_crosswalk_names_known_numbers_and_areas() -> None:
    reference = load_reference(REPO / "catalog/reference", REPO)
    assert set(reference.course_number_areas) <= set(reference.course_numbers)
    assert {a for areas in reference.course_number_areas.values() for a in areas} <= set(
        reference.certification_areas
    )
    # Every language and science course number is judged by its own areas, not its broad subject.
    broad = {"World Languages", "Science"}
    assert {n for n, row in reference.course_numbers.items() if row.subject in broad} == set(
        reference.course_number_areas
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"full_time_program": DELETE},
            "full_time_program",
            "a full-time hosted program must say how it handles appeals and disenrollments: add "
            "'full_time_program' with enrollment_appeals (the web address of the posted appeals process), "
            "appeal_decision_business_days, parent_heard_before_disenrollment and "
            "disenrollment_notice_business_days",
        ),
        (
            {"full_time_program.parent_heard_before_disenrollment": False},
            "full_time_program.parent_heard_before_disenrollment",
            "the parent must have the opportunity to present information before any final disenrollment "
            "decision: give that opportunity, then set 'parent_heard_before_disenrollment: true'",
        ),
        (
            {"full_time_program.disenrollment_notice_business_days": 6},
            "full_time_program.disenrollment_notice_business_days",
            "the student's resident district must be told of a disenrollment in writing within 5 business "
            "days, not 6",
        ),
    ],
)
def test_each_full_time_program_obligation(
    tmp_path: Path, changes: dict[str, Any], field: str, message: str
) -> None:
    repo = copy_catalog(tmp_path)
    hosted = "catalog/providers/heartland-virtual-school/provider.yaml"
    edit(repo, hosted, changes)
    assert [(p["field"], p["message"]) for p in problems_with(run_check(repo)[1], "PRV16")] == [
        (field, message)
    ]


def test_invoices_show_progress_and_grade(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    edit(repo, PROVIDER, {"billing.shows_progress_and_grade": False})
    [problem] = problems_with(run_check(repo)[1], "PRV13")
    assert (problem["field"], problem["message"]) == (
        "billing.shows_progress_and_grade",
        "each invoice must include the student's overall progress and current grade in the course: set "
        "'shows_progress_and_grade: true' once invoices do",
    )


# Rules whose one compliant value is the demo's own: no other compliant edit exists.
ONLY_THE_DEMO_COMPLIES = {
    "CAT04": "a course file's provider is its folder's: the demo's",
    "PRV11": "integration with the district's information system is true or it is not",
    "PRV13": "invoices are monthly, based on completion, with progress and grade: the demo's",
    "PRV17": "the attestation is true or it is not",
}


@pytest.mark.parametrize("code", sorted(set(CASES) - set(ONLY_THE_DEMO_COMPLIES)))
def test_each_compliant_case_is_an_edit_of_its_own(tmp_path: Path, code: str) -> None:
    """A compliant case equal to the unchanged demo would pass whatever the rule does."""
    case = CASES[code]
    repo = _prepare(tmp_path, case, passing=True)
    source = case.extra_file[0] if case.extra_file else case.file
    demo = yaml.safe_load((REPO / source).read_text(encoding="utf-8"))
    edited = yaml.safe_load((repo / case.file).read_text(encoding="utf-8"))
    added = case.passing_file is not None and not (REPO / case.passing_file[1]).exists()
    assert edited != demo or added, f"{code}'s compliant case changes nothing"


def test_a_provider_submission_that_names_no_catalog_is_told_which_one_is_open(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    edit(repo, PROVIDER, {"authorization": {"status": "submitted"}})
    [problem] = problems_with(run_check(repo, PROVIDER, as_of=D(2027, 1, 2))[1], "WIN02")
    where = (problem["file"], problem["line"], problem["field"])
    assert where == (PROVIDER, line_of(repo, PROVIDER, "id:"), "id")
    assert problem["message"] == (
        "a provider submission names the catalog it is for, as a course does: add "
        "`catalog: spring 2028` (open until July 1, 2027)"
    )
    # on the deadline day itself the window is still open
    edit(repo, PROVIDER, {"catalog": "fall 2027"})
    assert problems_with(run_check(repo, PROVIDER, as_of=D(2027, 1, 1))[1], "WIN02") == []
    [late] = problems_with(run_check(repo, PROVIDER, as_of=D(2027, 1, 2))[1], "WIN02")
    assert late["field"] == "catalog"


def test_term_dates_that_disagree_are_each_named(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    fall = {"term": "fall", "starts": D(2027, 8, 16), "ends": D(2027, 12, 17)}
    edit(
        repo,
        COURSE,
        {
            "terms_offered": ["fall"],
            "schedule.terms": [{**fall, "term": "spring"}, fall, {**fall, "enroll_by": D(2027, 12, 18)}],
        },
    )
    found = [(p["field"], p["message"]) for p in problems_with(run_check(repo)[1], "CRS04")]
    assert found == [  # in the order of the file's lines
        ("schedule.terms #1", "enrollment is by deadline: give the spring term's 'enroll_by' date (or make "
         "enrollment rolling)"),
        ("schedule.terms #1.term", "the course is not offered in spring ('terms_offered' lists fall): "
         "remove these dates or add the term"),
        ("schedule.terms #1.starts", "a spring term starts between December and March, and this one "
         "starts on August 16, 2027: correct the date or the term"),
        ("schedule.terms #2", "enrollment is by deadline: give the fall term's 'enroll_by' date (or make "
         "enrollment rolling)"),
        ("schedule.terms #3.term", "fall is given dates twice: keep one"),
        ("schedule.terms #3.enroll_by", "the day to enroll by, December 18, 2027, is after the term ends on "
         "December 17, 2027: correct it"),
    ]  # fmt: skip


def test_courses_approved_before_the_schedule_fields_are_not_made_wrong(tmp_path: Path) -> None:
    repo = copy_catalog(tmp_path)
    edit(repo, COURSE, {"schedule": DELETE, "technology_requirements": DELETE})
    assert problems_with(run_check(repo)[1], "CRS03") == []  # approved, not submitted: not judged
    edit(repo, COURSE, SUBMITTED_FALL)
    found = [(p["field"], p["message"]) for p in problems_with(run_check(repo, COURSE)[1], "CRS03")]
    assert [field for field, _ in found] == ["schedule", "technology_requirements"]


def test_a_whole_catalog_check_does_not_re_judge_a_window_the_gate_judged(tmp_path: Path) -> None:
    """An entry still marked submitted on main (its review ran past the deadline) is not late."""
    repo = copy_catalog(tmp_path)
    edit(repo, COURSE, {"review": {"status": "submitted"}, "catalog": "fall 2027"})
    later = D(2027, 3, 1)  # after fall 2027 closed on January 1
    assert problems_with(run_check(repo, as_of=later)[1], "WIN01") == []
    [named] = problems_with(run_check(repo, COURSE, as_of=later)[1], "WIN01")
    assert named["file"] == COURSE


@pytest.mark.parametrize(
    ("term", "starts", "in_season"),
    [
        ("fall", D(2027, 7, 1), True),
        ("fall", D(2027, 10, 31), True),
        ("fall", D(2027, 6, 30), False),
        ("fall", D(2027, 11, 1), False),
        ("spring", D(2026, 12, 1), True),
        ("spring", D(2027, 3, 31), True),
        ("spring", D(2026, 11, 30), False),
        ("spring", D(2027, 4, 1), False),
    ],
)
def test_a_term_starts_in_its_season(tmp_path: Path, term: str, starts: dt.date, in_season: bool) -> None:
    repo = copy_catalog(tmp_path)
    dates = {"term": term, "starts": starts, "ends": starts + dt.timedelta(days=120), "enroll_by": starts}
    edit(repo, COURSE, {"terms_offered": [term], "schedule.terms": [dates]})
    found = [p["field"] for p in problems_with(run_check(repo)[1], "CRS04")]
    assert found == ([] if in_season else ["schedule.terms #1.starts"])
