"""Business days: weekdays that are not state holidays (5 CSR 20-100.230(2)(B)5 defines a
business day as "any non-holiday weekday"). One function counts them for every deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class OutsideCalendar(Exception):
    """The count runs into a year whose holidays the reference data does not list."""


@dataclass(frozen=True)
class BusinessCalendar:
    holidays: frozenset[dt.date]
    years: frozenset[int]  # the years whose holidays are known

    @classmethod
    def of(cls, holidays: frozenset[dt.date]) -> BusinessCalendar:
        return cls(holidays, frozenset(day.year for day in holidays))

    def is_business_day(self, day: dt.date) -> bool:
        if day.year not in self.years:
            raise OutsideCalendar(f"the state holidays of {day.year} are not in the reference data")
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start: dt.date, count: int) -> dt.date:
        """The ``count``-th business day after ``start``; the day of ``start`` itself is not
        counted (a request received on a Tuesday starts its period on the next business day)."""
        day = start
        remaining = count
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_business_day(day):
                remaining -= 1
        return day
