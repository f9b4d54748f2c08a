"""``mocap new course|provider``: a new catalog file with comments that guide the writer.

The values come from flags, or from questions when the command runs in a terminal. The file is
valid against the schema from the start, and never written over an existing one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from checks.catalog import FILE_NAME
from checks.layout import COURSES_DIR, PROVIDER_FILE, PROVIDERS_DIR
from checks.models.course import Course
from checks.models.provider import Provider
from checks.records import error_summaries
from checks.yamlfile import YamlProblem, parse

COURSE_FIELDS = {
    "state_course_number": "State course number (from DESE's course code list)",
    "title": "Course title",
    "subject": "Subject (as in catalog/reference/subjects.csv, e.g. Mathematics)",
    "grades": "Grades (e.g. 9-12)",
    "length": "Length: semester or year",
    "credit": "Credit in Carnegie units (e.g. 0.5)",
    "price": "Price per student in US dollars",
    "program_code": "Program code: 50 (your teacher teaches) or 52 (curriculum only)",
}


class ScaffoldRefused(Exception):
    """The file cannot be created; the message says why."""


@dataclass(frozen=True)
class CourseAnswers:
    provider: str
    name: str
    values: dict[str, str]


def gather(values: dict[str, str | None], ask: Callable[[str], str] | None) -> dict[str, str]:
    """Every course field: the flags given, then answers to questions for the rest (when
    ``ask`` is given, in a terminal). Raises ScaffoldRefused naming what is still missing."""
    found = {k: v for k, v in values.items() if v}
    for field, question in COURSE_FIELDS.items():
        if field not in found and ask is not None:
            answer = ask(f"{question}: ").strip()
            if answer:
                found[field] = answer
    missing = [f"--{f.replace('_', '-')}" for f in COURSE_FIELDS if f not in found]
    if missing:
        raise ScaffoldRefused(f"give {', '.join(missing)} (or run ./mocap new in a terminal to be asked)")
    return found


def write_course(catalog_root: Path, answers: CourseAnswers, catalog_term: str, today: dt.date) -> Path:
    _check_name("--provider", answers.provider)
    _check_name("--name", answers.name)
    provider_folder = catalog_root / PROVIDERS_DIR / answers.provider
    if not (provider_folder / PROVIDER_FILE).is_file():
        raise ScaffoldRefused(f"there is no provider '{answers.provider}' in {catalog_root / PROVIDERS_DIR}")
    path = provider_folder / COURSES_DIR / f"{answers.name}.yaml"
    if path.exists():
        raise ScaffoldRefused(f"{path} already exists: choose another --name (mocap new never overwrites)")
    _write_new(path, course_text(answers, catalog_term, today), Course, "course")
    return path


def course_text(answers: CourseAnswers, catalog_term: str, today: dt.date) -> str:
    v = {k: json.dumps(value) for k, value in answers.values.items()}  # JSON strings are YAML strings
    taught_by_provider = answers.values["program_code"] == "50"
    teacher = (
        f"""
# Program code 50: the certification areas your teacher of record holds (no names) and the day
# you attested it. Areas are listed in catalog/reference/certification_areas.csv.
teacher_certification:
  areas:
    - {v["subject"]}
  attested_on: {today.isoformat()}
# The most students in one section (the MSIP class-size standard applies).
max_students_per_section: 25
"""
        if taught_by_provider
        else ""
    )
    return f"""# yaml-language-server: $schema=../../../../schemas/course.schema.json
# A MOCAP course. Fill in every field, then check it with:
#   ./mocap check catalog/{PROVIDERS_DIR}/{answers.provider}/{COURSES_DIR}/{answers.name}.yaml
# What each field means, and which clause of the law asks for it: the site's field reference.
state_course_number: {v["state_course_number"]}
title: {v["title"]}
provider: {answers.provider}
subject: {v["subject"]}
grades: {v["grades"]}
length: {answers.values["length"]}
credit: {answers.values["credit"]}
program_code: {answers.values["program_code"]}
# core, elective, ap, honors, cte, dual credit, credit recovery (one or more)
course_types:
  - core
ncaa_approved: false
# What students learn and how the course runs. Plain text; *emphasis*, lists and https links work.
description: "Replace this with the course description."
# The price must be at most 7% (semester) or 14% (year) of the state adequacy target.
price: {answers.values["price"]}
# Missouri Learning Standards codes the course is aligned to (required for a core course).
standards: []
{teacher}
# Your accessibility conformance report (e.g. a VPAT) and the day it was reviewed.
accessibility:
  standard: WCAG 2.0 AA
  evidence: https://example.org/replace-with-your-accessibility-report
  reviewed_on: {today.isoformat()}
