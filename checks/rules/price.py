"""The price cap: 7% of the state adequacy target per semester course, 14% per year-long course."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from checks.catalog import CourseEntry
from checks.law import rsmo
from checks.reference.load import Reference
from checks.reference.tables import AdequacyTarget, PriceCapBasis
from checks.rules.base import Context, Violation, rule
from checks.terms import CatalogTerm

CENT = Decimal("0.01")


def cap_basis(reference: Reference, catalog: str) -> tuple[PriceCapBasis, AdequacyTarget] | None:
    """Which state adequacy target sets the cap of ``catalog``, or None when none is known."""
    basis = reference.price_cap_basis.get(CatalogTerm.parse(catalog).school_year)
    target = reference.adequacy_targets.get(basis.sat_fiscal_year) if basis else None
    return (basis, target) if basis and target else None


def basis_words(basis: PriceCapBasis, target: AdequacyTarget) -> str:
    """``the FY2026 state adequacy target, $7,145`` and, for a provisional basis, why."""
    words = f"the FY{target.fiscal_year} state adequacy target, ${target.sat_usd:,}"
    if basis.provisional:
        words += (
            f", applied provisionally to school year {basis.school_year} until DESE publishes "
            "the target that applies: the cap may change"
        )
    return words


def price_cap(reference: Reference, catalog: str, length: str) -> Decimal | None:
    """The cap in dollars for a course of ``length`` in ``catalog``, or None when the reference
    data does not say which state adequacy target applies."""
    known = cap_basis(reference, catalog)
    return None if known is None else _cap(reference, known[1], length)


def _cap(reference: Reference, target: AdequacyTarget, length: str) -> Decimal:
    percent = reference.program.price_cap_percent["year" if length == "year" else "semester"]
    return (Decimal(target.sat_usd) * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)


@rule("PRC01", "price-cap", rsmo("3(3)"), scope="course", requirement="Price within the state cap")
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
    basis = cap_basis(context.reference, course.catalog)
    cap = _cap(context.reference, basis[1], course.length) if basis else None
    if basis is not None and cap is not None and course.price > cap:
        yield Violation(
            over_cap_message(
                f"${course.price:,.2f}", course.length, course.catalog, basis, context.reference
            ),
            ("price",),
        )


def over_cap_message(
    price: str, length: str, catalog: str, basis: tuple[PriceCapBasis, AdequacyTarget], reference: Reference
) -> str:
    """What PRC01 says of ``price`` (already written as dollars) above the catalog's cap on
    ``basis``; the propose page says the same of the price it is given."""
    cap = _cap(reference, basis[1], length)
    percent = reference.program.price_cap_percent["year" if length == "year" else "semester"]
    kind = "year-long" if length == "year" else "semester"
    return (
        f"the price {price} is above the cap for a {kind} course in the {catalog} catalog: "
        f"${cap:,.2f} ({percent}% of {basis_words(*basis)}). Lower the price to ${cap:,.2f} or less"
    )


@rule("PRC02", "price-cap-known", rsmo("3(3)"), scope="course", requirement="Price within the state cap")
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
