"""The public site runs nothing it was sent and publishes nothing personal; builds survive being
killed and being run twice at once."""

from __future__ import annotations

import fcntl
import re
import signal
import subprocess
import sys
import time
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from checks.audit.pages import served
from checks.build import BuildResult, build_site
from checks.catalog import load_catalog
from checks.models.types import free_text_fields
from checks.rules.student_data import EMAIL_ADDRESS, STUDENT_DATA_PATTERNS
from tests.helpers import AS_OF, COURSE, PROVIDER, REPO, digests
from tests.site_fixtures import copy_repo

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
    "[click me](javascript:window.__pwned=3)",
    "</script><script>window.__pwned=4</script>",
    '<a href="data:text/html,<script>parent.__pwned=5</script>">data link</a>',
    "<svg onload=window.__pwned=6>",
    '"><iframe srcdoc="<script>parent.__pwned=7</script>">',
    "{{ 7*7 }} {% raw %} <style>body{display:none}</style>",
)
# Checked against the reference data, so a hostile value withholds the entry instead.
REFERENCE_CHECKED = {("subject",), ("teacher_certification", "areas", 0)}


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
        assert {m.group(0) for m in EMAIL_ADDRESS.finditer(text)} <= public_emails, name
        assert [s.pattern for s in signers if s.search(text)] == [], name
        for pattern, looks_like in STUDENT_DATA_PATTERNS:
            if not name.startswith("assets/"):  # the theme's own scripts hold long numbers
                assert not pattern.search(text), (name, looks_like)


def _fill_free_text(repo: Path, name: str, offset: int) -> dict[str, str]:
    """Put a payload in every free-text field of one catalog file; the payload of each field."""
    path = repo / name
    text = path.read_text(encoding="utf-8")
    catalog = load_catalog(repo / "catalog")
    [entry] = [e for e in (*catalog.providers, *catalog.courses) if e.source.name == name]
    data = yaml.safe_load(text)
    optional: list[tuple[str | int, ...]] = (
        [("prerequisites",), ("materials",)] if "/courses/" in name else []
    )
    for field in optional:
        data.setdefault(field[0], "none")
    filled = {}
    fields = [*optional, *(p for p, _ in free_text_fields(entry.record))]
    for index, field in enumerate(dict.fromkeys(fields)):
        if field in REFERENCE_CHECKED:
            continue
        node = data
        for part in field[:-1]:
            node = node[part]
        node[field[-1]] = filled[".".join(map(str, field))] = PAYLOADS[(index + offset) % len(PAYLOADS)]
    path.write_text(text.splitlines()[0] + "\n" + yaml.safe_dump(data, sort_keys=False, width=1000), "utf-8")
    return filled


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, dict[str, str]]:
    repo = copy_repo(tmp_path_factory.mktemp("hostile"))
    course = _fill_free_text(repo, COURSE, 0)
    assert "legal_name" in _fill_free_text(repo, PROVIDER, 3)
    return build_site(repo, repo / "build/site", AS_OF), course


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
    assert sorted(course) == ["description", "materials", "prerequisites", "title"]
    published = {c.source.name for c in built.publication.courses}
    assert COURSE in published  # the hostile entry is on the site, not withheld
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
    assert not any((repo / "build").glob(".site-*"))
    assert digests(out) == before
