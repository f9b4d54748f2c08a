"""The catalog's sort orders, by title and by semester price, written beside the search index
and fetched by the search page only when it sorts: when a visitor sorts, or lists the catalog
without words (by title).

Pagefind can sort results itself, but it keeps its sort orders in the part of its index that
every search fetches first: at 10,000 courses, the two orders were 43 KB (gzip) of that part's
116 KB, fetched by every new visitor's first search, sorted or not. Here each order is a file of
its own. It names each course by the id Pagefind gives the course's search result, which is the
name of the course's fragment file; a fragment holds the address of its page.

An order is a list of groups, from first to last: the courses of a group tie (the same title or
the same price as shown), and within a group they are in title order. Sorted the other way
round, the groups come last to first and the courses of each stay in title order.

Each order's file is named by a digest of its content, so a browser or a CDN may keep it for as
long as it likes; ``mocap-sorts.json`` names the current ones, and the search page asks for it
afresh each time it first sorts.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable
from decimal import Decimal
from itertools import groupby
from pathlib import Path
from typing import Protocol

from checks.site.tools import ToolFailed, pagefind_version
from checks.site.views import Listed, title_order, to_cent

FILES_PREFIX = "mocap-sort"  # of every file written here, in the search index's folder
ORDERS_FILE = f"{FILES_PREFIX}s.json"  # names the orders' files
_FRAGMENTS = "fragment"
_SIGNATURE = b"pagefind_dcd"  # what a fragment's bytes start with, once unzipped
_GZIP = 16 + zlib.MAX_WBITS
# The address is a fragment's first field: unzipping the first 256 bytes of each, from its
# first 512, takes 0.27 s for 10,000 fragments, against 0.44 s for 1,024 bytes and 0.6 s for the
# whole fragments. A longer address is read from the whole fragment.
_FIRST_FIELD = re.compile(rb'\{"url":("(?:[^"\\]|\\.)*")')
_HEAD_READ, _HEAD_UNZIPPED = 512, 256


class Sorted(Listed, Protocol):
    """What the orders read of a course (checks.site.views.CourseView)."""

    @property
    def url(self) -> str: ...
    @property
    def semester_price_usd(self) -> Decimal: ...


# What the courses of a group share (they are in title order, checks.site.views.title_order).
_ORDERS: dict[str, Callable[[Sorted], str | Decimal]] = {
    "title": lambda course: title_order(course)[0],
    "price": lambda course: to_cent(course.semester_price_usd),
}


def write_sort_orders(index: Path, courses: Iterable[Sorted]) -> None:
    """Write each sort order of ``courses`` into the search index folder ``index``, which
    Pagefind has just written, and the file that names them; ToolFailed when a fragment cannot
    be read or a course has no search result."""
    ids = result_ids(index)
    by_title = sorted(courses, key=title_order)  # (the views are in this order already)
    missing = [course.url for course in by_title if f"/{course.url}" not in ids]
    if missing:
        raise ToolFailed(
            f"the search index has no result for {len(missing)} course page(s), the first {missing[0]}: "
            "build again; if it happens again, report it with the build report"
        )
    names = {}
    for name, key in _ORDERS.items():
        groups = [[ids[f"/{c.url}"] for c in group] for _, group in groupby(sorted(by_title, key=key), key)]
        text = json.dumps(groups, separators=(",", ":"))
        names[name] = f"{FILES_PREFIX}-{name}-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
        (index / names[name]).write_text(text, encoding="utf-8")
    (index / ORDERS_FILE).write_text(json.dumps(names, separators=(",", ":")), encoding="utf-8")


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
            address = json.loads(data[len(_SIGNATURE) :])["url"] if data.startswith(_SIGNATURE) else None
            if isinstance(address, str):
                return address
        except (zlib.error, ValueError, KeyError, TypeError):
            pass
    raise ToolFailed(
        f"Pagefind's search result {fragment.path} could not be read for the sort orders: build again; "
        f"if it happens again, install the Pagefind that package-lock.json names with 'make build' "
        f"(this one is {pagefind_version()})"
    )