# The catalog this submission is for: fall catalogs close January 1, spring catalogs July 1.
catalog: {catalog_term}
terms_offered:
  - fall
  - spring
# Leave this as it is: DESE reviewers record their decision here.
review:
  status: submitted
"""


def write_provider(
    catalog_root: Path, provider_id: str, legal_name: str, kind: str, maintainer: str, today: dt.date
) -> Path:
    """A provider file for a reviewer to complete with the provider (only reviewers add them)."""
    _check_name("--provider", provider_id)
    path = catalog_root / PROVIDERS_DIR / provider_id / PROVIDER_FILE
    if path.exists():
        raise ScaffoldRefused(f"{path} already exists (mocap new never overwrites)")
    _write_new(path, provider_text(provider_id, legal_name, kind, maintainer, today), Provider, "provider")
    return path


def _check_name(flag: str, name: str) -> None:
    """Ids and file names are lowercase letters, digits and hyphens: nothing can point elsewhere."""
    if not FILE_NAME.fullmatch(f"{name}.yaml"):
        raise ScaffoldRefused(
            f"{flag} '{name}' must be lowercase letters, digits and hyphens (e.g. algebra-i)"
        )


def _write_new(path: Path, text: str, model: type[BaseModel], what: str) -> None:
    """Write ``text`` once it validates as ``model``."""
    try:
        model.model_validate(parse(text))
    except ValidationError as exc:
        raise ScaffoldRefused(f"the answers do not make a valid {what} ({error_summaries(exc)[0]})") from None
    except YamlProblem as exc:
        raise ScaffoldRefused(f"the answers do not make a valid {what}: {exc.message}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def provider_text(provider_id: str, legal_name: str, kind: str, maintainer: str, today: dt.date) -> str:
    day = today.isoformat()
    identity = (
        "# The LEA's six-digit county-district code.\ncounty_district_code: '000000'\n"
        if kind == "lea"
        else ""
    )
    business = (
        ""
        if kind == "lea"
        else "# Required unless an LEA provides the services directly.\nbusiness_certification:\n"
        f"  certified_on: {day}\n  business_status: true\n  enrollment_documentation: true\n"
        "  work_authorization: true\n"
    )
    return f"""# yaml-language-server: $schema=../../../schemas/provider.schema.json
# A MOCAP provider. Replace every example value, then run:
#   ./mocap check catalog/{PROVIDERS_DIR}/{provider_id}/provider.yaml
id: {provider_id}
legal_name: {json.dumps(legal_name)}
kind: {kind}
{identity}# true only for an LEA that hosts a full-time virtual program (then policies.disenrollment too).
full_time_hosted_program: false
# The organization's public contact: never a person's own address or phone.
public_contact:
  email: mocap@example.org
  phone: 573-555-0100
  website: https://example.org/
communication:
  # How students reach their teachers: at least two of email, phone, office hours, online chat,
  # video conference, text message.
  student_methods: [email, phone]
  # A direct way to speak with their own teacher: not a shared hold line.
  direct_verbal:
    method: scheduled phone call
    description: Replace with how a student speaks with their own teacher.
  teacher_response_hours: 24
  teacher_interactions_per_week: 1
  lea_methods: [email, phone]
# Web addresses of the policies on the provider's website.
policies:
  academic_integrity: https://example.org/policies/academic-integrity
  internet_etiquette: https://example.org/policies/netiquette
  plagiarism: https://example.org/policies/plagiarism
  privacy: https://example.org/policies/privacy
data_security:
  # The department's FERPA attestation, signed by the LEA's designee (a title, not published).
  ferpa_attestation:
    signed_by: Replace with the designee
    title: Replace with their title
    signed_on: {day}
  breach_notification_hours: 24
  cloud_service_agreement_review_on: {day}
accommodations_checklist:
  signed_on: {day}
  offered: [extended time]
{business}# Write [] where there is nothing to disclose.
disclosures:
  services_outside_united_states: []
  conflicts_of_interest: []
  subcontractors: []
student_information_system:
  integrated: true
progress_reporting:
  reports_per_year: 4
  portal_update_days: 7
billing:
  frequency: monthly
  based_on_completion: true
# GitHub logins that may change this provider's files.
maintainers:
  - {maintainer}
# Leave this as it is: DESE reviewers record their decision here.
authorization:
  status: submitted
"""
