"""Which of a provider's courses a course's prerequisites name (checks.site.related)."""

from __future__ import annotations

import dataclasses

from checks.site.related import named_prerequisites
from checks.site.views import CourseView


def _course(course_id: str, title: str, prerequisites: str = "", provider: str = "a") -> CourseView:
    fields = {f.name: "" for f in dataclasses.fields(CourseView) if f.init}
    made = CourseView(**fields)  # type: ignore[arg-type]
    return dataclasses.replace(
        made,
        id=f"{provider}/{course_id}",
        title=title,
        provider_id=provider,
        prerequisites_text=prerequisites,
    )


def test_the_prerequisites_name_courses_by_whole_title_longest_first() -> None:
    algebra, algebra_b, geometry = (
        _course("alg", "Algebra I"),
        _course("alg-b", "Algebra I B"),
        _course("geo", "Geometry"),
    )
    course = _course("calc", "Calculus", "Algebra I B and Geometry; Algebra II is not a course here.")
    assert named_prerequisites([algebra, algebra_b, geometry, course]) == {course.id: (algebra_b, geometry)}
    both = _course("calc", "Calculus", "Algebra I, then Algebra I B.")
    assert named_prerequisites([algebra, algebra_b, both]) == {both.id: (algebra_b, algebra)}


def test_a_course_does_not_name_itself_nor_another_providers_course() -> None:
    course = _course("alg", "Algebra I", "Algebra I and Geometry.")
    elsewhere = _course("geo", "Geometry", provider="b")
    assert named_prerequisites([course, elsewhere]) == {}
    assert named_prerequisites([_course("x", "X", "algebra i"), _course("alg", "Algebra I")]) == {}
