"""Authorization and its renewal at least every three years, for providers and courses alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from checks.business_days import OutsideCalendar
from checks.catalog import Entry
from checks.law import rsmo
from checks.models.review import DECIDED_STATUSES, REASONED_STATUSES
from checks.periods import period_end, years_after
from checks.problems import Severity
from checks.rules.base import Context, Violation, rule
from checks.terms import long_date


@rule("REN01", "renewal-lapsed", rsmo("3(13)"), scope="entry")
def renewal_lapsed(entry: Entry, context: Context) -> Iterator[Violation]:
    """An approved provider or course is renewed by its renewal date.

    Compliant (checked on 2026-11-24):
        review: {status: approved, approved_on: 2025-02-01, renewal_due: 2028-02-01, ...}

    Non-compliant (checked on 2026-11-24):
        review: {status: approved, approved_on: 2023-02-01, renewal_due: 2026-02-01, ...}
    """
    path, review = entry.review_path, entry.review
    if review.status == "approved" and review.renewal_due and review.renewal_due < context.as_of:
        yield Violation(
            f"the authorization was due for renewal by {long_date(review.renewal_due)} and has "
            "lapsed: it must be renewed before the entry can stay in the catalog. Submit it for renewal",
            (*path, "renewal_due"),
        )


@rule("REN02", "renewal-due-soon", rsmo("3(13)"), scope="entry", severity=Severity.WARNING)
def renewal_due_soon(entry: Entry, context: Context) -> Iterator[Violation]:
    """A warning when an approved entry's renewal falls due within the warning period
    (``renewal_warning`` in program.yaml: 90 calendar days; the unit is declared there).

    Compliant (checked on 2026-11-24):
        review: {status: approved, renewal_due: 2027-06-01, ...}

    Non-compliant (checked on 2026-11-24):
        review: {status: approved, renewal_due: 2027-01-15, ...}
    """
    path, review = entry.review_path, entry.review
    if review.status != "approved" or review.renewal_due is None:
        return
    warning = context.reference.program.renewal_warning
    try:
        warned_until = period_end(context.as_of, warning, context.reference.business_days)
    except OutsideCalendar:  # REF02 names the missing holidays; count the weekdays meanwhile
        warned_until = context.as_of + dt.timedelta(days=warning.count * 7 // 5)
    if context.as_of <= review.renewal_due <= warned_until:
        days_left = (review.renewal_due - context.as_of).days
        yield Violation(
            f"the authorization must be renewed by {long_date(review.renewal_due)} ({days_left} "
            f"days from now; the warning starts {warning} ahead): submit the renewal in time",
            (*path, "renewal_due"),
        )


@rule("REN03", "renewal-period", rsmo("3(13)"), scope="entry")
def renewal_period(entry: Entry, context: Context) -> Iterator[Violation]:
    """The renewal date is at most three years after the approval (or latest renewal); approvals
    from the MoVIP era and LEA courses deemed approved need renewal too.

    Compliant:
        review: {status: approved, approved_on: 2025-02-01, renewal_due: 2028-02-01, ...}

    Non-compliant:
        review: {status: approved, approved_on: 2025-02-01, renewal_due: 2029-02-01, ...}
    """
    path, review = entry.review_path, entry.review
    if review.approved_on is None or review.renewal_due is None:
        return
    years = context.reference.program.renewal_period_years
    latest = years_after(review.approved_on, years)
    if review.renewal_due > latest:
        yield Violation(
            f"authorization must be renewed at least every {years} years: approved on "
            f"{long_date(review.approved_on)}, so renewal is due by {long_date(latest)} at the latest",
            (*path, "renewal_due"),
        )
    elif review.renewal_due <= review.approved_on:
        yield Violation("the renewal date must come after the approval date", (*path, "renewal_due"))


@rule("REV01", "review-record-complete", rsmo("6"), scope="entry")
def review_record_complete(entry: Entry, context: Context) -> Iterator[Violation]:
    """A decided review names when and by whom it was decided; an approval carries its approval and
    renewal dates; a denial, suspension or revocation carries its written reason.

    Compliant:
        review: {status: denied, decided_on: 2026-10-02, decided_by: dese-reviewer-1,
                 reason: "No certification attestation for the teacher of record."}

    Non-compliant:
        review: {status: denied, decided_on: 2026-10-02, decided_by: dese-reviewer-1}
    """
    path, review = entry.review_path, entry.review
    needed: list[str] = []
    if review.status in DECIDED_STATUSES:
        needed += ["decided_on", "decided_by"]
    if review.status in {"approved", "suspended"}:
        needed += ["approved_on", "renewal_due"]
    if review.status in REASONED_STATUSES:
        needed.append("reason")
    for field in needed:
        if getattr(review, field) is None:
            yield Violation(
                f"a review with status '{review.status}' must give '{field}': DESE reviewers fill "
                "it in when they record the decision",
                (*path, field),
            )
