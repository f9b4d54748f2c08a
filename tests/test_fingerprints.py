"""A data page's digest changes with every value it is made from, so an incremental build
never keeps a page whose values changed (checks.site.fingerprints)."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from checks.site import facets, pages, views
from checks.site.fingerprints import Digests

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
