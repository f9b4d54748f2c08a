"""The public site runs nothing it was sent and publishes nothing personal; builds survive being
killed and being run twice at once."""

from __future__ import annotations

import csv
import fcntl
import json
import re
import signal
import subprocess
import sys
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import openpyxl
import pytest
from defusedxml import ElementTree
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from checks.audit.pages import served
from checks.build import build_site
from checks.build_report import BuildResult
from checks.catalog import load_catalog
from checks.rules.student_data import CERTIFICATE_NUMBER, EMAIL, MOSIS_ID, PERSON_NUMBER, SSN
from checks.site.tools import ENGINES
from checks.texts import HIDDEN_CHARACTERS
from tests.fields import leaves, write_with
from tests.helpers import AS_OF, COURSE, PROVIDER, REPO, digests, edit
from tests.site_fixtures import copy_repo, old_sites_removed

CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'"
)
DATA_SCRIPTS = {"application/json", "application/ld+json"}
# Each sets a different mark if it ever runs; none may.
PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "</script><script>window.__pwned=4</script>",
    "<svg onload=window.__pwned=6>",
    '"><iframe srcdoc="<script>parent.__pwned=7</script>">',
    "{{ 7*7 }} {% raw %} <style>body{display:none}</style>",
    '=HYPERLINK("https://evil.example/","open")',
    "+1 {: .md-button onclick=alert(8) }",
    '-2 --- title: "spoofed" ]]> <![CDATA[ x',
    "@SUM(1+1) \\ ` | # heading",
)
# Checked against the reference data, so a hostile value withholds the entry instead.
REFERENCE_CHECKED = {("subject",), ("teacher_certification", "areas", 0)}
FORMULA_STARTS = ("=", "+", "-", "@")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_forbids_inline_scripts_before_any_script_runs(demo_build: BuildResult) -> None:
    for page in html_pages(demo_build.site_dir):
        tags = tags_of(page.read_text(encoding="utf-8"))
        names = [tag for tag, _ in tags]
        policy = next(i for i, (tag, a) in enumerate(tags) if tag == "meta" and a.get("http-equiv"))
        assert tags[policy][1]["content"] == CSP, page
        assert policy < names.index("script"), page
        inline = [
            a for tag, a in tags if tag == "script" and not a.get("src") and a.get("type") not in DATA_SCRIPTS
        ]
        assert inline == [], page


def test_external_links_open_without_opener_or_referrer(demo_build: BuildResult) -> None:
    external = 0
    for page in html_pages(demo_build.site_dir):
        for tag, attributes in tags_of(page.read_text(encoding="utf-8")):
            href = attributes.get("href") or ""
            if tag == "a" and urlparse(href).scheme in {"http", "https"}:
                external += 1
                assert {"noopener", "noreferrer"} <= set((attributes.get("rel") or "").split()), (page, href)
    assert external > 50  # provider sites, evidence and the law


def _site_texts(site: Path) -> dict[str, str]:
    """Every text a visitor or a data user can fetch: pages (as text), feeds and the open data,
    the XLSX workbook's sheets included."""
    texts = {}
    for path in site.rglob("*"):
        name = path.relative_to(site).as_posix()
        if path.suffix in {".html", ".xml", ".csv", ".json"}:
            text = path.read_text(encoding="utf-8")
            texts[name] = re.sub(r"<[^>]+>", " ", text) if path.suffix == ".html" else text
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as workbook:
                for member in workbook.namelist():
                    if member.endswith(".xml"):
                        texts[f"{name}:{member}"] = workbook.read(member).decode("utf-8")
    return texts


