"""The catalog's sort orders, by title and by semester price, written beside the search index
and fetched by the search page only when a visitor sorts (or lists every course by title).

Pagefind can sort results itself, but it keeps its sort orders in the part of its index that
every search fetches first: at 10,000 courses, the two orders were 43 KB (gzip) of that part's
116 KB, fetched by every new visitor's first search, sorted or not. Here each order is a file
of its own. It names each course by the id Pagefind gives the course's search result, which is
the name of the course's fragment file; a fragment holds the address of its page.

An order is a list of groups, from first to last: the courses of a group tie (the same price),
and within a group they are in title order. Sorted the other way round, the groups come last
to first and the courses of each stay in title order.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from collections.abc import Callable, Iterable
from decimal import Decimal
from itertools import groupby
from pathlib import Path

from checks.site.tools import ToolFailed, pagefind_version
from checks.site.views import CourseView

ORDERS_PREFIX = "mocap-sort-"  # in the search index's folder: mocap-sort-title.json, ...
_FRAGMENTS = "fragment"
_SIGNATURE = b"pagefind_dcd"  # what a fragment's bytes start with, once unzipped
_GZIP = 16 + zlib.MAX_WBITS
# The address is a fragment's first field: unzipping the first 256 bytes of each, from its
# first 512, takes 0.27 s for 10,000 fragments, against 0.44 s for 1,024 bytes and 0.6 s for the
# whole fragments. A longer address is read from the whole fragment.
_FIRST_FIELD = re.compile(rb'\{"url":("(?:[^"\\]|\\.)*")')
_HEAD_READ, _HEAD_UNZIPPED = 512, 256


def _by_title(course: CourseView) -> tuple[str, str, str]:
    return course.title.casefold(), course.title, course.url


_ORDERS: dict[str, Callable[[CourseView], str | Decimal]] = {
    "title": lambda course: course.title.casefold(),
    "price": lambda course: course.semester_price_usd,
}


def write_sort_orders(index: Path, courses: Iterable[CourseView]) -> None:
    """Write each sort order of ``courses`` into the search index folder ``index``, which
    Pagefind has just written; ToolFailed when its fragments cannot be read."""
    ids = result_ids(index)
    # (A page Pagefind did not index is in no search result to sort.)
    indexed = sorted((c for c in courses if f"/{c.url}" in ids), key=_by_title)
    for name, key in _ORDERS.items():
        groups = [[ids[f"/{c.url}"] for c in group] for _, group in groupby(sorted(indexed, key=key), key)]
        text = json.dumps(groups, separators=(",", ":"))
        (index / f"{ORDERS_PREFIX}{name}.json").write_text(text, encoding="utf-8")


def result_ids(index: Path) -> dict[str, str]:
    """The id of each page's search result in the index folder ``index``, by the page's address."""
    ids = {}
    for entry in os.scandir(index / _FRAGMENTS):
        name, _, _ = entry.name.partition(".")
        ids[_address(entry)] = name
    return ids


def _address(fragment: os.DirEntry[str]) -> str:
    # (A Path made for each of 10,000 fragments would take a fifth of the time.)
    with open(fragment.path, "rb") as file:  # noqa: PTH123
        head = file.read(_HEAD_READ)
        try:
            start = zlib.decompressobj(_GZIP).decompress(head, _HEAD_UNZIPPED)
            found = _FIRST_FIELD.match(start, len(_SIGNATURE)) if start.startswith(_SIGNATURE) else None
            if found:
                return str(json.loads(found.group(1)))
            data = zlib.decompress(head + file.read(), _GZIP)
            if data.startswith(_SIGNATURE):
                return str(json.loads(data[len(_SIGNATURE) :])["url"])
        except (zlib.error, ValueError, KeyError, TypeError):
            pass
    raise ToolFailed(
        f"Pagefind {pagefind_version()} wrote a search result ({fragment.name}) that the sort orders "
        "cannot read: install the Pagefind that package-lock.json names ('make build')"
    )
