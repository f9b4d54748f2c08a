"""Reference data that reaches the catalogs in play: a warning well before it runs out."""

from __future__ import annotations

from collections.abc import Iterator

from checks.horizon import coverage_gaps
from checks.law import PROCEDURE
from checks.problems import Severity
from checks.reference.load import Reference
from checks.rules.base import Context, Violation, rule


@rule("REF02", "reference-horizon", PROCEDURE, scope="reference", severity=Severity.WARNING)
def reference_horizon(reference: Reference, context: Context) -> Iterator[Violation]:
    """The dated reference tables cover the catalogs in play: the one taught from, the next one
    open for submissions and the one after it. Business days need each year's state holidays
    until the last of them ends (June 30), and each school year needs its price cap basis and
    the state adequacy target it names. The warning comes a catalog ahead, so DESE adds the
    data before any submission needs it.

    Compliant (checked on 2026-12-03: spring 2027, fall 2027 and spring 2028 in play):
        state_holidays.csv lists 2026, 2027 and 2028; price_cap_basis.csv has 2026-27 and 2027-28

    Non-compliant (checked on 2026-12-03):
        state_holidays.csv lists 2025 and 2026 only
    """
    for gap in coverage_gaps(reference, context.as_of):
        yield Violation(gap.message, table=gap.table)
