"""The price cap: 7% of the state adequacy target per semester course, 14% per year-long course."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from checks.catalog import CourseEntry
from checks.law import rsmo
from checks.reference.load import Reference
from checks.rules.base import Context, Violation, rule
from checks.terms import CatalogTerm

CENT = Decimal("0.01")


def price_cap(reference: Reference, catalog: str, length: str) -> Decimal | None:
    """The cap in dollars for a course of ``length`` in ``catalog``, or None when the reference
    data does not say which state adequacy target applies."""
    school_year = CatalogTerm.parse(catalog).school_year
    basis = reference.price_cap_basis.get(school_year)
    target = reference.adequacy_targets.get(basis.sat_fiscal_year) if basis else None
    if target is None:
        return None
    percent = reference.program.price_cap_percent["year" if length == "year" else "semester"]
    return (Decimal(target.sat_usd) * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)


@rule("PRC01", "price-cap", rsmo("3(3)"), scope="course")
def within_price_cap(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """The price is at most 7% (semester course) or 14% (year-long course) of the state
    adequacy target that applies to the catalog's school year.

    Compliant (fall 2027, FY2026 target $7,145, cap $500.15):
        length: semester
        price: 495.00

    Non-compliant:
        length: semester
        price: 525.00
    """
    course = entry.record
    cap = price_cap(context.reference, course.catalog, course.length)
    if cap is not None and course.price > cap:
        percent = context.reference.program.price_cap_percent[course.length]
        kind = "year-long" if course.length == "year" else "semester"
        yield Violation(
            f"the price ${course.price:,.2f} is above the cap for a {kind} course in the "
            f"{course.catalog} catalog: ${cap:,.2f} ({percent}% of the state adequacy target). "
            f"Lower the price to ${cap:,.2f} or less",
            ("price",),
        )


@rule("PRC02", "price-cap-known", rsmo("3(3)"), scope="course")
def price_cap_known(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """The reference data says which state adequacy target sets the catalog's price cap.

    Compliant:
        catalog: fall 2027      # price_cap_basis.csv has school year 2027-28

    Non-compliant:
        catalog: fall 2031      # no state adequacy target is known for 2031-32 yet
    """
    course = entry.record
    if price_cap(context.reference, course.catalog, course.length) is None:
        school_year = CatalogTerm.parse(course.catalog).school_year
        yield Violation(
            f"no price cap is known for school year {school_year}: catalog/reference/"
            "price_cap_basis.csv names no state adequacy target for it. Choose an earlier "
            "catalog, or ask DESE to add the year to the reference data",
            ("catalog",),
        )
