"""What a data page is made from, as a digest: a page poured before from the same digest is
not rendered again by an incremental build.

A page's digest covers its template, its address, the build's term and site address and every
value of its context, followed into the lists and mappings it holds. A view (a frozen dataclass)
is digested once per build, however many listings show it, through its generated ``repr``,
which names every field and value (five times faster than following its fields here; a test
holds every view's fields in its ``repr``). A course's view is a function of its file, its
provider's file, the reference data and the day alone, so it is digested by those instead
(``course_inputs``, a tenth of the time of its ``repr`` at 10,000 courses). The templates and
the code that makes the views are not covered: a change to either means a full build
(checks.site.incremental). A value whose text is not stable from run to run (an object without
a value representation, a set) only costs a render, never a stale page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from checks.catalog import CourseEntry, ProviderEntry


def course_inputs(
    course: CourseEntry, provider: ProviderEntry, reference_digest: str, as_of: dt.date
) -> bytes:
    """The digest of everything a course's view is made from: both files' names and texts
    (by their digests, which a file recalled by its state has without its text: checks.memo),
    the reference package (checks.reference.cache) and the day."""
    digest = hashlib.sha256(f"{reference_digest}\n{as_of}\n".encode())
    for source in (course.source, provider.source):
        digest.update(f"{source.name}\n{source.digest}\n".encode())
    return digest.digest()


class Digests:
    """Digests of the values of one build's pages, each view digested once; ``known`` gives
    the digests of views already digested by what they are made from, by the views' ``id()``."""

    def __init__(self, term: str, site_url: str, known: Mapping[int, bytes] | None = None) -> None:
        self._build = f"{term}\n{site_url}\n".encode()
        self._views: dict[int, bytes] = dict(known or {})
        self._texts: dict[str, bytes] = {}  # (the same keys, in every page's context)
        self._view_types: dict[type, bool] = {}

    def page(self, template: str, url: str, context: dict[str, Any]) -> str:
        digest = hashlib.sha256(self._build)
        digest.update(f"{template}\n{url}\n".encode())
        digest.update(self._value(context))
        return digest.hexdigest()

    def _value(self, value: object) -> bytes:
        kind = type(value)
        if isinstance(value, str) and kind is str:  # (not Markup, whose digest differs)
            text = self._texts.get(value)
            if text is None:
                text = self._texts[value] = _scalar(value)
            return text
        is_view = self._view_types.get(kind)
        if is_view is None:
            is_view = self._view_types[kind] = dataclasses.is_dataclass(kind)
        if is_view:
            key = id(value)  # the views live as long as the build's content
            if key not in self._views:
                self._views[key] = hashlib.sha256(repr(value).encode()).digest()
            return self._views[key]
        if isinstance(value, list | tuple):
            return _joined("sequence", [self._value(item) for item in value])
        if isinstance(value, dict):
            return _joined("mapping", [self._value(k) + self._value(v) for k, v in value.items()])
        return _scalar(value)


def _scalar(value: object) -> bytes:
    return hashlib.sha256(f"{type(value).__qualname__}:{value!r}".encode()).digest()


def _joined(kind: str, parts: list[bytes]) -> bytes:
    digest = hashlib.sha256(f"{kind}:{len(parts)}:".encode())
    for part in parts:
        digest.update(part)
    return digest.digest()
