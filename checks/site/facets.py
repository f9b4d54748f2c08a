"""The catalog's search facets: which filter values each course page carries, and the counts
the browse page starts from. One definition serves both, so they cannot disagree."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from checks.site.views import PRICE_BANDS, CourseView, grade_label, price_band

COURSE_TYPE_LABELS = {
    "core": "Core",
    "elective": "Elective",
    "ap": "Advanced Placement (AP)",
    "honors": "Honors",
    "cte": "Career and technical education (CTE)",
    "dual credit": "Dual credit",
    "credit recovery": "Credit recovery",
}
YES = "yes"


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    values: tuple[tuple[str, int], ...]


_FACETS = (
    ("subject", "Subject"),
    ("grade", "Grade"),
    ("type", "Course type"),
    ("ncaa", "NCAA"),
    ("length", "Length"),
    ("instruction", "Who teaches"),
    ("provider", "Provider"),
    ("price", "Price per semester"),
    ("term", "Terms offered"),
)
_VALUE_LABELS = {
    "ncaa": {YES: "NCAA-approved only"},
    "length": {"semester": "Semester", "year": "Full year"},
    "instruction": {"50": "The provider's certified teacher", "52": "The district's own teacher"},
    "term": {"fall": "Fall", "spring": "Spring"},
}


def course_filters(view: CourseView) -> dict[str, tuple[str, ...]]:
    """The values a course page offers to each facet."""
    return {
        "subject": (view.subject,),
        "grade": view.grade_list,
        "type": course_type_labels(view),
        "ncaa": (YES,) if view.ncaa_approved else (),
        "length": (view.length,),
        "instruction": (str(view.program_code),),
        "provider": (view.provider_name,),
        "price": (view.price_band,),
        "term": tuple(view.terms_offered.split(" and ")),
    }


def course_type_labels(view: CourseView) -> tuple[str, ...]:
    """The course's types, AP among them when its title or state course number says AP even
    where its tags do not (APA02 warns of that)."""
    types = [*view.course_types, *(["ap"] if view.is_ap and "ap" not in view.course_types else [])]
    return tuple(label for kind, label in COURSE_TYPE_LABELS.items() if kind in types)


def value_label(key: str, value: str) -> str:
    return _VALUE_LABELS.get(key, {}).get(value, value)


def facets(views: Sequence[CourseView]) -> tuple[Facet, ...]:
    """The facets with their values and counts; a facet whose every value every course has
    (all courses offered in fall and spring) would filter nothing and is left out."""
    counts: dict[str, Counter[str]] = {key: Counter() for key, _ in _FACETS}
    for view in views:
        for key, values in course_filters(view).items():
            counts[key].update(values)
    return tuple(
        Facet(key, label, tuple(_ordered(key, counts[key])))
        for key, label in _FACETS
        if any(count < len(views) for count in counts[key].values())
    )


def _ordered(key: str, counts: Counter[str]) -> list[tuple[str, int]]:
    order = {
        "grade": [grade_label(g) for g in range(13)],
        "price": [price_band(p - 1) for p in PRICE_BANDS] + [price_band(PRICE_BANDS[-1])],
        "type": list(COURSE_TYPE_LABELS.values()),
        "term": ["fall", "spring"],
    }.get(key)
    values = sorted(counts, key=order.index) if order else sorted(counts)
    return [(value, counts[value]) for value in values]
