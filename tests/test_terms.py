"""Catalog terms: deadlines, school years and the next catalog still open."""

from __future__ import annotations

import datetime as dt

import pytest

from checks.reference.load import load_reference, normalize_standard_code
from checks.terms import CatalogTerm, next_open_term, submission_date
from tests.helpers import REPO

PROGRAM = load_reference(REPO / "catalog/reference", REPO).program


@pytest.mark.parametrize(
    ("term", "deadline", "school_year"),
    [
        ("fall 2027", dt.date(2027, 1, 1), "2027-28"),
        ("spring 2027", dt.date(2026, 7, 1), "2026-27"),
        ("spring 2028", dt.date(2027, 7, 1), "2027-28"),
    ],
)
def test_deadline_and_school_year(term: str, deadline: dt.date, school_year: str) -> None:
    parsed = CatalogTerm.parse(term)
    assert parsed.deadline(PROGRAM) == deadline
    assert parsed.school_year == school_year


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 7, 1), "spring 2027"),  # the deadline day itself is still open
        (dt.date(2026, 7, 2), "fall 2027"),
        (dt.date(2027, 1, 1), "fall 2027"),
        (dt.date(2027, 1, 2), "spring 2028"),
    ],
)
def test_next_open_term(as_of: dt.date, expected: str) -> None:
    assert str(next_open_term(as_of, PROGRAM)) == expected


@pytest.mark.parametrize("code", ["A1.DS.A.4a", "A1.DS.A.4.a", "A1.NQ.B.3a", "A1.NQ.B.3.a"])
def test_both_sub_letter_spellings_find_the_standard(code: str) -> None:
    reference = load_reference(REPO / "catalog/reference", REPO)
    assert normalize_standard_code(code) in reference.standards


def test_the_submission_date_is_the_missouri_day_and_never_later_than_today() -> None:
    now = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)
    # 11:30 pm in Missouri on January 1 is already January 2 in UTC: still in time for fall.
    assert submission_date("2027-01-02T05:30:00Z", now) == dt.date(2027, 1, 1)
    assert submission_date("2027-02-01T00:00:00Z", now) == dt.date(2027, 1, 10)  # a claimed future push
    assert submission_date("", now) == submission_date("not a time", now) == dt.date(2027, 1, 10)
    assert submission_date("2026-12-01T10:00:00", now) == dt.date(2027, 1, 10)  # no zone: not trusted
