"""When and how a course is taken: pacing, enrollment, term dates, what a student needs.

The law sets no syllabus fields; families and counselors ask "by when?" and "how?" first, so
a new or changed course says it (the catalog procedure), and the dates it gives must agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from checks.catalog import CourseEntry
from checks.law import PROCEDURE
from checks.problems import Severity
from checks.rules.base import Context, Violation, rule
from checks.terms import long_date


@rule("CRS03", "course-schedule-stated", PROCEDURE, scope="course")
def course_schedule_stated(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """A new or changed course says how it is paced, when students may join, and what a student
    needs to take it. Judged where submissions are judged (as WIN01): courses approved before
    these fields existed are not made wrong by them.

    Compliant (checked on 2026-11-24):
        review: {status: submitted}
        schedule: {pacing: scheduled, enrollment: rolling}
        technology_requirements: A computer with a webcam and broadband internet.

    Non-compliant (checked on 2026-11-24):
        review: {status: submitted}
        schedule: null
        technology_requirements: null
    """
    if not context.judges_windows or not context.is_submission(entry):
        return
    course = entry.record
    if course.schedule is None:
        yield Violation(
            "say how the course is paced and when students may join: add 'schedule' with 'pacing' "
            "(self-paced, scheduled or blended) and 'enrollment' (rolling or deadline)",
            ("schedule",),
        )
    if course.technology_requirements is None:
        yield Violation(
            "say what a student needs to take the course (device, internet, software): add "
            "'technology_requirements'",
            ("technology_requirements",),
        )


# The months a term may start in: the project's reading of Missouri's school calendars (fall
# semesters start in August, spring semesters in January), with a margin on each side.
TERM_STARTS = {"fall": (7, 8, 9, 10), "spring": (12, 1, 2, 3)}


@rule("CRS04", "term-dates-consistent", PROCEDURE, scope="course")
def term_dates_consistent(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """The term dates a course gives are for terms it offers, once each, start in the term's
    season (a fall term from July to October, a spring term from December to March), end after
    they start, and give the day to enroll by when enrollment is by deadline (on or before the
    term ends).

    Compliant:
        terms_offered: [fall]
        schedule:
          pacing: scheduled
          enrollment: deadline
          terms: [{term: fall, starts: 2027-08-16, ends: 2027-12-17, enroll_by: 2027-08-09}]

    Non-compliant:
        terms_offered: [fall]
        schedule:
          pacing: scheduled
          enrollment: deadline
          terms: [{term: fall, starts: 2027-12-17, ends: 2027-08-16}]
    """
    course = entry.record
    if course.schedule is None:
        return
    seen: set[str] = set()
    for index, dates in enumerate(course.schedule.terms):
        path = ("schedule", "terms", index)
        if dates.term not in course.terms_offered:
            yield Violation(
                f"the course is not offered in {dates.term} ('terms_offered' lists "
                f"{', '.join(course.terms_offered)}): remove these dates or add the term",
                (*path, "term"),
            )
        if dates.term in seen:
            yield Violation(f"{dates.term} is given dates twice: keep one", (*path, "term"))
        seen.add(dates.term)
        if dates.starts.month not in TERM_STARTS[dates.term]:
            first, *_, last = (dt.date(2000, month, 1) for month in TERM_STARTS[dates.term])
            yield Violation(
                f"a {dates.term} term starts between {first:%B} and {last:%B}, and this one starts on "
                f"{long_date(dates.starts)}: correct the date or the term",
                (*path, "starts"),
            )
        if dates.ends <= dates.starts:
            yield Violation(
                f"the term ends on {long_date(dates.ends)}, not after it starts on "
                f"{long_date(dates.starts)}: correct the dates",
                (*path, "ends"),
            )
        if course.schedule.enrollment == "deadline" and dates.enroll_by is None:
            yield Violation(
                f"enrollment is by deadline: give the {dates.term} term's 'enroll_by' date (or make "
                "enrollment rolling)",
                path,
            )
        elif dates.enroll_by is not None and dates.enroll_by > dates.ends:
            yield Violation(
                f"the day to enroll by, {long_date(dates.enroll_by)}, is after the term ends on "
                f"{long_date(dates.ends)}: correct it",
                (*path, "enroll_by"),
            )


@rule("CRS05", "term-dates-current", PROCEDURE, scope="course", severity=Severity.WARNING)
def term_dates_current(entry: CourseEntry, context: Context) -> Iterator[Violation]:
    """The term dates a course gives are for terms still to come or under way: a term that has
    ended is left off the course's page, and the provider gives the next one's dates.

    Compliant (checked on 2026-11-24):
        schedule:
          terms: [{term: spring, starts: 2027-01-11, ends: 2027-05-21, enroll_by: 2027-01-04}]

    Non-compliant (checked on 2026-11-24):
        schedule:
          terms: [{term: spring, starts: 2026-01-12, ends: 2026-05-22, enroll_by: 2026-01-05}]
    """
    course = entry.record
    for index, dates in enumerate(course.schedule.terms if course.schedule else []):
        if dates.ends < context.as_of:
            yield Violation(
                f"the {dates.term} term given here ended on {long_date(dates.ends)}, so the course's "
                f"page no longer shows it: give the dates of the next {dates.term} term",
                ("schedule", "terms", index, "ends"),
            )
