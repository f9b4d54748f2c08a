"""Every boundary a rule defines, tested on both sides of its exact edge: the last value or
day that passes and the first that fails. Each edit is made to a real copy of the demo
catalog and checked with the real command; the cases in test_rules.py cover the rest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from checks.yamlfile import MAX_FILE_BYTES
from tests.helpers import (
    AP_COURSE,
    AS_OF,
    COURSE,
    PROVIDER,
    copy_catalog,
    edit,
    problems_with,
    run_check,
)

D = dt.date
SPANISH = "catalog/providers/bluestem-learning/courses/spanish-i.yaml"  # a full-year course
PRAIRIE = "catalog/providers/prairie-valley-virtual/courses"
SUBMITTED_COURSE = {"review": {"status": "submitted"}}
SUBMITTED_PROVIDER = {"authorization": {"status": "submitted"}}


@dataclass(frozen=True)
class Edge:
    code: str
    file: str
    inside: dict[str, Any]  # the last value that passes
    outside: dict[str, Any]  # the first that fails
    inside_day: dt.date = AS_OF
    outside_day: dt.date = AS_OF
    named: bool = False  # checked as `mocap check FILE`, where submission windows are judged


def _day_edge(code: str, file: str, changes: dict[str, Any], last: dt.date) -> Edge:
    """The same file on the last day it passes and on the day after."""
    return Edge(code, file, changes, changes, last, last + dt.timedelta(days=1), named=True)


EDGES: dict[str, Edge] = {
    "WIN01 fall closes January 1": _day_edge(
        "WIN01", COURSE, {**SUBMITTED_COURSE, "catalog": "fall 2027"}, D(2027, 1, 1)
    ),
    "WIN01 spring closes July 1": _day_edge(
        "WIN01", COURSE, {**SUBMITTED_COURSE, "catalog": "spring 2027"}, D(2026, 7, 1)
    ),
    "WIN02 spring closes July 1": _day_edge(
        "WIN02", PROVIDER, {**SUBMITTED_PROVIDER, "catalog": "spring 2027"}, D(2026, 7, 1)
    ),
    "PRC01 year-long cap 14%": Edge("PRC01", SPANISH, {"price": 1000.30}, {"price": 1000.31}),
    "PRC02 last school year with a basis": Edge(
        "PRC02", COURSE, {"catalog": "spring 2028"}, {"catalog": "fall 2028"}
    ),
    "PRV10 business certification one year": Edge(
        "PRV10",
        PROVIDER,
        {"business_certification.certified_on": D(2025, 11, 24)},
        {"business_certification.certified_on": D(2025, 11, 23)},
    ),
    "PRV06 attestation dated today, not tomorrow": Edge(
        "PRV06",
        PROVIDER,
        {"data_security.ferpa_attestation.signed_on": AS_OF},
        {"data_security.ferpa_attestation.signed_on": AS_OF + dt.timedelta(days=1)},
    ),
    "CRT01 attestation dated today, not tomorrow": Edge(
        "CRT01",
        COURSE,
        {"teacher_certification.attested_on": AS_OF},
        {"teacher_certification.attested_on": AS_OF + dt.timedelta(days=1)},
    ),
    "APA01 audit not of a later school year": Edge(
        "APA01",
        AP_COURSE,
        {"ap_course_audit.school_year": "2026-27"},
        {"ap_course_audit.school_year": "2027-28"},
    ),
    "CLS01 grades 7-12 at most 33": Edge(
        "CLS01", COURSE, {"max_students_per_section": 33}, {"max_students_per_section": 34}
    ),
    "CLS01 grades K-2 at most 25": Edge(
        "CLS01",
        f"{PRAIRIE}/grade-1-mathematics.yaml",
        {"max_students_per_section": 25},
        {"max_students_per_section": 26},
    ),
    "CLS01 grades 3-4 at most 27": Edge(
        "CLS01",
        f"{PRAIRIE}/grade-3-weather-and-climate.yaml",
        {"max_students_per_section": 27},
        {"max_students_per_section": 28},
    ),
    "CLS01 grades 5-6 at most 30": Edge(
        "CLS01",
        f"{PRAIRIE}/grade-5-6-earth-and-space.yaml",
        {"max_students_per_section": 30},
        {"max_students_per_section": 31},
    ),
    "CLS01 a 6-8 span keeps the stricter 5-6 limit": Edge(
        "CLS01",
        f"{PRAIRIE}/middle-school-earth-science.yaml",
        {"max_students_per_section": 30},
        {"max_students_per_section": 31},
    ),
    "PRV02 two ways for the LEA to reach teachers": Edge(
        "PRV02",
        PROVIDER,
        {"communication.lea_methods": ["email", "phone"]},
        {"communication.lea_methods": ["email", "email"]},
    ),
    "PRV07 breach reported within 24 hours": Edge(
        "PRV07",
        PROVIDER,
        {"data_security.breach_notification_hours": 24},
        {"data_security.breach_notification_hours": 25},
    ),
    "PRV12 portal updated at least weekly": Edge(
        "PRV12",
        PROVIDER,
        {"progress_reporting.portal_update_days": 7},
        {"progress_reporting.portal_update_days": 8},
    ),
    "REN01 renewal due today has not lapsed": Edge(
        "REN01",
        COURSE,
        {"review.approved_on": D(2023, 11, 24), "review.renewal_due": D(2026, 11, 24)},
        {"review.approved_on": D(2023, 11, 23), "review.renewal_due": D(2026, 11, 23)},
    ),
    # REN02 warns from the warning period's start up to the due day itself; a day earlier REN01.
    "REN02 a renewal due today is still warned of": Edge(
        "REN02",
        COURSE,
        {"review.approved_on": D(2023, 11, 23), "review.renewal_due": D(2026, 11, 23)},
        {"review.approved_on": D(2023, 11, 24), "review.renewal_due": D(2026, 11, 24)},
    ),
    "REN03 renewal at most three years after approval": Edge(
        "REN03",
        COURSE,
        {"review.approved_on": D(2025, 2, 15), "review.renewal_due": D(2028, 2, 15)},
        {"review.approved_on": D(2025, 2, 15), "review.renewal_due": D(2028, 2, 16)},
    ),
    "REN03 three years after February 29": Edge(
        "REN03",
        COURSE,
        {"review.approved_on": D(2024, 2, 29), "review.renewal_due": D(2027, 2, 28)},
        {"review.approved_on": D(2024, 2, 29), "review.renewal_due": D(2027, 3, 1)},
    ),
    "REN03 renewal after the approval": Edge(
        "REN03",
        COURSE,
        {"review.approved_on": D(2026, 2, 15), "review.renewal_due": D(2026, 2, 16)},
        {"review.approved_on": D(2026, 2, 15), "review.renewal_due": D(2026, 2, 15)},
    ),
    "SDG01 a MOSIS id has ten digits, not eleven": Edge(
        "SDG01",
        COURSE,
        {"description": "Reference student 12345678901 is a catalog number."},
        {"description": "Reference student 1234567890 is a catalog number."},
    ),
    "SDG03 a certificate number has four digits or more": Edge(
        "SDG03", COURSE, {"description": "See certificate 123."}, {"description": "See certificate 1234."}
    ),
    "SDG03 a name with a number of five digits or more": Edge(
        "SDG03", COURSE, {"description": "Ask Mrs. Smith 1234."}, {"description": "Ask Mrs. Smith 12345."}
    ),
}


def _found(tmp_path: Path, edge: Edge, inside: bool) -> list[dict[str, Any]]:
    repo = copy_catalog(tmp_path / ("inside" if inside else "outside"))
    edit(repo, edge.file, edge.inside if inside else edge.outside)
    paths = (edge.file,) if edge.named else ()
    _, report, _ = run_check(repo, *paths, as_of=edge.inside_day if inside else edge.outside_day)
    return [p for p in problems_with(report, edge.code) if p["file"] == edge.file]


@pytest.mark.parametrize("name", sorted(EDGES))
def test_each_boundary_passes_at_its_edge_and_fails_one_step_past_it(tmp_path: Path, name: str) -> None:
    edge = EDGES[name]
    assert _found(tmp_path, edge, inside=True) == [], f"{name}: the last value that passes fails"
    assert _found(tmp_path, edge, inside=False), f"{name}: the first value past the edge passes"


def test_a_file_of_exactly_the_size_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    for size, refused in ((MAX_FILE_BYTES, False), (MAX_FILE_BYTES + 1, True)):
        repo = copy_catalog(tmp_path / str(size))
        path = repo / COURSE
        text = path.read_text(encoding="utf-8")
        padding = size - len(text.encode()) - len("#\n")
        path.write_text(text + "#" + "x" * padding + "\n", encoding="utf-8")
        assert path.stat().st_size == size
        found = problems_with(run_check(repo, COURSE)[1], "YML01")
        assert bool(found) is refused, (size, found)


def test_the_holiday_horizon_moves_the_day_after_a_deadline(tmp_path: Path) -> None:
    """Holidays are needed through the school year of the last catalog in play: on January 1,
    2027 that is spring 2028 (school year 2027-28); a day later fall 2028 joins (2028-29),
    and 2029's holidays are needed."""
    repo = copy_catalog(tmp_path)
    table = repo / "catalog/reference/state_holidays.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(line for line in lines if not line.startswith("2029-")), encoding="utf-8")

    def holiday_gaps(day: dt.date) -> list[dict[str, Any]]:
        report = run_check(repo, as_of=day)[1]
        return [p for p in problems_with(report, "REF02") if "state_holidays" in p["file"]]

    assert holiday_gaps(D(2027, 1, 1)) == []
    [gap] = holiday_gaps(D(2027, 1, 2))
    assert "2029" in gap["message"]
