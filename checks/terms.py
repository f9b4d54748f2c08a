"""Catalog terms (``fall 2027``), their submission deadlines and school years."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import cast
from zoneinfo import ZoneInfo

from checks.models.program import ProgramParameters, Season


@dataclass(frozen=True)
class CatalogTerm:
    season: Season
    year: int

    @classmethod
    def parse(cls, name: str) -> CatalogTerm:
        season, year = name.split()
        return cls(cast(Season, season), int(year))  # (an alias: no typing object made per call)

    def __str__(self) -> str:
        return f"{self.season} {self.year}"

    def deadline(self, program: ProgramParameters) -> dt.date:
        rule = program.submission_deadlines[self.season]
        return dt.date(self.year - rule.years_before, rule.month, rule.day)

    @property
    def first_year(self) -> int:
        """The calendar year its school year starts in: 2027 for fall 2027 and spring 2028."""
        return self.year if self.season == "fall" else self.year - 1

    @property
    def school_year(self) -> str:
        """Fall 2027 and spring 2028 are both in school year 2027-28."""
        return f"{self.first_year}-{(self.first_year + 1) % 100:02d}"

    @property
    def order(self) -> tuple[int, int]:
        """Sort key: spring 2027 comes before fall 2027."""
        return (self.year, 0 if self.season == "spring" else 1)

    def preceding(self) -> CatalogTerm:
        if self.season == "fall":
            return CatalogTerm("spring", self.year)
        return CatalogTerm("fall", self.year - 1)

    def following(self) -> CatalogTerm:
        if self.season == "spring":
            return CatalogTerm("fall", self.year)
        return CatalogTerm("spring", self.year + 1)


def next_open_term(as_of: dt.date, program: ProgramParameters) -> CatalogTerm:
    """The first catalog whose submission deadline is on or after ``as_of``."""
    term = CatalogTerm("spring", as_of.year - 1)
    while term.deadline(program) < as_of:
        term = term.following()
    return term


MISSOURI = ZoneInfo("America/Chicago")


def missouri_date(moment: dt.datetime) -> dt.date:
    """The calendar day in Missouri at ``moment`` (deadlines are Missouri days)."""
    return moment.astimezone(MISSOURI).date()


def missouri_today() -> dt.date:
    """Today in Missouri, whatever the machine's clock zone (CI runners keep UTC)."""
    return missouri_date(dt.datetime.now(dt.UTC))


def submission_date(received: str | None, now: dt.datetime) -> dt.date:
    """The day submitted content reached DESE: the Missouri day of ``received`` (an ISO 8601
    time no earlier than that, such as when GitHub last changed the pull request), never later
    than today. A time that cannot be read counts as now."""
    try:
        moment = dt.datetime.fromisoformat(received or "")
    except ValueError:
        moment = now
    if moment.tzinfo is None:
        moment = now
    return min(missouri_date(moment), missouri_date(now))


@cache  # (the same few term and review dates, on every page of a large catalog)
def long_date(day: dt.date) -> str:
    """``January 1, 2027``: how dates read in messages."""
    return f"{day:%B} {day.day}, {day.year}"