def test_nothing_personal_in_the_site_or_its_open_data(demo_build: BuildResult) -> None:
    catalog = load_catalog(REPO / "catalog")
    # Providers' public addresses, and the field reference's example address.
    public_emails = {str(p.record.public_contact.email) for p in catalog.providers} | {"info@example.org"}
    # Who signed the FERPA attestations: kept in the repository, never published.
    signers = [
        re.compile(rf"(?<![\w-]){re.escape(p.record.data_security.ferpa_attestation.signed_by)}(?![\w-])")
        for p in catalog.providers
    ]
    texts = _site_texts(demo_build.site_dir)
    assert any(name.startswith("data/") and name.endswith(".xlsx:xl/sharedStrings.xml") for name in texts)
    for name, text in texts.items():
        found = {m.group(0) for m in EMAIL.finditer(text)}
        # The rules page's examples use the domains reserved for examples, which are no one's.
        assert {f for f in found if not re.search(r"example\W+(dot\W+)?(org|com)", f)} <= public_emails, name
        assert [s.pattern for s in signers if s.search(text)] == [], name
        # The theme's scripts and Pagefind's index names hold long numbers (hashes).
        if not name.startswith(("assets/", "pagefind/")):
            for pattern in (SSN, MOSIS_ID, PERSON_NUMBER, CERTIFICATE_NUMBER):
                assert not pattern.search(text), (name, pattern.pattern)


def _fill_free_text(repo: Path, name: str, record: str, offset: int) -> dict[str, str]:
    """Put a payload in every free-text field of one catalog file (the fields the models
    define, optional ones included); the payload of each field."""
    free = [leaf.path for leaf in leaves(record) if leaf.free_text and leaf.path not in REFERENCE_CHECKED]
    filled = {
        ".".join(map(str, path)): PAYLOADS[(index + offset) % len(PAYLOADS)]
        for index, path in enumerate(free)
    }
    write_with(repo / name, {path: filled[".".join(map(str, path))] for path in free})
    return filled


