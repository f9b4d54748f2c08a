"""Finding a course as a family or a counselor would: words, facets, sort, and results in sight,
at desktop and phone widths in a real headless Chromium. Expected answers come from the
catalog files, or from what the interface itself gives when used another way."""

from __future__ import annotations

import gzip
import json
import os
import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
import yaml
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from checks.build_report import BuildResult
from checks.models.types import grades_in
from checks.site.views import money
from checks.terms import long_date
from tests.helpers import REPO
from tests.test_browser import NOTHING_FOUND, every_result, is_ap, published_courses, results, wait_for_search

DESKTOP, PHONE = (1280, 900), (390, 844)


@pytest.fixture
def phone(browser: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    browser.set_window_size(*PHONE)
    yield browser
    browser.set_window_size(*DESKTOP)


def titles(where: str, value: object) -> set[str]:
    return {str(c["title"]) for c in published_courses() if c.get(where) == value}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _texts(value: object) -> list[str]:
    """Every value of records read from YAML, as text, nested ones too."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [] if value is None else [str(value)]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("physical education", lambda: titles("subject", "Physical Education")),
        ("world language", lambda: titles("subject", "World Languages")),
        ("math", lambda: titles("subject", "Mathematics")),
        ("ncaa", lambda: titles("ncaa_approved", True)),
        ("advanced placement", lambda: {str(c["title"]) for c in published_courses() if is_ap(c)}),
    ],
)
def test_what_families_filter_on_is_found_by_words(
    browser: webdriver.Chrome, site_url: str, words: str, expected: object
) -> None:
    browser.get(f"{site_url}catalog/?{urllib.parse.urlencode({'q': words})}")
    wait_for_search(browser, "q=")
    wanted = expected()  # type: ignore[operator]
    assert wanted, f"the demo has no course for '{words}'"
    assert wanted <= set(every_result(browser))


def test_a_word_in_no_course_finds_nothing_rather_than_a_near_letter(
    browser: webdriver.Chrome, site_url: str
) -> None:
    # Pagefind answers an unknown word with its longest known prefix: "biology" found every "B".
    assert not any("Biology" in str(c["title"]) for c in published_courses())
    browser.get(f"{site_url}catalog/?q=biology")
    assert wait_for_search(browser, "q=biology") == NOTHING_FOUND
    assert results(browser) == []


@pytest.mark.parametrize("word", ["biology", "appeal"], ids=["in-no-page", "in-a-guide-only"])
def test_a_word_in_no_course_is_left_out_and_named(
    browser: webdriver.Chrome, site_url: str, word: str
) -> None:
    # No page holds "biology"; the enrolling guide says a family can appeal, and no course does.
    if word == "appeal":
        assert word in (REPO / "site/docs/enrolling.md").read_text(encoding="utf-8")
        assert not any(word in text.lower() for text in _texts(published_courses()))
    browser.get(f"{site_url}catalog/?q=algebra")
    wait_for_search(browser, "q=algebra")
    algebra = every_result(browser)
    browser.get(f"{site_url}catalog/?q={word}+algebra")
    status = wait_for_search(browser, f"q={word}")
    assert status.endswith(f" No course mentions “{word}”, so that word was left out of the search.")
    assert every_result(browser) == algebra


def test_the_course_pages_own_sentences_find_no_course(browser: webdriver.Chrome, site_url: str) -> None:
    # "For the provider: propose a change to this course" closes every course page.
    assert not any("propos" in text.lower() for text in _texts(published_courses()))
    browser.get(f"{site_url}catalog/?q=propose")
    assert wait_for_search(browser, "q=propose") == NOTHING_FOUND


@pytest.mark.parametrize(
    ("words", "alone"),
    [
        ("AP courses", "ap"),
        ("algebra course", "algebra"),
        ("online Spanish class", "spanish"),
        ("AP courses,", "ap"),
        ("\u201cAP\u201d", "ap"),
        ("algebra credit", "algebra"),
    ],
    ids=["courses", "course", "online-class", "punctuation", "curly-quotes", "lede-word"],
)
def test_words_said_of_every_course_search_the_words_beside_them(
    browser: webdriver.Chrome, site_url: str, words: str, alone: str
) -> None:
    # A course page holds "course", "class" or "online" only by chance (a provider's name), and
    # the lede's "credit" on every page; the quotes and comma around a word are not part of it.
    browser.get(f"{site_url}catalog/?{urllib.parse.urlencode({'q': alone})}")
    status = wait_for_search(browser, f"q={alone}")
    expected = sorted(every_result(browser))
    assert expected
    browser.get(f"{site_url}catalog/?{urllib.parse.urlencode({'q': words})}")
    assert wait_for_search(browser, "q=" + urllib.parse.quote_plus(words)) == status
    assert sorted(every_result(browser)) == expected


def test_a_course_page_is_indexed_without_the_headings_and_sentences_every_page_holds(
    demo_build: BuildResult,
) -> None:
    """What Pagefind indexed of each course page (its fragments, read as its script reads
    them): of its headings, the title only; and a word every course page holds is a word of
    the catalog's files (every demo provider's name says "sample") or of the lede ("Grades",
    "credit": typed beside a subject), not of the page's own sentences, which would match
    every course and make the index larger."""
    indexed = []
    for fragment in (demo_build.site_dir / "pagefind/fragment").iterdir():
        page = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        if re.fullmatch(r"/courses/[^/]+/[^/]+/", page["url"]):
            headings = [a["element"] for a in page["anchors"] if re.fullmatch(r"h[1-6]", a["element"])]
            assert headings == ["h1"], page["url"]
            indexed.append(set(_words(page["content"])))
    courses = published_courses()
    assert len(indexed) == len(courses)
    names = [
        str(yaml.safe_load(p.read_text(encoding="utf-8"))["legal_name"])
        for p in REPO.glob("catalog/providers/*/provider.yaml")
    ]
    own = set(_words(" ".join([*_texts(courses), *names, "grade grades credit"])))
    assert set.intersection(*indexed) - own == set()


def test_ap_finds_the_ap_courses_not_every_word_starting_with_ap(
    browser: webdriver.Chrome, site_url: str
) -> None:
    browser.get(f"{site_url}catalog/?q=ap")
    wait_for_search(browser, "q=ap")
    assert set(every_result(browser)) == {str(c["title"]) for c in published_courses() if is_ap(c)}


def test_the_course_named_by_the_words_comes_first(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}catalog/?q=algebra")
    wait_for_search(browser, "q=algebra")
    found = results(browser)
    assert found[0] == "Algebra I"
    named = [t for t in found if t.startswith("Algebra")]
    assert found[: len(named)] == named  # titles that start with the word before mere mentions


@pytest.mark.parametrize(
    "ticked",
    [{"grade": ["9"], "subject": ["World Languages"]}, {"q": ["ap"], "grade": ["9"]}],
    ids=["grade-and-subject", "words-and-grade"],
)
def test_each_facet_count_is_what_ticking_that_value_gives(
    browser: webdriver.Chrome, site_url: str, ticked: dict[str, list[str]]
) -> None:
    """With a grade and a subject (or words) chosen, every value of every facet shows the
    number of courses that ticking it alone in its facet (the others kept) lists."""
    browser.set_window_size(*DESKTOP)
    browser.get(f"{site_url}catalog/?{urllib.parse.urlencode(ticked, doseq=True)}")
    wait_for_search(browser, "grade=9")
    WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.CSS_SELECTOR, "[data-facet=grade] [data-count]").text.startswith("(")
    )
    shown: dict[tuple[str, str], int] = {}
    for box in browser.find_elements(By.CSS_SELECTOR, ".mocap-facet input[type=checkbox]"):
        label = browser.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}'] [data-count]")
        shown[(str(box.get_attribute("name")), str(box.get_attribute("value")))] = int(label.text.strip("()"))
    if "subject" in ticked:
        assert shown[("subject", "Mathematics")] > 0  # the count the old search showed as (0)
    for (name, value), count in shown.items():
        state = {**ticked, name: [value]}
        browser.get(f"{site_url}catalog/?{urllib.parse.urlencode(state, doseq=True)}")
        status = wait_for_search(browser, "catalog/")
        found = 0 if status == NOTHING_FOUND else int(status.split()[0])
        assert found == count, f"{name}={value}: shows ({count}), ticking it lists {found}"


def test_results_are_in_sight_and_filters_behind_a_button_on_a_phone(
    phone: webdriver.Chrome, site_url: str
) -> None:
    phone.get(f"{site_url}catalog/?grade=9")
    wait_for_search(phone, "grade=9")
    heading = phone.find_element(By.ID, "results")
    assert heading.rect["y"] + heading.rect["height"] < PHONE[1] - 100  # with a result below it
    facets = phone.find_element(By.ID, "mocap-facets")
    toggle = phone.find_element(By.ID, "mocap-filters-toggle")
    assert not facets.is_displayed()
    assert toggle.text == "Filters (1 on)"
    toggle.send_keys(Keys.ENTER)
    assert toggle.get_attribute("aria-expanded") == "true"
    assert facets.is_displayed()
    chip = phone.find_element(By.CSS_SELECTOR, ".mocap-chip")
    assert chip.get_attribute("aria-label") == "Remove the filter Grade: 9"
    chip.send_keys(Keys.ENTER)
    WebDriverWait(phone, 10).until(lambda b: "grade=9" not in b.current_url)
    assert not phone.find_element(By.CSS_SELECTOR, "input[name=grade][value='9']").is_selected()
    assert phone.switch_to.active_element == phone.find_element(By.ID, "mocap-query")


def test_results_sit_beside_the_filters_on_a_wide_screen(browser: webdriver.Chrome, site_url: str) -> None:
    browser.set_window_size(*DESKTOP)
    browser.get(f"{site_url}catalog/?grade=9")
    wait_for_search(browser, "grade=9")
    facets = browser.find_element(By.ID, "mocap-facets").rect
    first = browser.find_element(By.CSS_SELECTOR, "#mocap-results li").rect
    assert first["x"] > facets["x"] + facets["width"]
    assert first["y"] < DESKTOP[1]
    assert not browser.find_element(By.ID, "mocap-filters-toggle").is_displayed()


def test_sorting_by_price_orders_the_semester_prices(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}catalog/")
    wait_for_search(browser, "/catalog/")
    browser.find_element(By.ID, "mocap-sort").send_keys("Price, lowest first")
    wait_for_search(browser, "sort=price-asc")
    every_result(browser)
    facts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".mocap-result__facts")]
    semester = [float(re.findall(r"\$([\d,.]+) a semester", text)[0].replace(",", "")) for text in facts]
    assert len(semester) == len(published_courses())
    assert semester == sorted(semester)
    # a full-year course shows its price per year and per semester
    year = next(c for c in published_courses() if c["length"] == "year")
    row = facts[results(browser).index(str(year["title"]))]
    price = Decimal(str(year["price"]))
    assert f"{money(price)} a year ({money(price / 2)} a semester)" in row


def test_sorting_by_price_highest_first_keeps_equal_prices_in_title_order(
    browser: webdriver.Chrome, site_url: str
) -> None:
    browser.get(f"{site_url}catalog/?sort=price-desc")
    wait_for_search(browser, "sort=price-desc")
    titles = every_result(browser)
    facts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".mocap-result__facts")]
    semester = [Decimal(re.findall(r"\$([\d,.]+) a semester", text)[0].replace(",", "")) for text in facts]
    assert semester == sorted(semester, reverse=True)
    rows = list(zip(semester, titles, strict=True))
    assert rows == sorted(rows, key=lambda row: (-row[0], row[1].casefold()))
    assert len(set(semester)) < len(semester)  # the demo has equal prices to order


def test_a_phone_user_sorts_a_search_from_the_keyboard(phone: webdriver.Chrome, site_url: str) -> None:
    phone.get(f"{site_url}catalog/?q=algebra")
    wait_for_search(phone, "q=algebra")
    found = set(every_result(phone))
    phone.find_element(By.ID, "mocap-query").click()
    for _ in range(10):  # Tab from the search box to the sort list
        if phone.switch_to.active_element.get_attribute("id") == "mocap-sort":
            break
        phone.switch_to.active_element.send_keys(Keys.TAB)
    chooser = phone.switch_to.active_element
    assert chooser.get_attribute("id") == "mocap-sort" and chooser.is_displayed()
    chooser.send_keys("Price, highest first")  # typed, as a keyboard chooses an option
    wait_for_search(phone, "sort=price-desc")
    assert set(every_result(phone)) == found
    facts = [e.text for e in phone.find_elements(By.CSS_SELECTOR, ".mocap-result__facts")]
    semester = [Decimal(re.findall(r"\$([\d,.]+) a semester", text)[0].replace(",", "")) for text in facts]
    assert semester == sorted(semester, reverse=True)


def test_without_words_every_course_is_listed_by_title(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}catalog/")
    wait_for_search(browser, "/catalog/")
    titles = every_result(browser)
    assert titles == sorted((str(c["title"]) for c in published_courses()), key=lambda t: (t.casefold(), t))


def _sort_files_fetched(browser: webdriver.Chrome) -> list[str]:
    """The sort files the page fetched, named without their digest or query."""
    names = browser.execute_script("return performance.getEntriesByType('resource').map((e) => e.name)")
    files = (name.split("?")[0].rsplit("/", 1)[-1] for name in names if "/mocap-sort" in name)
    return sorted(re.sub(r"-[0-9a-f]{16}[.]json$", ".json", name) for name in files)


def test_a_search_fetches_a_sort_order_only_once_it_sorts(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}catalog/?q=spanish")
    wait_for_search(browser, "q=spanish")
    assert _sort_files_fetched(browser) == []
    browser.find_element(By.ID, "mocap-sort").send_keys("Price, lowest first")
    wait_for_search(browser, "sort=price-asc")
    assert _sort_files_fetched(browser) == ["mocap-sort-price.json", "mocap-sorts.json"]


def test_the_current_sort_orders_are_asked_of_the_server_on_each_visit(
    browser: webdriver.Chrome, site_url: str, demo_build: BuildResult
) -> None:
    # A copy kept without asking could name the orders of an older index. A file changed a day
    # ago is one a browser (or a CDN) would keep for hours unasked (a tenth of its age).
    names = demo_build.site_dir / "pagefind/mocap-sorts.json"
    written = names.stat().st_mtime
    os.utime(names, (written - 86_400, written - 86_400))
    try:
        for order in ("price-desc", "price-asc"):  # (the same address again would be a reload)
            browser.get(f"{site_url}catalog/?sort={order}")
            wait_for_search(browser, f"sort={order}")
    finally:
        os.utime(names, (written, written))
    sent = browser.execute_script(
        "return performance.getEntriesByType('resource')"
        ".filter((e) => e.name.includes('/mocap-sorts.json')).map((e) => e.transferSize)"
    )
    assert len(sent) == 1 and sent[0] > 0  # 0: taken from the browser's cache without asking


@contextmanager
def _uncached(browser: webdriver.Chrome, blocked: tuple[str, ...] = ()) -> Iterator[None]:
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": list(blocked)})
    try:
        yield
    finally:
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
        browser.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
        browser.execute_cdp_cmd("Network.disable", {})


UNSORTED = " They could not be sorted: reload the page to try again."


def test_a_sort_order_that_cannot_be_fetched_leaves_the_results_unsorted_and_says_so(
    browser: webdriver.Chrome, site_url: str
) -> None:
    with _uncached(browser, blocked=("*/mocap-sort-price-*",)):
        browser.get(f"{site_url}catalog/?q=spanish&sort=price-asc")
        status = wait_for_search(browser, "sort=price-asc")
    spanish = {str(c["title"]) for c in published_courses() if "Spanish" in str(c["title"])}
    assert spanish and spanish <= set(every_result(browser))
    assert status.endswith(UNSORTED)


def test_an_order_of_another_index_leaves_the_results_unsorted_and_says_so(
    browser: webdriver.Chrome, site_url: str, demo_build: BuildResult
) -> None:
    # The site changed since the page loaded its index: the current order lacks results it found.
    index = demo_build.site_dir / "pagefind"
    order = index / json.loads((index / "mocap-sorts.json").read_text(encoding="utf-8"))["price"]
    kept = order.read_bytes()
    order.write_text(json.dumps(json.loads(kept)[1:]), encoding="utf-8")  # without the cheapest
    try:
        with _uncached(browser):
            browser.get(f"{site_url}catalog/?sort=price-asc")
            status = wait_for_search(browser, "sort=price-asc")
    finally:
        order.write_bytes(kept)
    assert status.endswith(UNSORTED)
    assert len(every_result(browser)) == len(published_courses())


def test_focus_stays_in_the_list_after_the_last_show_more(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}catalog/")
    wait_for_search(browser, "/catalog/")
    while (more := browser.find_element(By.ID, "mocap-more")).is_displayed():
        shown = len(results(browser))
        more.send_keys(Keys.ENTER)
        WebDriverWait(browser, 10).until(lambda b, shown=shown: len(results(b)) > shown)
        focused = browser.switch_to.active_element
        assert focused.tag_name == "a"
        assert focused.text == results(browser)[shown]  # the first of the results just added


def test_without_javascript_the_page_says_what_to_do(site_url: str) -> None:
    html = urllib.request.urlopen(f"{site_url}catalog/").read().decode()  # noqa: S310
    assert "Loading the search" not in html  # a promise the page cannot keep without the script
    noscript = re.search(r"<noscript>(.*?)</noscript>", html, re.S)
    assert noscript
    assert "browse the courses by subject" in noscript.group(1)


def test_result_rows_say_how_a_course_is_paced_and_joined(browser: webdriver.Chrome, site_url: str) -> None:
    browser.get(f"{site_url}catalog/?q=spanish")
    wait_for_search(browser, "q=spanish")
    rows = dict(
        zip(
            results(browser),
            (e.text for e in browser.find_elements(By.CSS_SELECTOR, ".mocap-result__facts")),
            strict=True,
        )
    )
    bluestem = next(
        c for c in published_courses() if c["provider"] == "bluestem-learning" and c["title"] == "Spanish I"
    )
    assert bluestem["schedule"] == {**bluestem["schedule"], "pacing": "self-paced", "enrollment": "rolling"}
    assert "Self-paced · Join at any time" in rows["Spanish I"]


def test_result_rows_say_grade_for_one_grade_and_grades_for_a_span(
    browser: webdriver.Chrome, site_url: str
) -> None:
    browser.get(f"{site_url}catalog/?grade=1")
    wait_for_search(browser, "grade=1")
    facts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".mocap-result__facts")]
    spans = {str(c["grades"]) for c in published_courses() if 1 in grades_in(str(c["grades"]))}
    assert "1" in spans and len(spans) > 1, "the demo has a grade-1 course and a span with grade 1"
    assert any(" · Grade 1 · " in text for text in facts)
    assert all(re.search(r" · Grades? ", text) for text in facts)
    assert not any(re.search(r"Grades \d+ ", text) for text in facts)


def test_task_d_two_algebra_i_courses_side_by_side(sized: webdriver.Chrome, site_url: str) -> None:
    """Task (d): from the results, pick two Algebra I courses and compare them; the address
    can be shared; a course can be taken out again."""
    browser = sized
    browser.get(f"{site_url}catalog/?q=algebra")
    wait_for_search(browser, "q=algebra")
    picked = ["Algebra I", "Honors Algebra I"]
    for title in picked:
        browser.find_element(By.CSS_SELECTOR, f"button[aria-label='Compare {title}']").send_keys(Keys.ENTER)
    link = browser.find_element(By.ID, "mocap-compare-link")
    assert link.text == "Compare the 2 courses"
    link.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(
        lambda b: "side by side" in b.find_element(By.ID, "mocap-compare-status").text
    )
    shared = browser.current_url
    assert (
        "compare/?c=heartland-virtual-school%2Falgebra-i&c=heartland-virtual-school%2Fhonors-algebra-i"
        in shared
    )
    heads = [
        e.text.split("\n")[0] for e in browser.find_elements(By.CSS_SELECTOR, "table.mocap-compare thead th")
    ]
    assert heads == picked
    rows = {
        r.find_element(By.TAG_NAME, "th").text: [c.text for c in r.find_elements(By.TAG_NAME, "td")]
        for r in browser.find_elements(By.CSS_SELECTOR, "table.mocap-compare tbody tr")
    }
    files = {str(c["title"]): c for c in published_courses() if c["provider"] == "heartland-virtual-school"}
    for title, shown in zip(picked, rows["Price per year"], strict=True):
        assert shown == money(Decimal(str(files[title]["price"])))  # both are full-year courses
    assert set(rows) >= {
        "Who teaches",
        "Missouri Learning Standards",
        "NCAA-approved",
        "Term dates",
        "Pacing",
    }
    browser.get(shared)  # the address alone brings the same comparison back
    WebDriverWait(browser, 10).until(
        lambda b: "2 courses side by side" in b.find_element(By.ID, "mocap-compare-status").text
    )
    browser.find_element(By.CSS_SELECTOR, "button[aria-label='Remove Algebra I from the comparison']").click()
    WebDriverWait(browser, 10).until(
        lambda b: "1 course side by side" in b.find_element(By.ID, "mocap-compare-status").text
    )
    assert "algebra-i&" not in browser.current_url and "honors-algebra-i" in browser.current_url
    # Focus stays in the table, on the Remove button now in the removed course's place.
    focused = browser.switch_to.active_element
    assert focused.get_attribute("aria-label") == "Remove Honors Algebra I from the comparison"
    focused.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.ID, "mocap-compare-status").text == "No courses chosen yet."
    )
    assert browser.switch_to.active_element.get_attribute("id") == "mocap-compare-status"
    assert browser.find_elements(By.CSS_SELECTOR, "table.mocap-compare") == []


def _course_ids() -> list[str]:
    """provider/course of each published course, as the compare addresses name them."""
    published = {(c["provider"], c["state_course_number"]) for c in published_courses()}
    paths = sorted((REPO / "catalog/providers").glob("*/courses/*.yaml"))
    numbers = {p: yaml.safe_load(p.read_text(encoding="utf-8"))["state_course_number"] for p in paths}
    return [f"{path.parts[-3]}/{path.stem}" for path in paths if (path.parts[-3], numbers[path]) in published]


def test_a_comparison_address_says_what_it_could_not_show(browser: webdriver.Chrome, site_url: str) -> None:
    ids = _course_ids()
    named = ["<img src=x onerror=alert(1)>", "nobody/no-course", *ids[:5]]
    browser.get(f"{site_url}compare/?{urllib.parse.urlencode([('c', i) for i in named])}")
    WebDriverWait(browser, 10).until(
        lambda b: "side by side" in b.find_element(By.ID, "mocap-compare-status").text
    )
    assert browser.find_element(By.ID, "mocap-compare-status").text == (
        "4 courses side by side. Not course addresses, left out: <img src=x onerror=alert(1)>. "
        "Not in the catalog: nobody/no-course. Only 4 courses fit side by side, so 1 more was left out."
    )
    assert browser.find_elements(By.CSS_SELECTOR, "img") == []
    links = browser.find_elements(By.CSS_SELECTOR, "table.mocap-compare thead th a")
    assert [a.get_attribute("href").split("/courses/")[1].rstrip("/") for a in links] == ids[:4]
    browser.get(f"{site_url}compare/?c=nobody/no-course")
    WebDriverWait(browser, 10).until(
        lambda b: "could be shown" in b.find_element(By.ID, "mocap-compare-status").text
    )
    assert browser.find_element(By.ID, "mocap-compare-status").text == (
        "None of the chosen courses could be shown. Not in the catalog: nobody/no-course."
    )
    assert browser.find_elements(By.CSS_SELECTOR, "table.mocap-compare") == []
    # The only console entries are the expected 404s of the missing course, not script errors.
    logged = browser.get_log("browser")
    assert logged and all(
        "courses/nobody/no-course/ - Failed to load resource" in e["message"] for e in logged
    )


def test_the_catalog_keeps_at_most_four_courses_to_compare_and_clears_them(
    browser: webdriver.Chrome, site_url: str
) -> None:
    ids = _course_ids()
    browser.get(f"{site_url}catalog/?{urllib.parse.urlencode([('compare', i) for i in ids[:6]])}")
    wait_for_search(browser, "compare=")
    link = browser.find_element(By.ID, "mocap-compare-link")
    assert link.text == "Compare the 4 courses"
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(link.get_attribute("href")).query)["c"] == ids[:4]
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(browser.current_url).query)["compare"] == ids[:4]
    clear = browser.find_element(By.ID, "mocap-compare-clear")
    clear.send_keys(Keys.ENTER)
    assert not link.is_displayed() and not clear.is_displayed()
    assert "compare=" not in browser.current_url
    assert browser.switch_to.active_element.get_attribute("id") == "mocap-query"
    assert browser.find_elements(By.CSS_SELECTOR, ".mocap-compare-toggle[aria-pressed='true']") == []


@pytest.fixture(params=[DESKTOP, PHONE], ids=["1280px", "390px"])
def sized(browser: webdriver.Chrome, request: pytest.FixtureRequest) -> Iterator[webdriver.Chrome]:
    browser.set_window_size(*request.param)
    yield browser
    browser.set_window_size(*DESKTOP)


def _tick(browser: webdriver.Chrome, name: str, value: str) -> None:
    """Tick a filter as a visitor would: on a phone, open the Filters panel first."""
    box = browser.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']")
    if not box.is_displayed():
        browser.find_element(By.ID, "mocap-filters-toggle").click()
    box.click()
    wait_for_search(browser, f"{name}=")


def _providers() -> dict[str, str]:
    return {
        path.parent.name: str(yaml.safe_load(path.read_text(encoding="utf-8"))["legal_name"])
        for path in (REPO / "catalog/providers").glob("*/provider.yaml")
    }


def test_task_a_grade_9_world_language_taught_by_a_certified_teacher(
    sized: webdriver.Chrome, site_url: str
) -> None:
    sized.get(f"{site_url}catalog/")
    wait_for_search(sized, "/catalog/")
    _tick(sized, "grade", "9")
    _tick(sized, "subject", "World Languages")
    _tick(sized, "instruction", "50")
    wanted = {
        str(c["title"]): c
        for c in published_courses()
        if c["subject"] == "World Languages" and c["program_code"] == 50 and 9 in grades_in(str(c["grades"]))
    }
    found = every_result(sized)
    assert set(found) == set(wanted) and found
    rows = [e.text for e in sized.find_elements(By.CSS_SELECTOR, ".mocap-result__facts")]
    first = wanted[found[0]]
    price = Decimal(str(first["price"]))
    semester = price / 2 if first["length"] == "year" else price
    assert f"{money(semester)} a semester" in rows[0]
    assert "Taught by the provider's certified teacher" in rows[0]


def test_task_b_every_ap_course_and_who_offers_it(sized: webdriver.Chrome, site_url: str) -> None:
    sized.get(f"{site_url}catalog/")
    wait_for_search(sized, "/catalog/")
    _tick(sized, "type", "Advanced Placement (AP)")
    titles = every_result(sized)
    rows = [e.text for e in sized.find_elements(By.CSS_SELECTOR, ".mocap-result__facts")]
    shown = {(title, row.split(" · ")[0]) for title, row in zip(titles, rows, strict=True)}
    names = _providers()
    assert shown == {(str(c["title"]), names[str(c["provider"])]) for c in published_courses() if is_ap(c)}


def test_task_c_when_and_how_to_enroll_in_a_course(sized: webdriver.Chrome, site_url: str) -> None:
    record = yaml.safe_load(
        (REPO / "catalog/providers/river-bend-online/courses/algebra-i-a.yaml").read_text()
    )
    sized.get(f"{site_url}catalog/")
    wait_for_search(sized, "/catalog/")
    box = sized.find_element(By.ID, "mocap-query")
    box.send_keys("Algebra I A", Keys.ENTER)
    wait_for_search(sized, "q=Algebra")
    sized.find_element(By.LINK_TEXT, "Algebra I A").click()
    WebDriverWait(sized, 10).until(lambda b: "/algebra-i-a/" in b.current_url)
    section = sized.find_element(By.ID, "when").find_element(By.XPATH, "following-sibling::dl[1]").text
    for term in record["schedule"]["terms"]:
        starts, ends, by = (long_date(term[k]) for k in ("starts", "ends", "enroll_by"))
        dates = f"{starts} to {ends}; enroll by {by}"
        assert f"{term['term'].capitalize()} term\n{dates}" in section
    assert "Scheduled" in section and record["technology_requirements"] in section
    sized.find_element(By.LINK_TEXT, "who sets which deadline").click()
    WebDriverWait(sized, 10).until(lambda b: b.current_url.endswith("#who-sets-which-deadline"))
    assert "There is no summer term." in sized.find_element(By.TAG_NAME, "main").text
