"""The submission window: January 1 for the fall catalog, July 1 for the spring catalog."""

from __future__ import annotations

from collections.abc import Iterator

from checks.catalog import CourseEntry, ProviderEntry
from checks.law import csr
from checks.rules.base import Context, Violation, rule
from checks.terms import CatalogTerm, long_date, next_open_term


@rule("WIN01", "submission-window", csr("(3)(B)2"), scope="course")
def submission_window(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """A new or changed course is submitted on or before its catalog's deadline.

    The fall catalog of year Y closes on January 1 of Y; the spring catalog of year Y closes on
    July 1 of Y-1. The window is judged where a submission is made: by the gate, on the day
    GitHub last changed the pull request, and by ``mocap check`` on the files it is given or
    that changed (``--as-of``). A check of the whole catalog does not re-judge entries already
    on main: a review that runs past the deadline does not make a submission late.

    Compliant (checked on 2026-11-24):
        catalog: fall 2027      # closes January 1, 2027
        review: {status: submitted}

    Non-compliant (checked on 2026-11-24):
        catalog: spring 2027    # closed July 1, 2026
        review: {status: submitted}
    """
    if context.judges_windows and context.is_submission(entry):
        yield from _late(CatalogTerm.parse(entry.record.catalog), context)


@rule("WIN02", "provider-submission-window", csr("(3)(B)3"), scope="provider")
def provider_submission_window(entry: ProviderEntry, context: Context) -> Iterator[Violation]:
    """A new or changed provider record names its catalog and is submitted by that deadline.

    The department accepts provider and full-time program submissions twice per year, in the
    windows courses use. A provider file names the catalog its submission is for, and is
    judged where a submission is made, as WIN01 judges a course.

    Compliant (checked on 2026-11-24):
        catalog: fall 2027      # closes January 1, 2027
        authorization: {status: submitted}

    Non-compliant (checked on 2026-11-24):
        catalog: spring 2027    # closed July 1, 2026
        authorization: {status: submitted}
    """
    if not context.judges_windows or not context.is_submission(entry):
        return
    if entry.record.catalog is None:
        term = next_open_term(context.as_of, context.reference.program)
        yield Violation(
            "a provider submission names the catalog it is for, as a course does: add "
            f"`catalog: {term}` (open until {long_date(term.deadline(context.reference.program))})",
            ("id",),
        )
    else:
        yield from _late(CatalogTerm.parse(entry.record.catalog), context)


def _late(term: CatalogTerm, context: Context) -> Iterator[Violation]:
    program = context.reference.program
    deadline = term.deadline(program)
    if context.as_of > deadline:
        next_term = next_open_term(context.as_of, program)
        yield Violation(
            f"submissions for the {term} catalog closed on {long_date(deadline)}; "
            f"this one is dated {long_date(context.as_of)}. Submit it for the {next_term} catalog "
            f"instead (open until {long_date(next_term.deadline(program))})",
            ("catalog",),
        )
