"""The enrollment guide's deadline table: the build computes every business-day deadline with
the one tested function (checks/business_days.py); the page's calculator only looks them up."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from checks.business_days import BusinessCalendar, OutsideCalendar
from checks.reference.load import Reference


def deadline_table(reference: Reference) -> dict[str, Any]:
    """For the enrollment guide's calculator: each day of the years whose holidays are known,
    and the business-day deadlines that start on it (computed here, looked up by the page)."""
    calendar = BusinessCalendar.of(reference.holidays)
    program = reference.program
    counts = {
        "decision": program.enrollment_decision_business_days,
        "full_time_notice": program.full_time_notice_business_days,
    }
    due: dict[str, list[str]] = {}
    for year in sorted(calendar.years):
        day = dt.date(year, 1, 1)
        while day.year == year:
            # A deadline in a year whose holidays are not listed is left out, not guessed.
            with contextlib.suppress(OutsideCalendar):
                due[day.isoformat()] = [calendar.add(day, n).isoformat() for n in counts.values()]
            day += dt.timedelta(days=1)
    return {"business_days": counts, "years": sorted(calendar.years), "due": due}
