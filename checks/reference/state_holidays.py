"""Missouri's state holidays for years the Office of Administration's table does not list yet.

The ``holidays`` package (US, subdivision MO) knows the state's holidays and when a Saturday or
Sunday one is observed. It leaves out Lincoln's Birthday (February 12), a state holiday under
section 9.010 RSMo, which is added here with the same observance. Only weekdays are kept: a
holiday on a weekend takes no business day, its observed Friday or Monday does.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import holidays

LINCOLN = "Lincoln's Birthday"
STATUTE_URL = "https://revisor.mo.gov/main/OneSection.aspx?section=9.010"
PACKAGE_URL = f"https://pypi.org/project/holidays/{version('holidays')}/"


@dataclass(frozen=True)
class Holiday:
    date: dt.date
    name: str
    source_url: str


def observed(day: dt.date) -> dt.date:
    """A Saturday holiday is observed the Friday before, a Sunday one the Monday after."""
    shift = {5: -1, 6: 1}.get(day.weekday(), 0)
    return day + dt.timedelta(days=shift)


def missouri_holidays(year: int) -> list[Holiday]:
    """The weekdays of ``year`` that are state holidays, in date order."""
    # The year after is asked too: January 1 on a Saturday is observed on December 31.
    known = holidays.country_holidays("US", subdiv="MO", years=(year, year + 1), observed=True)
    days = [Holiday(day, name, PACKAGE_URL) for day, name in known.items()]
    days.append(Holiday(observed(dt.date(year, 2, 12)), LINCOLN, STATUTE_URL))
    by_date: dict[dt.date, Holiday] = {}
    for holiday in sorted(days, key=lambda h: h.date):
        if holiday.date.year == year and holiday.date.weekday() < 5:
            by_date.setdefault(holiday.date, holiday)  # the table has one row per day off
    return list(by_date.values())


def add_years(table: Path, through: int) -> list[Holiday]:
    """Append the holidays of every year after the table's last one, up to ``through``; return
    what was added (nothing when the table reaches that far)."""
    with table.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    if not rows:
        raise ValueError("it lists no holidays, so the years to add are unknown")
    last = max(dt.date.fromisoformat(row["date"]).year for row in rows)
    added = [h for year in range(last + 1, through + 1) for h in missouri_holidays(year)]
    with table.open("a", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerows((h.date.isoformat(), h.name, h.source_url) for h in added)
    return added
