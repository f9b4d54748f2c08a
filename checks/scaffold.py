"""``mocap new course|provider``: a new catalog file with a comment above every field.

What the writer answered goes in as answered (each answer checked, ``checks/questions.py``);
what they did not is left for them: a text marked ``REPLACE:``, an address on
``replace-me.invalid``, or an empty date. The scaffold never attests for anyone: every
attestation date stays empty until the person who attests writes it, and the check fails until
they do (PLH01, SCH03). A file written from complete answers passes ``mocap check``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from checks.catalog import FILE_NAME
from checks.layout import COURSES_DIR, PROVIDER_FILE, PROVIDERS_DIR
from checks.models.course import Course
from checks.models.provider import Provider
from checks.problems import format_field_path
from checks.questions import Answers, ScaffoldRefused
from checks.records import error_summaries
from checks.rules.placeholders import PLACEHOLDER_DOMAIN, PLACEHOLDER_MARK
from checks.yamlfile import YamlProblem, parse

_ATTEST = (
    "the day you attest it, YYYY-MM-DD: attesting means you declare it true and can show DESE the evidence"
)


# What a course file says where an optional question was not answered (the certification areas
# default to the course's subject where it is an area, else AREA_TO_FILL). The propose page fills
# in the same (checks/site/propose.py).
COURSE_DEFAULTS: dict[str, object] = {
    "max_students_per_section": 25,
    "course_types": ["core"],
    "ncaa_approved": False,
    "description": f"{PLACEHOLDER_MARK} what students learn and how the course runs.",
    "standards_alignment": f"https://{PLACEHOLDER_DOMAIN}/standards-alignment",
    "accessibility_standard": "WCAG 2.0 AA",
    "accessibility_evidence": f"https://{PLACEHOLDER_DOMAIN}/accessibility-report",
}


# The area left to fill in when none was given and the subject is not an area itself (Science:
# Biology, Chemistry, ...): the subject would name no area and fail CRT02.
AREA_TO_FILL = f"{PLACEHOLDER_MARK} the certification area your teacher of record holds"


class Slot:
    """An answer left open in a course file's skeleton: the propose page writes the skeleton
    (``course_text`` given slots) and fills each slot as ``_text`` and ``_list`` would."""

    def __init__(self, name: str) -> None:
        self.name = name

    def token(self, kind: str, indent: str = "") -> str:
        return f"\0{kind}|{self.name}|{indent}\0"

    def __str__(self) -> str:
        return self.token("raw")


@dataclass(frozen=True)
class CourseAnswers:
    provider: str
    name: str
    values: Answers
    subject_has_codes: bool = True  # the reference lists Learning Standards codes for the subject
    subject_is_area: bool = True  # the subject is itself a certification area (Mathematics)


def _text(value: object) -> str:
    """A value as YAML: text in double quotes (JSON strings are YAML strings), the rest as is."""
    if value is None:
        return ""
    if isinstance(value, Slot):
        return value.token("text")
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def _list(values: list[object] | Slot | None, indent: str = "  ") -> str:
    if isinstance(values, Slot):
        return values.token("list", indent)
    return "".join(f"\n{indent}- {_text(v)}" for v in values) if values else " []"


def write_course(catalog_root: Path, answers: CourseAnswers, catalog_term: str) -> Path:
    _check_name("--provider", answers.provider)
    _check_name("--name", answers.name)
    provider_folder = catalog_root / PROVIDERS_DIR / answers.provider
    if not (provider_folder / PROVIDER_FILE).is_file():
        raise ScaffoldRefused(f"there is no provider '{answers.provider}' in {catalog_root / PROVIDERS_DIR}")
    path = provider_folder / COURSES_DIR / f"{answers.name}.yaml"
    if path.exists():
        raise ScaffoldRefused(f"{path} already exists: choose another --name (mocap new never overwrites)")
    _write_new(path, course_text(answers, catalog_term), Course, "course")
    return path


def course_text(answers: CourseAnswers, catalog_term: str) -> str:
    a = {**COURSE_DEFAULTS, **{k: v for k, v in answers.values.items() if v not in (None, "", [])}}
    file = f"catalog/{PROVIDERS_DIR}/{answers.provider}/{COURSES_DIR}/{answers.name}.yaml"
    teacher = ""
    if a["program_code"] == 50:
        areas = a.get("certification_areas") or [a["subject"] if answers.subject_is_area else AREA_TO_FILL]
        teacher = f"""
# Program code 50: the certification areas your teacher of record holds (never names or
# certificate numbers); the areas are listed in catalog/reference/certification_areas.csv.
teacher_certification:
  areas:{_list(areas, "    ")}
  # {_ATTEST}.
  attested_on: {_text(a.get("attested_on"))}
# The most students in one section (the MSIP class-size standard for the grades applies).
max_students_per_section: {_text(a["max_students_per_section"])}
"""
    alignment = ""
    if aligned_by_address(answers):
        alignment = (
            "# No codes cited above (the reference lists none for some subjects): the https address\n"
            "# where the course's alignment to the Missouri Learning Standards is published.\n"
            f"standards_alignment: {_text(a['standards_alignment'])}"
        )
    return f"""# yaml-language-server: $schema=../../../../schemas/course.schema.json
