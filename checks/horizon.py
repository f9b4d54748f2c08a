"""How far ahead the dated reference data must reach: the catalogs in play on a day, and the
tables (state holidays, price cap basis, state adequacy target) that do not cover them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checks.models.program import ProgramParameters
from checks.reference.load import Reference
from checks.terms import CatalogTerm, long_date, next_open_term
from checks.wording import listed

HOLIDAYS_TABLE = "state_holidays.csv"
PRICE_BASIS_TABLE = "price_cap_basis.csv"
ADEQUACY_TABLE = "state_adequacy_target.csv"


def catalogs_in_play(as_of: dt.date, program: ProgramParameters) -> tuple[CatalogTerm, ...]:
    """The catalog being taught from (the one whose window closed last), the next one open for
    submissions and the one after it: a submission can name either of the last two today, and
    each needs its school year's holidays and price cap."""
    open_now = next_open_term(as_of, program)
    return (open_now.preceding(), open_now, open_now.following())


def school_year_end(term: CatalogTerm) -> dt.date:
    """June 30 of the school year the catalog belongs to (Missouri's fiscal year ends then)."""
    return dt.date(term.first_year + 1, 6, 30)


@dataclass(frozen=True)
class Gap:
    table: str  # the file in the reference folder that falls short
    message: str


def coverage_gaps(reference: Reference, as_of: dt.date) -> list[Gap]:
    """Every dated table that does not reach the catalogs in play on ``as_of``."""
    terms = catalogs_in_play(as_of, reference.program)
    return [*_holiday_gaps(reference, terms), *_price_gaps(reference, terms)]


def _holiday_gaps(reference: Reference, terms: tuple[CatalogTerm, ...]) -> list[Gap]:
    last = terms[-1]
    needed = set(range(terms[0].first_year, school_year_end(last).year + 1))
    missing = sorted(needed - {day.year for day in reference.holidays})
    if not missing:
        return []
    years = listed([str(y) for y in missing])
    return [
        Gap(
            HOLIDAYS_TABLE,
            f"the state holidays of {years} are missing, and business days (enrollment decisions, "
            f"full-time program notices) must be counted until {long_date(school_year_end(last))}, "
            f"the end of the {last} catalog's school year: add them "
            f"(`mocap holidays --through {missing[-1]}` writes them)",
        )
    ]


def _price_gaps(reference: Reference, terms: tuple[CatalogTerm, ...]) -> list[Gap]:
    gaps: list[Gap] = []
    for school_year in sorted({t.school_year for t in terms}):
        first = min((t for t in terms if t.school_year == school_year), key=lambda t: t.order)
        deadline = long_date(first.deadline(reference.program))
        basis = reference.price_cap_basis.get(school_year)
        if basis is None:
            gaps.append(
                Gap(
                    PRICE_BASIS_TABLE,
                    f"no price cap basis for school year {school_year}, which the {first} catalog "
                    f"needs (requests by {deadline}): add its row, naming the state adequacy "
                    "target that applies (marked provisional until DESE publishes it)",
                )
            )
        elif basis.sat_fiscal_year not in reference.adequacy_targets:
            gaps.append(
                Gap(
                    ADEQUACY_TABLE,
                    f"no state adequacy target for fiscal year {basis.sat_fiscal_year}, which sets "
                    f"the price cap of school year {school_year} (the {first} catalog, requests by "
                    f"{deadline}): add it with its source",
                )
            )
    return gaps
