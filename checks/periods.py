"""Counting a period (``1 year``, ``90 calendar days``, ``10 business days``) from a day."""

from __future__ import annotations

import calendar
import datetime as dt

from checks.business_days import BusinessCalendar
from checks.models.program import Period


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; February 29 becomes February 28 in a common year."""
    return add_months(day, 12 * years)


def period_end(start: dt.date, period: Period, business: BusinessCalendar) -> dt.date:
    """The day ``period`` after ``start``. Raises OutsideCalendar for business days that run
    past the state holidays the reference data lists."""
    if period.unit == "years":
        return years_after(start, period.count)
    if period.unit == "months":
        return add_months(start, period.count)
    if period.unit == "calendar days":
        return start + dt.timedelta(days=period.count)
    return business.add(start, period.count)