# A MOCAP course. Replace whatever says REPLACE or replace-me.invalid, fill in each empty date,
# then check the file with:  ./mocap check {file}
# What each field means, and the clause of the law behind it: the site's field reference.
# The state course number DESE established (catalog/reference/state_course_numbers.csv).
state_course_number: {_text(a["state_course_number"])}
# The course's title, as families will see it.
title: {_text(a["title"])}
# Your provider's id: the folder this file is in.
provider: {answers.provider}
# A subject from catalog/reference/subjects.csv.
subject: {_text(a["subject"])}
# The grade or span of grades, e.g. 9-12 (K for kindergarten).
grades: {_text(a["grades"])}
# semester or year.
length: {a["length"]}
# Credit in Carnegie units, e.g. 0.5 for a semester.
credit: {a["credit"]}
# 50: taught by your Missouri-certified teacher; 52: the district's teacher uses your curriculum.
program_code: {a["program_code"]}
# One or more of: core, elective, ap, honors, cte, dual credit, credit recovery.
course_types:{_list(a["course_types"])}
# true when the NCAA has approved the course for its eligibility rules.
ncaa_approved: {_text(a["ncaa_approved"])}
# What students learn and how the course runs. Plain text; *emphasis*, lists and https links work.
description: {_text(a["description"])}
# US dollars a district pays for one student: at most 7% (semester) or 14% (year) of the state
# adequacy target. Write a plain number, without $ or commas.
price: {a["price"]}
# The Missouri Learning Standards codes the course is aligned to, one per line.
standards:{_list(a.get("standards"))}
{alignment}
{teacher}
# Your accessibility conformance report (e.g. a VPAT): the standard, its web address and the
# day it was reviewed.
accessibility:
  standard: {_text(a["accessibility_standard"])}
  evidence: {_text(a["accessibility_evidence"])}
  reviewed_on: {_text(a.get("accessibility_reviewed_on"))}
# The catalog this submission is for: fall catalogs close January 1, spring catalogs July 1.
catalog: {catalog_term}
# fall, spring, or both.
terms_offered:
  - fall
  - spring
# How the course is paced (self-paced, scheduled or blended) and when students may join
# (rolling: at any time during a term; deadline: by each term's enroll_by date). Add each
# term's dates when they are set, e.g.
#   terms:
#     - {{term: fall, starts: 2027-08-16, ends: 2027-12-17, enroll_by: 2027-08-09}}
schedule:
  pacing: {_text(a.get("pacing"))}
  enrollment: {_text(a.get("enrollment"))}
# What a student needs to take the course: device, internet, software.
technology_requirements: {_text(a.get("technology_requirements"))}
# Leave this as it is: a DESE reviewer approves by merging, and the decision is recorded here.
review:
  status: submitted
"""


def aligned_by_address(answers: CourseAnswers) -> bool:
    """The file gives ``standards_alignment``: no codes are cited, and an address was given or
    the subject has no codes to cite."""
    values = answers.values
    return not values.get("standards") and bool(
        values.get("standards_alignment") or not answers.subject_has_codes
    )


def write_provider(
    catalog_root: Path, provider_id: str, legal_name: str, kind: str, maintainer: str, catalog_term: str
) -> Path:
    """A provider file for a reviewer to complete with the provider (only reviewers add them)."""
    _check_name("--provider", provider_id)
    path = catalog_root / PROVIDERS_DIR / provider_id / PROVIDER_FILE
    if path.exists():
        raise ScaffoldRefused(f"{path} already exists (mocap new never overwrites)")
    text = provider_text(provider_id, legal_name, kind, maintainer, catalog_term)
    _write_new(path, text, Provider, "provider")
    return path


def _check_name(flag: str, name: str) -> None:
    """Ids and file names are lowercase letters, digits and hyphens: nothing can point elsewhere."""
    if not FILE_NAME.fullmatch(f"{name}.yaml"):
        raise ScaffoldRefused(
            f"{flag} '{name}' must be lowercase letters, digits and hyphens (e.g. algebra-i)"
        )


def _left_to_fill(value: object) -> bool:
    """An empty value, or a placeholder the scaffold wrote."""
    return value is None or (
        isinstance(value, str) and (PLACEHOLDER_MARK in value or PLACEHOLDER_DOMAIN in value)
    )


def unfinished(text: str) -> list[str]:
    """The fields of a scaffolded file still to fill in: placeholders and empty values."""
    left: list[str] = []
    stack: list[tuple[object, tuple[str | int, ...]]] = [(parse(text), ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            stack += [(v, (*path, str(k))) for k, v in reversed(value.items())]
        elif isinstance(value, list):
            stack += [(v, (*path, index)) for index, v in reversed(list(enumerate(value)))]
        elif _left_to_fill(value):
            left.append(format_field_path(path))
    return left


def _write_new(path: Path, text: str, model: type[BaseModel], what: str) -> None:
    """Write ``text`` once it is valid YAML whose only faults are the fields left to fill in."""
    try:
        data = parse(text)
        model.model_validate(data)
    except YamlProblem as exc:
        raise ScaffoldRefused(f"the answers do not make a valid {what}: {exc.message}") from None
    except ValidationError as exc:
        wrong = [e for e in exc.errors() if not _left_to_fill(e.get("input"))]
        if wrong:
            raise ScaffoldRefused(
                f"the answers do not make a valid {what} ({error_summaries(wrong)[0]})"
            ) from None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def provider_text(provider_id: str, legal_name: str, kind: str, maintainer: str, catalog_term: str) -> str:
    identity = (
        "# The LEA's six-digit county-district code, in quotes, e.g. '048078'.\ncounty_district_code:\n"
        "# true once certified teachers and staff design an individual learning plan for each student\n"
        "# in more than two MOCAP courses or a full-time program (161.670.3(6) RSMo).\n"
        "individual_learning_plans:\n"
        if kind == "lea"
        else ""
    )
    business = (
        ""
        if kind == "lea"
        else "# Required unless an LEA provides the services directly: the certifications made, and\n"
        f"# the day they were made ({_ATTEST}).\n"
        "business_certification:\n  certified_on:\n  business_status: true\n"
        "  enrollment_documentation: true\n  work_authorization: true\n"
    )
    site = f"https://{PLACEHOLDER_DOMAIN}"
    return f"""# yaml-language-server: $schema=../../../schemas/provider.schema.json
