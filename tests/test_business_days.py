"""Business days against the real holiday reference data."""

from __future__ import annotations

import datetime as dt

import pytest

from checks.business_days import BusinessCalendar, OutsideCalendar
from checks.reference.load import load_reference
from tests.helpers import REPO


@pytest.fixture(scope="module")
def calendar() -> BusinessCalendar:
    return BusinessCalendar.of(load_reference(REPO / "catalog/reference", REPO).holidays)


@pytest.mark.parametrize(
    ("start", "count", "due"),
    [
        # Tuesday before Thanksgiving (a holiday): Nov 25, 27, 30, Dec 1-4, 7-9
        (dt.date(2026, 11, 24), 10, dt.date(2026, 12, 9)),
        (dt.date(2026, 11, 24), 12, dt.date(2026, 12, 11)),
        # a plain fortnight: Monday to the Monday two weeks on
        (dt.date(2026, 3, 2), 10, dt.date(2026, 3, 16)),
        # received on a Saturday: the first business day is Monday
        (dt.date(2026, 3, 7), 1, dt.date(2026, 3, 9)),
        # over Independence Day (observed Friday July 3) and the weekend
        (dt.date(2026, 7, 2), 1, dt.date(2026, 7, 6)),
        (dt.date(2026, 7, 2), 0, dt.date(2026, 7, 2)),
    ],
)
def test_adding_business_days(calendar: BusinessCalendar, start: dt.date, count: int, due: dt.date) -> None:
    assert calendar.add(start, count) == due


def test_holidays_and_weekends_are_not_business_days(calendar: BusinessCalendar) -> None:
    assert not calendar.is_business_day(dt.date(2026, 11, 26))  # Thanksgiving
    assert not calendar.is_business_day(dt.date(2026, 11, 28))  # Saturday
    assert calendar.is_business_day(dt.date(2026, 11, 27))


def test_a_count_into_an_unlisted_year_refuses_to_guess(calendar: BusinessCalendar) -> None:
    with pytest.raises(OutsideCalendar, match="the state holidays of 2030 are not in the reference data"):
        calendar.add(dt.date(2029, 12, 24), 10)


def test_a_count_across_the_new_year_uses_the_next_years_holidays(calendar: BusinessCalendar) -> None:
    # Christmas Eve 2026: Dec 28-31, then New Year's Day 2027 is skipped, Jan 4-8 and 11.
    assert calendar.add(dt.date(2026, 12, 24), 10) == dt.date(2027, 1, 11)
