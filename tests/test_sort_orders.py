"""The sort orders written beside the search index (checks.site.sort_orders), read from a real
build of the demo catalog and its real Pagefind index; the expected orders come from the catalog
files."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from checks.build_report import BuildResult
from checks.site.sort_orders import ORDERS_FILE, result_ids, write_sort_orders
from checks.site.tools import ToolFailed, pagefind_version
from tests.test_browser import published_course_files


def _published() -> dict[str, tuple[str, Decimal]]:
    """Each published demo course's address -> its title and semester price."""
    courses = {}
    for path, record in published_course_files():
        price = Decimal(str(record["price"]))
        semester = price / 2 if record["length"] == "year" else price
        courses[f"/courses/{path.parent.parent.name}/{path.stem}/"] = (str(record["title"]), semester)
    return courses


def _order(demo_build: BuildResult, name: str) -> list[list[tuple[str, Decimal]]]:
    """The order ``name`` of the demo site, each result id read as its course's title and price."""
    index = demo_build.site_dir / "pagefind"
    addresses = {}
    for fragment in (index / "fragment").iterdir():  # read whole, as Pagefind's script reads them
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        addresses[fragment.name.split(".")[0]] = json.loads(data)["url"]
    names = json.loads((index / ORDERS_FILE).read_text(encoding="utf-8"))
    groups = json.loads((index / names[name]).read_text(encoding="utf-8"))
    return [[_published()[addresses[id_]] for id_ in group] for group in groups]


def test_the_title_order_names_every_published_course_once_in_title_order(demo_build: BuildResult) -> None:
    order = _order(demo_build, "title")
    titles = [title for group in order for title, _ in group]
    assert sorted(titles) == sorted(title for title, _ in _published().values())
    assert titles == sorted(titles, key=lambda title: (title.casefold(), title))
    assert all(len({title.casefold() for title, _ in group}) == 1 for group in order)  # ties: one title


def test_the_price_order_groups_equal_semester_prices_cheapest_first_in_title_order(
    demo_build: BuildResult,
) -> None:
    order = _order(demo_build, "price")
    assert sum(len(group) for group in order) == len(_published())
    prices = [group[0][1] for group in order]
    assert prices == sorted(set(prices))  # each price one group, from the lowest
    for group in order:
        assert {price for _, price in group} == {group[0][1]}
        titles = [title.casefold() for title, _ in group]
        assert titles == sorted(titles)
    assert any(len(group) > 1 for group in order)  # the demo has ties to order


def _fragment(index: Path, name: str, data: bytes) -> None:
    (index / "fragment").mkdir(parents=True, exist_ok=True)
    (index / "fragment" / name).write_bytes(data)


def test_a_fragment_whose_address_is_not_first_or_long_is_read_whole(tmp_path: Path) -> None:
    long = "/courses/" + "a" * 300 + "/"
    _fragment(tmp_path, "en_1.pf_fragment", gzip.compress(b'pagefind_dcd{"content":"x","url":"/a/\\u00e9/"}'))
    _fragment(tmp_path, "en_2.pf_fragment", gzip.compress(b'pagefind_dcd{"url":"/b/","content":"y"}'))
    _fragment(tmp_path, "en_3.pf_fragment", gzip.compress(f'pagefind_dcd{{"url":"{long}"}}'.encode()))
    assert result_ids(tmp_path) == {"/a/\u00e9/": "en_1", "/b/": "en_2", long: "en_3"}


@pytest.mark.parametrize(
    "data",
    [
        b'pagefind_dcd{"url":"/a/"}',  # not compressed
        gzip.compress(b'{"url":"/a/"}'),  # without Pagefind's signature
        gzip.compress(b'pagefind_dcd{"content":"no address"}'),
        gzip.compress(b"pagefind_dcd[1, 2]"),
        # cut short before its address
        gzip.compress(b'pagefind_dcd{"content":"' + bytes(range(48, 58)) * 500 + b'","url":"/a/"}')[:40],
    ],
)
def test_a_fragment_not_written_as_pagefind_writes_them_fails_the_index_with_what_to_do(
    tmp_path: Path, data: bytes
) -> None:
    _fragment(tmp_path, "en_bad.pf_fragment", data)
    with pytest.raises(ToolFailed) as caught:
        result_ids(tmp_path)
    assert str(caught.value) == (
        f"Pagefind's search result {tmp_path}/fragment/en_bad.pf_fragment could not be read for the sort "
        "orders: build again; if it happens again, install the Pagefind that package-lock.json names "
        f"with 'make build' (this one is {pagefind_version()})"
    )


@dataclass(frozen=True)
class _Course:
    url: str
    title: str
    semester_price_usd: Decimal

    @property
    def id(self) -> str:
        return self.url


def test_a_course_without_a_search_result_fails_the_index_with_what_to_do(tmp_path: Path) -> None:
    _fragment(tmp_path, "en_1.pf_fragment", gzip.compress(b'pagefind_dcd{"url":"/courses/p/a/"}'))
    courses = [_Course("courses/p/a/", "A", Decimal(1)), _Course("courses/p/b/", "B", Decimal(1))]
    with pytest.raises(ToolFailed) as caught:
        write_sort_orders(tmp_path, courses)
    assert str(caught.value) == (
        "the search index has no result for 1 course page(s), the first courses/p/b/: build again; "
        "if it happens again, report it with the build report"
    )
    assert not (tmp_path / ORDERS_FILE).exists()


def test_titles_and_prices_tie_as_their_pages_show_them(tmp_path: Path) -> None:
    courses = [
        _Course("courses/p/a/", "Algebra  I", Decimal("150.505")),  # shown "Algebra I", "$150.51"
        _Course("courses/p/b/", "algebra i", Decimal("150.51")),
        _Course("courses/p/c/", "Algebra II", Decimal("150.5")),
    ]
    for number, course in enumerate(courses):
        fragment = f'pagefind_dcd{{"url":"/{course.url}"}}'.encode()
        _fragment(tmp_path, f"en_{number}.pf_fragment", gzip.compress(fragment))
    write_sort_orders(tmp_path, courses)
    names = json.loads((tmp_path / ORDERS_FILE).read_text(encoding="utf-8"))
    orders = {name: json.loads((tmp_path / file).read_text(encoding="utf-8")) for name, file in names.items()}
    assert orders == {"title": [["en_0", "en_1"], ["en_2"]], "price": [["en_2"], ["en_0", "en_1"]]}
    assert sorted(names.values()) == sorted(path.name for path in tmp_path.glob("mocap-sort-*.json"))
