"""Courses that belong together on the site: the two halves of a year-long course, and the
courses a course's prerequisites name."""

from __future__ import annotations

import re
from collections.abc import Sequence

from checks.site.views import CourseView, money

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


def named_prerequisites(course: CourseView, courses: Sequence[CourseView]) -> tuple[CourseView, ...]:
    """The same provider's other courses whose titles the prerequisites name, longest first
    (so that "Algebra I" inside "Algebra I B" is not named twice)."""
    text = course.prerequisites_text
    found: list[CourseView] = []
    for other in sorted(courses, key=lambda c: -len(c.title)):
        if other.provider_id != course.provider_id or other.id == course.id:
            continue
        pattern = rf"(?<!\w){re.escape(other.title)}(?!\w)"
        if re.search(pattern, text):
            found.append(other)
            text = re.sub(pattern, " ", text)
    return tuple(found)


def year_total(course: CourseView, partner: CourseView) -> str:
    """What both halves of a year-long course cost together."""
    return money(course.price_usd + partner.price_usd)
