"""A data page's digest changes with every value it is made from, so an incremental build
never keeps a page whose values changed (checks.site.fingerprints)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

import pytest
from markupsafe import Markup

from checks.catalog import CourseEntry, ProviderEntry, load_catalog
from checks.layout import CATALOG_DIR
from checks.site import facets, pages, views
from checks.site.fingerprints import Digests, course_inputs
from tests.helpers import AS_OF, COURSE, REPO

_VIEWS = [
    cls
    for module in (views, pages, facets)
    for _, cls in inspect.getmembers(module, inspect.isclass)
    if dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__
]


def _made_up(cls: type) -> object:
    """A view with a distinct text in every field (the digest reads values, not their types)."""
    return cls(**{f.name: f"value of {f.name}" for f in dataclasses.fields(cls) if f.init})


@pytest.mark.parametrize("cls", _VIEWS, ids=lambda cls: cls.__qualname__)
def test_every_field_of_a_view_is_in_its_pages_digest(cls: type) -> None:
    view = _made_up(cls)

    def digest(value: object) -> str:
        return Digests("spring 2027", "/").page(
            "course.md.j2", "courses/a/b/", {"view": value, "listed": [value]}
        )

    before = digest(view)
    for field in dataclasses.fields(cls):
        changed = dataclasses.replace(view, **{field.name: f"another value of {field.name}"})
        assert digest(changed) != before, field.name


def test_a_pages_digest_follows_its_address_template_term_and_site() -> None:
    context = {"title": "Algebra I"}
    digest = Digests("spring 2027", "/").page("course.md.j2", "courses/a/b/", context)
    assert Digests("spring 2027", "/").page("course.md.j2", "courses/a/b/", dict(context)) == digest
    assert Digests("fall 2027", "/").page("course.md.j2", "courses/a/b/", context) != digest
    assert Digests("spring 2027", "/mocap/").page("course.md.j2", "courses/a/b/", context) != digest
    assert Digests("spring 2027", "/").page("listing.md.j2", "courses/a/b/", context) != digest
    assert Digests("spring 2027", "/").page("course.md.j2", "courses/a/c/", context) != digest
    assert Digests("spring 2027", "/").page("course.md.j2", "courses/a/b/", {"title": "Algebra II"}) != digest


def test_a_course_s_inputs_follow_both_files_the_reference_data_and_the_day() -> None:
    """A course's view is digested by what it is made from (not its ``repr``): each of these
    must change the digest, or an incremental build would keep a stale course page."""
    catalog = load_catalog(REPO / CATALOG_DIR)
    course = next(c for c in catalog.courses if c.source.name == COURSE)
    provider = next(p for p in catalog.providers if p.folder == course.folder)
    other = next(c for c in catalog.courses if c.folder == course.folder and c is not course)

    def inputs(
        course: CourseEntry = course,
        provider: ProviderEntry = provider,
        reference: str = "ref",
        day: dt.date = AS_OF,
    ) -> bytes:
        return course_inputs(course, provider, reference, day)

    edited = dataclasses.replace(course.source, held_text=course.source.text + "# a comment\n")
    provider_edited = dataclasses.replace(provider.source, held_text=provider.source.text + "\n")

    before = inputs()
    assert inputs() == before
    assert inputs(course=dataclasses.replace(course, source=edited)) != before
    assert inputs(provider=dataclasses.replace(provider, source=provider_edited)) != before
    assert inputs(course=other) != before
    assert inputs(reference="another") != before
    assert inputs(day=AS_OF + dt.timedelta(days=1)) != before


def test_a_text_s_digest_follows_its_type_and_value_however_often_it_recurs() -> None:
    # Texts are digested once per build (the same keys recur in every page's context).
    digests = Digests("spring 2027", "/")

    def digest(value: object) -> str:
        return digests.page("course.md.j2", "courses/a/b/", {"title": value})

    plain = digest("Algebra <I>")
    assert digest("Algebra <I>") == plain
    assert digest(Markup("Algebra <I>")) != plain  # (HTML to print as it is: another page)
    assert digest("Algebra <II>") != plain