# A MOCAP provider. Replace whatever says REPLACE or replace-me.invalid, fill in each empty value,
# then run:  ./mocap check catalog/{PROVIDERS_DIR}/{provider_id}/provider.yaml
# The provider's id: the same as its folder's name.
id: {provider_id}
# The provider's legal name, as families will see it.
legal_name: {json.dumps(legal_name, ensure_ascii=False)}
# lea: a school district or charter school; vendor: any other provider.
kind: {kind}
{identity}# true only for an LEA that hosts a full-time virtual program (then policies.disenrollment
# and full_time_program too: see the field reference).
full_time_hosted_program: false
# The organization's public contact, shown on the site: never a person's own address or phone.
public_contact:
  email: "mocap@{PLACEHOLDER_DOMAIN}"
  # The office's number, e.g. 573-555-0100.
  phone:
  website: "{site}/"
communication:
  # How students reach their teachers: at least two of email, phone, office hours, online chat,
  # video conference, text message.
  student_methods: [email, phone]
  # A direct way to speak with their own teacher: not a shared hold line. Who answers: the
  # student's own teacher, or the next available teacher (which the rule does not accept).
  direct_verbal:
    method: scheduled phone call
    answered_by: the student's own teacher
    description: "{PLACEHOLDER_MARK} how a student speaks with their own teacher."
  # The longest a teacher takes to answer a student, in hours on school days.
  teacher_response_hours: 24
  # Planned interactions of each student with the assigned teacher per week.
  teacher_interactions_per_week: 1
  # How the enrolling LEA's staff reach the provider's teachers.
  lea_methods: [email, phone]
# Web addresses of the policies on the provider's website.
policies:
  academic_integrity: "{site}/policies/academic-integrity"
  internet_etiquette: "{site}/policies/netiquette"
  plagiarism: "{site}/policies/plagiarism"
  privacy: "{site}/policies/privacy"
data_security:
  # The department's FERPA attestation, signed by the LEA's designee (kept in the repository,
  # never published): who signed, their title, and {_ATTEST}; then the title of
  # the official who designated the signer (e.g. Superintendent) and the day of the designation.
  ferpa_attestation:
    signed_by: "{PLACEHOLDER_MARK} the designee's name"
    title: "{PLACEHOLDER_MARK} the designee's title"
    signed_on:
    designated_by: "{PLACEHOLDER_MARK} the designating official's title"
    designated_on:
  # Hours within which a data breach is reported to DESE and the LEAs.
  breach_notification_hours: 24
  # The day DESE's Cloud Service Agreement Review was completed, YYYY-MM-DD.
  cloud_service_agreement_review_on:
# The accommodations checklist: {_ATTEST}; and the accommodations offered.
accommodations_checklist:
  signed_on:
  offered: [extended time]
{business}# Write [] where there is nothing to disclose.
disclosures:
  services_outside_united_states: []
  conflicts_of_interest: []
  subcontractors: []
# Whether the provider's system is integrated with the state student information system.
student_information_system:
  integrated: true
# Progress reports to the district each year, and the days between updates of its portal.
progress_reporting:
  reports_per_year: 4
  portal_update_days: 7
# How the provider bills districts; true once each invoice gives the student's overall progress
# and current grade in the course.
billing:
  frequency: monthly
  based_on_completion: true
  shows_progress_and_grade:
# GitHub logins that may change this provider's files.
maintainers:
  - {maintainer}
# The catalog this submission is for: fall catalogs close January 1, spring catalogs July 1.
# Change it whenever this file changes (each change is a new submission).
catalog: {catalog_term}
# Leave this as it is: a DESE reviewer approves by merging, and the decision is recorded here.
authorization:
  status: submitted
"""
