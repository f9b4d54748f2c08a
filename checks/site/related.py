"""Courses that belong together on the site: the two halves of a year-long course, the
courses a course's prerequisites name, and what the compare page sets side by side."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from checks.site.views import JOINING_WORDS, PACING_WORDS, CourseView, money
from checks.terms import long_date

_HALF_MARK = re.compile(r"\s+[AB]$")


def other_halves(courses: Sequence[CourseView]) -> dict[str, CourseView]:
    """For each A or B half, the other half: the same provider's course whose title differs
    only by the half's letter ("Algebra I A" and "Algebra I B")."""
    halves = {(c.provider_id, _HALF_MARK.sub("", c.title), c.half): c for c in courses if c.half}
    partners = {}
    for (provider, base, half), course in halves.items():
        other = halves.get((provider, base, "B" if half == "A" else "A"))
        if other is not None:
            partners[course.id] = other
    return partners


def named_prerequisites(courses: Sequence[CourseView]) -> dict[str, tuple[CourseView, ...]]:
    """For each course whose prerequisites name any, the same provider's other courses they
    name by whole title, longest first (so that "Algebra I" inside "Algebra I B" is not named
    twice)."""
    longest_first: dict[str, list[CourseView]] = defaultdict(list)
    for course in sorted(courses, key=lambda c: -len(c.title)):  # sorted once, not per course
        longest_first[course.provider_id].append(course)
    named = ((c.id, _named(c, longest_first[c.provider_id])) for c in courses if c.prerequisites_text)
    return {course_id: found for course_id, found in named if found}


def _named(course: CourseView, longest_first: list[CourseView]) -> tuple[CourseView, ...]:
    text = course.prerequisites_text
    found: list[CourseView] = []
    for other in longest_first:
        if other.id == course.id or other.title not in text:
            continue  # (the substring test first: a pattern per pair costs seconds in a large catalog)
        pattern = rf"(?<!\w){re.escape(other.title)}(?!\w)"
        if re.search(pattern, text):
            found.append(other)
            text = re.sub(pattern, " ", text)
    return tuple(found)


def year_total(course: CourseView, partner: CourseView) -> str:
    """What both halves of a year-long course cost together."""
    return money(course.price_usd + partner.price_usd)


def compare_facts(course: CourseView, partner: CourseView | None) -> dict[str, object]:
    """What the compare page shows of a course, as display text (one JSON block per page)."""
    if course.length == "year":
        year = course.price
    elif partner is not None:
        year = f"{year_total(course, partner)} with {partner.title}"
    else:
        year = "One semester only"
    return {
        "title": course.title,
        "provider": course.provider_name,
        "grades": course.grades_label,
        "credit": course.credit,
        "length": "Full year" if course.length == "year" else "One semester",
        "semester_price": course.semester_price,
        "year_price": year,
        "teacher": course.instruction,
        "standards": f"{len(course.standards)} cited" if course.standards else "Published alignment",
        "ncaa": "Yes" if course.ncaa_approved else "No",
        "pacing": PACING_WORDS[course.pacing].split(":")[0] if course.pacing else "Ask the provider",
        "joining": JOINING_WORDS[course.enrollment].split(":")[0]
        if course.enrollment
        else "Ask the provider",
        "terms": [
            f"{t.term}: {long_date(t.starts)} to {long_date(t.ends)}"
            + (f", enroll by {long_date(t.enroll_by)}" if t.enroll_by else "")
            for t in course.terms
        ]
        or ["Not set yet: ask the provider"],
        "technology": course.technology_requirements or "Ask the provider",
    }