@pytest.fixture(scope="module", params=list(ENGINES))
def hostile_build(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> tuple[BuildResult, dict[str, str]]:
    repo = copy_repo(tmp_path_factory.mktemp("hostile"))
    course = _fill_free_text(repo, COURSE, "course", 0)
    assert "legal_name" in _fill_free_text(repo, PROVIDER, "provider", 3)
    # What a spreadsheet would run: the title and the provider's name go into the open data.
    course["title"] = '=HYPERLINK("https://evil.example/","open") {: .md-button onclick=alert(9) }'
    write_with(repo / COURSE, {("title",): course["title"]})
    write_with(repo / PROVIDER, {("legal_name",): "@SUM(1+1) -- Academy"})
    return build_site(repo, repo / "build/site", AS_OF, engine=request.param), course


def _unpwned(browser: webdriver.Chrome) -> None:
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text
    assert browser.execute_script("return window.__pwned") is None
    assert browser.find_elements(By.CSS_SELECTOR, "main iframe, main svg[onload], main img[onerror]") == []
    links = [a.get_attribute("href") or "" for a in browser.find_elements(By.CSS_SELECTOR, "main a")]
    assert [link for link in links if link.startswith(("javascript:", "data:"))] == []


def test_a_catalog_full_of_hostile_text_publishes_and_runs_none_of_it(
    hostile_build: tuple[BuildResult, dict[str, str]], browser: webdriver.Chrome
) -> None:
    built, course = hostile_build
    assert {"description", "materials", "prerequisites", "title", "maintainer_notes"} <= set(course)
    published = {c.source.name for c in built.publication.courses}
    assert COURSE in published, built.publication.withheld  # the hostile entry is on the site, not withheld
    with served(built.site_dir) as base:
        for page in (
            "courses/river-bend-online/algebra-i-a/",
            "providers/river-bend-online/",
            "catalog/",
            "new/",
            "subjects/mathematics/",
        ):
            browser.get(base + page)
            _unpwned(browser)
        browser.get(base + "courses/river-bend-online/algebra-i-a/")
        assert browser.find_element(By.TAG_NAME, "h1").text == course["title"]  # shown as text
        browser.get(base + "catalog/?q=pwned")
        WebDriverWait(browser, 15).until(lambda b: "found" in b.find_element(By.ID, "mocap-status").text)
        _unpwned(browser)
        errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        assert [e for e in errors if "Content Security Policy" in e] == []


def test_hostile_text_is_inert_in_the_feed_the_json_ld_and_the_open_data(
    hostile_build: tuple[BuildResult, dict[str, str]],
) -> None:
    built, course = hostile_build
    site = built.site_dir
    ElementTree.parse(site / "feed.xml")  # well-formed, whatever the titles hold
    page = (site / "courses/river-bend-online/algebra-i-a/index.html").read_text(encoding="utf-8")
    [jsonld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    assert json.loads(jsonld)["name"] == course["title"]
    assert [a for _, a in tags_of(page) if "md-button" in (a.get("class") or "")] == []
    assert [t for t, a in tags_of(page) if any(k.startswith("on") for k in a)] == []
    for table in ("courses", "providers"):
        with (site / f"data/{table}.csv").open(encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert [c for c in cells if c.startswith(FORMULA_STARTS)] == [], table
        assert "'@SUM(1+1) -- Academy" in cells, table
    workbook = openpyxl.load_workbook(site / "data/mocap-catalog.xlsx")
    formulas = [
        c.coordinate for sheet in workbook for row in sheet.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []
    quoted = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row if c.quotePrefix]
    assert course["title"] in quoted and "@SUM(1+1) -- Academy" in quoted
    for name, text in _site_texts(site).items():
        assert not HIDDEN_CHARACTERS.search(text.replace("\r\n", "\n")), name


def test_hidden_characters_never_reach_a_page(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    edit(
        repo,
        COURSE,
        {"title": "Algebra\x7f I\u202e A", "description": "Line\x0bbreak\x85 and \u2066isolate\u2069"},
    )
    built = build_site(repo, repo / "build/site", AS_OF)
    reasons = {w.file: w.reason for w in built.publication.withheld}
    assert reasons[COURSE].startswith("fails the checks: TXT01")
    assert not (repo / "build/site/courses/river-bend-online/algebra-i-a").exists()


def test_hidden_characters_in_text_no_check_reads_are_taken_out_of_the_page(tmp_path: Path) -> None:
    """The second wall: DESE's reference data is not a submitter's text, yet what it says of a
    standard is printed on course pages."""
    repo = copy_repo(tmp_path)
    standards = repo / "catalog/reference/learning_standards.csv"
    text = "Meaning of rational exponents extends from integer exponents"
    hostile = "Meaning of\u202e rational\x0b exponents\u2066 extends from integer exponents"
    standards.write_text(standards.read_text(encoding="utf-8").replace(text, hostile), encoding="utf-8")
    built = build_site(repo, repo / "build/site", AS_OF)
    page = (built.site_dir / "courses/river-bend-online/algebra-i-a/index.html").read_text(encoding="utf-8")
    assert f"<code>A1.NQ.A.1</code> {text}</li>" in page
    assert not HIDDEN_CHARACTERS.search(page.replace("\r\n", "\n"))


def _mocap_build(repo: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "checks.cli", "build", "--as-of", AS_OF.isoformat()]
    return subprocess.Popen(command, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_a_build_waits_while_another_holds_the_lock(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    (repo / "build").mkdir()
    with (repo / "build/.mocap-build.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        waiting = _mocap_build(repo)
        time.sleep(3)  # a demo build takes about 2 s unhindered
        assert waiting.poll() is None
        assert not any((repo / "build").glob(".site-*"))  # it has not started writing
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert waiting.wait(timeout=120) == 0
    assert (repo / "build/site/index.html").is_file()


def test_two_builds_at_once_take_turns_and_both_leave_a_whole_site(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    first, second = _mocap_build(repo), _mocap_build(repo)
    assert (first.wait(), second.wait()) == (0, 0)
    alone = build_site(repo, tmp_path / "alone/site", AS_OF)
    assert digests(repo / "build/site") == digests(alone.site_dir)
    old_sites_removed(repo / "build")  # in the background, after each build
    assert sorted(p.name for p in (repo / "build").iterdir()) == [
        ".mocap-build.lock",
        "build-report.json",
        "site",
    ]


def test_a_killed_build_leaves_the_previous_site_and_the_next_build_cleans_up(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    out = repo / "build/site"
    build_site(repo, out, AS_OF)
    before = digests(out)
    killed = _mocap_build(repo)
    deadline = time.monotonic() + 60
    while not any((repo / "build").glob(".site-*/pages")) and time.monotonic() < deadline:
        time.sleep(0.01)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert any((repo / "build").glob(".site-*"))  # killed mid-build
    assert digests(out) == before
    build_site(repo, out, AS_OF)
    old_sites_removed(repo / "build")
    assert digests(out) == before
